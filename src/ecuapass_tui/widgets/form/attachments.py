"""The files of an attachments field: name and size in KB, the total, Agregar/Eliminar."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Static

from ecuapass_tui.forms.attachments import Attachment, ReadError, read_file, sniff
from ecuapass_tui.forms.engine import FieldError
from ecuapass_tui.forms.fields import FieldSpec
from ecuapass_tui.i18n import _
from ecuapass_tui.texts.fields import field_text
from ecuapass_tui.widgets.file_picker import FilePicker
from ecuapass_tui.widgets.form.signals import Refused, Touched
from ecuapass_tui.widgets.safe import safe


class AttachmentList(Vertical):
    """Agregar opens the file picker; a refused file leaves its message beside the field and
    the focus back on the list, as after a file that was added."""

    DEFAULT_CSS = """
    AttachmentList { height: auto; }
    AttachmentList DataTable { height: auto; max-height: 7; }
    AttachmentList .attachment-total { color: $text-muted; height: 1; }
    AttachmentList Horizontal { height: auto; }
    """

    def __init__(self, spec: FieldSpec, language: str, *, id: str) -> None:
        super().__init__(classes="attachments")
        self.spec = spec
        self.language = language
        self.items: list[Attachment] = []
        self.table: DataTable[Text] = DataTable(cursor_type="row", id=id)
        self.total = Static("", classes="attachment-total")
        self.start_dir: Path = Path.home()

    def compose(self) -> ComposeResult:
        yield self.table
        yield self.total
        with Horizontal():
            yield Button(_("Agregar"), id=f"{self.table.id}-add", compact=True)
            yield Button(_("Eliminar"), id=f"{self.table.id}-remove", compact=True)

    def on_mount(self) -> None:
        self.table.add_columns(_("Archivo"), _("Tamaño (KB)"))
        self.refresh_list()

    def refresh_list(self) -> None:
        self.table.clear()
        for item in self.items:
            self.table.add_row(safe(item.name, single_line=True), Text(str(item.size_kb)))
        total = -(-sum(item.size for item in self.items) // 1024)
        self.total.update(
            Text(_("Tamaño total de archivo: {kb} KB").format(kb=total), no_wrap=True)
        )

    def set_files(self, items: list[Attachment]) -> None:
        self.items = list(items)
        if self.is_mounted:
            self.refresh_list()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == f"{self.table.id}-add":
            title = _("Adjuntar a «{campo}»").format(campo=self.spec.label(self.language))
            self.app.push_screen(FilePicker(self.start_dir, title), self.add_path)
        elif self.items and 0 <= self.table.cursor_row < len(self.items):
            del self.items[self.table.cursor_row]
            self.refresh_list()
            self.post_message(Touched(self.spec.name))

    def add_path(self, path: Path | None) -> None:
        if path is None:
            return
        self.start_dir = path.parent
        result = read_file(path, max_kb=self.spec.max_file_kb)
        if isinstance(result, ReadError):
            error = self.error(result.code, {**result.params, "name": result.name})
        elif sniff(result.data) not in self.spec.accept:
            error = self.error("file_type", {"name": result.name, "accept": self.spec.accept})
        else:
            self.items.append(result)
            self.refresh_list()
            self.table.move_cursor(row=len(self.items) - 1)
            self.post_message(Touched(self.spec.name))
            return
        self.post_message(Refused(self.spec.name, field_text(error)))
        self.table.focus()

    def error(self, code: str, params: dict[str, Any]) -> FieldError:
        return FieldError(self.spec.name, code, params, self.spec.label_es, self.spec.label_en)
