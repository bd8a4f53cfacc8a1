"""Texts of the Mesa de Servicios: ticket states, kinds, closures, outcomes, channels and
history events, the short forms of the staff's queue, and the refusals of the ticket services."""

from __future__ import annotations

from ecuapass_tui.i18n import N_, Labels, _
from ecuapass_tui.texts.common import Entry, Params

ticket_state = Labels(
    {
        "registrado": N_("Registrado"),
        "en_analisis": N_("En análisis"),
        "pendiente_informacion": N_("Pendiente de información"),
        "respondido": N_("Respondido"),
        "cerrado": N_("Cerrado"),
        "anulado": N_("Anulado"),
    }
)
ticket_closure = Labels(
    {
        "conforme": N_("conforme"),
        "no_conforme": N_("no conforme"),
        "sin_respuesta": N_("sin respuesta"),
        "atendido_en_llamada": N_("atendido en la llamada"),
        "fusionado": N_("fusionado"),
    }
)
ticket_kind = Labels(
    {"incidente": N_("Incidente"), "consulta": N_("Consulta"), "queja": N_("Queja")}
)
ticket_outcome = Labels(
    {
        "servicio_atendido": N_("Servicio atendido"),
        "incidente_solucionado": N_("Incidente solucionado"),
        "tramite_exitoso": N_("Trámite exitoso"),
        "consulta_absuelta": N_("Consulta absuelta"),
    }
)
ticket_channel = Labels(
    {"en_linea": N_("En línea"), "telefonico": N_("Telefónico"), "correo": N_("Correo")}
)
# The staff's queue is narrow: its state and kind columns use short forms.
short_ticket_state = Labels(
    {
        "registrado": N_("Registrado"),
        "en_analisis": N_("En análisis"),
        "pendiente_informacion": N_("Pend. info."),
        "respondido": N_("Respondido"),
        "cerrado": N_("Cerrado"),
        "anulado": N_("Anulado"),
    }
)
short_ticket_kind = Labels(
    {"incidente": N_("Incid."), "consulta": N_("Consul."), "queja": N_("Queja")}
)
# A ticket's history as its user reads it...
ticket_event = Labels(
    {
        "created": N_("Registrado"),
        "assigned": N_("Asignado"),
        "taken": N_("En análisis"),
        "info_requested": N_("Solicitud de información"),
        "user_reply": N_("Respuesta del usuario"),
        "answered": N_("Respuesta de la Mesa de Servicios"),
        "accepted": N_("Aceptado"),
        "rejected": N_("No conforme"),
        "closed_unanswered": N_("Cerrado sin respuesta"),
        "cancelled": N_("Anulado"),
        "merged": N_("Fusionado"),
    }
)
# ...and as the staff read it.
staff_ticket_event = Labels(
    {
        "created": N_("Registrado"),
        "assigned": N_("Asignado"),
        "taken": N_("Tomado"),
        "info_requested": N_("Información solicitada"),
        "user_reply": N_("Respuesta del usuario"),
        "answered": N_("Respondido"),
        "note": N_("Nota"),
        "linked": N_("Vinculado"),
        "merged": N_("Fusionado"),
        "cancelled": N_("Anulado"),
        "accepted": N_("Aceptado"),
        "rejected": N_("No conforme"),
        "queja": N_("Queja"),
        "closed": N_("Cerrado"),
    }
)
suggestion_kind = Labels(
    {
        "sugerencia": N_("Sugerencia"),
        "felicitacion": N_("Felicitación"),
        "queja_sitio": N_("Queja del sitio"),
    }
)
# The two series of figures SENAE publishes.
figures_series = Labels({"mesa": N_("Mesa de Servicios"), "tracking": N_("SENAE Tracking")})


def _wrong_state(params: Params) -> str:
    return _(
        "El ticket está en estado «{estado}»: esa acción ya no corresponde. Actualice la vista."
    ).format(estado=ticket_state(str(params.get("state", ""))))


TEXTS: dict[str, Entry] = {
    "ticket_not_found": N_("No existe un ticket con ese número entre los que usted puede ver."),
    "ticket_wrong_state": _wrong_state,
    "rating_range": N_("Elija una calificación de 1 a 5."),
    "same_ticket": N_("Indique otro ticket, no el mismo."),
    "attachment_not_found": N_("No se encontró el archivo adjunto."),
}
