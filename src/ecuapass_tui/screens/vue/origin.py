"""4.3 Certificados de Origen y DDO: the exporter's declaraciones juramentadas de origen (DJO,
twelve sections, signed, in force for a period) and the certificates of origin asked on a DJO
in force, those that expire within 30 days first. D: a new DJO; C: a certificate on the
highlighted DJO; Enter on a certificate: its request and history."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from ecuapass_tui import formats
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import VUE_CSS
from ecuapass_tui.screens.vue.common import cell, state_text
from ecuapass_tui.screens.vue.request_form import Files, SignedFormScreen, Values, request_lines
from ecuapass_tui.screens.vue.request_view import RequestScreen
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.vue.dto import CertificateRow, DjoRow, RequestRow

DJO_SPEC = "vue_djo"
CERTIFICATE_SPEC = "vue_certificado_origen"
Loaded = tuple[list[DjoRow], list[CertificateRow]]


class DjoFormScreen(SignedFormScreen):
    OPTION_NUMBER = "4.3"

    def __init__(self) -> None:
        super().__init__(DJO_SPEC, "vue:djo", _("Declaración juramentada de origen (DJO)"))

    def deliver(self, actor: Actor, values: Values, files: Files, p12: bytes, pin: str) -> DjoRow:
        return self.desk.vue_sign_djo(actor, values, p12, pin)

    def sent_lines(self, result: object) -> list[str]:
        if not isinstance(result, DjoRow):
            return []
        valid = f"{formats.day(result.valid_from)} – {formats.day(result.valid_until)}"
        return [
            _("DJO número: {numero}").format(numero=result.number),
            _("Vigente: {periodo}").format(periodo=valid),
        ]


class CertificateFormScreen(SignedFormScreen):
    OPTION_NUMBER = "4.3"

    def __init__(self, djo: DjoRow) -> None:
        title = _("Certificado de origen sobre la DJO {numero}").format(numero=djo.number)
        super().__init__(CERTIFICATE_SPEC, f"vue:certificado:{djo.number}", title)
        self.djo = djo

    def prefill(self) -> Values:
        return {"djo": self.djo.number}

    def deliver(
        self, actor: Actor, values: Values, files: Files, p12: bytes, pin: str
    ) -> RequestRow:
        return self.desk.vue_request_certificate(actor, self.djo.number, values, p12, pin)

    def sent_lines(self, result: object) -> list[str]:
        return request_lines(result) if isinstance(result, RequestRow) else []


class OriginScreen(OptionScreen):
    OPTION_NUMBER = "4.3"
    CSS_PATH = VUE_CSS
    BINDINGS = [
        *OptionScreen.BINDINGS,
        Binding("d", "new_djo", N_("Nueva DJO"), id="origin-djo"),
        Binding("c", "certificate", N_("Pedir certificado"), id="origin-certificate"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.djos: list[DjoRow] = []
        self.certificates: list[CertificateRow] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static("", id="djo-status", classes="vue-line")
        yield DataTable(cursor_type="row", id="djo-table", cell_padding=0, classes="vue-table")
        yield Static("", id="cert-status", classes="vue-line")
        yield DataTable(cursor_type="row", id="cert-table", cell_padding=0, classes="vue-table")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        djos = self.query_one("#djo-table", DataTable)
        for header, width in (
            (_("DJO"), 18),
            (_("Producto"), 24),
            (_("Subpartida"), 12),
            (_("Vigente hasta"), 14),
            (_("Estado"), 10),
        ):
            djos.add_column(header[: width - 1], width=width)
        certificates = self.query_one("#cert-table", DataTable)
        for header, width in (
            (_("Certificado"), 22),
            (_("DJO"), 18),
            (_("Estado"), 22),
            (_("Vence"), 16),
        ):
            certificates.add_column(header[: width - 1], width=width)
        djos.focus()
        self.load()

    def on_screen_resume(self) -> None:
        self.load()  # back from a DJO or a certificate just sent

    def load(self) -> None:
        actor = self.actor
        run_job(self, lambda: self._read(actor), self.loaded, name="origin-load", group="origin")

    def _read(self, actor: Actor) -> Loaded:
        return self.desk.vue_djos(actor), self.desk.vue_certificates(actor)

    def loaded(self, loaded: Loaded) -> None:
        self.djos, self.certificates = loaded
        djos = self.query_one("#djo-table", DataTable)
        djos.clear()
        for djo in self.djos:
            djos.add_row(
                cell(djo.number, 17),
                cell(djo.product, 23),
                cell(djo.subpartida, 11),
                Text(formats.day(djo.valid_until)),
                Text(_("vigente") if djo.in_force else _("vencida")),
            )
        in_force = sum(1 for djo in self.djos if djo.in_force)
        line = _("Declaraciones juramentadas de origen: {n} (vigentes: {v}) · D: nueva")
        self.query_one("#djo-status", Static).update(
            Text(line.format(n=len(self.djos), v=in_force))
        )
        certificates = self.query_one("#cert-table", DataTable)
        certificates.clear()
        for row in self.certificates:
            expiry = formats.day(row.valid_until) if row.valid_until else "—"
            if row.expires_soon:
                expiry = "⚠ " + expiry
            certificates.add_row(
                cell(row.number, 21),
                cell(row.djo_number, 17),
                cell(state_text(row.state), 21),
                Text(expiry),
            )
        soon = sum(1 for row in self.certificates if row.expires_soon)
        line = _("Certificados de origen: {n} (vencen en 30 días: {s}) · C: pedir")
        self.query_one("#cert-status", Static).update(
            Text(line.format(n=len(self.certificates), s=soon))
        )

    def action_new_djo(self) -> None:
        self.app.push_screen(DjoFormScreen())

    def action_certificate(self) -> None:
        index = self.query_one("#djo-table", DataTable).cursor_row
        djo = self.djos[index] if 0 <= index < len(self.djos) else None
        if djo is None or not djo.in_force:
            self.notify(
                _("Elija una DJO vigente en la primera tabla."), severity="warning", markup=False
            )
            self.query_one("#djo-table", DataTable).focus()
            return
        self.app.push_screen(CertificateFormScreen(djo))

    @on(DataTable.RowSelected, "#cert-table")
    def open_certificate(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.certificates):
            self.app.push_screen(RequestScreen(self.certificates[event.cursor_row].number))
