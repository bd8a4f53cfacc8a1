"""4.6 Solicitudes recibidas: the requests sent to the user's institution (Entidad or
Representante de la entidad), waiting ones first, filtered by state and period; Enter opens
one to receive it, authorise its fee, approve it, refuse it or ask for a correction."""

from __future__ import annotations

from ecuapass_tui.screens.vue.request_table import PAGE, RequestTableScreen
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.vue.dto import RequestFilter, RequestPage


class QueueScreen(RequestTableScreen):
    OPTION_NUMBER = "4.6"
    INSTITUTION_FILTER = False  # only the user's own institution

    def fetch(self, actor: Actor, wanted: RequestFilter, after: str | None) -> RequestPage:
        return self.desk.vue_queue(actor, wanted, after=after, limit=PAGE)
