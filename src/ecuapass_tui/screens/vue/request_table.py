"""A page-at-a-time list of VUE requests with its filters (institution, state, period):
Estado de procesamiento for the company and the institution's queue share it. The service
gives keyset pages; M or reaching the last row loads the next; Enter opens the request with
its history."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Select, Static

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import VUE_CSS
from ecuapass_tui.screens.vue.common import STATES, cell, state_text, when
from ecuapass_tui.screens.vue.request_view import RequestScreen
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.tramites.document_lists import period_range
from ecuapass_tui.services.vue.dto import Institution, RequestFilter, RequestPage, RequestRow
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe

PAGE = 50
COLUMNS = (  # key, header, width (cell_padding 0: one space is part of the width)
    ("number", N_("Número"), 22),
    ("institution", N_("Institución"), 10),
    ("form", N_("Formulario"), 12),
    ("sent", N_("Envío"), 9),
    ("state", N_("Estado"), 16),
    ("state_at", N_("F.estado"), 9),
)


def parse_day(typed: str) -> datetime | None:
    return datetime.strptime(typed.strip(), "%d/%m/%Y") if typed.strip() else None


class RequestTableScreen(OptionScreen):
    """Subclasses say which page they read (`fetch`)."""

    CSS_PATH = VUE_CSS
    BINDINGS = [
        *OptionScreen.BINDINGS,
        Binding("m", "more", N_("Más solicitudes"), id="vue-more"),
        Binding("f5", "query", N_("Aplicar filtros"), id="vue-query"),
    ]
    INSTITUTION_FILTER = True

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[RequestRow] = []
        self.next_cursor: str | None = None
        self.wanted = RequestFilter()
        self.armed = False  # the filters' Changed events while mounting do not query again

    def fetch(self, actor: Actor, wanted: RequestFilter, after: str | None) -> RequestPage:
        raise NotImplementedError

    # -- layout
    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(classes="vue-filters"):
            if self.INSTITUTION_FILTER:
                yield Static(_("Institución"), classes="vue-label")
                yield Select(
                    [(_("Todas"), "")], value="", allow_blank=False, compact=True, id="f-inst"
                )
            yield Static(_("Estado"), classes="vue-label")
            states = [(_("Todos"), ""), *[(state_text(code), code) for code in STATES]]
            yield Select(states, value="", allow_blank=False, compact=True, id="f-state")
        with Horizontal(classes="vue-filters"):
            yield Static(_("Periodo"), classes="vue-label")
            periods = [
                (_("Todos"), ""),
                (_("Hoy"), "hoy"),
                (_("Semana"), "semana"),
                (_("Mes"), "mes"),
                (_("Rango"), "rango"),
            ]
            yield Select(periods, value="", allow_blank=False, compact=True, id="f-period")
            yield Field(placeholder=_("Desde dd/mm/aaaa"), id="f-from", compact=True)
            yield Field(placeholder=_("Hasta dd/mm/aaaa"), id="f-to", compact=True)
        yield Static("", id="vue-status", classes="vue-line")
        yield DataTable(cursor_type="row", id="vue-table", cell_padding=0, classes="vue-table")
        yield Static("", id="vue-current", classes="vue-line")
        yield from self.compose_footer()

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#vue-table", DataTable)

    def columns(self) -> dict[str, int]:
        """Each column's width; without the institution's column (the queue: always the
        user's institution) the state gets its room."""
        widths = {key: width for key, _header, width in COLUMNS}
        if not self.INSTITUTION_FILTER:
            widths["state"] += widths.pop("institution")
        return widths

    def on_mount(self) -> None:
        widths = self.columns()
        for key, header, _width in COLUMNS:
            if key in widths:
                self.table.add_column(_(header)[: widths[key] - 1], width=widths[key], key=key)
        self.table.focus()
        if self.INSTITUTION_FILTER:
            run_job(self, self.desk.vue_institutions, self.institutions, name="vue-institutions")
        self.apply()
        self.call_after_refresh(self._arm)

    def _arm(self) -> None:
        self.armed = True

    def institutions(self, found: list[Institution]) -> None:
        choices: list[tuple[Text, str]] = [(Text(_("Todas")), "")]
        choices += [(safe(i.short_name, single_line=True), i.code) for i in found]
        self.query_one("#f-inst", Select).set_options(choices)

    # -- filters
    def _value(self, selector: str) -> str:
        return str(self.query_one(selector, Select).value or "")

    def current_filter(self) -> RequestFilter | None:
        period = self._value("#f-period")
        start, end = period_range(period, self.desk.today())
        if period == "rango":
            try:
                start_at = parse_day(self.query_one("#f-from", Input).value)
                end_at = parse_day(self.query_one("#f-to", Input).value)
            except ValueError:
                self.notify(_("Escriba las fechas como dd/mm/aaaa."), severity="error")
                self.query_one("#f-from", Input).focus()
                return None
            start = start_at.date() if start_at else None
            end = end_at.date() if end_at else None
        institution = self._value("#f-inst") if self.INSTITUTION_FILTER else ""
        return RequestFilter(
            institution_code=institution, state=self._value("#f-state"), start=start, end=end
        )

    @on(Select.Changed)
    def changed(self, event: Select.Changed) -> None:
        if self.armed and (event.select.id != "f-period" or event.value != "rango"):
            self.apply()

    @on(Input.Submitted)
    def submitted(self) -> None:
        self.apply()
        self.table.focus()

    def action_query(self) -> None:
        self.apply()

    # -- pages
    def apply(self) -> None:
        wanted = self.current_filter()
        if wanted is not None:
            self.wanted = wanted
            self.load(wanted, None, append=False)

    def load(self, wanted: RequestFilter, after: str | None, *, append: bool) -> None:
        actor = self.actor
        run_job(
            self,
            lambda: self.fetch(actor, wanted, after),
            lambda page: self.loaded(page, append=append),
            name="vue-load",
            group="vue-load",
        )

    def loaded(self, page: RequestPage, *, append: bool) -> None:
        self.next_cursor = page.next_cursor
        if not append:
            self.rows = []
            self.table.clear()
        widths = self.columns()
        for row in page.rows:
            self.rows.append(row)
            cells = {
                "number": cell(row.number, 21),
                "institution": cell(row.institution, 9),
                "form": cell(row.form_code, 11),
                "sent": Text(when(row.sent_at)[:8]),
                "state": cell(state_text(row.state), widths["state"] - 1),
                "state_at": Text(when(row.state_at)[:8]),
            }
            self.table.add_row(*(cells[key] for key in widths), key=row.number)
        more = _(" (M: más)") if self.next_cursor else ""
        status = _("Resultado: {n}").format(n=len(self.rows)) + more
        self.query_one("#vue-status", Static).update(Text(status))
        self.show_current()

    def show_current(self) -> None:
        index = self.table.cursor_row
        line = self.query_one("#vue-current", Static)
        if 0 <= index < len(self.rows):
            row = self.rows[index]
            shown = f"{row.number} · {state_text(row.state)} · {row.form_name}"
            line.update(safe(shown, single_line=True))
        else:
            line.update(Text(_("Ninguna solicitud con estos filtros.")) if not self.rows else "")

    @on(DataTable.RowHighlighted, "#vue-table")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_current()
        if event.cursor_row == len(self.rows) - 1 and self.next_cursor:
            self.action_more()

    @on(DataTable.RowSelected, "#vue-table")
    def selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        index = event.cursor_row
        if 0 <= index < len(self.rows):
            self.app.push_screen(RequestScreen(self.rows[index].number), self._back)

    def _back(self, _changed: object) -> None:
        self.apply()

    def action_more(self) -> None:
        if self.next_cursor:
            cursor, self.next_cursor = self.next_cursor, None
            self.load(self.wanted, cursor, append=True)
