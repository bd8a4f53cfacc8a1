"""MS.9 Desbloqueo de usuarios (supervisors and administrators)."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Static

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.messages import error_text, user_state
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.login import user_class_label
from ecuapass_tui.services.clock import format_local
from ecuapass_tui.services.dto import UserSummary
from ecuapass_tui.services.errors import ServiceError
from ecuapass_tui.widgets.safe import safe


class UnlockUsersScreen(OptionScreen):
    OPTION_NUMBER = "MS.9"
    BINDINGS = [
        *OptionScreen.BINDINGS,
        Binding("d", "unlock", N_("Desbloquear"), id="unlock"),
        Binding("r", "reload", N_("Actualizar"), id="reload"),
    ]

    class Loaded(Message):
        def __init__(self, users: list[UserSummary], note: str = "") -> None:
            super().__init__()
            self.users = users
            self.note = note

    def __init__(self) -> None:
        super().__init__()
        self.users: list[UserSummary] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        table: DataTable[object] = DataTable(id="locked-table", cursor_type="row")
        table.add_columns(
            _("ID. Usuario"), _("Nombre"), _("Clase"), _("RUC"), _("Estado"), _("Bloqueado hasta")
        )
        yield table
        yield Static("", id="unlock-note", classes="hint")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#locked-table").focus()
        self.load()

    def action_reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, name="locked-users")
    def load(self, note: str = "") -> None:
        try:
            users = self.desk.locked_users(self.actor)
        except ServiceError as error:
            self.post_message(self.Loaded([], error_text(error)))
            return
        self.post_message(self.Loaded(users, note))

    def on_unlock_users_screen_loaded(self, message: Loaded) -> None:
        self.users = message.users
        table = self.query_one("#locked-table", DataTable)
        table.clear()
        for user in self.users:
            table.add_row(
                safe(user.username, single_line=True),
                safe(user.full_name, single_line=True),
                safe(user_class_label(user.user_class), single_line=True),
                safe(user.company_ruc or "—", single_line=True),
                safe(user_state(user.state), single_line=True),
                safe(format_local(user.locked_until) or "—", single_line=True),
            )
        note = message.note or (
            _("No hay cuentas bloqueadas ni inhabilitadas.")
            if not self.users
            else _("d desbloquea la cuenta elegida.")
        )
        self.query_one("#unlock-note", Static).update(safe(note))

    @on(DataTable.RowSelected, "#locked-table")
    def action_unlock(self) -> None:
        table = self.query_one("#locked-table", DataTable)
        if not self.users or table.cursor_row >= len(self.users):
            return
        self.unlock(self.users[table.cursor_row])

    @work(thread=True, exclusive=True, name="unlock")
    def unlock(self, user: UserSummary) -> None:
        try:
            self.desk.unlock_user(self.actor, user.id)
        except ServiceError as error:
            self.post_message(self.Loaded(self.users, error_text(error)))
            return
        note = _("Se desbloqueó la cuenta {usuario}.").format(usuario=user.username)
        self.post_message(self.Loaded(self.desk.locked_users(self.actor), note))
