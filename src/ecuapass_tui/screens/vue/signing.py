"""Sign and send: the certificate file (.p12) and its PIN, as the convenio of 3.2.3 is signed.

The dialog runs the caller's Desk call (which signs and stores) in a worker. A refusal of the
certificate or the PIN stays here, beside the PIN; field errors of the form close the dialog
and go back to the form, beside their fields; success closes it with the call's result."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.login_demo import certificate_start_folder
from ecuapass_tui.screens.styles import VUE_CSS
from ecuapass_tui.services.errors import FieldErrors, ServiceError
from ecuapass_tui.texts import error_text
from ecuapass_tui.widgets.file_picker import FilePicker
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe

MAX_CERTIFICATE = 64 * 1024

SignJob = Callable[[bytes, str], object]


class Unreadable(Exception):
    """The certificate's file could not be read (said beside the file's field)."""


def read_certificate(path: Path) -> bytes:
    try:
        if not path.is_file() or path.stat().st_size > MAX_CERTIFICATE:
            raise Unreadable
        return path.read_bytes()
    except OSError as error:
        raise Unreadable from error


class SignScreen(ModalScreen[object]):
    """Dismisses with the result of `job(p12, pin)`, with the `FieldErrors` the service raised
    (the form shows them), or with None when the user goes back."""

    CSS_PATH = VUE_CSS
    DEFAULT_CLASSES = "vue-modal"
    BINDINGS = [
        Binding("escape", "cancel", N_("Volver"), id="sign-back"),
        Binding("ctrl+s", "sign", N_("Firmar y enviar"), id="sign-go"),
    ]

    def __init__(self, heading: str, job: SignJob) -> None:
        super().__init__()
        self.heading = heading
        self.job = job
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(safe(self.heading), classes="vue-modal-title")
            yield Static(
                Text(_("Firme con su certificado digital (.p12) y su clave (PIN).")),
                classes="vue-line vue-wrap",
            )
            with Horizontal(classes="field-row"):
                yield Static(_("Certificado (.p12)"), classes="field-label")
                yield Field(max_length=400, compact=True, id="sign-file")
                yield Button(_("Buscar"), id="sign-browse", compact=True)
            with Horizontal(classes="field-row"):
                yield Static(_("Clave (PIN)"), classes="field-label")
                yield Field(password=True, max_length=128, compact=True, id="sign-pin")
            yield Static("", id="sign-error", classes="vue-error")
            with Horizontal(classes="vue-buttons"):
                yield Button(_("Firmar y enviar"), id="sign-ok", variant="primary", compact=True)
                yield Button(_("Volver"), id="sign-no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#sign-file", Field).focus()

    @on(Button.Pressed, "#sign-browse")
    def browse(self) -> None:
        start = certificate_start_folder(self.app)
        self.app.push_screen(FilePicker(start, _("Elija su certificado .p12")), self._picked)

    def _picked(self, path: Path | None) -> None:
        if path is not None:
            self.query_one("#sign-file", Field).value = str(path)
            self.query_one("#sign-pin", Field).focus()

    @on(Button.Pressed, "#sign-no")
    def action_cancel(self) -> None:
        if not self.busy:
            self.dismiss(None)

    @on(Button.Pressed, "#sign-ok")
    @on(Field.Submitted, "#sign-pin")
    def action_sign(self) -> None:
        if self.busy:
            return
        typed = self.query_one("#sign-file", Field).value.strip()
        if not typed:
            self.say(_("Elija el archivo del certificado (Buscar)."), "#sign-file")
            return
        self.busy = True
        path = Path(typed).expanduser()
        pin = self.query_one("#sign-pin", Field).value
        run_job(
            self,
            lambda: self._run(path, pin),
            self._done,
            name="vue-sign",
            refused=self._refused,
        )

    def _run(self, path: Path, pin: str) -> object:
        try:
            data = read_certificate(path)
        except Unreadable:
            return Unreadable()
        return self.job(data, pin)

    def _done(self, result: object) -> None:
        self.busy = False
        if isinstance(result, Unreadable):
            self.say(_("No se pudo leer el archivo del certificado."), "#sign-file")
            return
        self.dismiss(result)

    def _refused(self, error: ServiceError) -> None:
        self.busy = False
        if isinstance(error, FieldErrors):
            self.dismiss(error)
            return
        self.say(error_text(error), "#sign-pin")

    def say(self, message: str, focus: str) -> None:
        self.query_one("#sign-error", Static).update(safe(message))
        self.query_one(focus, Field).focus()

    def show_failure(self, message: str, worker: str) -> None:
        self.busy = False
        self.query_one("#sign-error", Static).update(safe(message))
