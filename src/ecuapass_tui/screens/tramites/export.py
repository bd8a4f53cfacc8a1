"""Export an e-document: the file (JSON with the content, its SHA-256 and signature) saved to a
folder under its sanitised name. 2.7 checks such a file later."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.save_to_folder import Look, SaveToFolderScreen
from ecuapass_tui.screens.styles import TRAMITES_CSS
from ecuapass_tui.services.files import folder_target

if TYPE_CHECKING:
    from ecuapass_tui.services.desk import Desk
    from ecuapass_tui.services.dto import Actor


class ExportScreen(SaveToFolderScreen):
    CSS_PATH = TRAMITES_CSS
    DEFAULT_CLASSES = "tramites-modal"
    BINDINGS = [Binding("escape", "cancel", N_("Cancelar"), id="export-cancel")]
    PREFIX = "export"
    OK_LABEL = N_("Exportar")
    LOOK = Look(buttons="tramites-buttons")

    def __init__(self, document_id: int, folder: Path) -> None:
        super().__init__(folder)
        self.document_id = document_id

    def heading(self) -> Text:
        return Text(_("Exportar el documento a un archivo"), style="bold")

    def fetch(self, desk: Desk, actor: Actor, folder: str) -> tuple[Path, bytes]:
        folder_target(folder, "", self.roots)  # the folder first: nothing is signed for nothing
        name, content = desk.export_document(actor, self.document_id)
        return folder_target(folder, name, self.roots), content
