"""MS.9 Desbloqueo de usuarios (supervisors and administrators)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.widgets import DataTable, Static

from ecuapass_tui.core.clock import format_local
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.confirm import ConfirmScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.services.dto import Actor, UserSummary
from ecuapass_tui.texts import error_text, user_state
from ecuapass_tui.texts.cuentas import user_class_label
from ecuapass_tui.widgets.columns import FitTable, Flex, text_cell
from ecuapass_tui.widgets.safe import safe

UNLOCK_FLEX = {"nombre": Flex(16, weight=2), "clase": Flex(10)}
UNLOCK_WIDE = 110  # columns: narrower terminals show the class and the RUC under the table


class UnlockUsersScreen(OptionScreen):
    OPTION_NUMBER = "MS.9"
    BINDINGS = [
        *OptionScreen.BINDINGS,
        Binding("d", "unlock", N_("Desbloquear"), id="unlock"),
        Binding("r", "reload", N_("Actualizar"), id="reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.users: list[UserSummary] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield FitTable(id="locked-table", cursor_type="row", flexible=UNLOCK_FLEX)
        yield Static("", id="unlock-detail")
        yield Static("", id="unlock-note", classes="hint")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self._columns(self.app.size.width)
        self.query_one("#locked-table").focus()
        self.load()

    def action_reload(self) -> None:
        self.load()

    def load(self) -> None:
        actor = self.actor
        run_job(
            self,
            lambda: self.desk.locked_users(actor),
            self.loaded,
            name="locked-users",
            refused=lambda error: self.loaded([], error_text(error)),
        )

    def loaded(self, users: list[UserSummary], note: str = "") -> None:
        self.users = users
        self._fill()
        note = note or (
            _("No hay cuentas bloqueadas ni inhabilitadas.")
            if not self.users
            else _("d desbloquea la cuenta elegida.")
        )
        self.query_one("#unlock-note", Static).update(safe(note))

    # -- columns: below 110 columns the class and the RUC go under the table, for the
    # highlighted account, so that the name, the state and the time are never cut
    def on_resize(self, event: Resize) -> None:
        table = self.query_one("#locked-table", FitTable)
        if ("ruc" in table.columns) != (event.size.width >= UNLOCK_WIDE):
            self._columns(event.size.width)
            self._fill()

    def _columns(self, width: int) -> None:
        table = self.query_one("#locked-table", FitTable)
        table.clear(columns=True)
        table.add_column(_("ID. Usuario"), key="usuario")
        table.add_column(_("Nombre"), key="nombre", width=UNLOCK_FLEX["nombre"].minimum)
        if width >= UNLOCK_WIDE:
            table.add_column(_("Clase"), key="clase", width=UNLOCK_FLEX["clase"].minimum)
            table.add_column(_("RUC"), key="ruc")
        table.add_column(_("Estado"), key="estado")
        table.add_column(_("Bloqueado hasta"), key="hasta")
        self.query_one("#unlock-detail", Static).display = width < UNLOCK_WIDE

    def _fill(self) -> None:
        table = self.query_one("#locked-table", FitTable)
        table.clear()
        for user in self.users:
            cells = {
                "usuario": user.username,
                "nombre": user.full_name,
                "clase": user_class_label(user.user_class),
                "ruc": user.company_ruc or "—",
                "estado": user_state(user.state),
                "hasta": format_local(user.locked_until) or "—",
            }
            table.add_row(*[text_cell(cells[str(key.value)]) for key in table.columns])
        self._show_detail()

    @on(DataTable.RowHighlighted, "#locked-table")
    def _show_detail(self) -> None:
        table = self.query_one("#locked-table", FitTable)
        detail = ""
        if 0 <= table.cursor_row < len(self.users):
            user = self.users[table.cursor_row]
            detail = f"{user_class_label(user.user_class)} · {_('RUC')} {user.company_ruc or '—'}"
        self.query_one("#unlock-detail", Static).update(safe(detail, single_line=True))

    @on(DataTable.RowSelected, "#locked-table")
    def action_unlock(self) -> None:
        table = self.query_one("#locked-table", DataTable)
        if not self.users or table.cursor_row >= len(self.users):
            return
        user = self.users[table.cursor_row]
        question = _("¿Desbloquear la cuenta {usuario} ({nombre})?").format(
            usuario=user.username, nombre=user.full_name
        )
        self.app.push_screen(
            ConfirmScreen(question, _("Desbloquear"), _("Cancelar"), escape_answer=False),
            lambda yes: self._answered(user, bool(yes)),
        )

    def _answered(self, user: UserSummary, yes: bool) -> None:
        if yes:
            self.unlock(user)

    def unlock(self, user: UserSummary) -> None:
        actor = self.actor
        note = _("Se desbloqueó la cuenta {usuario}.").format(usuario=user.username)
        run_job(
            self,
            lambda: self._unlock(actor, user),
            lambda users: self.loaded(users, note),
            name="unlock",
            refused=lambda error: self.loaded(self.users, error_text(error)),
        )

    def _unlock(self, actor: Actor, user: UserSummary) -> list[UserSummary]:
        self.desk.unlock_user(actor, user.id)
        return self.desk.locked_users(actor)
