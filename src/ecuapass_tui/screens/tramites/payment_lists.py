"""The 1.11 requests: the company's own (a modal from 1.11) and, for staff, MS.5 Facilidades
de pago por decidir: Enter opens one; Aprobar or Rechazar with a note sends the decision to
the requester's Buzón Electrónico."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Static, TextArea

from ecuapass_tui.i18n import N_, _, ngettext
from ecuapass_tui.screens.base import OptionScreen, ecuapass_app
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import TRAMITES_CSS
from ecuapass_tui.screens.tramites.common import cell, short_time
from ecuapass_tui.services.errors import FieldErrors, ServiceError
from ecuapass_tui.services.tramites.payments import FacilityRow
from ecuapass_tui.texts import error_text, text
from ecuapass_tui.texts.tramites import facility_state_label, money
from ecuapass_tui.widgets.safe import safe


def fill(table: DataTable[Text], rows: list[FacilityRow], *, company: bool) -> None:
    table.clear()
    for row in rows:
        table.add_row(
            Text(row.number),
            cell(row.company if company else row.liquidation_number, 16),
            Text(money(row.amount_cents)),
            Text(str(row.instalments)),
            Text(facility_state_label(row.state)),
            Text(short_time(row.created_at)[:8]),
            key=row.number,
        )


def columns(table: DataTable[Text], *, company: bool) -> None:
    table.add_column(_("Número"), width=14)
    table.add_column(_("Empresa") if company else _("Liquidación"), width=16)
    table.add_column(_("Monto"), width=13)
    table.add_column(_("Cuotas"), width=6)
    table.add_column(_("Estado"), width=9)
    table.add_column(_("Registrada"), width=8)


class MyRequestsScreen(ModalScreen[None]):
    CSS_PATH = TRAMITES_CSS
    DEFAULT_CLASSES = "tramites-modal"
    BINDINGS = [Binding("escape", "dismiss_screen", N_("Cerrar"), id="pf-mine-close")]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(_("Mis solicitudes de facilidades de pago"), style="bold"))
            table: DataTable[Text] = DataTable(cursor_type="row", id="pf-mine")
            table.styles.height = 12
            yield table
            yield Static(Text(_("Esc: cerrar"), style="dim"))

    def on_mount(self) -> None:
        columns(self.query_one("#pf-mine", DataTable), company=False)
        self.load()

    def load(self) -> None:
        app = ecuapass_app(self.app)
        actor = app.actor
        if actor is not None:
            run_job(
                self, lambda: app.desk.my_payment_facilities(actor), self.loaded, name="pf-mine"
            )

    def loaded(self, rows: list[FacilityRow]) -> None:
        fill(self.query_one("#pf-mine", DataTable), rows, company=False)

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)


class DecideModal(ModalScreen[bool]):
    """Dismisses True when a decision was stored."""

    CSS_PATH = TRAMITES_CSS
    DEFAULT_CLASSES = "tramites-modal"
    BINDINGS = [Binding("escape", "cancel", N_("Cancelar"), id="pf-decide-cancel")]

    def __init__(self, row: FacilityRow) -> None:
        super().__init__()
        self.row = row

    def compose(self) -> ComposeResult:
        row = self.row
        with Vertical():
            yield Static(Text(_("Solicitud {n}").format(n=row.number), style="bold"))
            yield Static(
                safe(
                    f"{row.company} · {row.liquidation_number} · {money(row.amount_cents)} · "
                    + ngettext("{n} cuota", "{n} cuotas", row.instalments).format(n=row.instalments)
                )
            )
            yield Static(safe(row.justification), classes="tramites-box")
            yield Static(Text(_("Nota de la decisión (al menos 10 caracteres)")))
            note = TextArea(id="pf-note")
            note.styles.height = 4
            yield note
            yield Static("", id="pf-error")
            with Horizontal(classes="tramites-buttons"):
                yield Button(_("Aprobar"), id="pf-approve", variant="success", compact=True)
                yield Button(_("Rechazar"), id="pf-reject", variant="error", compact=True)
                yield Button(_("Cancelar"), id="pf-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#pf-note", TextArea).focus()

    def action_cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#pf-cancel")
    def _cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#pf-approve")
    @on(Button.Pressed, "#pf-reject")
    def _decide(self, event: Button.Pressed) -> None:
        self.decide(event.button.id == "pf-approve", self.query_one("#pf-note", TextArea).text)

    def decide(self, approve: bool, note: str) -> None:
        app = ecuapass_app(self.app)
        actor = app.actor
        if actor is None:
            return
        run_job(
            self,
            lambda: app.desk.decide_payment_facility(actor, self.row.number, approve, note),
            lambda _done: self.dismiss(True),
            name="pf-decide",
            refused=self.refused,
        )

    def refused(self, error: ServiceError) -> None:
        if isinstance(error, FieldErrors):
            message = " ".join(text(c) for c in error.rules.values())
        else:
            message = error_text(error)
        self.query_one("#pf-error", Static).update(safe(message))


class DecideScreen(OptionScreen):
    OPTION_NUMBER = "MS.5"
    CSS_PATH = TRAMITES_CSS
    BINDINGS = [*OptionScreen.BINDINGS, Binding("f5", "reload", N_("Actualizar"), id="pf-reload")]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[FacilityRow] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static("", id="pf-status", classes="tramites-line")
        yield DataTable(cursor_type="row", id="pf-table")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        table = self.query_one("#pf-table", DataTable)
        columns(table, company=True)
        table.focus()
        self.load()

    def load(self) -> None:
        actor = self.actor
        run_job(
            self,
            lambda: self.desk.payment_facilities_to_decide(actor),
            self.loaded,
            name="pf-todo",
            refused=lambda error: self.notify(error_text(error), severity="error", markup=False),
        )

    def loaded(self, rows: list[FacilityRow]) -> None:
        self.rows = rows
        fill(self.query_one("#pf-table", DataTable), self.rows, company=True)
        status = ngettext(
            "{n} solicitud por decidir (Enter: decidir).",
            "{n} solicitudes por decidir (Enter: decidir).",
            len(self.rows),
        ).format(n=len(self.rows))
        self.query_one("#pf-status", Static).update(Text(status))

    @on(DataTable.RowSelected, "#pf-table")
    def selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if 0 <= event.cursor_row < len(self.rows):
            row = self.rows[event.cursor_row]
            self.app.push_screen(DecideModal(row), self._decided)

    def _decided(self, done: bool | None) -> None:
        if done:
            self.load()

    def action_reload(self) -> None:
        self.load()
