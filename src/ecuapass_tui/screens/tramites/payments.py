"""1.11 Solicitud de facilidades de pago para obligaciones pendientes: the company's pending
liquidaciones on top (Enter copies one into the form), the form `facilidades_pago` under it
with its draft, S lists the requests already made and their states."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from ecuapass_tui.formats import amount_input
from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.drafted import DraftedFormScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import TRAMITES_CSS
from ecuapass_tui.screens.tramites.common import cell
from ecuapass_tui.screens.tramites.payment_lists import MyRequestsScreen
from ecuapass_tui.services.drafts import Draft
from ecuapass_tui.services.errors import FieldErrors, ServiceError
from ecuapass_tui.services.tramites.payments import FORM_ID, PendingLiquidation
from ecuapass_tui.texts import error_text, text
from ecuapass_tui.texts.tramites import money
from ecuapass_tui.widgets.form import FormView


class PaymentsScreen(DraftedFormScreen):
    OPTION_NUMBER = "1.11"
    FORM_ID = FORM_ID
    CSS_PATH = TRAMITES_CSS
    BINDINGS = [
        *OptionScreen.BINDINGS,
        Binding("ctrl+l", "requests", N_("Mis solicitudes"), id="pf-requests"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.spec = load_spec(FORM_ID)
        self.rows: list[PendingLiquidation] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static(
            Text(_("Liquidaciones pendientes de pago (Enter: usar en el formulario)")),
            classes="tramites-line",
        )
        table: DataTable[Text] = DataTable(cursor_type="row", id="pf-pending", cell_padding=0)
        table.styles.height = 5
        yield table
        yield FormView(self.spec, language=self.actor.language, id="form")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        table = self.query_one("#pf-pending", DataTable)
        for header, width in (
            (_("Liquidación"), 17),
            (_("DAI"), 22),
            (_("MRN"), 17),
            (_("Monto"), 16),
        ):
            table.add_column(header, width=width)
        table.focus()
        self.load()

    def load(self) -> None:
        actor = self.actor
        run_job(
            self,
            lambda: (self.desk.pending_liquidations(actor), self.desk.load_draft(actor, FORM_ID)),
            lambda loaded: self.pending(*loaded),
            name="pf-load",
            refused=self.refused,
        )

    def pending(self, rows: list[PendingLiquidation], draft: Draft | None) -> None:
        self.rows = rows
        table = self.query_one("#pf-pending", DataTable)
        table.clear()
        for row in self.rows:
            table.add_row(
                cell(row.liquidation_number, 16),
                cell(row.dai_number, 21),
                cell(row.mrn, 16),
                Text(money(row.amount_cents)),
                key=str(row.declaration_id),
            )
        if not self.rows:
            table.add_row(Text(_("Su empresa no tiene liquidaciones pendientes."), style="dim"))
        self.offer_draft(draft)

    @on(DataTable.RowSelected, "#pf-pending")
    def chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if not 0 <= event.cursor_row < len(self.rows):
            return
        row = self.rows[event.cursor_row]
        values = self.form.values()
        values.update(
            numero_liquidacion=row.liquidation_number,
            numero_entrega=row.delivery_number,
            distrito=row.district,
            monto=amount_input(row.amount_cents),
        )
        self.form.set_values(values, self.form.files())
        self.save_draft_later()
        self.form.query_one("#f-cuotas").focus()

    @on(FormView.Submitted, "#form")
    def submitted(self, event: FormView.Submitted) -> None:
        self.send(event.values, event.files)

    def send(self, values: dict[str, Any], files: dict[str, list[Attachment]]) -> None:
        actor = self.actor
        run_job(
            self,
            self.storing(lambda: self.desk.request_payment_facility(actor, values, files)),
            self.done,
            name="pf-send",
            refused=self.refused,
        )

    def refused(self, error: ServiceError) -> None:
        if isinstance(error, FieldErrors) and error.errors:
            self.form.show_errors(error.errors)
            for field_error in error.errors:
                if field_error.code.startswith("fp_"):
                    message = text(field_error.code, **field_error.params)
                    self.notify(message, severity="error", markup=False)
        else:
            self.notify(error_text(error), severity="error", markup=False)

    def done(self, number: str) -> None:
        self.sent = True
        self.app.pop_screen()
        self.app.notify(
            _(
                "Solicitud {numero} registrada: recibirá la decisión en su Buzón Electrónico."
            ).format(numero=number),
            markup=False,
        )

    def action_requests(self) -> None:
        self.app.push_screen(MyRequestsScreen())
