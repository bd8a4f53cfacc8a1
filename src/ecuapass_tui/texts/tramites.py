"""Texts of SENAE Tracking and the Trámites Operativos: stage, channel and state names, the
checks of a document's integrity, the refusals the tracking and payment services raise, and
what a tracking event says."""

from __future__ import annotations

from datetime import datetime

from ecuapass_tui.formats import amount, moment
from ecuapass_tui.i18n import N_, Labels, _, ngettext
from ecuapass_tui.texts.common import Entry, Params

stage_label = Labels(
    {
        "manifiesto": N_("Manifiesto transmitido"),
        "arribo": N_("Arribo"),
        "deposito": N_("Ingreso a depósito temporal"),
        "dai_transmitida": N_("DAI transmitida"),
        "dai_aceptada": N_("DAI aceptada"),
        "canal_asignado": N_("Canal de aforo asignado"),
        "aforo": N_("Aforo"),
        "aforo_en_proceso": N_("Aforo en proceso"),
        "aforo_observado": N_("Aforo observado"),
        "aforo_concluido": N_("Aforo concluido"),
        "liquidacion_pagada": N_("Liquidación pagada"),
        "salida_autorizada": N_("Salida autorizada"),
        "salida_deposito": N_("Salida de depósito registrada"),
        "": N_("sin eventos"),
    }
)
channel_label = Labels(
    {
        "automatico": N_("Automático"),
        "electronico": N_("Electrónico"),
        "documental": N_("Documental"),
        "fisico_intrusivo": N_("Físico intrusivo"),
        "fisico_no_intrusivo": N_("Físico no intrusivo (scanner)"),
        "": N_("sin asignar"),
    }
)
document_state_label = Labels(
    {
        "enviado": N_("Enviado"),
        "aceptado": N_("Aceptado"),
        "rechazado": N_("Rechazado"),
        "emitido": N_("Emitido"),
        "transmitido": N_("Transmitido"),
        "recibido": N_("Recibido"),
        "error": N_("Error de transmisión"),
    }
)
operation_label = Labels(
    {"importacion": N_("Importación"), "exportacion": N_("Exportación"), "vue": N_("VUE")}
)
direction_label = Labels({"enviado": N_("Enviado"), "recibido": N_("Recibido")})
facility_state_label = Labels(
    {"pendiente": N_("Pendiente"), "aprobada": N_("Aprobada"), "rechazada": N_("Rechazada")}
)
# What the integrity check of an exported document compares...
integrity_check_label = Labels(
    {
        "hash": N_("SHA-256 del contenido"),
        "hash_declarado": N_("SHA-256 anotado en el archivo"),
        "firma": N_("Firma Ed25519 del contenido"),
        "clave": N_("Clave de firma de esta instalación"),
        "tipo": N_("Tipo de documento"),
        "numero_entrega": N_("Número de entrega"),
        "fecha_hora_entrega": N_("Fecha-hora de entrega"),
        "titulo": N_("Nombre del documento"),
    }
)
# ...and why a file is not a document it can check.
integrity_unknown_reason = Labels(
    {
        "too_large": N_("El archivo es demasiado grande para ser un documento exportado."),
        "not_json": N_("El archivo no es un documento exportado por Ecuapass (no es JSON UTF-8)."),
        "not_ours": N_("El archivo no tiene el formato de los documentos exportados."),
        "not_found": N_("El documento que el archivo nombra no existe en esta instalación."),
    }
)


def money(cents: int) -> str:
    return amount(cents)


def _time(value: object) -> str:
    return moment(value) if isinstance(value, datetime) else "?"


def _stage(params: Params, key: str = "stage") -> str:
    return stage_label(str(params.get(key, "")))


def _stage_unknown(params: Params) -> str:
    return _("La etapa «{etapa}» no existe.").format(etapa=params.get("stage", ""))


def _stage_repeated(params: Params) -> str:
    return _("«{etapa}» ya está registrada para esta carga (está en «{actual}»).").format(
        etapa=_stage(params), actual=_stage(params, "current")
    )


def _stage_order(params: Params) -> str:
    return _(
        "No se puede registrar «{etapa}»: antes debe registrarse «{falta}» "
        "(la carga está en «{actual}»)."
    ).format(
        etapa=_stage(params),
        falta=_stage(params, "missing"),
        actual=_stage(params, "current"),
    )


def _time_before(params: Params) -> str:
    return _("La fecha y hora es anterior al último evento de la carga ({fecha}).").format(
        fecha=_time(params.get("previous"))
    )


def _delivery_oce(params: Params) -> str:
    return _("El número de entrega debe empezar con el código del declarante {oce}.").format(
        oce=params.get("oce", "")
    )


def _number_taken(params: Params) -> str:
    return _("El número {numero} ya está registrado en otra declaración.").format(
        numero=params.get("number", "")
    )


def _import_refused(params: Params) -> str:
    count = int(str(params.get("count", 0)))
    return ngettext(
        "No se importó nada: {n} línea con errores.",
        "No se importó nada: {n} líneas con errores.",
        count,
    ).format(n=count)


def _csv_header(params: Params) -> str:
    return _("Encabezado: faltan columnas [{faltan}]; columnas desconocidas [{sobran}].").format(
        faltan=params.get("missing", ""), sobran=params.get("unknown", "")
    )


def _csv_columns(params: Params) -> str:
    return _("La línea tiene {n} columnas; el encabezado, {m}.").format(
        n=params.get("found", ""), m=params.get("expected", "")
    )


def _csv_too_many(params: Params) -> str:
    return _("El archivo tiene más de {max} líneas.").format(max=params.get("max", ""))


def _district_mismatch(params: Params) -> str:
    return _("La liquidación es del distrito {distrito}.").format(
        distrito=params.get("district", "")
    )


def _amount_mismatch(params: Params) -> str:
    return _("El monto pendiente de esa liquidación es {monto}.").format(
        monto=money(int(str(params.get("amount", 0))))
    )


def _instalment_small(params: Params) -> str:
    return _("Cada cuota debe ser de al menos USD 50: para este monto, hasta {max} cuotas.").format(
        max=params.get("max", "")
    )


def _already_decided(params: Params) -> str:
    return _("La solicitud ya fue decidida ({estado}).").format(
        estado=facility_state_label(str(params.get("state", "")))
    )


TEXTS: dict[str, Entry] = {
    # tracking: queries and recorded events
    "trk_cargo_not_found": N_("No existe una carga con ese MRN entre las que usted puede ver."),
    "trk_document_not_found": N_("No se encontró el documento entre los de su empresa."),
    "trk_stage_unknown": _stage_unknown,
    "trk_cargo_finished": N_(
        "La carga ya salió del depósito: su trámite terminó y no admite más etapas."
    ),
    "trk_stage_repeated": _stage_repeated,
    "trk_stage_order": _stage_order,
    "trk_aforo_automatic": N_(
        "La carga tiene canal automático: no pasa por aforo; registre el pago."
    ),
    "trk_time_future": N_("La fecha y hora del evento no puede ser futura."),
    "trk_time_before": _time_before,
    "trk_observation_required": N_("Escriba la observación del aforo."),
    "trk_delivery_format": N_(
        "El número de entrega tiene 21 caracteres: código de OCE (8 dígitos), año (4), "
        "secuencial (8) y una letra."
    ),
    "trk_delivery_oce": _delivery_oce,
    "trk_delivery_taken": _number_taken,
    "trk_dai_taken": _number_taken,
    "trk_liquidation_taken": _number_taken,
    "trk_liquidation_format": N_("El número de liquidación tiene de 6 a 20 dígitos."),
    "trk_amount_required": N_("Indique el monto de la liquidación (mayor que cero)."),
    "trk_channel_required": N_("Elija el canal de aforo."),
    "trk_doc_type": N_("El tipo de documento de transporte es BL, AWB o CRT."),
    "trk_company_unknown": N_("No hay una empresa registrada con ese RUC."),
    "trk_oce_unknown": N_("No existe ese código de OCE."),
    "trk_district_unknown": N_("No existe ese distrito aduanero."),
    "trk_container_format": N_("Cada contenedor tiene 4 letras y 7 dígitos, p. ej. MSCU4812053."),
    "trk_mrn_format": N_("El MRN tiene de 8 a 30 letras y dígitos."),
    "trk_query_too_long": N_(
        "Escriba un MRN, BL, contenedor, DAI o número de entrega (máximo 40)."
    ),
    "trk_range_reversed": N_("La fecha «desde» es posterior a la fecha «hasta»."),
    # tracking: the CSV import
    "trk_import_refused": _import_refused,
    "trk_csv_too_large": N_("El archivo pasa de 5 MB."),
    "trk_csv_encoding": N_("El archivo no está en UTF-8."),
    "trk_csv_header": _csv_header,
    "trk_csv_columns": _csv_columns,
    "trk_csv_too_many": _csv_too_many,
    "trk_csv_time": N_("Fecha y hora: dd/mm/aaaa hh:mm (hora de Ecuador) o ISO 8601 con zona."),
    "trk_csv_amount": N_("Monto: un número mayor que cero con hasta dos decimales."),
    "trk_csv_empty": N_("El archivo no tiene líneas de eventos."),
    # payment facilities
    "fp_not_pending": N_("Esa liquidación no está entre las pendientes de pago de su empresa."),
    "fp_district_mismatch": _district_mismatch,
    "fp_amount_mismatch": _amount_mismatch,
    "fp_delivery_mismatch": N_("Ese número de entrega no corresponde a la liquidación."),
    "fp_instalment_small": _instalment_small,
    "fp_not_found": N_("No existe esa solicitud de facilidades de pago."),
    "fp_already_decided": _already_decided,
}


# --- what a tracking event says, and who reported it -----------------------------------
# Events written by this program (the demo, SENAE's own steps) store a code, `ecuapass:<key>`,
# drawn here in the reader's language and worded for the cargo's transport mode (a plane
# never reaches a port). What a user or a CSV import wrote stays as it was written.
EVENT_CODE = "ecuapass:"
_MODE = {"BL": "mar", "AWB": "aire", "CRT": "tierra"}
# Rows stored before the codes existed (the demo's Spanish texts).
_LEGACY = {
    "Naviera (transportista)": "transportista",
    "Autoridad portuaria": "autoridad_arribo",
    "Arribo del buque al puerto": "arribo",
    "Depósito temporal": "deposito",
    "Ingreso al depósito temporal (IMDT)": "ingreso_deposito",
    "Aforo asignado al técnico de turno": "aforo_asignado",
    "Falta el certificado de origen; se notificó al declarante": "falta_certificado",
    "Aforo sin novedad": "aforo_sin_novedad",
}


def _by_mode(mode: str, sea: str, air: str, land: str, other: str) -> str:
    return {"mar": sea, "aire": air, "tierra": land}.get(mode, other)


def event_text(value: str, transport_doc_type: str) -> str:
    """An event's detail or reporter as the reader reads it (see EVENT_CODE)."""
    key = value.removeprefix(EVENT_CODE) if value.startswith(EVENT_CODE) else _LEGACY.get(value)
    if key is None:
        return value
    mode = _MODE.get(transport_doc_type.strip().upper(), "")
    match key:
        case "transportista":
            return _by_mode(
                mode,
                _("Naviera (transportista)"),
                _("Aerolínea (transportista)"),
                _("Transportista terrestre"),
                _("Transportista"),
            )
        case "autoridad_arribo":
            return _by_mode(
                mode,
                _("Autoridad portuaria"),
                _("Autoridad aeroportuaria"),
                _("Control de frontera"),
                _("Autoridad del lugar de arribo"),
            )
        case "arribo":
            return _by_mode(
                mode,
                _("Arribo del buque al puerto"),
                _("Arribo de la aeronave al aeropuerto"),
                _("Llegada del vehículo al paso de frontera"),
                _("Arribo del medio de transporte"),
            )
        case "deposito":
            return _("Depósito temporal")
        case "ingreso_deposito":
            return _("Ingreso al depósito temporal (IMDT)")
        case "aforo_asignado":
            return _("Aforo asignado al técnico de turno")
        case "falta_certificado":
            return _("Falta el certificado de origen; se notificó al declarante")
        case "aforo_sin_novedad":
            return _("Aforo sin novedad")
    return value
