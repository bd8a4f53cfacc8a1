"""1.6 e-Documentos: the company's sent and received e-documents (notifications included),
newest first; Enter views one, and X there exports it to a file (checked later by 2.7)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Select, Static

from ecuapass_tui.i18n import _
from ecuapass_tui.screens.tramites.documents_table import DocumentsTableScreen
from ecuapass_tui.services.tramites.document_lists import DocumentFilter


class EDocumentsScreen(DocumentsTableScreen):
    OPTION_NUMBER = "1.6"

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(classes="tramites-filters"):
            yield Static(_("Mostrar"), classes="tramites-label")
            yield Select(
                [
                    (_("Enviados y recibidos"), ""),
                    (_("Enviados"), "enviado"),
                    (_("Recibidos"), "recibido"),
                ],
                value="",
                allow_blank=False,
                compact=True,
                id="f-direccion",
            )
        yield Static("", id="docs-status", classes="tramites-line")
        yield self.make_table()
        yield Static("", id="docs-current", classes="tramites-line")
        yield from self.compose_footer()

    def current_filter(self) -> DocumentFilter | None:
        direction = str(self.query_one("#f-direccion", Select).value or "")
        return DocumentFilter(direction=direction, top_level=False)

    @on(Select.Changed, "#f-direccion")
    def changed(self) -> None:
        if self.armed:
            self.apply()
