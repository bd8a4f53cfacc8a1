"""A keyboard file picker: Textual's DirectoryTree in a modal that dismisses with the chosen Path.

Enter on a file picks it (on a folder opens it), Backspace goes to the parent folder, Escape
cancels. File names are shown through `safe()` (no control characters, never markup). The
picker stays inside its roots (the home folder and the configured `[files] folder`): it never
climbs above them, and an entry whose symlink leads outside them is not listed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.text import Text, TextType
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Static

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.services.files import allowed_roots, inside
from ecuapass_tui.widgets.safe import safe


def app_roots(app: App[object]) -> tuple[Path, ...]:
    """The folders the user's files may come from or go to: home, and the folder the
    configuration names (`[files] folder`), if any."""
    settings = getattr(app, "settings", None)
    return allowed_roots(getattr(settings, "files_folder", None))


class SafeDirectoryTree(DirectoryTree):
    """A DirectoryTree whose labels are cleaned of control characters and bidi overrides, and
    that lists nothing whose real place is outside `roots`."""

    def __init__(self, path: Path, roots: tuple[Path, ...], *, id: str | None = None) -> None:
        self.roots = roots
        super().__init__(path, id=id)

    def process_label(self, label: TextType) -> Text:
        text = safe(label.plain if isinstance(label, Text) else label, single_line=True)
        return text if text.plain else Text("?")

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [path for path in paths if inside(path, self.roots)]


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
    FilePicker #picker-hint, FilePicker #picker-hint-roots { color: $text-muted; height: auto; }
    """
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancelar"), id="picker-cancel"),
        Binding("backspace", "parent", N_("Carpeta superior"), id="picker-parent"),
        Binding("ctrl+o", "other_root", N_("Otra carpeta permitida"), id="picker-other-root"),
    ]

    def __init__(self, start: Path, title: str, roots: tuple[Path, ...] | None = None) -> None:
        super().__init__()
        self.start = start
        self.title_text = title
        self.given_roots = roots
        self.roots: tuple[Path, ...] = ()

    def _settle_roots(self) -> None:
        """The roots (the app's unless given); a start outside them becomes the first one."""
        self.roots = app_roots(self.app) if self.given_roots is None else self.given_roots
        if not inside(self.start, self.roots) or not self.start.is_dir():
            self.start = self.roots[0] if self.roots else Path.home()
        self.start = self.start.resolve()

    def compose(self) -> ComposeResult:
        self._settle_roots()
        with Vertical(id="picker-box"):
            yield Static(safe(self.title_text, single_line=True), id="picker-title")
            yield Static(safe(str(self.start), single_line=True), id="picker-folder")
            yield SafeDirectoryTree(self.start, self.roots, id="picker-tree")
            yield Static(
                _(
                    "Enter: elegir el archivo o abrir la carpeta · Retroceso: carpeta superior"
                    " · Esc: cancelar"
                ),
                id="picker-hint",
                markup=False,
            )
            if len(self.roots) > 1:
                yield Static(
                    _("Ctrl+O: la otra carpeta permitida"), id="picker-hint-roots", markup=False
                )

    def on_mount(self) -> None:
        self.query_one(SafeDirectoryTree).focus()

    @on(DirectoryTree.FileSelected)
    def file_selected(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        if inside(event.path, self.roots):
            self.dismiss(event.path)
        else:
            self.app.bell()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "other_root":
            return len(self.roots) > 1
        return True

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_parent(self) -> None:
        """One folder up, never above the root the picker is in."""
        current = Path(self.query_one(SafeDirectoryTree).path)
        if current in self.roots or not inside(current.parent, self.roots):
            self.app.bell()
            return
        self._show(current.parent)

    def action_other_root(self) -> None:
        """From one allowed folder to the next (home, then the configured one)."""
        roots = self.roots
        if not roots:
            return
        current = Path(self.query_one(SafeDirectoryTree).path)
        ours = [i for i, root in enumerate(roots) if current.is_relative_to(root)]
        index = (max(ours) + 1) % len(roots) if ours else 0
        self._show(roots[index])

    def _show(self, folder: Path) -> None:
        self.query_one(SafeDirectoryTree).path = folder
        self.query_one("#picker-folder", Static).update(safe(str(folder), single_line=True))
