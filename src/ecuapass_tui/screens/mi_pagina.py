"""3.11.1 Mi página: the user's profile, OCE codes and last data update."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Label, Static

from ecuapass_tui.i18n import _
from ecuapass_tui.messages import user_state
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.login import user_class_label
from ecuapass_tui.services.clock import format_local
from ecuapass_tui.services.dto import Profile
from ecuapass_tui.widgets.safe import safe


class MiPaginaScreen(OptionScreen):
    OPTION_NUMBER = "3.11.1"

    class Loaded(Message):
        def __init__(self, profile: Profile) -> None:
            super().__init__()
            self.profile = profile

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with VerticalScroll(id="profile"):
            yield Grid(id="profile-grid", classes="detail-grid section")
            yield Static(_("Códigos de OCE"), classes="hint")
            table: DataTable[object] = DataTable(id="oce-table", cursor_type="row")
            table.add_columns(_("Código"), _("Tipo de OCE"), _("Inicio"), _("Fin"))
            yield table
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, name="profile-load")
    def load(self) -> None:
        self.post_message(self.Loaded(self.desk.profile(self.actor)))

    def on_mi_pagina_screen_loaded(self, message: Loaded) -> None:
        p = message.profile
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
                p.data_updated_at.strftime("%d/%m/%Y") if p.data_updated_at else _("nunca"),
            ),
            (_("Último ingreso"), format_local(p.last_login_at) or "—"),
        ]
        grid = self.query_one("#profile-grid", Grid)
        grid.remove_children()
        for key, value in rows:
            grid.mount(Label(safe(key, single_line=True), classes="detail-key"))
            grid.mount(Label(safe(value)))
        table = self.query_one("#oce-table", DataTable)
        table.clear()
        for code in p.oce_codes:
            table.add_row(
                safe(code.code),
                safe(code.oce_type_name),
                safe(code.start.strftime("%m/%Y")),
                safe(code.end.strftime("%d/%m/%Y")),
            )
        if not p.oce_codes:
            table.display = False
