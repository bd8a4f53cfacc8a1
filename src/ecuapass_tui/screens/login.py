"""Login (seeds 002, 004): IDIOMA, RUC, ID. Usuario, Contraseña, Iniciar sesión.

Errors never say which field was wrong. In demo mode the demo accounts are listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Checkbox, DataTable, Static

from ecuapass_tui import i18n
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.messages import error_text, text
from ecuapass_tui.screens.base import AppScreen, FieldRow, title_bar
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import LoginFailed
from ecuapass_tui.services.validation import check_ruc
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe

FIELDS = ("ruc", "username", "password")
LANGUAGE_NAMES = {"es": "Español", "en": "English"}


def other_language() -> str:
    return "en" if i18n.language() == "es" else "es"


@dataclass
class LoginValues:
    ruc: str = ""
    username: str = ""
    password: str = ""
    remember: bool = False


class LoginScreen(AppScreen):
    BINDINGS = [
        Binding("ctrl+s", "submit", N_("Iniciar sesión"), id="login"),
        Binding("f2", "toggle_language", N_("Idioma"), id="language"),
        Binding("ctrl+q", "app.quit", N_("Salir"), id="login-quit", priority=True),
    ]

    class Succeeded(Message):
        def __init__(self, actor: Actor) -> None:
            super().__init__()
            self.actor = actor

    class Refused(Message):
        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(self) -> None:
        super().__init__()
        self.values = LoginValues()
        self.language_changed = False
        self.busy = False

    def compose(self) -> ComposeResult:
        app = self.ecuapass
        yield title_bar(_("ECUAPASS · Servicio Nacional de Aduana del Ecuador"))
        with VerticalScroll():
            with Vertical(id="login-form", classes="section") as form:
                form.border_title = _("Iniciar sesión")
                yield FieldRow(
                    _("IDIOMA"),
                    Button(
                        f"{LANGUAGE_NAMES[i18n.language()]}  ⇄  {LANGUAGE_NAMES[other_language()]}",
                        id="language",
                        compact=True,
                    ),
                    name="language",
                )
                yield FieldRow(
                    _("RUC"),
                    Field(
                        self.values.ruc,
                        placeholder=_("13 dígitos; vacío si su usuario no tiene RUC"),
                        max_length=13,
                        restrict=r"[0-9]*",
                        compact=True,
                        id="ruc",
                    ),
                    name="ruc",
                )
                yield FieldRow(
                    _("ID. Usuario"),
                    Field(self.values.username, max_length=40, compact=True, id="username"),
                    name="username",
                )
                yield FieldRow(
                    _("Contraseña"),
                    Field(self.values.password, password=True, compact=True, id="password"),
                    name="password",
                )
                with Horizontal(classes="field-row", id="submit-row"):
                    yield Button(_("Iniciar sesión"), id="submit", variant="primary", compact=True)
                    if app.remembered is not None and app.remembered.available:
                        yield self._remember_box()
                yield Static("", id="form-message", classes="form-message -empty")
            if app.demo_accounts:
                # Filled after the first paint: the form is usable at once.
                with Vertical(id="demo-accounts", classes="section") as box:
                    box.border_title = _("Modo demostración: cuentas de prueba")
        yield LocalFooter()

    def _remember_box(self) -> Checkbox:
        return Checkbox(_("Recordar usuario"), self.values.remember, compact=True, id="remember")

    def on_connected(self) -> None:
        """The database and keyring are ready: offer 'Recordar usuario' where it works."""
        remembered = self.ecuapass.remembered
        if remembered is None or not remembered.available or self.query("#remember"):
            return
        self.query_one("#submit-row").mount(self._remember_box())
        self._prefill_remembered()

    def on_mount(self) -> None:
        if not self._prefill_remembered():
            self.query_one("#ruc", Field).focus()
        if self.ecuapass.demo_accounts:
            self.call_after_refresh(self._show_demo_accounts)

    def _show_demo_accounts(self) -> None:
        table: DataTable[object] = DataTable(id="demo-table", cursor_type="row", zebra_stripes=True)
        table.add_column(_("RUC"), width=13)
        table.add_column(_("ID. Usuario"), width=12)
        table.add_column(_("Contraseña"), width=17)
        table.add_column(_("Clase"), width=max(10, self.app.size.width - 59))
        for account in self.ecuapass.demo_accounts:
            table.add_row(
                safe(account.ruc or "—", single_line=True),
                safe(account.username, single_line=True),
                safe(account.password, single_line=True),
                safe(user_class_label(account.user_class), single_line=True),
            )
        box = self.query_one("#demo-accounts")
        box.mount(table)
        box.mount(Static(_("Enter en una fila copia la cuenta al formulario."), classes="hint"))

    def _prefill_remembered(self) -> bool:
        remembered = self.ecuapass.remembered
        if remembered is not None and not self.values.username:
            saved = remembered.load()
            if saved:
                self.query_one("#ruc", Field).value = saved[0]
                self.query_one("#username", Field).value = saved[1]
                self.values.remember = True
                if self.query("#remember"):
                    self.query_one("#remember", Checkbox).value = True
                self.query_one("#password", Field).focus()
                return True
        return False

    # -- reading and keeping what was typed
    def _read(self) -> LoginValues:
        remember = self.query("#remember")
        return LoginValues(
            ruc=self.query_one("#ruc", Field).value,
            username=self.query_one("#username", Field).value,
            password=self.query_one("#password", Field).value,
            remember=bool(remember and self.query_one("#remember", Checkbox).value),
        )

    def _show_errors(self, errors: dict[str, str]) -> None:
        for name in FIELDS:
            self.query_one(f"#row-{name}", FieldRow).show_error(errors.get(name))

    def _show_message(self, message: str) -> None:
        widget = self.query_one("#form-message", Static)
        widget.update(safe(message))
        widget.set_class(not message, "-empty")

    # -- language
    @on(Button.Pressed, "#language")
    async def action_toggle_language(self) -> None:
        await self._switch_language(other_language())

    async def _switch_language(self, language: str) -> None:
        self.values = self._read()
        self.language_changed = True
        i18n.set_language(language)
        await self.recompose()
        self.query_one("#language", Button).focus()

    # -- submit
    @on(Button.Pressed, "#submit")
    @on(Field.Submitted)
    def action_submit(self) -> None:
        if self.busy:
            return
        values = self._read()
        errors: dict[str, str] = {}
        if values.ruc and (code := check_ruc(values.ruc)) is not None:
            errors["ruc"] = text(code)
        if not values.username.strip():
            errors["username"] = text("required")
        if not values.password:
            errors["password"] = text("required")
        self._show_errors(errors)
        if errors:
            self._show_message(
                i18n.ngettext(
                    "Hay {n} error en el formulario.",
                    "Hay {n} errores en el formulario.",
                    len(errors),
                ).format(n=len(errors))
            )
            first = next(name for name in FIELDS if name in errors)
            self.query_one(f"#{first}", Field).focus()
            return
        self._show_message("")
        self.busy = True
        self.values = values
        # The language shown is the user's choice when they switched it here or named it
        # with --lang; otherwise their saved preference applies after login.
        chosen = self.language_changed or self.ecuapass.language_explicit
        language = i18n.language() if chosen else None
        self.authenticate(values, language)

    @work(thread=True, exclusive=True, name="login")
    def authenticate(self, values: LoginValues, language: str | None) -> None:
        try:
            actor = self.desk.login(values.ruc, values.username, values.password, language)
        except LoginFailed as refused:
            self.post_message(self.Refused(error_text(refused)))
            return
        remembered = self.ecuapass.remembered
        if remembered is not None and remembered.available:
            if values.remember:
                remembered.save(values.ruc, values.username)
            else:
                remembered.forget()
        self.post_message(self.Succeeded(actor))

    def on_login_screen_refused(self, message: Refused) -> None:
        self.busy = False
        self._show_message(message.message)
        self.query_one("#password", Field).focus()

    def on_login_screen_succeeded(self, message: Succeeded) -> None:
        self.busy = False
        self.ecuapass.start_session(message.actor)

    @on(DataTable.RowSelected, "#demo-table")
    def use_demo_account(self, event: DataTable.RowSelected) -> None:
        account = self.ecuapass.demo_accounts[event.cursor_row]
        self.query_one("#ruc", Field).value = account.ruc
        self.query_one("#username", Field).value = account.username
        self.query_one("#password", Field).value = account.password
        self.query_one("#submit", Button).focus()


def user_class_label(user_class: str) -> str:
    labels = {
        "representante": N_("Representante"),
        "empleado": N_("Empleado"),
        "general": N_("General"),
        "representante_entidad": N_("Representante de la entidad"),
        "entidad": N_("Entidad u Organismo Internacional"),
        "analista": N_("Analista de la Mesa de Servicios"),
        "supervisor": N_("Supervisor de la Mesa de Servicios"),
        "administrador": N_("Administrador"),
    }
    return _(labels.get(user_class, user_class))
