"""What each mailbox notice says, by code: stored as a code and its parameters, drawn in the
reader's language when read; the Spanish text is also stored (e-mails, older readers).

A parameter whose name ends in `_at` is an ISO date and time (shown in Ecuador's time), in
`_cents` an amount in cents (shown as the reader's language writes amounts). A template whose
body is None keeps the body stored with the notice (a signed SENAE document is not translated).
Texts that came from data files carry both languages in the parameters (code `text`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from ecuapass_tui import formats
from ecuapass_tui.i18n import N_, gettext_in

Params = Mapping[str, str | int]

TEMPLATES: dict[str, tuple[str, str | None]] = {
    "email_changed": (
        N_("COMUNICADO DE ECUAPASS - CAMBIO DE CORREO"),
        N_("Su correo electrónico registrado cambió de {antes} a {despues}."),
    ),
    "data_updated": (
        N_("SU ACTUALIZACIÓN DE DATOS SE HA REALIZADO CON ÉXITO"),
        N_("Su actualización de Datos se ha realizado con éxito."),
    ),
    "january_warning": (
        N_("COMUNICADO DE ECUAPASS - ACTUALIZACIÓN ANUAL DE DATOS"),
        N_(
            "Según la resolución SENAE-DGN-2016-0364-RE, el OCE debe actualizar en enero de "
            "cada año los datos de su registro en 3.2.3 Modificar información de registro de "
            "usuario. Usted aún no lo ha hecho este año: si no lo hace hasta el 31 de enero, el "
            "SENAE inhabilitará su ID. USUARIO."
        ),
    ),
    "unlock_alert_ssh": (
        N_("COMUNICADO DE ECUAPASS - ALERTA DE DESBLOQUEO"),
        N_(
            "Se registraron varios intentos fallidos de inicio de sesión con su ID. Usuario desde "
            "la dirección {origen} (SSH). Por su seguridad el ingreso desde ese origen quedó "
            "bloqueado hasta {hasta_at}; desde otra conexión puede ingresar con normalidad. Si no "
            "fue usted, comuníquese con la Mesa de Servicios (1800-238262, "
            "mesadeservicios@aduana.gob.ec)."
        ),
    ),
    "unlock_alert_local": (
        N_("COMUNICADO DE ECUAPASS - ALERTA DE DESBLOQUEO"),
        N_(
            "Se registraron varios intentos fallidos de inicio de sesión con su ID. Usuario desde "
            "el usuario del sistema {origen}. Por su seguridad el ingreso desde ese origen quedó "
            "bloqueado hasta {hasta_at}; desde otra conexión puede ingresar con normalidad. Si no "
            "fue usted, comuníquese con la Mesa de Servicios (1800-238262, "
            "mesadeservicios@aduana.gob.ec)."
        ),
    ),
    "account_unlocked": (
        N_("COMUNICADO DE ECUAPASS - CUENTA DESBLOQUEADA"),
        N_("La Mesa de Servicios desbloqueó su cuenta. Ya puede iniciar sesión."),
    ),
    "user_id_sent": (
        N_("ECUAPASS - SU ID. USUARIO"),
        N_("Su ID. Usuario de Ecuapass es: {usuario}"),
    ),
    "password_reset": (
        N_("COMUNICADO DE ECUAPASS - CONTRASEÑA REINICIADA"),
        N_(
            "Su contraseña se reinició con sus preguntas de seguridad y un código enviado a su "
            "correo. Si no fue usted, comuníquese con la Mesa de Servicios (1800-238262)."
        ),
    ),
    "registration_waiting_senae": (
        N_("SOLICITUD DEL USO RECIBIDA"),
        N_("Su correo electrónico fue confirmado. La solicitud espera la aprobación del SENAE."),
    ),
    "registration_waiting_representative": (
        N_("SOLICITUD DEL USO RECIBIDA"),
        N_(
            "Su correo electrónico fue confirmado. La solicitud espera la aprobación del "
            "Representante."
        ),
    ),
    "registration_welcome": (
        N_("BIENVENIDO A ECUAPASS"),
        N_("Su correo electrónico fue confirmado y su ID. Usuario está activo."),
    ),
    "registration_approved": (
        N_("SOLICITUD DEL USO APROBADA"),
        N_(
            "Su Solicitud del uso fue aprobada. Ya puede iniciar sesión con su "
            "ID. Usuario {usuario}."
        ),
    ),
    "registration_rejected": (
        N_("SOLICITUD DEL USO RECHAZADA"),
        N_("Su Solicitud del uso fue rechazada. Motivo: {motivo}"),
    ),
    "security_code": (
        N_("ECUAPASS - CÓDIGO DE SEGURIDAD"),
        N_(
            "Su código de seguridad para {proposito} es: {codigo}\n\nVale {minutos} minutos y "
            "una sola vez. Si usted no lo solicitó, ignore este mensaje y comuníquese con la Mesa "
            "de Servicios (1800-238262)."
        ),
    ),
    "suggestion_received": (
        N_("Sugerencia recibida: {asunto}"),
        N_(
            "Gracias por escribirnos. Su comentario llegó a la Jefatura de Atención al Usuario "
            "con el número {numero}."
        ),
    ),
    "fp_registered": (
        N_("SOLICITUD DE FACILIDADES DE PAGO {numero} REGISTRADA"),
        N_(
            "Su solicitud {numero} para pagar la liquidación {liquidacion} en {cuotas} cuotas "
            "fue registrada y será revisada. Recibirá la decisión en este buzón."
        ),
    ),
    "fp_approved": (
        N_("SOLICITUD DE FACILIDADES DE PAGO {numero} APROBADA"),
        N_("Su solicitud {numero} ({cuotas} cuotas) fue aprobada.\nMotivo: {motivo}"),
    ),
    "fp_rejected": (
        N_("SOLICITUD DE FACILIDADES DE PAGO {numero} RECHAZADA"),
        N_("Su solicitud {numero} ({cuotas} cuotas) fue rechazada.\nMotivo: {motivo}"),
    ),
    "ticket_registered": (
        N_("Ticket {numero} registrado: {asunto}"),
        N_(
            "Su requerimiento fue registrado en la Mesa de Servicios con el número {numero}. Un "
            "analista lo estudiará y recibirá la respuesta en su Buzón Electrónico. Atención: "
            "lunes a viernes de 08h00 a 17h00."
        ),
    ),
    "ticket_info_requested": (
        N_("Ticket {numero}: se requiere información adicional"),
        N_(
            "La Mesa de Servicios necesita más información para atender su ticket:\n\n{texto}\n\n"
            "Responda desde Soporte al Cliente > Mesa de Servicios > Mis tickets."
        ),
    ),
    "ticket_answered": (
        N_("Ticket {numero} respondido"),
        N_(
            "{texto}\n\nSi la respuesta le satisface, elija Aceptar en Mis tickets; si no, No "
            "conforme, y se abrirá un nuevo ticket. Tiene {dias} días hábiles para decidir."
        ),
    ),
    "ticket_merged": (
        N_("Ticket {numero} fusionado"),
        N_("Duplicado del ticket {destino}: se atenderá en ese ticket."),
    ),
    "ticket_cancelled": (N_("Ticket {numero} anulado"), "{motivo}"),
    "tracking_document": ("{titulo} - {numero}", None),
}
# Titles of the SENAE documents whose notices the tracking services post (the code `titulo`).
DOCUMENT_TITLES = {
    "notif_aceptado": N_("NOTIFICACIÓN DE ACEPTADO"),
    "pago": N_("COMPROBANTE DE PAGO (PAGO-E)"),
    "salida": N_("NOTIFICACIÓN DE SALIDA AUTORIZADA"),
}
# What a security code is for (the code `proposito`).
PURPOSES = {
    "confirmar_correo": N_("confirmar su correo electrónico en la Solicitud del uso"),
    "reinicio_clave": N_("reiniciar su contraseña (Buscar ID / Reinicio de clave)"),
    "actualizacion_datos": N_(
        "la actualización de datos (3.2.3 Modificar información de registro)"
    ),
}


# The mailbox's De and Destinatario columns: the names the services store, per language.
BOXES = {
    "MESA DE SERVICIOS": N_("MESA DE SERVICIOS"),
    "SENAE - RECAUDACIÓN": N_("SENAE - RECAUDACIÓN"),
    "BUZON PERSONAL": N_("BUZON PERSONAL"),
}


def box_name(stored: str, language: str) -> str:
    known = BOXES.get(stored)
    return gettext_in(language, known) if known else stored


def dump(params: Params) -> str:
    return json.dumps(dict(params), ensure_ascii=False, sort_keys=True)


def _value(name: str, value: object, language: str) -> str:
    if name.endswith("_at") and isinstance(value, str):
        try:
            return formats.moment(datetime.fromisoformat(value), seconds=True)
        except ValueError:
            return value
    if name.endswith("_cents") and isinstance(value, int):
        return formats.amount(value, lang=language)
    if name == "titulo" and isinstance(value, str) and value in DOCUMENT_TITLES:
        return gettext_in(language, DOCUMENT_TITLES[value])
    if name == "proposito" and isinstance(value, str) and value in PURPOSES:
        return gettext_in(language, PURPOSES[value])
    return str(value)


def render(code: str, params: Params, language: str) -> tuple[str, str | None] | None:
    """(subject, body) of a notice in `language`; None for an unknown code (the stored text is
    shown). The body is None when the stored one is to be shown."""
    if code == "text":
        suffix = "_en" if language == "en" else "_es"
        subject = params.get("subject" + suffix) or params.get("subject_es")
        body = params.get("body" + suffix) or params.get("body_es")
        return (str(subject), str(body or "")) if subject else None
    template = TEMPLATES.get(code)
    if template is None:
        return None
    values = {name: _value(name, value, language) for name, value in params.items()}
    subject, body = template
    try:
        subject_text = gettext_in(language, subject).format(**values)
        body_text = gettext_in(language, body).format(**values) if body is not None else None
    except (KeyError, IndexError, ValueError):
        return None  # parameters from another version: the stored text is shown
    return subject_text, body_text


def load(params: str) -> dict[str, str | int]:
    if not params:
        return {}
    try:
        loaded = json.loads(params)
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}
