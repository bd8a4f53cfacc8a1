"""Demo tickets of the Mesa de Servicios, built by `demo.build_demo`.

Every ticket goes through the real use cases (`tickets.create` after the form check,
`desk.take`, `desk.answer`, `tickets.accept`...), each called with the historical time the
script chose, so numbers come from the counter, routing and due times from the rules, and the
history, the audit trail and the mailbox notices are what the program itself would have
written. The steps of all tickets run in time order (a small event queue), so the numbers grow
with the registration time and a follow-up opened by "No conforme" gets the number of its day.

The reference moment (`now`) is where the demo stands: tickets spread over the 18 months
before it, a few open ones overdue and a few due on its day. It is, in order: the `now`
argument; `today` in the `[tickets]` table of `data/demo/demo.toml` (10:00 in Guayaquil of
that day); the real clock when the demo is built (`reference_now()`, which tests replace).
No step is ever later than it. The data set is the same for the same reference and seed.
"""

from __future__ import annotations

import heapq
import random
import struct
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlmodel import Session, col, select
from stdnum.ec import ci

from ecuapass_tui.core.clock import ECUADOR, local
from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.mesa import sla, tickets
from ecuapass_tui.services.mesa import staff as desk
from ecuapass_tui.services.mesa import ticket_store as ts
from ecuapass_tui.services.mesa.ticket_dto import Outcome, TicketKind, TicketState
from ecuapass_tui.store.models import MailboxNotice, Ticket, User

DEFAULT_SEED = 20240601
DEFAULT_COUNT = 100  # tickets opened by scripts; follow-ups, duplicates and quejas come on top
DEFAULT_MONTHS = 18
OCE_USERS = ("agente", "empleado", "importador", "mtorres", "entidad", "organismo", "ciudadano")
# The form asks for a telephone: these users have none in their account (or, mtorres, one the
# form refuses: 097 is not a mobile prefix) and type one.
TYPED_PHONES = {"entidad": "02 382 8860", "organismo": "02 299 5500", "ciudadano": "098 445 5667",
                "mtorres": "099 711 2233"}  # fmt: skip
OCE_OF = {"agente": "03907058", "empleado": "03907058", "importador": "41700215",
          "mtorres": "41812207", "entidad": "60100017"}  # fmt: skip
DISTRICTS = ("028", "028", "028", "019", "019", "055", "055", "037", "064", "091", "073", "082")


def reference_now() -> datetime:
    """The real clock (tests replace it to build the demo at a frozen time)."""
    return datetime.now(UTC)


# ---------------------------------------------------------------- small valid files


def png_file(seed: int, width: int = 24, height: int = 16) -> bytes:
    """A real PNG (RGB, one colour band per row): a stand-in for a screenshot."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        body = tag + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rng = random.Random(seed)  # noqa: S311  (demo data, not secrets)
    base = [rng.randrange(256) for _ in range(3)]
    rows = b"".join(
        b"\x00"
        + bytes(
            value
            for x in range(width)
            for value in ((base[0] + y * 7) & 255, (base[1] + x * 5) & 255, base[2])
        )
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def _pdf_text(text: str) -> str:
    ascii_text = text.encode("latin-1", "replace").decode("latin-1")
    return ascii_text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_file(lines: list[str]) -> bytes:
    """A real one-page PDF (Helvetica, WinAnsi) with the lines given, xref offsets exact."""
    ops = ["BT", "/F1 11 Tf", "14 TL", "56 780 Td"]
    for line in lines:
        ops.append(f"({_pdf_text(line)}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# ---------------------------------------------------------------- texts

# Incidents: (how the option is given, option or screen name, account of what happened).
INCIDENTS: tuple[tuple[str, str, str], ...] = (
    (
        "texto",
        "1.3 Integración de estados del trámite - Estado de Trámite Integral",
        "Al consultar en 1.3 el estado de la DAI {dai} con el filtro Periodo = Hoy, la pantalla "
        "queda en blanco después de pulsar Consultar y luego aparece «Error al procesar la "
        "solicitud». Probé en Chrome y en Edge, borré la caché y el resultado es el mismo. "
        "Necesito confirmar si la DAI ya tiene canal de aforo asignado.",
    ),
    (
        "texto",
        "Transmisión de DAI - Firma electrónica con token",
        "Al firmar la DAI {dai} con el token USB, el componente de firma muestra «No se encontró "
        "un certificado válido en el dispositivo», aunque el certificado está vigente y funciona "
        "en otros portales. El token está conectado y el controlador actualizado; el error se "
        "repite en dos computadoras. No puedo transmitir la declaración.",
    ),
    (
        "texto",
        "1.6 e-Documentos - Envío de documento electrónico",
        "La transmisión de la DAI {dai} devuelve el rechazo «Error de validación: el valor FOB "
        "total no coincide con la suma de los ítems», pero revisé ítem por ítem y la suma es "
        "exacta (USD 18.450,00). La misma declaración se transmitió sin problemas la semana "
        "pasada con otro número de factura.",
    ),
    (
        "menu",
        "2.6",
        "En 2.6 Catálogos, al elegir el catálogo de unidades físicas la tabla se queda cargando "
        "y después de un minuto muestra «Tiempo de espera agotado». Otros catálogos abren bien. "
        "Lo necesito para completar las unidades de la DAI que estoy preparando.",
    ),
    (
        "menu",
        "2.4.1",
        "En 2.4.1 Puntos de vista de RUC, al consultar el RUC de nuestro proveedor local el "
        "sistema muestra la razón social anterior y la dirección antigua, aunque el SRI ya "
        "tiene los datos actualizados desde hace tres semanas. ¿Cada cuánto se sincroniza?",
    ),
    (
        "texto",
        "2.7 Verificar la integridad del documento",
        "Al verificar la integridad de la DAE {dai} descargada del portal, la opción 2.7 indica "
        "«Firma no válida: el documento fue modificado», pero el archivo no se abrió ni se "
        "editó; solo se descargó y se cargó de nuevo. El cliente del exterior exige la "
        "verificación para liberar el pago.",
    ),
    (
        "texto",
        "Solicitud del uso (Representante) - Identificación única de certificado digital",
        "En la solicitud de uso, al pulsar [Buscar] junto a Identificación única de certificado "
        "digital, el sistema no reconoce el archivo .p12 emitido por el Banco Central y muestra "
        "«Certificado no soportado». La clave del certificado es correcta: lo uso para firmar "
        "documentos en el SRI sin problemas.",
    ),
    (
        "texto",
        "Ventanilla Única - Pago-e - Liquidación",
        "Pagué en el banco la liquidación de la DAI {dai} hace más de 24 horas y el estado sigue "
        "«Pendiente de pago»; por eso no se genera la salida autorizada y la carga continúa en "
        "el depósito temporal con costo de bodegaje. Adjunto el comprobante del banco.",
    ),
    (
        "texto",
        "1.11 Solicitud de facilidades de pago para obligaciones pendientes",
        "Al enviar la solicitud de facilidades de pago, después de llenar el número de "
        "liquidación y el plazo de 12 meses, el sistema responde «Error interno del servidor "
        "(500)» y no genera el número de solicitud. Lo intenté tres veces en distintos horarios "
        "con el mismo resultado.",
    ),
    (
        "menu",
        "3.11.1",
        "En 3.11.1 Mi página no aparecen los trámites recientes ni las notificaciones de los "
        "últimos días: el panel muestra «Sin información» aunque ayer transmití dos DAI que sí "
        "se ven en 1.3. Cerré la sesión y volví a entrar sin cambios.",
    ),
    (
        "texto",
        "Manifiesto de carga (MRN) - Transmisión del manifiesto MIM",
        "La transmisión del manifiesto de importación marítimo devuelve «Documento de transporte "
        "duplicado» para el BL MSCU7712045, que no fue transmitido antes por nuestra línea. El "
        "buque arriba mañana a Guayaquil y sin el manifiesto no se puede registrar el arribo.",
    ),
    (
        "texto",
        "Ventanilla Única - Documentos de Acompañamiento",
        "El permiso sanitario de importación aprobado por ARCSA en la VUE no se asocia a la DAI "
        "{dai}: al transmitirla aparece «Documento de acompañamiento no encontrado o no "
        "vigente», aunque en la VUE consta como aprobado y vigente hasta el próximo año.",
    ),
)

# Consultations: motive -> (asunto, descripción, answer).
CONSULTAS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "clasificacion_arancelaria": (
        (
            "Subpartida para bombas de agua sumergibles",
            "Importaremos bombas de agua sumergibles de 1,5 HP para pozos, con motor eléctrico "
            "incorporado. ¿Corresponde la subpartida 8413.70.11.00 o la 8413.70.19.00? Adjunto la "
            "ficha técnica del fabricante.",
            "Según las Reglas Generales Interpretativas 1 y 6 y la ficha técnica, las bombas "
            "centrífugas sumergibles monocelulares se clasifican en la subpartida 8413.70.11.00. "
            "Esta respuesta es referencial; para un criterio vinculante solicite una resolución "
            "anticipada de clasificación.",
        ),
        (
            "Clasificación de auriculares inalámbricos con micrófono",
            "Consulta sobre la clasificación de auriculares Bluetooth con micrófono incorporado y "
            "estuche de carga. Adjunto catálogo y fotografías de la mercancía.",
            "Los auriculares con micrófono combinados se clasifican en la subpartida 8518.30.00, "
            "con el código nacional que corresponda en el arancel vigente (2.1.1 Consulta de "
            "arancel). El estuche de carga sigue la clasificación del artículo principal.",
        ),
        (
            "Partida de kits de paneles solares con inversor",
            "Importaremos kits con paneles fotovoltaicos, inversor, cables y estructura de montaje "
            "en una sola caja. ¿Se clasifican juntos o por separado? Adjunto la lista de empaque.",
            "Los kits no constituyen un juego en el sentido de la Regla 3 b): cada componente se "
            "clasifica por separado (paneles en 8541.43, inversor en 8504.40, estructura según su "
            "materia). Declare cada ítem en la DAI con su subpartida.",
        ),
        (
            "Clasificación de cápsulas de café compostables",
            "¿Qué subpartida corresponde a cápsulas compostables con café tostado molido, para "
            "máquinas de espresso? Adjunto la ficha técnica y la etiqueta.",
            "El café tostado molido acondicionado en cápsulas se clasifica en la subpartida "
            "0901.21, sin descafeinar. Revise en 2.1.1 Consulta de arancel el código nacional y "
            "los documentos de control previo que exige el ARCSA.",
        ),
    ),
    "valoracion_aduanera": (
        (
            "Ajuste por regalías en el valor en aduana",
            "Pagamos regalías al licenciante de la marca por cada unidad vendida en el Ecuador. "
            "¿Deben sumarse al valor en aduana de las importaciones? Adjunto el contrato.",
            "Conforme al artículo 8.1 c) del Acuerdo de Valoración de la OMC, las regalías "
            "relacionadas con la mercancía importada y pagadas como condición de venta forman "
            "parte del valor en aduana. Declárelas como ajuste en la DAI.",
        ),
        (
            "Seguro no declarado: 1 % presunto",
            "Nuestra póliza de seguro de transporte es anual y no se emite por embarque. ¿Cómo se "
            "declara el seguro en la DAI? Adjunto la póliza y la factura comercial.",
            "Cuando no se presenta la póliza por embarque se aplica el seguro presunto del 1 % del "
            "valor FOB. Con una póliza anual puede declarar la prima prorrateada si la adjunta "
            "como documento de soporte.",
        ),
        (
            "Descuentos por pronto pago en la factura comercial",
            "El proveedor concede un 3 % de descuento por pronto pago que aparece en la factura. "
            "¿Se acepta para el valor en aduana? Adjunto la factura y el comprobante de pago.",
            "El descuento por pronto pago se admite si está en la factura, es anterior a la "
            "importación y se demuestra que fue efectivamente aplicado al pago. Conserve el "
            "comprobante para el control posterior.",
        ),
    ),
    "regimenes_aduaneros": (
        (
            "Admisión temporal de maquinaria para una feria",
            "Traeremos maquinaria para exhibirla en una feria de diez días en Guayaquil y "
            "reexportarla luego. ¿Qué régimen corresponde y qué garantía se exige?",
            "Corresponde el régimen de admisión temporal para reexportación en el mismo estado "
            "(régimen 20). Se exige una garantía por los tributos suspendidos y el plazo se fija "
            "según la duración del evento.",
        ),
        (
            "Régimen 94 courier: límites de la categoría B",
            "¿Cuál es el límite de valor y de peso de los envíos de categoría B por courier, y "
            "cuántos envíos al año se permiten por persona?",
            "La categoría B del régimen de mensajería acelerada (94) comprende envíos de hasta "
            "4 kg y USD 400. Consulte la resolución vigente del SENAE para el cupo anual por "
            "persona y las mercancías excluidas.",
        ),
        (
            "Reimportación de equipos enviados a reparación",
            "Exportamos temporalmente un equipo de laboratorio para su reparación en Alemania. "
            "¿Cómo se declara el retorno y qué tributos se pagan?",
            "El retorno se declara como reimportación tras la exportación temporal para "
            "perfeccionamiento pasivo; se pagan tributos solo sobre el valor agregado de la "
            "reparación, con la factura del servicio como documento de soporte.",
        ),
    ),
    "registro_oce_usuarios": (
        (
            "No llega el código de seguridad de la actualización anual",
            "En 3.2.3 Modificar información de registro de usuario solicito el código de "
            "seguridad, pero no llega al correo registrado, ni siquiera a la carpeta de spam.",
            "Verificamos que el correo registrado tenía un error de escritura. Se corrigió; "
            "solicite de nuevo el código: llega en pocos minutos y vale unos 15 minutos.",
        ),
        (
            "Permiso de opciones para un empleado",
            "Al ingresar con mi usuario de empleado aparece «No está asignado el permiso al "
            "usuario» en la transmisión de DAI. ¿Quién debe asignarme el permiso?",
            "El permiso de cada opción lo otorga el Representante de la empresa desde la gestión "
            "de usuarios de su registro. Una vez asignado, cierre la sesión y vuelva a ingresar.",
        ),
        (
            "Registro de un nuevo código de OCE",
            "La empresa obtuvo la autorización como depósito temporal. ¿Cómo se agrega el nuevo "
            "tipo de OCE al registro existente en Ecuapass?",
            "Agregue el tipo de OCE en la tabla Tipo de OCEs de 3.2.3 Modificar información de "
            "registro de usuario, con la resolución de autorización adjunta, y firme el convenio "
            "con su certificado digital.",
        ),
        (
            "Cambio de representante legal",
            "Cambió el representante legal de la compañía. ¿Qué trámite debe hacer el nuevo "
            "representante para registrarse y dar de baja al anterior?",
            "El nuevo representante registra su solicitud de uso con el nombramiento inscrito; "
            "al aprobarse, el usuario anterior queda inhabilitado. Los empleados conservan sus "
            "permisos.",
        ),
    ),
    "tramites_ecuapass": (
        (
            "Estados de la DAI después del aforo documental",
            "Mi DAI tiene canal de aforo documental. En 1.3 aparece «Aforo observado». ¿Qué "
            "significa y qué debo hacer para continuar el trámite?",
            "«Aforo observado» indica que el técnico registró una observación. Revísela en el "
            "detalle de la DAI, responda con los documentos pedidos y el aforo continuará; luego "
            "se emite la liquidación.",
        ),
        (
            "Corrección de una DAI ya aceptada",
            "Transmití una DAI con un error en el peso bruto y ya tiene número de aceptación. "
            "¿Cómo la corrijo sin anularla?",
            "Antes del aforo puede solicitar la corrección mediante una DAI sustitutiva; después "
            "del levante, mediante solicitud de corrección al distrito, con el documento de "
            "transporte como respaldo.",
        ),
        (
            "Plazo para regularizar una DAE",
            "¿En qué plazo debo regularizar la DAE después del embarque y qué pasa si no lo hago?",
            "La DAE se regulariza dentro de los 30 días siguientes al embarque con los documentos "
            "definitivos; una DAE no regularizada impide nuevas exportaciones del exportador.",
        ),
        (
            "Tasa de cambio para facturas en euros",
            "Tengo facturas en euros. ¿Qué tasa de cambio se aplica en la DAI y dónde se consulta?",
            "Se aplica la tasa vigente a la fecha de transmisión de la DAI, publicada en 2.1.2 "
            "Consulta de tasa de moneda de Servicios Informativos.",
        ),
    ),
    "otros": (
        (
            "Atención de la Mesa de Servicios en feriados",
            "¿La Mesa de Servicios atiende los feriados nacionales? Tenemos embarques durante el "
            "feriado de carnaval y queremos saber a quién acudir.",
            "El registro de tickets funciona las 24 horas; la atención es de lunes a viernes de "
            "08h00 a 17h00, sin feriados. Para urgencias operativas acuda al distrito de turno.",
        ),
        (
            "Certificado de no adeudar al SENAE",
            "Necesito un certificado de que la empresa no mantiene obligaciones pendientes con el "
            "SENAE para una licitación pública. ¿Dónde se solicita?",
            "El certificado se solicita en línea con la firma electrónica del representante; se "
            "emite de inmediato cuando no hay obligaciones pendientes.",
        ),
    ),
}

INCIDENT_ANSWERS = (
    "Se corrigió el error en el servicio de consulta; vuelva a intentarlo. Si el problema "
    "persiste, adjunte una nueva captura con la fecha y la hora.",
    "El incidente se debió a una actualización del componente de firma. Descargue la versión "
    "vigente desde la Guía del uso, reinstálela y vuelva a firmar.",
    "Se reprocesó la transmisión desde el sistema: el documento ya consta como aceptado. No es "
    "necesario transmitirlo de nuevo.",
    "Se sincronizaron los datos con la fuente y el error ya no se reproduce. Gracias por el "
    "reporte detallado y las capturas.",
)
QUEJAS = (
    "La respuesta del ticket {n} tardó más de una semana y no resolvió el problema: tuve que "
    "pagar bodegaje adicional mientras esperaba.",
    "Llamé tres veces al 1800-ADUANA por el ticket {n} y en cada llamada me pidieron los mismos "
    "datos; nadie me dio una solución concreta.",
    "El ticket {n} se cerró sin que nadie verificara que el error estaba corregido; el problema "
    "sigue igual en mi computadora.",
)
QUEJA_ANSWERS = (
    "Lamentamos las molestias. Revisamos la atención del caso con el equipo, reforzamos el "
    "seguimiento de tickets vencidos y un analista le contactará para cerrar el tema.",
    "Su queja fue revisada por la Jefatura de Atención al Usuario: se identificó una demora en "
    "la asignación y se tomaron medidas para evitarla.",
)
ASKS = (
    "Por favor adjunte la captura completa de la pantalla donde se vea el mensaje de error con "
    "la fecha y la hora.",
    "Indique el número de entrega del documento afectado y el navegador que utiliza.",
    "Necesitamos la ficha técnica completa de la mercancía (materiales, función y uso) para "
    "emitir el criterio.",
    "Confirme si el problema ocurre con otros usuarios de su empresa o solo con el suyo.",
)
REPLIES = (
    "Adjunto la captura solicitada; el error se repitió esta mañana.",
    "El número de entrega es el indicado en la descripción; uso Chrome actualizado.",
    "Adjunto la ficha técnica del fabricante con la composición y el uso de la mercancía.",
    "Sucede también con el usuario de otra compañera de la empresa.",
)
NOTES = (
    "Se replicó el error en el ambiente de pruebas; escalado a Desarrollo (caso interno DTI).",
    "Coincide con la ventana de mantenimiento del servicio de transmisión de esa noche.",
    "El usuario llamó al 1800-ADUANA preguntando por el estado del ticket.",
    "Revisado con Técnica Aduanera: criterio consistente con consultas anteriores.",
    "Pendiente confirmar con el distrito antes de responder.",
)
CANCELS = (
    "El usuario informa que registró el requerimiento por error.",
    "La solicitud no corresponde a la Mesa de Servicios: se orientó al usuario a la ventanilla "
    "del distrito.",
    "El usuario retiró el requerimiento: el trámite se resolvió en el distrito.",
)
REJECTS = (
    "La solución indicada no funciona: el mismo error aparece al volver a intentar.",
    "La respuesta no aclara mi caso concreto; necesito un criterio para mi mercancía.",
    "Sigo sin poder continuar con el trámite, el estado no cambió.",
)
COMMENTS = ("", "", "Gracias por la rápida atención.", "Respuesta clara y completa.",
            "Resuelto, aunque tardó un poco.")  # fmt: skip
PHONE_CALLS = (
    (
        "consulta",
        "tramites_ecuapass",
        "Estado de la DAI después del pago",
        "El ciudadano pregunta por qué su DAI no cambia de estado después de pagar la liquidación.",
        "tramite_exitoso",
        "Se verificó el pago en línea; el estado se actualiza en unos minutos. Se le indicó "
        "consultar 1.3.",
    ),
    (
        "consulta",
        "registro_oce_usuarios",
        "Reinicio de clave de Ecuapass",
        "El usuario olvidó su clave y su cuenta quedó bloqueada tras varios intentos fallidos.",
        "servicio_atendido",
        "Se le guió por Buscar ID / Reinicio de clave con el correo registrado; ingresó "
        "correctamente.",
    ),
    (
        "consulta",
        "otros",
        "Horario de atención del distrito Guayaquil",
        "Consulta los horarios de atención presencial del distrito Guayaquil Marítimo.",
        "consulta_absuelta",
        "Se informó el horario de 08h00 a 17h00 de lunes a viernes.",
    ),
    (
        "consulta",
        "regimenes_aduaneros",
        "Envíos por courier de categoría B",
        "Pregunta por el valor máximo de un envío courier de categoría B y los tributos.",
        "consulta_absuelta",
        "Se explicaron los límites de peso y valor de la categoría B y dónde ver la resolución.",
    ),
    (
        "incidente",
        "",
        "Error al firmar la DAI con el token",
        "El agente indica que el componente de firma no reconoce su token desde esta mañana.",
        "incidente_solucionado",
        "Se guió la reinstalación del componente de firma; firmó y transmitió la DAI.",
    ),
)
ANON_CALLERS = (("ROSA ELENA CHIMBO PILCO", "060123456"), ("LUIS ALBERTO MERA SOLÓRZANO",
                "130456789"), ("GABRIELA ISABEL NARVÁEZ RUIZ", "100234567"))  # fmt: skip


def _cedula(first_nine: str) -> str:
    return next(first_nine + str(d) for d in range(10) if ci.is_valid(first_nine + str(d)))


# ---------------------------------------------------------------- the event queue


@dataclass(order=True)
class _Step:
    at: datetime
    seq: int
    script: Iterator[datetime] = field(compare=False)


Script = Iterator[datetime]


class _Builder:
    def __init__(
        self, session: Session, users: Mapping[str, User], now: datetime, rng: random.Random
    ) -> None:
        self.session = session
        self.now = now
        self.rng = rng
        self.at = now
        self.queue: list[_Step] = []
        self.seq = 0
        self.actors = {name: self._actor(u) for name, u in users.items()}
        self.users = dict(users)
        self.analista = self.actors["analista"]
        self.supervisor = self.actors["supervisor"]
        self.last_incident: str | None = None
        self.files = 0
        self.ids: dict[str, int] = {}
        self.contacts: dict[str, dict[str, object]] = {}

    def _actor(self, user: User) -> Actor:
        assert user.id is not None
        oce = OCE_OF.get(user.username)
        return Actor(
            user.id, user.username, user.user_class, user.full_name, user.company_id, "es", oce
        )

    # -- scheduling
    def spawn(self, script: Script) -> None:
        try:
            first = next(script)
        except StopIteration:
            return
        self._push(first, script)

    def _push(self, at: datetime, script: Script) -> None:
        at = at.replace(microsecond=0)
        if at > self.now:
            return  # the rest of this ticket's life has not happened yet
        self.seq += 1
        heapq.heappush(self.queue, _Step(at, self.seq, script))

    def run(self, checkpoint: Callable[[], None] | None = None) -> None:
        while self.queue:
            step = heapq.heappop(self.queue)
            self.at = step.at
            try:
                following: datetime | None = next(step.script)
            except StopIteration:
                following = None
            if checkpoint is not None:
                checkpoint()  # after a whole step, never in the middle of one
            if following is not None:
                self._push(max(following, step.at), step.script)

    # -- time
    def work(self, start: datetime, low: float, high: float) -> datetime:
        """A staff moment: `low`..`high` business hours after `start`."""
        return sla.add_business_hours(start, self.rng.uniform(low, high))

    def later(self, start: datetime, low_h: float, high_h: float) -> datetime:
        """A user's moment: wall-clock hours after `start`, moved into 07:00-22:00 local."""
        moment = local(start + timedelta(hours=self.rng.uniform(low_h, high_h)))
        if moment.hour < 7:
            moment = moment.replace(hour=7 + self.rng.randrange(3), minute=self.rng.randrange(60))
        elif moment.hour >= 22:
            moment = (moment + timedelta(days=1)).replace(hour=8, minute=self.rng.randrange(60))
        return moment.astimezone(UTC)

    def staff_for(self, ticket: Ticket) -> Actor:
        if ticket.queue_code == "tecnica_aduanera" and ticket.assignee_id != self.analista.user_id:
            return self.supervisor
        if ticket.kind == TicketKind.QUEJA:
            return self.supervisor if self.rng.random() < 0.7 else self.analista
        return self.analista if self.rng.random() < 0.75 else self.supervisor

    def prefill(self, username: str) -> dict[str, object]:
        """The contact block the form offers this user (read once per user)."""
        if username not in self.contacts:
            self.contacts[username] = tickets.contact_prefill(self.session, self.actors[username])
        return dict(self.contacts[username])

    def ticket(self, number: str) -> Ticket:
        """The ticket row, from the session's identity map (no query)."""
        found = self.session.get(Ticket, self.ids[number])
        assert found is not None
        return found

    def known(self, number: str, ticket_id: int | None) -> str:
        assert ticket_id is not None
        self.ids[number] = ticket_id
        return number

    # -- files
    def screenshot(self, number_hint: str, where: str) -> Attachment:
        self.files += 1
        stamp = local(self.at).strftime("%d/%m/%Y %H:%M")
        if self.rng.random() < 0.5:
            return Attachment(f"captura_{self.files:03d}.png", png_file(self.files))
        lines = ["ECUAPASS - Captura de pantalla", where, f"Fecha y hora: {stamp}", number_hint]
        return Attachment(f"capturas_{self.files:03d}.pdf", pdf_file(lines))

    def document(self, title: str) -> Attachment:
        self.files += 1
        lines = [title, f"Documento de respaldo {self.files:03d}", local(self.at).strftime("%x")]
        return Attachment(f"respaldo_{self.files:03d}.pdf", pdf_file(lines))


# ---------------------------------------------------------------- one ticket's life


@dataclass
class _Plan:
    user: str
    kind: str
    created: datetime
    fate: str  # conforme, no_conforme, sin_respuesta, anulado, fusionado, open_*
    motive: str = ""
    template: int = 0
    ask: bool = False
    note: bool = False
    reroute: bool = False
    queja: bool = False
    speed: float = 1.0  # > 1: the desk is late with this one
    depth: int = 0


def _values(b: _Builder, plan: _Plan) -> tuple[dict[str, object], list[tuple[str, Attachment]]]:
    values = b.prefill(plan.user)
    values["telefono"] = TYPED_PHONES.get(plan.user) or values.get("telefono")
    rng = b.rng
    district = rng.choice(DISTRICTS)
    dai = f"{district}-{local(plan.created).year}-10-{rng.randrange(10**7, 10**8):08d}"
    if plan.kind == TicketKind.INCIDENTE:
        how, option, text = INCIDENTS[plan.template % len(INCIDENTS)]
        values["forma_opcion"] = how
        values["opcion_sistema" if how == "menu" else "nombre_pantalla"] = option
        values["fecha_evento"] = plan.created - timedelta(minutes=rng.randrange(5, 600))
        values["distrito"] = district
        if "{dai}" in text:
            values["documento_relacionado"] = dai
        values["descripcion"] = text.format(dai=dai)
        shots = [b.screenshot(dai, option) for _ in range(1 + (rng.random() < 0.3))]
        values["capturas"] = shots
        return values, [("capturas", s) for s in shots]
    asunto, text, _ = CONSULTAS[plan.motive][plan.template % len(CONSULTAS[plan.motive])]
    values.update(motivo=plan.motive, asunto=asunto, descripcion=text)
    docs: list[Attachment] = []
    if plan.motive in ("clasificacion_arancelaria", "valoracion_aduanera") or rng.random() < 0.2:
        docs = [b.document(asunto)]
        values["documentos"] = docs
    return values, [("documentos", d) for d in docs]


def _answer_text(plan: _Plan, rng: random.Random) -> tuple[str, str]:
    if plan.kind == TicketKind.INCIDENTE:
        return Outcome.INCIDENTE_SOLUCIONADO, rng.choice(INCIDENT_ANSWERS)
    if plan.kind == TicketKind.QUEJA:
        return Outcome.SERVICIO_ATENDIDO, rng.choice(QUEJA_ANSWERS)
    answer = CONSULTAS[plan.motive][plan.template % len(CONSULTAS[plan.motive])][2]
    if plan.motive == "registro_oce_usuarios":
        return Outcome.TRAMITE_EXITOSO, answer
    return Outcome.CONSULTA_ABSUELTA, answer


def _open(b: _Builder, plan: _Plan) -> str:
    values, files = _values(b, plan)
    try:
        typed = tickets.validated(plan.kind, values, b.at)
    except tickets.TicketInvalid as error:  # a text or a value of this module is wrong
        wrong = ", ".join(f"{e.field}: {e.code}" for e in error.errors)
        raise RuntimeError(f"demo ticket of {plan.user} does not pass its form: {wrong}") from None
    ticket = tickets.create(
        b.session,
        kind=plan.kind,
        typed=typed,
        files=files,
        now=b.at,
        requester=b.users[plan.user],
        created_by=b.actors[plan.user],
    )
    if plan.kind == TicketKind.INCIDENTE:
        b.last_incident = ticket.number
    return b.known(ticket.number, ticket.id)


def _life(b: _Builder, plan: _Plan, number: str | None = None) -> Script:
    """Registration (unless `number` is given), then the desk's work and the user's decision,
    as far as `plan.fate` goes. Each `yield` is the moment of the next step."""
    rng, s = b.rng, b.session
    if number is None:
        yield plan.created
        number = _open(b, plan)
        if plan.fate == "fusionado":
            b.spawn(_duplicate(b, plan, number))
    if plan.fate == "open_registrado":
        return
    ticket = b.ticket(number)
    targets = sla.targets_for(plan.kind, plan.motive or None)
    yield b.work(b.at, 0.2, targets.first_response_hours * 0.9 * plan.speed)
    staff = b.staff_for(ticket)
    if plan.reroute and ticket.queue_code == "atencion_usuario" and plan.kind == "consulta":
        desk.assign(
            s, b.analista, number, queue="tecnica_aduanera", now=b.at,
            reason="La consulta requiere el criterio técnico de la Dirección de Técnica Aduanera.",
        )  # fmt: skip
        yield b.work(b.at, 0.5, 3)
        staff = b.supervisor
    if ticket.queue_code == "tecnica_aduanera" and rng.random() < 0.5:
        desk.assign(
            s, b.supervisor, number, assignee_id=b.analista.user_id, now=b.at,
            reason="Asignado a la analista con experiencia en el tema para el análisis.",
        )  # fmt: skip
        staff = b.analista
    else:
        desk.take(s, staff, number, now=b.at)
    if plan.note:
        yield b.work(b.at, 0.2, 3)
        desk.add_note(s, staff, number, rng.choice(NOTES), now=b.at)
        if plan.kind == TicketKind.INCIDENTE and b.last_incident not in (None, number):
            desk.link(s, b.supervisor, number, str(b.last_incident), now=b.at)
    if plan.fate == "open_en_analisis":
        return
    if plan.ask:
        yield b.work(b.at, 0.5, 4)
        desk.request_info(s, staff, number, rng.choice(ASKS), now=b.at)
        if plan.fate == "open_pendiente":
            return
        yield b.later(b.at, 2, 40)
        shot = [b.screenshot(number, "Respuesta del usuario")] if rng.random() < 0.6 else []
        tickets.reply(s, b.actors[plan.user], number, rng.choice(REPLIES), shot, now=b.at)
    if plan.fate == "anulado":
        yield b.work(b.at, 0.5, 6)
        desk.cancel(s, staff, number, rng.choice(CANCELS), now=b.at)
        return
    yield b.work(b.at, 1, targets.resolution_hours * 0.8 * plan.speed)
    outcome, text = _answer_text(plan, rng)
    desk.answer(s, staff, number, outcome, text, now=b.at)
    decision_due = b.ticket(number).decision_due
    assert decision_due is not None
    if plan.fate == "open_respondido":
        return
    if plan.fate == "sin_respuesta":
        yield decision_due + timedelta(minutes=rng.randrange(5, 55))
        desk.close_unanswered(s, now=b.at)
    else:
        yield min(b.later(b.at, 1, 60), decision_due - timedelta(minutes=30))
        user = b.actors[plan.user]
        if plan.fate == "no_conforme" and plan.depth < 2:
            opened = tickets.reject(s, user, number, rng.choice(REJECTS), now=b.at)
            b.known(opened.number, opened.id)
            follow = _Plan(
                plan.user, plan.kind, b.at, "conforme" if rng.random() < 0.8 else "no_conforme",
                plan.motive, plan.template, note=rng.random() < 0.5, depth=plan.depth + 1,
                ask=rng.random() < 0.4, queja=rng.random() < 0.3,
            )  # fmt: skip
            b.spawn(_life(b, follow, opened.number))
            return
        rating = rng.choice((5, 5, 4, 4, 4, 3)) if not plan.queja else rng.choice((1, 2, 3))
        tickets.accept(s, user, number, rating, rng.choice(COMMENTS), now=b.at)
    if plan.queja and plan.kind != TicketKind.QUEJA:
        yield b.later(b.at, 3, 72)
        text = rng.choice(QUEJAS).format(n=number)
        opened = tickets.file_queja(s, b.actors[plan.user], number, text, now=b.at)
        b.known(opened.number, opened.id)
        fate = rng.choice(("conforme", "conforme", "sin_respuesta"))
        queja = _Plan(plan.user, TicketKind.QUEJA, b.at, fate, note=rng.random() < 0.5)
        b.spawn(_life(b, queja, opened.number))


def _duplicate(b: _Builder, plan: _Plan, original: str) -> Script:
    """The user sends the same report again; the desk merges it into the first one."""
    yield plan.created + timedelta(minutes=b.rng.randrange(15, 120))
    copy = _Plan(plan.user, plan.kind, b.at, "conforme", plan.motive, plan.template)
    number = _open(b, copy)
    yield b.work(b.at, 0.1, 1.5)
    if b.ticket(original).state in (TicketState.CERRADO, TicketState.ANULADO):
        desk.cancel(b.session, b.supervisor, number, "Duplicado de " + original, now=b.at)
        return
    desk.merge(b.session, b.supervisor, number, original, now=b.at)


def _phone(b: _Builder, plan: _Plan) -> Script:
    """A call to 1800-ADUANA: answered in the call, or left for analysis."""
    yield plan.created
    call = PHONE_CALLS[plan.template % len(PHONE_CALLS)]
    if call[0] == "incidente" and (plan.user == "anon" or plan.fate != "analisis"):
        call = PHONE_CALLS[plan.template % (len(PHONE_CALLS) - 1)]  # a consultation instead
    kind, motive, asunto, text, outcome, answer = call
    staff = b.analista if b.rng.random() < 0.7 else b.supervisor
    caller: int | None = None
    if plan.user == "anon":
        name, nine = ANON_CALLERS[plan.template % len(ANON_CALLERS)]
        values: dict[str, object] = {
            "nombres": name, "tipo_persona": "natural_ecuatoriana", "telefono": "099 812 3456",
            "documento": {"type": "cedula", "number": _cedula(nine)}, "correo": "",
        }  # fmt: skip
    else:
        values = b.prefill(plan.user)
        values.pop("tipo_oce", None)
        values["telefono"] = TYPED_PHONES.get(plan.user) or values.get("telefono")
        caller = b.actors[plan.user].user_id
    values.update(tipo=kind, asunto=asunto, descripcion=text)
    if kind == "consulta":
        values["motivo"] = motive
    else:
        values["distrito"] = b.rng.choice(DISTRICTS)
    resolved = plan.fate == "llamada"
    values["resolver"] = "si" if resolved else "no"
    if resolved:
        values.update(resultado=outcome, respuesta=answer)
    opened = desk.phone_intake(b.session, staff, values, now=b.at, caller_id=caller)
    b.known(opened.number, opened.id)
    if resolved or plan.fate == "open_en_analisis":
        return
    if kind == TicketKind.INCIDENTE:  # the screenshots come through the portal
        yield b.work(b.at, 0.2, 1)
        desk.request_info(b.session, staff, opened.number, ASKS[0], now=b.at)
        yield b.later(b.at, 1, 20)
        shot = [b.screenshot(opened.number, "Captura enviada tras la llamada")]
        tickets.reply(b.session, b.actors[plan.user], opened.number, REPLIES[0], shot, now=b.at)
    yield b.work(b.at, 1, 8)
    desk.answer(b.session, staff, opened.number, outcome, answer, now=b.at)
    if caller is not None:
        decision_due = b.ticket(opened.number).decision_due
        assert decision_due is not None
        yield min(b.later(b.at, 2, 48), decision_due - timedelta(minutes=30))
        tickets.accept(b.session, b.actors[plan.user], opened.number, 5, "", now=b.at)
    else:
        yield (b.ticket(opened.number).decision_due or b.at) + timedelta(minutes=20)
        desk.close_unanswered(b.session, now=b.at)


# ---------------------------------------------------------------- the data set


def _due_today_start(now: datetime, hours: float) -> datetime | None:
    """A registration moment whose resolution falls due on `now`'s local day (later than
    `now` when the day still allows it), or None on a day without business hours."""
    today = local(now).date()
    if not sla.is_business_day(today):
        return None
    close = datetime.combine(today, time(17, 0), ECUADOR).astimezone(UTC)
    target = min(now + timedelta(hours=2), close - timedelta(minutes=20))
    low, high = now - timedelta(days=30), now
    for _ in range(40):
        mid = low + (high - low) / 2
        if sla.add_business_hours(mid, hours) <= target:
            low = mid
        else:
            high = mid
    if local(sla.add_business_hours(low, hours)).date() != today:
        return None
    return low.replace(microsecond=0)


def _plans(rng: random.Random, now: datetime, count: int, months: int) -> list[tuple[str, _Plan]]:
    span = timedelta(days=months * 30.4)
    users = ("agente", "agente", "agente", "empleado", "empleado", "importador", "importador",
             "mtorres", "mtorres", "entidad", "organismo", "ciudadano")  # fmt: skip
    motives = list(CONSULTAS)
    out: list[tuple[str, _Plan]] = []

    def plan(fate: str, created: datetime, kind: str | None = None, **extra: Any) -> _Plan:
        kind = kind or (TicketKind.INCIDENTE if rng.random() < 0.45 else TicketKind.CONSULTA)
        motive = rng.choice(motives) if kind == TicketKind.CONSULTA else ""
        return _Plan(rng.choice(users), kind, created, fate, motive, rng.randrange(1000), **extra)

    def business_ago(hours: float) -> datetime:
        # a moment `hours` business hours or so before now (whole days back, same hour)
        moment = now
        while hours > 0:
            moment -= timedelta(hours=1)
            if sla.is_business_time(moment):
                hours -= 1
        return moment

    # Open tickets at the reference moment: the trainer's working queue.
    recent: list[tuple[str, float, dict[str, Any]]] = [
        ("open_registrado", 1.5, {}), ("open_registrado", 3, {}),
        ("open_registrado", 30, {}), ("open_registrado", 48, {}),  # overdue
        ("open_en_analisis", 4, {}), ("open_en_analisis", 12, {"note": True}),
        ("open_en_analisis", 40, {"speed": 1}), ("open_en_analisis", 70, {"note": True}),
        ("open_en_analisis", 55, {}),  # overdue
        ("open_pendiente", 10, {"ask": True}), ("open_pendiente", 20, {"ask": True}),
        ("open_pendiente", 30, {"ask": True}),
        ("open_respondido", 9, {}), ("open_respondido", 18, {}), ("open_respondido", 28, {}),
    ]  # fmt: skip
    for fate, hours_ago, extra in recent:
        one = plan(fate, business_ago(hours_ago), **extra)
        if fate in ("open_pendiente", "open_respondido"):
            one.speed = 0.3  # the desk's steps come soon after registration
        out.append(("life", one))
    for kind in (TicketKind.INCIDENTE, TicketKind.CONSULTA):
        motive_hours = sla.targets_for(kind, "tramites_ecuapass" if kind == "consulta" else None)
        start = _due_today_start(now, motive_hours.resolution_hours)
        if start is not None:
            one = plan("open_en_analisis" if kind == "consulta" else "open_registrado", start, kind)
            if kind == TicketKind.CONSULTA:
                one.motive = "tramites_ecuapass"
            out.append(("life", one))
    out.append(("phone", _Plan("anon", "consulta", business_ago(6), "open_en_analisis", "", 0)))
    # The history: closed, cancelled and merged tickets over the months before.
    fates = (["conforme"] * 40 + ["no_conforme"] * 12 + ["sin_respuesta"] * 12
             + ["anulado"] * 6 + ["fusionado"] * 5 + ["phone"] * 15)  # fmt: skip
    for _ in range(max(count - len(out), 0)):
        created = (
            now
            - span
            + timedelta(seconds=rng.uniform(0, (span - timedelta(days=8)).total_seconds()))
        )
        local_created = local(created)
        if local_created.hour < 7 or local_created.hour > 21:
            created += timedelta(hours=10)
        fate = rng.choice(fates)
        if fate == "phone":
            created = sla.add_business_hours(created, 0.1)
            who = rng.choice((*users, "anon", "anon"))
            fate = "llamada" if rng.random() < 0.65 else "analisis"
            out.append(("phone", _Plan(who, "consulta", created, fate, "", rng.randrange(1000))))
            continue
        one = plan(
            fate,
            created,
            ask=rng.random() < 0.25,
            note=rng.random() < 0.35,
            reroute=rng.random() < 0.1,
            queja=fate != "anulado" and rng.random() < 0.12,
            speed=rng.choice((0.5, 0.8, 1.0, 1.0, 1.3, 2.0)),
        )
        out.append(("life", one))
    return out


def build_demo_tickets(
    session: Session,
    users: Mapping[str, User] | None = None,
    *,
    params: Mapping[str, Any] | None = None,
    now: datetime | None = None,
    checkpoint: Callable[[], None] | None = None,
) -> int:
    """Add the demo tickets (the ticket tables must be empty: `demo._clear` empties them).
    `params` is the `[tickets]` table of demo.toml: `seed`, `count`, `months`, `today`.
    `checkpoint` is called after each step of a ticket's life. Returns the number of
    tickets."""
    params = params or {}
    if now is None:
        today = params.get("today")
        if isinstance(today, date):
            now = datetime.combine(today, time(10, 0), ECUADOR).astimezone(UTC)
        else:
            now = reference_now()
    now = now.astimezone(UTC).replace(microsecond=0)
    if users is None:
        users = {u.username: u for u in session.exec(select(User)).all()}
    rng = random.Random(int(params.get("seed", DEFAULT_SEED)))  # noqa: S311  (demo data)
    builder = _Builder(session, users, now, rng)
    for how, plan in _plans(rng, now, int(params.get("count", DEFAULT_COUNT)),
                            int(params.get("months", DEFAULT_MONTHS))):  # fmt: skip
        builder.spawn(_phone(builder, plan) if how == "phone" else _life(builder, plan))
    with session.no_autoflush:  # the services flush where they need to; fewer round trips
        builder.run(checkpoint)
    session.flush()
    _read_old_notices(session, now)
    total = session.exec(select(Ticket.id)).all()
    return len(total)


def _read_old_notices(session: Session, now: datetime) -> None:
    """The users have read the desk's notices of more than a week ago (the mailbox shows the
    recent ones as new)."""
    rows = session.exec(
        select(MailboxNotice).where(
            col(MailboxNotice.sender) == ts.SENDER,
            col(MailboxNotice.created_at) < now - timedelta(days=7),
            col(MailboxNotice.read_at).is_(None),
        )
    ).all()
    for row in rows:
        row.read_at = row.created_at + timedelta(hours=3)
        session.add(row)
    session.flush()


__all__ = ["build_demo_tickets", "pdf_file", "png_file", "reference_now"]
