"""Login (seeds 002, 003, 004): IDIOMA, RUC, ID. Usuario, Contraseña, Iniciar sesión; beside
it Certificado (F5: the same RUC and ID with a .p12 and its PIN) and the Servicios de uso
frecuente (F4: the public options, without an account).

Errors never say which field was wrong. In demo mode the demo accounts are listed.

This is the first screen: it is kept small for start-up time (one Grid for the form, the demo
accounts and the footer's keys each drawn as text by one widget) and imports only what drawing
it needs; the Checkbox is imported only where a real keyring exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal
from textual.widgets import Button, Static

from ecuapass_tui import i18n
from ecuapass_tui.core.identity import check_ruc
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import AppScreen, title_bar
from ecuapass_tui.screens.cuentas import open_from_login
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.login_demo import DemoAccountList, demo_certificate_line
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import LoginFailed
from ecuapass_tui.texts import error_text, text
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe

if TYPE_CHECKING:
    from textual.widgets import Checkbox

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
    # Focus lands on RUC (or on the password when the user was remembered) when the screen
    # appears; the default, the first focusable widget, would be the scrolling container and
    # then one more focus change, each redrawing the footer.
    AUTO_FOCUS = ".-first-focus"
    BINDINGS = [
        Binding("ctrl+s", "submit", N_("Iniciar sesión"), id="login"),
        Binding("f2", "toggle_language", N_("Idioma"), id="language"),
        Binding("ctrl+q", "app.quit", N_("Salir"), id="login-quit", priority=True),
        Binding("f6", "accounts('solicitud')", N_("Solicitud"), id="login-solicitud"),
        Binding("f7", "accounts('recovery')", N_("Buscar ID"), id="login-recovery"),
        Binding("f8", "accounts('update')", N_("Actualizar datos"), id="login-update", show=False),
        # Named on their buttons (the footer line has no room left at 80 columns).
        Binding(
            "f4", "public_services", N_("Servicios de uso frecuente"), id="login-public", show=False
        ),
        Binding("f5", "certificate", N_("Certificado"), id="login-certificate", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.values = LoginValues()
        self.language_changed = False
        self.busy = False
        self._prefilled = False

    def compose(self) -> ComposeResult:
        app = self.ecuapass
        remembered = not self.values.username and self._saved_login()
        yield title_bar(_("ECUAPASS · Servicio Nacional de Aduana del Ecuador"))
        # One Grid (label | field) for the whole form: fewer widgets to style and lay out
        # than a row container per field. An error line is mounted under its field when
        # there is one (see _show_errors).
        with Grid(id="login-form", classes="section") as form:
            form.border_title = _("Iniciar sesión")
            yield self._label(_("IDIOMA"))
            yield Button(
                f"{LANGUAGE_NAMES[i18n.language()]}  ⇄  {LANGUAGE_NAMES[other_language()]}",
                id="language",
                compact=True,
            )
            yield self._label(_("RUC"))
            yield Field(
                self.values.ruc,
                placeholder=_("13 dígitos; vacío si su usuario no tiene RUC"),
                max_length=13,
                restrict=r"[0-9]*",
                compact=True,
                id="ruc",
                classes="" if remembered else "-first-focus",
            )
            yield self._label(_("ID. Usuario"))
            yield Field(self.values.username, max_length=40, compact=True, id="username")
            yield self._label(_("Contraseña"))
            yield Field(
                self.values.password,
                password=True,
                compact=True,
                id="password",
                classes="-first-focus" if remembered else "",
            )
            with Horizontal(id="submit-row"):
                yield Button(_("Iniciar sesión"), id="submit", variant="primary", compact=True)
                yield Button(_("Certificado (F5)"), id="certificate", compact=True)
                yield Button(_("Servicios de uso frecuente (F4)"), id="public", compact=True)
                if app.remembered is not None and app.remembered.available:
                    yield self._remember_box()
        if app.demo_accounts:
            demo = DemoAccountList(
                app.demo_accounts,
                certificate=demo_certificate_line(app),
                id="demo-accounts",
                classes="section",
            )
            demo.border_title = _("Modo demostración: cuentas de prueba")
            yield demo
        yield LoginKeys()

    @staticmethod
    def _label(label: str) -> Static:
        return Static(safe(label, single_line=True), classes="field-label")

    def _remember_box(self) -> Checkbox:
        from textual.widgets import Checkbox  # only with a real keyring

        return Checkbox(_("Recordar usuario"), self.values.remember, compact=True, id="remember")

    def on_connected(self) -> None:
        """The database and keyring are ready: offer 'Recordar usuario' where it works."""
        remembered = self.ecuapass.remembered
        if remembered is None or not remembered.available or self.query("#remember"):
            return
        # Never overwrite what was typed meanwhile.
        saved = None if self.query_one("#username", Field).value else self._saved_login()
        self.query_one("#submit-row").mount(self._remember_box())
        if saved:
            self.query_one("#ruc", Field).value, self.query_one("#username", Field).value = saved
            self.query_one("#password", Field).focus()

    def _saved_login(self) -> tuple[str, str] | None:
        """The RUC and user saved with 'Recordar usuario', once per screen."""
        remembered = self.ecuapass.remembered
        if remembered is None or self._prefilled:
            return None
        saved = remembered.load()
        if saved:
            self._prefilled = True
            self.values.ruc, self.values.username = saved
            self.values.remember = True
        return saved

    # -- reading and keeping what was typed
    def _read(self) -> LoginValues:
        return LoginValues(
            ruc=self.query_one("#ruc", Field).value,
            username=self.query_one("#username", Field).value,
            password=self.query_one("#password", Field).value,
            remember=any(box.value for box in self.query("#remember")),  # type: ignore[attr-defined]
        )

    def _show_errors(self, errors: dict[str, str]) -> None:
        """Each message on its own line right under its field (across both columns)."""
        form = self.query_one("#login-form", Grid)
        for name in FIELDS:
            message = errors.get(name)
            found = form.query_children(f"#error-{name}")
            if found:
                error = found.first(Static)
            elif message:
                error = Static("", id=f"error-{name}", classes="field-error")
                form.mount(error, after=self.query_one(f"#{name}", Field))
            else:
                continue
            error.update(safe(message or ""))
            error.set_class(not message, "-empty")

    def _show_message(self, message: str) -> None:
        """The form's message under the button row, mounted the first time there is one."""
        found = self.query("#form-message")
        if found:
            widget = found.first(Static)
        elif message:
            widget = Static("", id="form-message", classes="form-message")
            self.query_one("#login-form", Grid).mount(widget, after="#submit-row")
        else:
            return
        widget.update(safe(message))
        widget.set_class(not message, "-empty")

    # -- Solicitud del uso, Buscar ID / Reinicio de clave, the January update
    def action_accounts(self, which: str) -> None:
        """F6 Solicitud del uso, F7 Buscar ID / Reinicio de clave, F8 the January update."""
        open_from_login(self.app, which)

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
        errors = self._field_errors(values)
        self._show_errors(errors)
        if errors:
            self._show_message(_count(len(errors)))
            first = next(name for name in FIELDS if name in errors)
            self.query_one(f"#{first}", Field).focus()
            return
        self._show_message("")
        self.busy = True
        self.values = values
        self.authenticate(values, self._chosen_language())

    def _chosen_language(self) -> str | None:
        """The language shown is the user's choice when they switched it here or named it
        with --lang; otherwise their saved preference applies after login."""
        chosen = self.language_changed or self.ecuapass.language_explicit
        return i18n.language() if chosen else None

    # -- Certificado, Servicios de uso frecuente
    @on(Button.Pressed, "#certificate")
    def action_certificate(self) -> None:
        """The RUC and ID typed here, then the .p12 and its PIN in a dialog."""
        if self.busy:
            return
        values = self._read()
        errors = {k: v for k, v in self._field_errors(values).items() if k != "password"}
        self._show_errors(errors)
        self._show_message(_count(len(errors)) if errors else "")
        if errors:
            self.query_one(f"#{next(n for n in FIELDS if n in errors)}", Field).focus()
            return
        self.values = values
        from ecuapass_tui.screens.cuentas.certificate_login import CertificateLoginScreen

        dialog = CertificateLoginScreen(values.ruc, values.username, self._chosen_language())
        self.app.push_screen(dialog, self._certificate_done)

    def _certificate_done(self, actor: Actor | None) -> None:
        if actor is not None:
            self.ecuapass.start_session(actor)

    @on(Button.Pressed, "#public")
    def action_public_services(self) -> None:
        """The public options as a guest; Escape there comes back here, the form as it was."""
        from ecuapass_tui.screens.public_services import PublicServicesScreen

        self.values = self._read()
        self.ecuapass.actor = Actor.guest(i18n.language())
        self.app.push_screen(PublicServicesScreen())

    @staticmethod
    def _field_errors(values: LoginValues) -> dict[str, str]:
        errors: dict[str, str] = {}
        if values.ruc and (code := check_ruc(values.ruc)) is not None:
            errors["ruc"] = text(code)
        if not values.username.strip():
            errors["username"] = text("required")
        if not values.password:
            errors["password"] = text("required")
        return errors

    @on(Field.Changed)
    def _fixed(self) -> None:
        """An error line goes as soon as its field is fixed (none is added while typing);
        the count under the buttons follows."""
        shown = {name for name in FIELDS if self.query(f"#error-{name}").exclude(".-empty")}
        if not shown:
            return
        errors = {n: m for n, m in self._field_errors(self._read()).items() if n in shown}
        if errors.keys() != shown:
            self._show_errors(errors)
            self._show_message(_count(len(errors)) if errors else "")

    def authenticate(self, values: LoginValues, language: str | None) -> None:
        run_job(self, lambda: self._login(values, language), self.logged_in, name="login")

    def _login(self, values: LoginValues, language: str | None) -> Actor | str:
        """The actor, or the refusal's text (worded in the worker's thread)."""
        try:
            actor = self.desk.login(values.ruc, values.username, values.password, language)
        except LoginFailed as refused:
            return error_text(refused)
        remembered = self.ecuapass.remembered
        if remembered is not None and remembered.available:
            if values.remember:
                remembered.save(values.ruc, values.username)
            else:
                remembered.forget()
        return actor

    def show_failure(self, message: str, worker: str) -> None:
        """The database failed (busy, full, read-only, unreachable): the message goes under
        the button row like a refusal; what was typed stays, Ctrl+S tries again."""
        self._show_message(message)

    def enabled_again(self) -> None:
        """The user updated their data (F8) and is enabled: the refusal that said they were
        inhabilitado goes, and the password field waits for the login."""
        self._show_message("")
        self.query_one("#password", Field).focus()

    def logged_in(self, outcome: Actor | str) -> None:
        self.busy = False
        if isinstance(outcome, str):
            self._show_message(outcome)
            self.query_one("#password", Field).focus()
        else:
            self.ecuapass.start_session(outcome)

    @on(DemoAccountList.Chosen)
    def demo_account_chosen(self, event: DemoAccountList.Chosen) -> None:
        account = event.account
        self.query_one("#ruc", Field).value = account.ruc
        self.query_one("#username", Field).value = account.username
        self.query_one("#password", Field).value = account.password
        self.query_one("#submit", Button).focus()


def _count(n: int) -> str:
    return i18n.ngettext(
        "Hay {n} error en el formulario.", "Hay {n} errores en el formulario.", n
    ).format(n=n)


class LoginKeys(Static):
    """The screen's keys on one line, as the compact Footer of the other screens draws them,
    but in one widget: Textual's Footer is a container of one widget per key, mounted empty
    and recomposed after every bindings signal (five times while this screen appeared).
    The descriptions are msgids, shown translated; a click on a key presses it."""

    COMPONENT_CLASSES = {"login-keys--key"}

    def _keys(self) -> list[tuple[str, str, str]]:
        return [
            (binding.key, self.app.get_key_display(binding), _(binding.description))
            for _node, binding, _enabled, _tooltip in self.screen.active_bindings.values()
            if binding.show
        ]

    def render(self) -> Text:
        key_style = self.get_component_rich_style("login-keys--key")
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        for _key, display, description in self._keys():
            line.append(display, style=key_style)
            line.append(f" {description} ")
        return line

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda _screen: self.refresh())

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_click(self, event: events.Click) -> None:
        x = event.x
        for key, display, description in self._keys():
            width = len(display) + len(description) + 2
            if x < width:
                self.app.simulate_key(key)
                return
            x -= width
