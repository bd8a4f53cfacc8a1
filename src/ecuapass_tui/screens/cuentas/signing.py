"""The Convenio para la utilización de canales electrónicos o tecnológicos del SENAE, shown in
full and signed with a certificate file (.p12) and its PIN; then the success message."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import ecuapass_app, title_bar
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.login_demo import certificate_start_folder
from ecuapass_tui.screens.styles import CUENTAS_CSS
from ecuapass_tui.services.cuentas.data_update import Modified, Signed
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import ServiceError
from ecuapass_tui.texts import error_text
from ecuapass_tui.widgets.file_picker import FilePicker
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe

if TYPE_CHECKING:
    from ecuapass_tui.services.desk import Desk

MAX_FILE = 64 * 1024


def reflow(text: str) -> str:
    """The convenio's paragraphs as the terminal's width wraps them (what is signed is the
    stored text, byte for byte)."""
    return "\n\n".join(" ".join(part.split()) for part in text.split("\n\n"))


class SignedScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter", "close", N_("Aceptar"), id="signed-close")]
    CSS_PATH = CUENTAS_CSS

    def __init__(self, signed: Signed) -> None:
        super().__init__()
        self.signed = signed

    def compose(self) -> ComposeResult:
        with Vertical(classes="cuentas-modal"):
            yield Static(
                _("Su actualización de Datos se ha realizado con éxito"), id="signed-message"
            )
            yield Static(safe(_("Certificado: {sujeto}").format(sujeto=self.signed.subject)))
            yield Static(safe(_("Huella SHA-256: {huella}").format(huella=self.signed.fingerprint)))
            if self.signed.enabled_again:
                yield Static(_("Su ID. USUARIO quedó habilitado de nuevo."), classes="ok-message")
            yield Static(_("Enter: aceptar"), classes="hint")
        yield LocalFooter()

    def action_close(self) -> None:
        self.dismiss(None)


class ConvenioScreen(Screen[Signed | None]):
    CSS_PATH = CUENTAS_CSS
    BINDINGS = [
        Binding("escape", "cancel", N_("Volver"), id="convenio-back"),
        Binding("ctrl+s", "sign", N_("Firmar"), id="convenio-sign"),
    ]

    def __init__(self, actor: Actor, modified: Modified, changed_labels: list[str]) -> None:
        super().__init__()
        self.actor = actor
        self.modified = modified
        self.changed_labels = changed_labels
        self.start_dir = certificate_start_folder(self.app)

    def compose(self) -> ComposeResult:
        yield title_bar("ECUAPASS · " + self.modified.convenio.title)
        changed = ", ".join(self.changed_labels) or _("ninguno (datos confirmados)")
        yield Static(
            safe(_("Datos modificados: {campos}").format(campos=changed)), classes="cuentas-note"
        )
        with VerticalScroll(classes="cuentas-scroll", id="convenio-scroll"):
            yield Static(safe(reflow(self.modified.convenio.text)), id="convenio-text")
        with Horizontal(classes="field-row"):
            yield Static(_("Certificado (.p12)"), classes="field-label")
            yield Field(max_length=400, compact=True, id="convenio-file")
            yield Button(_("Buscar"), id="convenio-browse", compact=True)
        with Horizontal(classes="field-row"):
            yield Static(_("Clave (PIN)"), classes="field-label")
            yield Field(password=True, max_length=128, compact=True, id="convenio-pin")
            yield Button(_("Firmar"), id="convenio-go", variant="primary", compact=True)
        yield Static("", id="convenio-error", classes="field-error")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one("#convenio-scroll").focus()

    @on(Button.Pressed, "#convenio-browse")
    def browse(self) -> None:
        self.app.push_screen(
            FilePicker(self.start_dir, _("Elija su certificado .p12")), self._picked
        )

    def _picked(self, path: Path | None) -> None:
        if path is not None:
            self.start_dir = path.parent
            self.query_one("#convenio-file", Field).value = str(path)
            self.query_one("#convenio-pin", Field).focus()

    @on(Button.Pressed, "#convenio-go")
    @on(Field.Submitted, "#convenio-pin")
    def action_sign(self) -> None:
        path = self.query_one("#convenio-file", Field).value.strip()
        pin = self.query_one("#convenio-pin", Field).value
        if not path:
            self.query_one("#convenio-error", Static).update(
                _("Elija el archivo del certificado (Buscar).")
            )
            return
        self.sign(Path(path).expanduser(), pin)

    def sign(self, path: Path, pin: str) -> None:
        desk = ecuapass_app(self.app).desk
        run_job(
            self,
            lambda: self._sign(desk, path, pin),
            self.signed,
            name="convenio-sign",
            refused=lambda error: self.not_signed(error_text(error)),
        )

    def _sign(self, desk: Desk, path: Path, pin: str) -> Signed | None:
        """The signed convenio; None when the certificate's file cannot be read."""
        try:
            if not path.is_file() or path.stat().st_size > MAX_FILE:
                raise ServiceError("not_certificate")
            data = path.read_bytes()
        except OSError:
            return None
        return desk.sign_convenio(self.actor, data, pin)

    def signed(self, signed: Signed | None) -> None:
        if signed is None:
            self.not_signed(_("No se pudo leer el archivo del certificado."))
            return
        self.app.push_screen(SignedScreen(signed), lambda _closed: self._done(signed))

    def not_signed(self, message: str) -> None:
        self.query_one("#convenio-error", Static).update(safe(message))
        self.query_one("#convenio-pin", Field).focus()

    def _done(self, signed: Signed) -> None:
        self.dismiss(signed)

    def action_cancel(self) -> None:
        self.dismiss(None)
