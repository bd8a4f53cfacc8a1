"""3.11.1 Mi página: the user's profile, OCE codes, last data update (with the January rule's
status), signed convenios and recent tickets."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.widgets import DataTable, Label, Static

from ecuapass_tui import formats
from ecuapass_tui.core.clock import format_local
from ecuapass_tui.i18n import _
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.services.cuentas.my_page import PageExtras
from ecuapass_tui.services.dto import Profile
from ecuapass_tui.texts import ticket_state, user_state
from ecuapass_tui.texts.cuentas import user_class_label
from ecuapass_tui.widgets.safe import safe


class MyPageScreen(OptionScreen):
    OPTION_NUMBER = "3.11.1"

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with VerticalScroll(id="profile"):
            yield Grid(id="profile-grid", classes="detail-grid section")
            yield Static(_("Códigos de OCE"), classes="hint")
            table: DataTable[object] = DataTable(id="oce-table", cursor_type="row")
            table.add_columns(_("Código"), _("Tipo de OCE"), _("Inicio"), _("Fin"))
            yield table
            yield Static(_("Convenios firmados"), classes="hint")
            signed: DataTable[object] = DataTable(id="convenio-table", cursor_type="row")
            signed.add_columns(_("Fecha"), _("Versión"), _("Certificado"), _("Huella SHA-256"))
            yield signed
            yield Static(_("Tickets recientes (3.9.3)"), classes="hint")
            tickets: DataTable[object] = DataTable(id="ticket-table", cursor_type="row")
            tickets.add_columns(_("Número"), _("Asunto"), _("Estado"), _("Fecha"))
            yield tickets
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.load()

    def load(self) -> None:
        actor = self.actor
        run_job(
            self,
            lambda: (self.desk.profile(actor), self.desk.page_extras(actor)),
            self.fill,
            name="profile-load",
        )

    def fill(self, loaded: tuple[Profile, PageExtras]) -> None:
        p, extras = loaded
        rows = [
            (_("ID. Usuario"), p.username),
            (_("Clase de usuario"), user_class_label(p.user_class)),
            (_("Nombre"), p.full_name),
            (_("Documento"), f"{p.id_doc_type.upper()} {p.id_doc_number}"),
            (_("Correo electrónico"), p.email),
            (_("Teléfono / Celular"), " / ".join(x for x in (p.phone1, p.mobile) if x)),
            (_("Provincia / Ciudad"), " / ".join(x for x in (p.province, p.canton) if x)),
            (_("Empresa"), f"{p.company_ruc} {p.company_name}" if p.company_ruc else "—"),
            (_("Estado"), user_state(p.state)),
            (
                _("Última actualización de datos"),
                (formats.day(p.data_updated_at) if p.data_updated_at else _("nunca"))
                + january_note(extras.january),
            ),
            (_("Último ingreso"), format_local(p.last_login_at) or "—"),
        ]
        grid = self.query_one("#profile-grid", Grid)
        grid.remove_children()
        grid.mount_all(
            label
            for key, value in rows
            for label in (
                Label(safe(key, single_line=True), classes="detail-key"),
                Label(safe(value)),
            )
        )
        table = self.query_one("#oce-table", DataTable)
        table.clear()
        for code in p.oce_codes:
            table.add_row(
                safe(code.code),
                safe(code.oce_type_name),
                safe(formats.month(code.start)),
                safe(formats.day(code.end)),
            )
        if not p.oce_codes:
            table.display = False
        self._fill_extras(extras)

    def _fill_extras(self, extras: PageExtras) -> None:
        signed = self.query_one("#convenio-table", DataTable)
        signed.clear()
        for c in extras.convenios:
            signed.add_row(
                safe(formats.day(c.signed_at)),
                safe(c.version),
                safe(c.subject, single_line=True),
                safe(c.fingerprint[:16] + "…"),
            )
        if not extras.convenios:
            signed.add_row(safe(_("Ninguno todavía (3.2.3)")), safe(""), safe(""), safe(""))
        tickets = self.query_one("#ticket-table", DataTable)
        tickets.clear()
        for t in extras.tickets:
            tickets.add_row(
                safe(t.number),
                safe(t.subject, single_line=True),
                safe(ticket_state(t.state)),
                safe(formats.day(t.created_at)),
            )
        if not extras.tickets:
            tickets.add_row(safe(_("No tiene tickets.")), safe(""), safe(""), safe(""))


def january_note(status: str) -> str:
    if status == "warning":
        return " · " + _("pendiente: actualice sus datos en enero (3.2.3)")
    if status == "overdue":
        return " · " + _("vencida: su ID. USUARIO será inhabilitado")
    return ""
