"""Iniciar sesión con certificado: the RUC and ID come from the login form; here the user picks
the .p12 (Buscar, F9) and types its PIN. The dialog dismisses with the Actor once logged in,
or None (Esc). Each refusal is said beside the field it concerns: the PIN's under the PIN,
the certificate's (not a .p12, foreign, replaced, expired) under the file; the throttle's
under the button. The PIN is never shown and stays in its masked field after a refusal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import ecuapass_app
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.login_demo import certificate_start_folder
from ecuapass_tui.screens.styles import CUENTAS_CSS
from ecuapass_tui.services.errors import LoginFailed, ServiceError
from ecuapass_tui.texts import error_text, text
from ecuapass_tui.widgets.file_picker import FilePicker
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe

if TYPE_CHECKING:
    from ecuapass_tui.services.desk import Desk
    from ecuapass_tui.services.dto import Actor

MAX_FILE = 64 * 1024
PIN_CODES = frozenset({"wrong_pin"})
FILE_CODES = frozenset(
    {
        "not_certificate",
        "key_unsupported",
        "cert_foreign",
        "cert_replaced",
        "cert_not_proven",
        "cert_expired",
        "cert_not_yet_valid",
    }
)


class CertificateLoginScreen(ModalScreen["Actor | None"]):
    CSS_PATH = CUENTAS_CSS
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancelar"), id="cert-login-cancel"),
        Binding("f9", "browse", N_("Examinar"), id="cert-login-browse"),
    ]

    def __init__(self, ruc: str, username: str, language: str | None) -> None:
        super().__init__()
        self.ruc = ruc
        self.username = username
        self.language = language
        self.start_dir = certificate_start_folder(self.app)
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="cuentas-modal", id="cert-login-box"):
            yield Static(_("Iniciar sesión con certificado"), classes="cuentas-modal-title")
            who = _("ID. Usuario: {usuario}").format(usuario=self.username)
            yield Static(safe(who, single_line=True))
            with Horizontal(classes="field-row"):
                yield Static(_("Certificado (.p12)"), classes="field-label")
                yield Field(max_length=400, compact=True, id="cert-file")
                yield Button(_("Examinar (F9)"), id="cert-browse", compact=True)
            yield Static("", id="error-file", classes="field-error -empty")
            with Horizontal(classes="field-row"):
                yield Static(_("Clave (PIN)"), classes="field-label")
                yield Field(password=True, max_length=128, compact=True, id="cert-pin")
                yield Button(_("Iniciar sesión"), id="cert-go", variant="primary", compact=True)
            yield Static("", id="error-pin", classes="field-error -empty")
            yield Static("", id="cert-login-message", classes="form-message -empty")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one("#cert-file", Field).focus()

    @on(Button.Pressed, "#cert-browse")
    def action_browse(self) -> None:
        picker = FilePicker(self.start_dir, _("Elija su certificado .p12"))
        self.app.push_screen(picker, self._picked)

    def _picked(self, path: Path | None) -> None:
        if path is not None:
            self.start_dir = path.parent
            self.query_one("#cert-file", Field).value = str(path)
            self.query_one("#cert-pin", Field).focus()

    def _say(self, where: str, message: str) -> None:
        """`message` under the file, the PIN or the button; the other lines cleared."""
        for name in ("error-file", "error-pin", "cert-login-message"):
            line = self.query_one(f"#{name}", Static)
            shown = message if name == where else ""
            line.update(safe(shown))
            line.set_class(not shown, "-empty")

    @on(Button.Pressed, "#cert-go")
    @on(Field.Submitted, "#cert-pin")
    def go(self) -> None:
        if self.busy:
            return
        path = self.query_one("#cert-file", Field).value.strip()
        pin = self.query_one("#cert-pin", Field).value
        if not path:
            self._say("error-file", _("Elija el archivo del certificado (Buscar)."))
            self.query_one("#cert-file", Field).focus()
            return
        if not pin:
            self._say("error-pin", text("required"))
            self.query_one("#cert-pin", Field).focus()
            return
        self._say("", "")
        self.busy = True
        desk = ecuapass_app(self.app).desk
        ruc, username, language = self.ruc, self.username, self.language
        run_job(
            self,
            lambda: self._login(desk, Path(path).expanduser(), ruc, username, pin, language),
            self.done,
            name="certificate-login",
            refused=self.refused,
        )

    @staticmethod
    def _login(
        desk: Desk, path: Path, ruc: str, username: str, pin: str, language: str | None
    ) -> Actor | None:
        """The actor; None when the file cannot be read."""
        try:
            if not path.is_file() or path.stat().st_size > MAX_FILE:
                raise LoginFailed("not_certificate")
            content = path.read_bytes()
        except OSError:
            return None
        return desk.login_with_certificate(ruc, username, content, pin, language)

    def done(self, actor: Actor | None) -> None:
        self.busy = False
        if actor is None:
            self._say("error-file", _("No se pudo leer el archivo del certificado."))
            self.query_one("#cert-file", Field).focus()
            return
        self.dismiss(actor)

    def refused(self, error: ServiceError) -> None:
        self.busy = False
        where = "cert-login-message"
        if error.code in PIN_CODES:
            where = "error-pin"
        elif error.code in FILE_CODES:
            where = "error-file"
        self._say(where, error_text(error))
        self.query_one("#cert-pin" if where == "error-pin" else "#cert-file", Field).focus()

    def show_failure(self, message: str, worker: str) -> None:
        """The database failed: said under the button; what was typed stays."""
        self.busy = False
        self._say("cert-login-message", message)

    def action_cancel(self) -> None:
        self.dismiss(None)
