"""A page-at-a-time table of e-documents (1.3 and 1.6): keyset cursor from the service, M or
reaching the last row loads more, Enter opens the document with its notifications."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widgets import DataTable, Static

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import TRAMITES_CSS
from ecuapass_tui.screens.tramites.common import cell, short_time
from ecuapass_tui.screens.tramites.document_view import DocumentScreen
from ecuapass_tui.services.tramites.document_lists import DocumentFilter, DocumentPage
from ecuapass_tui.services.tramites.documents import DocumentRow
from ecuapass_tui.texts.tramites import document_state_label
from ecuapass_tui.widgets.safe import safe

PAGE = 50
COLUMNS = (  # header, width (cell_padding 0: one space is part of the width)
    (N_("No"), 3),
    (N_("Nombre del doc."), 17),
    (N_("Número de entrega"), 22),
    (N_("Fecha-hora"), 15),
    (N_("Transmisión"), 12),
    (N_("Estado"), 10),
)


class DocumentsTableScreen(OptionScreen):
    CSS_PATH = TRAMITES_CSS
    BINDINGS = [
        *OptionScreen.BINDINGS,
        Binding("m", "more", N_("Más documentos"), id="docs-more"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[DocumentRow] = []
        self.next_cursor: str | None = None
        self.wanted = DocumentFilter()
        self.armed = False  # filters' Changed events while mounting do not query again

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#docs-table", DataTable)

    def make_table(self) -> DataTable[Text]:
        table: DataTable[Text] = DataTable(cursor_type="row", id="docs-table", cell_padding=0)
        return table

    def on_mount(self) -> None:
        # Textual calls each class's on_mount: subclasses must not define one (or call this).
        for header, width in COLUMNS:
            self.table.add_column(_(header)[: width - 1], width=width)
        self.table.focus()
        self.apply()
        self.call_after_refresh(self._arm)

    def _arm(self) -> None:
        self.armed = True

    def current_filter(self) -> DocumentFilter | None:
        """The filter from the screen's fields, or None after showing what is wrong."""
        return self.wanted

    def apply(self) -> None:
        wanted = self.current_filter()
        if wanted is not None:
            self.wanted = wanted
            self.load(wanted, None, append=False)

    def load(self, wanted: DocumentFilter, after: str | None, *, append: bool) -> None:
        # A refusal or a fault: screens/failures.py says it (one path for every worker).
        actor = self.actor
        run_job(
            self,
            lambda: self.desk.documents_page(actor, wanted, after=after, limit=PAGE),
            lambda page: self.loaded(page, append=append),
            name="docs-load",
            group="docs-load",
        )

    def loaded(self, page: DocumentPage, *, append: bool) -> None:
        self.next_cursor = page.next_cursor
        if not append:
            self.rows = []
            self.table.clear()
        for row in page.rows:
            self.rows.append(row)
            self.table.add_row(
                Text(f"{len(self.rows)}"),
                cell(row.title, 16),
                cell(row.delivery_number or "—", 21),
                Text(short_time(row.delivered_at)),
                cell(document_state_label(row.transmission_state), 11),
                cell(document_state_label(row.document_state), 9),
                key=str(row.id),
            )
        more = _(" (M: más)") if self.next_cursor else ""
        status = _("Resultado: {n}").format(n=len(self.rows)) + more
        self.query_one("#docs-status", Static).update(Text(status))
        self.show_current()

    def show_current(self) -> None:
        index = self.table.cursor_row
        line = self.query_one("#docs-current", Static)
        if 0 <= index < len(self.rows):
            row = self.rows[index]
            line.update(safe(f"{row.title} · {row.delivery_number}", single_line=True))
        else:
            line.update("")

    @on(DataTable.RowHighlighted, "#docs-table")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_current()
        if event.cursor_row == len(self.rows) - 1 and self.next_cursor:
            self.action_more()

    @on(DataTable.RowSelected, "#docs-table")
    def selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        index = event.cursor_row
        if 0 <= index < len(self.rows):
            self.open_row(self.rows[index])

    def open_row(self, row: DocumentRow) -> None:
        self.app.push_screen(DocumentScreen(row.id))

    def action_more(self) -> None:
        if self.next_cursor:
            cursor, self.next_cursor = self.next_cursor, None
            self.load(self.wanted, cursor, append=True)
