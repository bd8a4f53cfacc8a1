"""Guardar copia: a copy of a ticket's attachment, saved to a folder under its sanitised name."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding

from ecuapass_tui.core.text import sanitize_name
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.save_to_folder import Look, SaveToFolderScreen
from ecuapass_tui.services.files import folder_target
from ecuapass_tui.services.mesa.ticket_dto import AttachmentInfo
from ecuapass_tui.widgets.safe import safe

if TYPE_CHECKING:
    from ecuapass_tui.services.desk import Desk
    from ecuapass_tui.services.dto import Actor


class SaveCopyScreen(SaveToFolderScreen):
    BINDINGS = [Binding("escape", "cancel", N_("Cancelar"), id="user-save-cancel")]
    PREFIX = "user-save"
    OK_LABEL = N_("Guardar")
    LOOK = Look(
        box_id="user-save-box",
        box="mesa-user-modal",
        title="mesa-user-modal-title",
        label="mesa-user-label",
        error="mesa-user-error",
        buttons="mesa-user-buttons",
    )

    def __init__(self, attachment: AttachmentInfo, folder: Path) -> None:
        super().__init__(folder)
        self.attachment = attachment

    def heading(self) -> Text:
        name = sanitize_name(self.attachment.name)
        title = _("Guardar una copia de «{nombre}»").format(nombre=name)
        return safe(title, single_line=True)

    def fetch(self, desk: Desk, actor: Actor, folder: str) -> tuple[Path, bytes]:
        target = folder_target(folder, self.attachment.name, self.roots)
        _name, content = desk.attachment(actor, self.attachment.id)
        return target, content
