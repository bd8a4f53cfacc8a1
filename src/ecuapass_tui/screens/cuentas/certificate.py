"""[Buscar] of the Solicitud del uso's "Identificación única de certificado digital": the user
picks the certificate file (.p12) and types its PIN; the modal dismisses with the
certificate's unique identification (SHA-256 of the certificate), or None."""

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
from ecuapass_tui.services.errors import ServiceError
from ecuapass_tui.texts import error_text
from ecuapass_tui.widgets.file_picker import FilePicker
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe

if TYPE_CHECKING:
    from ecuapass_tui.services.desk import Desk

MAX_FILE = 64 * 1024


class CertificateScreen(ModalScreen[str | None]):
    CSS_PATH = CUENTAS_CSS
    BINDINGS = [Binding("escape", "cancel", N_("Cancelar"), id="cert-cancel")]

    def __init__(self) -> None:
        super().__init__()
        self.start_dir = certificate_start_folder(self.app)

    def compose(self) -> ComposeResult:
        with Vertical(classes="cuentas-modal", id="cert-box"):
            yield Static(
                _("Identificación única de certificado digital"), classes="cuentas-modal-title"
            )
            with Horizontal(classes="field-row"):
                yield Static(_("Certificado (.p12)"), classes="field-label")
                yield Field(max_length=400, compact=True, id="cert-file")
                yield Button(_("Buscar"), id="cert-browse", compact=True)
            with Horizontal(classes="field-row"):
                yield Static(_("Clave (PIN)"), classes="field-label")
                yield Field(password=True, max_length=128, compact=True, id="cert-pin")
                yield Button(_("Usar"), id="cert-go", variant="primary", compact=True)
            yield Static("", id="cert-note", classes="field-error")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one("#cert-file", Field).focus()

    @on(Button.Pressed, "#cert-browse")
    def browse(self) -> None:
        self.app.push_screen(
            FilePicker(self.start_dir, _("Elija su certificado .p12")), self._picked
        )

    def _picked(self, path: Path | None) -> None:
        if path is not None:
            self.start_dir = path.parent
            self.query_one("#cert-file", Field).value = str(path)
            self.query_one("#cert-pin", Field).focus()

    @on(Button.Pressed, "#cert-go")
    @on(Field.Submitted, "#cert-pin")
    def go(self) -> None:
        path = self.query_one("#cert-file", Field).value.strip()
        if not path:
            self.query_one("#cert-note", Static).update(
                _("Elija el archivo del certificado (Buscar).")
            )
            return
        self.identify(Path(path).expanduser(), self.query_one("#cert-pin", Field).value)

    def identify(self, path: Path, pin: str) -> None:
        desk = ecuapass_app(self.app).desk
        run_job(
            self,
            lambda: self._identify(desk, path, pin),
            self.found,
            name="certificate-identify",
            refused=lambda error: self.not_found(error_text(error)),
        )

    @staticmethod
    def _identify(desk: Desk, path: Path, pin: str) -> str | None:
        """The certificate's identity; None when the file cannot be read."""
        try:
            if not path.is_file() or path.stat().st_size > MAX_FILE:
                raise ServiceError("not_certificate")
            content = path.read_bytes()
        except OSError:
            return None
        identity, _subject = desk.certificate_identity(content, pin)
        return identity

    def found(self, identity: str | None) -> None:
        if identity is None:
            self.not_found(_("No se pudo leer el archivo del certificado."))
        else:
            self.dismiss(identity)

    def not_found(self, text: str) -> None:
        self.query_one("#cert-note", Static).update(safe(text))
        self.query_one("#cert-pin", Field).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
