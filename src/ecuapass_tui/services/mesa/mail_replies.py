"""What the Mesa de Servicios answers by e-mail to a message it could not take whole: a sender
who is not registered (once per address), a reply that was not added, files that were left
out. In Spanish, as every e-mail of the Mesa; queued in the intake's transaction."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from ecuapass_tui.i18n import N_
from ecuapass_tui.services import mail as mailer

UNKNOWN_SENDER = (
    N_("Mesa de Servicios del SENAE: su correo no está registrado"),
    N_(
        "Recibimos su mensaje «{asunto}», pero la dirección {correo} no corresponde a ningún "
        "usuario registrado en Ecuapass, por lo que no se registró un ticket.\n\n"
        "Para escribir a la Mesa de Servicios por correo, regístrese primero en Ecuapass "
        "(opción Regístrese de la pantalla de ingreso) y escriba desde el correo de su "
        "registro. También puede llamar al 1800-ADUANA (1800-238262), de lunes a viernes de "
        "08h00 a 17h00.\n\nEste es un mensaje automático y no se repetirá."
    ),
)
REPLY_TOO_SHORT = (
    N_("Ticket {numero}: su mensaje no se agregó"),
    N_(
        "Su mensaje «{asunto}» no se agregó al ticket {numero}: su texto debe tener al menos "
        "{minimo} caracteres (sin contar el mensaje citado).\n\nEscriba de nuevo, o responda "
        "desde Soporte al Cliente > Mesa de Servicios > Mis tickets."
    ),
)
FILES_LEFT_OUT = (
    N_("Ticket {numero}: adjuntos no aceptados"),
    N_(
        "Estos adjuntos de su mensaje no se guardaron en el ticket {numero}:\n{archivos}\n\n"
        "Se aceptan archivos PDF, PNG, JPEG o DOCX de hasta 5 MB cada uno, hasta 10 archivos y "
        "20 MB en total. Envíelos en otro mensaje que responda a este."
    ),
)


def send(
    session: Session,
    text: tuple[str, str],
    *,
    to: str,
    at: datetime,
    **params: str | int,
) -> str:
    """Queue one of the texts above for `to`; its Message-ID."""
    subject, body = text
    return mailer.queue_mail(
        session,
        to=to,
        subject=subject.format(**params),
        body=body.format(**params),
        at=at,
    )
