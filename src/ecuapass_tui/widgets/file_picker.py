"""A keyboard file picker: Textual's DirectoryTree in a modal that dismisses with the chosen Path.

Enter on a file picks it (on a folder opens it), Backspace goes to the parent folder, Escape
cancels. File names are shown through `safe()` (no control characters, never markup).
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text, TextType
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Static

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.widgets.safe import safe


class SafeDirectoryTree(DirectoryTree):
    """A DirectoryTree whose labels are cleaned of control characters and bidi overrides."""

    def process_label(self, label: TextType) -> Text:
        text = safe(label.plain if isinstance(label, Text) else label, single_line=True)
        return text if text.plain else Text("?")


class FilePicker(ModalScreen[Path | None]):
    """Choose one file under `start`; dismisses with its Path, or None when cancelled."""

    DEFAULT_CSS = """
    FilePicker { align: center middle; }
    FilePicker #picker-box {
        width: 76; max-width: 100%; height: 20; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    FilePicker #picker-title { text-style: bold; height: 1; }
    FilePicker #picker-folder { color: $text-muted; height: 1; }
    FilePicker SafeDirectoryTree { height: 1fr; }
    FilePicker #picker-hint { color: $text-muted; height: auto; }
    """
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancelar"), id="picker-cancel"),
        Binding("backspace", "parent", N_("Carpeta superior"), id="picker-parent"),
    ]

    def __init__(self, start: Path, title: str) -> None:
        super().__init__()
        self.start = start
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static(safe(self.title_text, single_line=True), id="picker-title")
            yield Static(safe(str(self.start), single_line=True), id="picker-folder")
            yield SafeDirectoryTree(self.start, id="picker-tree")
            yield Static(
                _(
                    "Enter: elegir el archivo o abrir la carpeta · Retroceso: carpeta superior"
                    " · Esc: cancelar"
                ),
                id="picker-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one(SafeDirectoryTree).focus()

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.dismiss(event.path)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_parent(self) -> None:
        tree = self.query_one(SafeDirectoryTree)
        current = Path(tree.path)
        parent = current.parent
        if parent != current:
            tree.path = parent
            self.query_one("#picker-folder", Static).update(safe(str(parent), single_line=True))
