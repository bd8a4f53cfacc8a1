"""4.4 Estado de procesamiento: the company's VUE requests (Número, Institución, Formulario,
Fecha de envío, Estado with its code and label, Fecha de estado), filtered by institution,
state and period, a page at a time; Enter opens a request with its history."""

from __future__ import annotations

from ecuapass_tui.screens.vue.request_table import PAGE, RequestTableScreen
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.vue.dto import RequestFilter, RequestPage


class EstadoScreen(RequestTableScreen):
    OPTION_NUMBER = "4.4"

    def fetch(self, actor: Actor, wanted: RequestFilter, after: str | None) -> RequestPage:
        return self.desk.vue_status_page(actor, wanted, after=after, limit=PAGE)
