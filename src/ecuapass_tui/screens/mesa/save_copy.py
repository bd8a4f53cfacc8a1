"""Guardar copia: a folder typed in an Input; the attachment's bytes are written there (0600)
under its sanitised name. The folder must be inside the user's home or the configured folder;
an existing file is replaced only after the user confirms."""

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

from ecuapass_tui.core.text import sanitize_name
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.paths import write_private
from ecuapass_tui.screens.base import ecuapass_app
from ecuapass_tui.screens.confirm import ConfirmScreen
from ecuapass_tui.services.errors import ServiceError
from ecuapass_tui.services.files import PathRefused, exists, folder_target
from ecuapass_tui.services.mesa.ticket_dto import AttachmentInfo
from ecuapass_tui.texts import error_text
from ecuapass_tui.widgets.file_picker import app_roots
from ecuapass_tui.widgets.safe import safe


def refused_text(error: PathRefused, roots: tuple[Path, ...]) -> str:
    """What the user reads beside the path field when the folder cannot be used."""
    if error.reason == "no_folder":
        return _("La carpeta no existe.")
    allowed = _(" o ").join(str(root) for root in roots)
    return _("Elija una carpeta dentro de {carpetas}.").format(carpetas=allowed)


class SaveCopyScreen(ModalScreen[Path | None]):
    """Dismisses with the written path, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancelar"), id="user-save-cancel"),
    ]

    class Written(Message):
        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    class Failed(Message):
        def __init__(self, message: str, exists: Path | None = None) -> None:
            super().__init__()
            self.message = message
            self.exists = exists

    def __init__(self, attachment: AttachmentInfo, folder: Path) -> None:
        super().__init__()
        self.attachment = attachment
        self.folder = folder
        self.roots: tuple[Path, ...] = ()

    def compose(self) -> ComposeResult:
        self.roots = app_roots(self.app)
        with Vertical(id="user-save-box", classes="mesa-user-modal"):
            name = sanitize_name(self.attachment.name)
            title = _("Guardar una copia de «{nombre}»").format(nombre=name)
            yield Static(safe(title, single_line=True), classes="mesa-user-modal-title")
            yield Static(Text(_("Carpeta de destino")), classes="mesa-user-label")
            folder = Input(str(self.folder), id="user-save-folder", compact=True)
            folder.cursor_blink = False
            yield folder
            yield Static("", id="user-save-error", classes="mesa-user-error")
            with Horizontal(classes="mesa-user-buttons"):
                yield Button(_("Guardar"), id="user-save-ok", variant="primary", compact=True)
                yield Button(_("Cancelar"), id="user-save-no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#user-save-folder", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#user-save-no")
    def _no(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#user-save-folder")
    @on(Button.Pressed, "#user-save-ok")
    def save(self) -> None:
        self.write(self.query_one("#user-save-folder", Input).value, overwrite=False)

    @work(thread=True, exclusive=True, group="user-save", name="user-save")
    def write(self, folder: str, *, overwrite: bool) -> None:
        try:
            target = folder_target(folder, self.attachment.name, self.roots)
        except PathRefused as error:
            self.post_message(self.Failed(refused_text(error, self.roots)))
            return
        if exists(target) and not overwrite:
            self.post_message(self.Failed("", exists=target))
            return
        app = ecuapass_app(self.app)
        actor = app.actor
        if actor is None:
            return
        try:
            _name, content = app.desk.attachment(actor, self.attachment.id)
            write_private(target, content, overwrite=overwrite)
        except FileExistsError:
            self.post_message(self.Failed("", exists=target))
            return
        except ServiceError as error:
            self.post_message(self.Failed(error_text(error)))
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
        self.query_one("#user-save-error", Static).update(safe(message.message))
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
