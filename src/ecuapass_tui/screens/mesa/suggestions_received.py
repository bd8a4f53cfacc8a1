"""MS.8 Sugerencias recibidas (supervisors and administrators)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from ecuapass_tui.core.clock import format_local
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.services.mesa.suggestions import SuggestionRow
from ecuapass_tui.texts import error_text
from ecuapass_tui.texts.mesa import suggestion_kind
from ecuapass_tui.widgets.safe import safe


class SuggestionsReceivedScreen(OptionScreen):
    OPTION_NUMBER = "MS.8"
    BINDINGS = [*OptionScreen.BINDINGS, Binding("r", "reload", N_("Actualizar"), id="reload")]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[SuggestionRow] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        table: DataTable[object] = DataTable(id="suggestions", cursor_type="row")
        table.add_columns(_("Número"), _("Fecha"), _("ID. Usuario"), _("Tipo"), _("Asunto"))
        yield table
        with VerticalScroll(classes="section", id="suggestion-detail"):
            yield Static("", id="suggestion-text")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#suggestions").focus()
        self.load()

    def action_reload(self) -> None:
        self.load()

    def load(self) -> None:
        actor = self.actor
        run_job(
            self,
            lambda: self.desk.suggestions(actor),
            self.fill,
            name="suggestions-load",
            refused=lambda error: self.fill([], error_text(error)),
        )

    def fill(self, rows: list[SuggestionRow], note: str = "") -> None:
        self.rows = rows
        table = self.query_one("#suggestions", DataTable)
        table.clear()
        for row in self.rows:
            table.add_row(
                safe(f"SUG-{row.id:06d}", single_line=True),
                safe(format_local(row.created_at)[:16], single_line=True),
                safe(row.username, single_line=True),
                safe(suggestion_kind(row.kind), single_line=True),
                safe(row.subject, single_line=True),
            )
        text = note or ("" if self.rows else _("No hay sugerencias."))
        self.query_one("#suggestion-text", Static).update(safe(text))

    @on(DataTable.RowHighlighted, "#suggestions")
    def show(self, event: DataTable.RowHighlighted) -> None:
        if not (0 <= event.cursor_row < len(self.rows)):
            return
        row = self.rows[event.cursor_row]
        lines = [
            f"{suggestion_kind(row.kind)} · {row.subject}",
            f"{row.full_name} ({row.username}){' · ' + row.email if row.email else ''}",
        ]
        if row.related_option:
            lines.append(_("Opción relacionada: {opcion}").format(opcion=row.related_option))
        lines += ["", row.body]
        self.query_one("#suggestion-text", Static).update(safe("\n".join(lines)))
