"""Save to a folder: the folder typed in a field (inside the user's home or the configured
folder, services/files.py says why not beside the field); the file is written there (0600)
under its sanitised name, and an existing file is replaced only after the user confirms.

One dialog for every file the app hands out (a ticket's attachment, an exported e-document):
a subclass says what it writes (`fetch`), its words and its look."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.paths import write_private
from ecuapass_tui.screens.base import ecuapass_app
from ecuapass_tui.screens.confirm import ConfirmScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.services.files import PathRefused, exists
from ecuapass_tui.texts import error_text
from ecuapass_tui.widgets.file_picker import app_roots
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe

if TYPE_CHECKING:
    from ecuapass_tui.services.desk import Desk
    from ecuapass_tui.services.dto import Actor


def refused_text(error: PathRefused, roots: tuple[Path, ...]) -> str:
    """What the user reads beside the path field when the folder cannot be used."""
    if error.reason == "no_folder":
        return _("La carpeta no existe.")
    allowed = _(" o ").join(str(root) for root in roots)
    return _("Elija una carpeta dentro de {carpetas}.").format(carpetas=allowed)


@dataclass(frozen=True)
class Look:
    """The classes of the dialog's parts, from the stylesheet of the screens that open it."""

    box_id: str | None = None
    box: str = ""
    title: str = ""
    label: str = ""
    error: str = ""
    buttons: str = ""


@dataclass(frozen=True)
class Saved:
    """What one try gave: the file written, a reason it was not, or the file already there."""

    path: Path | None = None
    message: str = ""
    exists: Path | None = None


class SaveToFolderScreen(ModalScreen[Path | None]):
    """Dismisses with the written path, or None when cancelled. The ids of its parts and its
    worker are named after PREFIX (its Escape binding's id too, by convention)."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancelar"), id="save-cancel")]
    PREFIX: ClassVar[str] = "save"
    OK_LABEL: ClassVar[str] = N_("Guardar")
    LOOK: ClassVar[Look] = Look()

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.roots: tuple[Path, ...] = ()

    def heading(self) -> Text:
        raise NotImplementedError

    def fetch(self, desk: Desk, actor: Actor, folder: str) -> tuple[Path, bytes]:
        """The file to write inside the typed `folder`, and its bytes (in the worker's thread).
        PathRefused when the folder cannot be used."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        self.roots = app_roots(self.app)
        look, prefix = self.LOOK, self.PREFIX
        with Vertical(id=look.box_id, classes=look.box):
            yield Static(self.heading(), classes=look.title)
            yield Static(Text(_("Carpeta de destino")), classes=look.label)
            yield Field(str(self.folder), id=f"{prefix}-folder", compact=True)
            yield Static("", id=f"{prefix}-error", classes=look.error)
            with Horizontal(classes=look.buttons):
                yield Button(_(self.OK_LABEL), id=f"{prefix}-ok", variant="primary", compact=True)
                yield Button(_("Cancelar"), id=f"{prefix}-no", compact=True)

    def on_mount(self) -> None:
        self.query_one(f"#{self.PREFIX}-folder", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == f"{self.PREFIX}-no":
            self.dismiss(None)
        elif event.button.id == f"{self.PREFIX}-ok":
            self.save()

    @on(Input.Submitted)
    def save(self) -> None:
        self.write(self.query_one(f"#{self.PREFIX}-folder", Input).value, overwrite=False)

    def write(self, folder: str, *, overwrite: bool) -> None:
        actor = ecuapass_app(self.app).actor
        if actor is None:
            return
        desk = ecuapass_app(self.app).desk
        run_job(
            self,
            lambda: self._save(desk, actor, folder, overwrite),
            self._saved,
            name=self.PREFIX,
            group=self.PREFIX,
            refused=lambda error: self._saved(Saved(message=error_text(error))),
        )

    def _save(self, desk: Desk, actor: Actor, folder: str, overwrite: bool) -> Saved:
        try:
            target, content = self.fetch(desk, actor, folder)
        except PathRefused as error:
            return Saved(message=refused_text(error, self.roots))
        if exists(target) and not overwrite:
            return Saved(exists=target)
        try:
            write_private(target, content, overwrite=overwrite)
        except FileExistsError:
            return Saved(exists=target)
        except OSError as error:
            message = _("No se pudo guardar el archivo: {motivo}").format(motivo=error.strerror)
            return Saved(message=message)
        return Saved(path=target)

    def _saved(self, saved: Saved) -> None:
        if saved.path is not None:
            self.dismiss(saved.path)
            return
        self.query_one(f"#{self.PREFIX}-error", Static).update(safe(saved.message))
        found = saved.exists
        if found is None:
            return
        question = _("Ya existe {ruta}. ¿Lo reemplaza?").format(ruta=str(found))
        self.app.push_screen(
            ConfirmScreen(question, _("Reemplazar"), _("No"), escape_answer=False),
            lambda yes: self.write(str(found.parent), overwrite=True) if yes else None,
        )
