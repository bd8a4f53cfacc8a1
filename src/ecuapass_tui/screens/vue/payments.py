"""4.5 Pago-e: the fees the institutions authorised (120), pending first, with their amount in
USD; P pays one with the bank's reference (130), X saves its receipt to a folder (a reversal
is the institution's, recorded on the request: screens/vue/request_view.py). Under them, the
DAI's liquidaciones still to pay (those 1.6 labels Pago-e)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from ecuapass_tui import formats
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.save_to_folder import Look, SaveToFolderScreen
from ecuapass_tui.screens.styles import VUE_CSS
from ecuapass_tui.screens.vue.ask import AskScreen
from ecuapass_tui.screens.vue.common import cell, state_text, usd, when
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import PermissionDenied
from ecuapass_tui.services.files import folder_target
from ecuapass_tui.services.tramites.payments import PendingLiquidation
from ecuapass_tui.services.vue.dto import Fee

if TYPE_CHECKING:
    from ecuapass_tui.services.desk import Desk

FEE_COLUMNS = (
    (N_("Solicitud"), 22),
    (N_("Institución"), 11),
    (N_("Valor"), 13),
    (N_("Estado"), 20),
    (N_("Referencia"), 12),
)
LIQUIDATION_COLUMNS = (
    (N_("Liquidación"), 18),
    (N_("DAI"), 22),
    (N_("Distrito"), 14),
    (N_("Valor"), 16),
)

Loaded = tuple[list[Fee], list[PendingLiquidation]]


class ReceiptScreen(SaveToFolderScreen):
    CSS_PATH = VUE_CSS
    DEFAULT_CLASSES = "vue-modal"
    BINDINGS = [Binding("escape", "cancel", N_("Cancelar"), id="receipt-cancel")]
    PREFIX = "receipt"
    LOOK = Look(title="vue-modal-title", error="vue-error", buttons="vue-buttons")

    def __init__(self, number: str, folder: Path) -> None:
        super().__init__(folder)
        self.number = number

    def heading(self) -> Text:
        return Text(_("Guardar el comprobante de pago de {numero}").format(numero=self.number))

    def fetch(self, desk: Desk, actor: Actor, folder: str) -> tuple[Path, bytes]:
        folder_target(folder, "", self.roots)
        name, content = desk.vue_receipt(actor, self.number)
        return folder_target(folder, name, self.roots), content


class PagoScreen(OptionScreen):
    OPTION_NUMBER = "4.5"
    CSS_PATH = VUE_CSS
    BINDINGS = [
        *OptionScreen.BINDINGS,
        Binding("p", "pay", N_("Pagar"), id="fee-pay"),
        Binding("x", "receipt", N_("Comprobante"), id="fee-receipt"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.fees: list[Fee] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static("", id="fees-status", classes="vue-line")
        yield DataTable(cursor_type="row", id="fees-table", cell_padding=0, classes="vue-table")
        yield Static("", id="fees-current", classes="vue-line")
        yield Static("", id="liquidations-status", classes="vue-line")
        yield DataTable(cursor_type="row", id="liquidations-table", cell_padding=0)
        yield from self.compose_footer()

    def on_mount(self) -> None:
        fees = self.query_one("#fees-table", DataTable)
        for header, width in FEE_COLUMNS:
            fees.add_column(_(header)[: width - 1], width=width)
        liquidations = self.query_one("#liquidations-table", DataTable)
        liquidations.styles.height = 5
        for header, width in LIQUIDATION_COLUMNS:
            liquidations.add_column(_(header)[: width - 1], width=width)
        fees.focus()
        self.load()

    def load(self) -> None:
        actor = self.actor
        run_job(self, lambda: self._read(actor), self.loaded, name="fees-load", group="fees-load")

    def _read(self, actor: Actor) -> Loaded:
        fees = self.desk.vue_fees(actor)
        try:
            liquidations = self.desk.pending_liquidations(actor)
        except PermissionDenied:
            liquidations = []  # an Empleado without 1.11 still sees the VUE fees
        return fees, liquidations

    def loaded(self, loaded: Loaded) -> None:
        fees, liquidations = loaded
        self.fees = fees
        table = self.query_one("#fees-table", DataTable)
        cursor = table.cursor_row
        table.clear()
        for fee in fees:
            table.add_row(
                cell(fee.number, 21),
                cell(fee.institution, 10),
                cell(usd(fee.amount), 12),
                cell(state_text(fee.state), 19),
                cell(fee.bank_reference or "—", 11),
                key=fee.number,
            )
        if fees:
            table.move_cursor(row=min(max(cursor, 0), len(fees) - 1))
        pending = sum(1 for fee in fees if fee.state == "120")
        status = _("Tasas: {n} · por pagar: {p}").format(n=len(fees), p=pending)
        self.query_one("#fees-status", Static).update(Text(status))
        self.fill_liquidations(liquidations)
        self.show_current()

    def fill_liquidations(self, liquidations: list[PendingLiquidation]) -> None:
        table = self.query_one("#liquidations-table", DataTable)
        table.clear()
        for row in liquidations:
            table.add_row(
                cell(row.liquidation_number, 17),
                cell(row.dai_number or row.delivery_number, 21),
                cell(row.district, 13),
                Text(formats.amount(row.amount_cents)),
            )
        title = _("Liquidaciones de la DAI por pagar (Pago-e): {n}").format(n=len(liquidations))
        self.query_one("#liquidations-status", Static).update(Text(title))

    def current(self) -> Fee | None:
        index = self.query_one("#fees-table", DataTable).cursor_row
        return self.fees[index] if 0 <= index < len(self.fees) else None

    @on(DataTable.RowHighlighted, "#fees-table")
    def show_current(self) -> None:
        fee = self.current()
        line = self.query_one("#fees-current", Static)
        if fee is None:
            line.update(Text(_("No tiene tasas autorizadas.")) if not self.fees else "")
            return
        parts = [fee.form_name, _("autorizada {fecha}").format(fecha=when(fee.authorised_at))]
        if fee.paid_at:
            parts.append(_("pagada {fecha}").format(fecha=when(fee.paid_at)))
        if fee.reversed_at:
            parts.append(_("reversada {fecha}").format(fecha=when(fee.reversed_at)))
        line.update(cell(" · ".join(parts), 78))

    def action_pay(self) -> None:
        fee = self.current()
        if fee is None:
            return
        actor, desk = self.actor, self.desk
        heading = _("Pagar {valor} de la solicitud {numero}").format(
            valor=usd(fee.amount), numero=fee.number
        )
        self.app.push_screen(
            AskScreen(
                heading,
                _("Referencia bancaria"),
                lambda typed: desk.vue_pay(actor, fee.number, typed),
                empty=_("Escriba la referencia del pago que dio el banco."),
            ),
            self.changed,
        )

    def changed(self, fee: object) -> None:
        if isinstance(fee, Fee):
            message = _("Solicitud {numero}: {estado}").format(
                numero=fee.number, estado=state_text(fee.state)
            )
            self.notify(message, markup=False)
            self.load()

    def action_receipt(self) -> None:
        fee = self.current()
        if fee is None:
            return

        def saved(path: Path | None) -> None:
            if path is not None:
                self.notify(_("Comprobante guardado en {ruta}").format(ruta=path), markup=False)

        self.app.push_screen(ReceiptScreen(fee.number, Path.home()), saved)
