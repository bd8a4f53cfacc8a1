"""Export an e-document: a folder typed in an Input (inside the user's home or the configured
folder); the file (JSON with the content, its SHA-256 and signature) is written there (0600)
under its sanitised name, and an existing file is replaced only after the user confirms. 2.7
checks such a file later."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.paths import write_private
from ecuapass_tui.screens.base import ecuapass_app
from ecuapass_tui.screens.confirm import ConfirmScreen
from ecuapass_tui.screens.mesa.save_copy import refused_text
from ecuapass_tui.screens.styles import TRAMITES_CSS
from ecuapass_tui.services.errors import ServiceError
from ecuapass_tui.services.files import PathRefused, exists, folder_target
from ecuapass_tui.texts import error_text
from ecuapass_tui.widgets.file_picker import app_roots
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe


class ExportScreen(ModalScreen[Path | None]):
    CSS_PATH = TRAMITES_CSS
    DEFAULT_CLASSES = "tramites-modal"
    BINDINGS = [Binding("escape", "cancel", N_("Cancelar"), id="export-cancel")]

    class Written(Message):
        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    class Failed(Message):
        def __init__(self, message: str, exists: Path | None = None) -> None:
            super().__init__()
            self.message = message
            self.exists = exists

    def __init__(self, document_id: int, folder: Path) -> None:
        super().__init__()
        self.document_id = document_id
        self.folder = folder
        self.roots: tuple[Path, ...] = ()

    def compose(self) -> ComposeResult:
        self.roots = app_roots(self.app)
        with Vertical():
            yield Static(Text(_("Exportar el documento a un archivo"), style="bold"))
            yield Static(Text(_("Carpeta de destino")))
            yield Field(str(self.folder), id="export-folder", compact=True)
            yield Static("", id="export-error")
            with Horizontal(classes="tramites-buttons"):
                yield Button(_("Exportar"), id="export-ok", variant="primary", compact=True)
                yield Button(_("Cancelar"), id="export-no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#export-folder", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#export-no")
    def _no(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#export-folder")
    @on(Button.Pressed, "#export-ok")
    def save(self) -> None:
        self.write(self.query_one("#export-folder", Input).value, overwrite=False)

    @work(thread=True, exclusive=True, group="export", name="export")
    def write(self, folder: str, *, overwrite: bool) -> None:
        app = ecuapass_app(self.app)
        if app.actor is None:
            return
        try:
            folder_target(folder, "", self.roots)  # the folder first: nothing is signed for nothing
            name, content = app.desk.export_document(app.actor, self.document_id)
            target = folder_target(folder, name, self.roots)
        except PathRefused as error:
            self.post_message(self.Failed(refused_text(error, self.roots)))
            return
        except ServiceError as error:
            self.post_message(self.Failed(error_text(error)))
            return
        if exists(target) and not overwrite:
            self.post_message(self.Failed("", exists=target))
            return
        try:
            write_private(target, content, overwrite=overwrite)
        except FileExistsError:
            self.post_message(self.Failed("", exists=target))
            return
        except OSError as error:
            message = _("No se pudo guardar el archivo: {motivo}").format(motivo=error.strerror)
            self.post_message(self.Failed(message))
            return
        self.post_message(self.Written(target))

    @on(Written)
    def written(self, message: Written) -> None:
        self.dismiss(message.path)

    @on(Failed)
    def failed(self, message: Failed) -> None:
        self.query_one("#export-error", Static).update(safe(message.message))
        exists = message.exists
        if exists is None:
            return
        question = _("Ya existe {ruta}. ¿Lo reemplaza?").format(ruta=str(exists))
        self.app.push_screen(
            ConfirmScreen(question, _("Reemplazar"), _("No"), escape_answer=False),
            lambda yes: self._replace(exists) if yes else None,
        )

    def _replace(self, exists: Path) -> None:
        self.write(str(exists.parent), overwrite=True)
