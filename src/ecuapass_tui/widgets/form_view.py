"""FormView: one widget that renders any form spec (`data/forms/*.toml`, docs/forms.md).

Sections are titled groups; each field is a label (starred when mandatory), its control, its
error line (mounted when needed) and its help. Tab and Shift+Tab follow the spec's order.
`values()` and `files()` give what was typed, raw, for `forms.engine.validate` and for drafts;
`show_errors()` puts each message beside its field and never clears what was typed.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.markup import escape
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Input,
    OptionList,
    RadioButton,
    RadioSet,
    Select,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option as ListOption

from ecuapass_tui.forms.attachments import Attachment, ReadError, read_file, sniff
from ecuapass_tui.forms.engine import FieldError, Invalid, validate
from ecuapass_tui.forms.spec import FieldSpec, FormSpec, Option, Section
from ecuapass_tui.forms.validators import options_for
from ecuapass_tui.i18n import N_, _, ngettext
from ecuapass_tui.services.text import clean
from ecuapass_tui.widgets.file_picker import FilePicker
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe

INLINE_TYPES = ("text", "email", "phone", "ruc", "password", "integer", "decimal", "date")
WIDE_TYPES = ("textarea", "attachments", "table")
_RESTRICT = {
    "integer": r"[+-]?[0-9]*",
    "decimal": r"[+-]?[0-9]*[.,]?[0-9]*",
    "date": r"[0-9/]*",
    "datetime": r"[0-9/: ]*",
    "ruc": r"[0-9]*",
    "phone": r"[0-9+() -]*",
}
_MAX_LENGTH = {"date": 10, "datetime": 16, "ruc": 13, "phone": 20, "email": 254}
DOCUMENT_TYPES = (("cedula", N_("Cédula")), ("ruc", "RUC"), ("pasaporte", N_("Pasaporte")))


def fold(text: str) -> str:
    """For matching as users type: no accents, no case."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _text(value: object) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


# --- controls: each knows its raw value (get_raw / set_raw) -------------------------------


class TextControl(Field):
    def get_raw(self) -> str:
        return self.value

    def set_raw(self, value: object) -> None:
        self.value = _text(value)


class AreaControl(TextArea):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(tab_behavior="focus", soft_wrap=True, compact=True, **kwargs)
        self.cursor_blink = False

    def get_raw(self) -> str:
        return self.text

    def set_raw(self, value: object) -> None:
        self.load_text(_text(value))


class ChoiceControl(Select[str]):
    def __init__(self, options: tuple[Option, ...], language: str, **kwargs: Any) -> None:
        self.choices = [o.value for o in options]
        super().__init__(
            [(safe(o.label(language), single_line=True), o.value) for o in options],
            prompt=_("Elija una opción"),
            compact=True,
            **kwargs,
        )

    def get_raw(self) -> str:
        return self.value if isinstance(self.value, str) else ""

    def set_raw(self, value: object) -> None:
        if isinstance(value, str) and value in self.choices:
            self.value = value
        else:
            self.clear()


class RadioControl(RadioSet):
    def __init__(self, options: tuple[Option, ...], language: str, **kwargs: Any) -> None:
        self.choices = [o.value for o in options]
        buttons = [RadioButton(safe(o.label(language), single_line=True)) for o in options]
        super().__init__(*buttons, compact=True, **kwargs)

    def get_raw(self) -> str:
        index = self.pressed_index
        return self.choices[index] if 0 <= index < len(self.choices) else ""

    def set_raw(self, value: object) -> None:
        for choice, button in zip(self.choices, self.query(RadioButton), strict=False):
            button.value = choice == value


class CheckControl(Checkbox):
    def get_raw(self) -> bool:
        return self.value

    def set_raw(self, value: object) -> None:
        self.value = value is True


class FilterField(Field):
    """The typing half of a CatalogSelect: Up/Down move in the list, Enter picks."""

    BINDINGS = [
        Binding("down", "move(1)", show=False, id="catalog-down"),
        Binding("up", "move(-1)", show=False, id="catalog-up"),
    ]

    def action_move(self, step: int) -> None:
        parent = self.parent
        if isinstance(parent, CatalogSelect):
            parent.move(step)


class CatalogSelect(Vertical):
    """A select for long catalogs: type to filter the list under the input, Up/Down to move,
    Enter to pick. One tab stop (the list is not focusable)."""

    DEFAULT_CSS = """
    CatalogSelect { height: auto; }
    CatalogSelect OptionList { height: auto; max-height: 7; display: none; }
    CatalogSelect.-open OptionList { display: block; }
    """

    def __init__(self, options: tuple[Option, ...], language: str, *, id: str) -> None:
        super().__init__(classes="catalog")
        self.language = language
        self.options = options
        self.labels = [o.label(language) for o in options]
        self.keys = [fold(label) for label in self.labels]
        self.selected: str | None = None
        self.shown: list[int] = []
        self.input = FilterField(
            placeholder=_("Escriba para filtrar (↓: lista)"), compact=True, id=id
        )
        self.list = OptionList(markup=False, compact=True)
        self.list.can_focus = False

    def compose(self) -> ComposeResult:
        yield self.input
        yield self.list

    def set_options(self, options: tuple[Option, ...]) -> None:
        """Offer other choices (the cantons of the chosen province); a value no longer offered
        is cleared."""
        self.options = options
        self.labels = [o.label(self.language) for o in options]
        self.keys = [fold(label) for label in self.labels]
        if self.selected is not None and self.label_of(self.selected) is None:
            self.selected = None
            self.input.value = ""

    def label_of(self, value: str) -> str | None:
        for option, label in zip(self.options, self.labels, strict=True):
            if option.value == value:
                return label
        return None

    def get_raw(self) -> str:
        if self.selected is not None and self.input.value == self.label_of(self.selected):
            return self.selected
        return self.input.value.strip()

    def set_raw(self, value: object) -> None:
        text = _text(value)
        label = self.label_of(text)
        self.selected = text if label is not None else None
        self.input.value = label if label is not None else text
        self.close()

    def filter(self, text: str) -> None:
        wanted = fold(text.strip())
        self.shown = [
            i
            for i, (option, key) in enumerate(zip(self.options, self.keys, strict=True))
            if not wanted or wanted in key or option.value.casefold().startswith(wanted)
        ]
        self.list.clear_options()
        self.list.add_options(
            ListOption(safe(self.labels[i], single_line=True)) for i in self.shown
        )
        if self.shown:
            self.list.highlighted = 0

    def open(self) -> None:
        self.filter("" if self.selected is not None else self.input.value)
        self.add_class("-open")

    def close(self) -> None:
        self.remove_class("-open")

    def move(self, step: int) -> None:
        if not self.has_class("-open"):
            self.open()
            return
        if step > 0:
            self.list.action_cursor_down()
        else:
            self.list.action_cursor_up()

    def pick(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self.shown):
            return
        option = self.options[self.shown[index]]
        self.selected = option.value
        self.input.value = self.labels[self.shown[index]]
        self.input.cursor_position = len(self.input.value)
        self.close()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if self.selected is not None and event.value == self.label_of(self.selected):
            return
        self.selected = None
        self.filter(event.value)
        if self.input.has_focus:
            self.add_class("-open")

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        if self.has_class("-open"):
            self.pick(self.list.highlighted)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.pick(event.option_index)

    def on_descendant_blur(self) -> None:
        self.close()


class IdDocumentControl(Horizontal):
    DEFAULT_CSS = """
    IdDocumentControl { height: auto; }
    IdDocumentControl Select { width: 16; margin-right: 1; }
    IdDocumentControl Input { width: 1fr; }
    """

    def __init__(self, *, id: str) -> None:
        super().__init__(classes="id-document")
        self.kind: Select[str] = Select(
            [(_(label), value) for value, label in DOCUMENT_TYPES],
            allow_blank=False,
            value="cedula",
            compact=True,
            id=f"{id}-type",
        )
        self.number = Field(
            restrict=r"[A-Za-z0-9]*", max_length=20, compact=True, id=f"{id}-number"
        )

    def compose(self) -> ComposeResult:
        yield self.kind
        yield self.number

    def get_raw(self) -> dict[str, str]:
        kind = self.kind.value
        return {"type": kind if isinstance(kind, str) else "", "number": self.number.value}

    def set_raw(self, value: object) -> None:
        data = value if isinstance(value, dict) else {}
        kind = data.get("type")
        self.kind.value = kind if kind in {v for v, _label in DOCUMENT_TYPES} else "cedula"
        self.number.value = _text(data.get("number"))


class AttachmentList(Vertical):
    """The files of an attachments field: name and size in KB, the total, Agregar/Eliminar."""

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
            self.post_message(FormView.Touched())

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
            self.post_message(FormView.Touched(self.spec.name))
            return
        self.post_message(FormView.Refused(self.spec.name, error.message()))
        self.table.focus()

    def error(self, code: str, params: dict[str, Any]) -> FieldError:
        return FieldError(self.spec.name, code, params, self.spec.label_es, self.spec.label_en)


class TableControl(Vertical):
    """A table field: its rows, and one input per column for a new row (Agregar/Eliminar)."""

    DEFAULT_CSS = """
    TableControl { height: auto; }
    TableControl DataTable { height: auto; max-height: 8; }
    TableControl Horizontal { height: auto; }
    """

    def __init__(self, spec: FieldSpec, language: str, *, id: str) -> None:
        super().__init__(classes="table-field")
        self.spec = spec
        self.language = language
        self.rows: list[dict[str, Any]] = []
        self.table: DataTable[Text] = DataTable(cursor_type="row", id=id)
        self.cells = {
            column.name: make_control(column, language, f"{id}-{column.name}")
            for column in spec.columns
        }

    def compose(self) -> ComposeResult:
        yield self.table
        for column in self.spec.columns:
            yield field_line(column, self.language, self.cells[column.name])
        with Horizontal():
            yield Button(_("Agregar fila"), id=f"{self.table.id}-add", compact=True)
            yield Button(_("Eliminar fila"), id=f"{self.table.id}-remove", compact=True)

    def on_mount(self) -> None:
        self.table.add_columns(*(column.label(self.language) for column in self.spec.columns))
        self.refresh_rows()

    def shown(self, column: FieldSpec, value: object) -> Text:
        if column.type in ("select", "radio") and isinstance(value, str):
            for option in options_for(column):
                if option.value == value:
                    return safe(option.label(self.language), single_line=True)
        if isinstance(value, bool):
            return Text(_("Sí") if value else _("No"))
        return safe(_text(value), single_line=True)

    def refresh_rows(self) -> None:
        self.table.clear()
        for row in self.rows:
            self.table.add_row(*(self.shown(c, row.get(c.name)) for c in self.spec.columns))

    def get_raw(self) -> list[dict[str, Any]]:
        return [dict(row) for row in self.rows]

    def set_raw(self, value: object) -> None:
        rows = value if isinstance(value, list) else []
        self.rows = [dict(row) for row in rows if isinstance(row, dict)]
        if self.is_mounted:
            self.refresh_rows()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == f"{self.table.id}-add":
            self.add_row()
        elif self.rows and 0 <= self.table.cursor_row < len(self.rows):
            del self.rows[self.table.cursor_row]
            self.refresh_rows()
            self.post_message(FormView.Touched(self.spec.name))

    def add_row(self) -> None:
        row = {name: control.get_raw() for name, control in self.cells.items()}
        # The new row is checked alone (as row N+1) so that its errors show at once.
        single = FormSpec(
            "row", "", "", (Section("row", "", "", (self.spec,)),), source="form_view"
        )
        result = validate(single, {self.spec.name: [*self.rows, row]}, now=datetime.now(UTC))
        errors = [
            e
            for e in (result.errors if isinstance(result, Invalid) else [])
            if e.row == len(self.rows) + 1
        ]
        if errors:
            self.post_message(
                FormView.Refused(self.spec.name, "\n".join(e.message() for e in errors))
            )
            return
        self.rows.append(row)
        self.refresh_rows()
        for control in self.cells.values():
            control.set_raw(None)
        self.post_message(FormView.Refused(self.spec.name, ""))
        self.post_message(FormView.Touched(self.spec.name))
        first = next(iter(self.cells.values()))
        focus_target(first).focus()


def make_control(spec: FieldSpec, language: str, id: str) -> Any:
    """The control of one field (attachments excepted: AttachmentList)."""
    kind = spec.type
    if kind == "textarea":
        return AreaControl(id=id)
    if kind == "select":
        if spec.catalog:
            return CatalogSelect(options_for(spec), language, id=id)
        return ChoiceControl(spec.options, language, id=id)
    if kind == "radio":
        return RadioControl(options_for(spec), language, id=id)
    if kind == "checkbox":
        return CheckControl(safe(spec.label(language), single_line=True), compact=True, id=id)
    if kind == "id_document":
        return IdDocumentControl(id=id)
    if kind == "table":
        return TableControl(spec, language, id=id)
    placeholder = ""
    if kind == "date":
        placeholder = _("dd/mm/aaaa")
    elif kind == "datetime":
        placeholder = _("dd/mm/aaaa hh:mm")
    return TextControl(
        placeholder=placeholder,
        password=kind == "password",
        restrict=_RESTRICT.get(kind),
        max_length=spec.max_length or _MAX_LENGTH.get(kind, 0),
        compact=True,
        id=id,
    )


def focus_target(control: Widget) -> Widget:
    """The first widget of a control that takes focus (the control itself for simple ones)."""
    if isinstance(control, IdDocumentControl):
        return control.number  # the type has a default; the number is what goes wrong
    if control.focusable:
        return control
    for child in control.query("*"):
        if child.focusable:
            return child
    return control


def label_text(spec: FieldSpec, language: str, *, suffix: str = "") -> Text:
    text = safe(spec.label(language) + suffix, single_line=True)
    if spec.required:
        text.append(" *", style="bold")
    return text


def field_line(spec: FieldSpec, language: str, control: Widget, *, suffix: str = "") -> Widget:
    """Label and control on one line (label above for wide controls, none for checkboxes)."""
    if spec.type == "checkbox":
        return control
    label = Static(label_text(spec, language, suffix=suffix), classes="fv-label")
    if spec.type in WIDE_TYPES:
        return Vertical(label, control, classes="fv-line -wide")
    return Horizontal(label, control, classes="fv-line")


class FieldBlock(Vertical):
    """One field: its line, its error line (mounted when needed), its help."""

    def __init__(self, key: str, line: Widget, help_text: str) -> None:
        super().__init__(id=f"fv-{key}", classes="fv-field")
        self.key = key
        self.line = line
        self.help_text = help_text

    def compose(self) -> ComposeResult:
        yield self.line
        if self.help_text:
            yield Static(safe(self.help_text), classes="fv-help")

    def show_error(self, message: str) -> None:
        found = self.query_children(".fv-error")
        if not message:
            for widget in found:
                widget.remove()
            return
        if found:
            found.first(Static).update(safe(message))
        else:
            self.mount(Static(safe(message), classes="fv-error"), after=self.line)


@dataclass
class _Draft:
    state: str = ""


class FormView(Vertical):
    """Renders `spec`; Ctrl+S (or the Enviar button) posts `Submitted`; any change posts
    `Changed` after 0.5 s of quiet (the screen saves the draft)."""

    DEFAULT_CSS = """
    FormView { height: 1fr; }
    FormView #fv-count { color: $error; text-style: bold; height: auto; padding: 0 1; }
    FormView #fv-count.-empty { display: none; }
    FormView #fv-body { height: 1fr; scrollbar-size-vertical: 1; }
    FormView .fv-section {
        border: round $primary; border-title-color: $text; border-title-style: bold;
        padding: 0 1; height: auto;
    }
    FormView .fv-section-help { color: $text-muted; height: auto; margin-bottom: 1; }
    FormView .fv-field { height: auto; margin-bottom: 1; }
    FormView .fv-line { height: auto; }
    FormView .fv-label { width: 30; padding-right: 1; height: auto; }
    FormView .fv-line.-wide > .fv-label { width: 1fr; }
    FormView .fv-field:last-of-type { margin-bottom: 0; }
    FormView .fv-line Input, FormView .fv-line Select, FormView .fv-line CatalogSelect,
    FormView .fv-line IdDocumentControl, FormView .fv-line RadioSet { width: 1fr; }
    FormView .fv-line TextArea { height: 5; }
    FormView .fv-help { color: $text-muted; height: auto; }
    FormView .fv-error { color: $error; height: auto; }
    FormView TableControl .fv-line { margin-top: 0; }
    FormView #fv-buttons { height: auto; padding: 0 1; }
    """
    BINDINGS = [Binding("ctrl+s", "submit", N_("Enviar"), id="submit")]

    class Changed(Message):
        """Some value changed (posted after 0.5 s without further changes)."""

        def __init__(self, form_view: FormView) -> None:
            super().__init__()
            self.form_view = form_view

        @property
        def control(self) -> FormView:
            return self.form_view

    class Submitted(Message):
        def __init__(
            self, form_view: FormView, values: dict[str, Any], files: dict[str, list[Attachment]]
        ) -> None:
            super().__init__()
            self.form_view = form_view
            self.values = values
            self.files = files

        @property
        def control(self) -> FormView:
            return self.form_view

    class Touched(Message):
        """Internal: a control changed something that is not a Textual input (rows, files)."""

        def __init__(self, name: str = "") -> None:
            super().__init__()
            self.name = name

    class Refused(Message):
        """Internal: a file or a new row was refused; `message` goes beside the field."""

        def __init__(self, name: str, message: str) -> None:
            super().__init__()
            self.name = name
            self.message = message

    def __init__(
        self,
        spec: FormSpec,
        *,
        language: str,
        values: dict[str, Any] | None = None,
        files: dict[str, list[Attachment]] | None = None,
        start_dir: Path | None = None,
        submit_label: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.spec = spec
        self.submit_label = submit_label
        self.language = language
        self._initial = (values, files)
        self._start_dir = start_dir
        self._controls: dict[str, Any] = {}
        self._attachments: dict[str, AttachmentList] = {}
        self._blocks: dict[str, FieldBlock] = {}
        self._timer: Timer | None = None
        self._draft = _Draft()

    # --- building ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="fv-count", classes="-empty")
        body = VerticalScroll(id="fv-body")
        body.can_focus = False
        with body:
            for section in self.spec.sections:
                with Vertical(classes="fv-section", id=f"fv-section-{section.id}") as box:
                    box.border_title = escape(clean(section.title(self.language), single_line=True))
                    if section.help(self.language):
                        yield Static(safe(section.help(self.language)), classes="fv-section-help")
                    for spec in section.fields:
                        yield from self._field(spec)
            with Horizontal(id="fv-buttons"):
                label = self.submit_label or _("Enviar")
                yield Button(label, id="fv-submit", variant="primary", compact=True)

    def _field(self, spec: FieldSpec) -> ComposeResult:
        key = spec.name
        if spec.type == "attachments":
            control: Any = AttachmentList(spec, self.language, id=f"f-{key}")
            if self._start_dir is not None:
                control.start_dir = self._start_dir
            self._attachments[key] = control
        else:
            control = make_control(spec, self.language, f"f-{key}")
            self._controls[key] = control
        block = FieldBlock(key, field_line(spec, self.language, control), spec.help(self.language))
        self._blocks[key] = block
        yield block
        if spec.type == "password" and spec.confirm:
            key = f"{spec.name}__confirm"
            again = make_control(spec, self.language, f"f-{key}")
            self._controls[key] = again
            label = _("Confirmación de {campo}").format(campo=spec.label(self.language))
            shown = FieldSpec(key, spec.type, label, label, required=spec.required)
            block = FieldBlock(key, field_line(shown, self.language, again), "")
            self._blocks[key] = block
            yield block

    def on_mount(self) -> None:
        values, files = self._initial
        if values or files:
            self.set_values(values or {}, files or {})
        else:
            self._draft.state = self._state()

    # --- values -----------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """Raw values as typed, by field name (attachments are in `files()`)."""
        return {name: control.get_raw() for name, control in self._controls.items()}

    def files(self) -> dict[str, list[Attachment]]:
        return {name: list(box.items) for name, box in self._attachments.items()}

    def set_values(
        self, values: dict[str, Any], files: dict[str, list[Attachment]] | None = None
    ) -> None:
        """Restore a draft: every known field gets its value (others are left empty)."""
        for name, control in self._controls.items():
            control.set_raw(values.get(name))
        for name, box in self._attachments.items():
            items = (files or {}).get(name) or []
            box.set_files([item for item in items if isinstance(item, Attachment)])
        self._draft.state = self._state()

    def _state(self) -> str:
        files = {n: [(a.name, a.size) for a in items] for n, items in self.files().items()}
        return json.dumps([self.values(), files], sort_keys=True, default=str)

    # --- errors -----------------------------------------------------------------------------

    def _block_for(self, field: str) -> FieldBlock | None:
        block = self._blocks.get(field)
        if block is None:
            block = self._blocks.get(field.split(".", 1)[0])
        return block

    def show_errors(self, errors: list[FieldError]) -> None:
        """Each message beside its field, the count at the top, focus on the first field."""
        by_block: dict[str, list[str]] = {}
        order: list[FieldBlock] = []
        for error in errors:
            block = self._block_for(error.field)
            if block is None:
                continue
            if block.key not in by_block:
                order.append(block)
            by_block.setdefault(block.key, []).append(error.message())
        for key, block in self._blocks.items():
            block.show_error("\n".join(by_block.get(key, [])))
        count = self.query_one("#fv-count", Static)
        if errors:
            text = ngettext(
                "Hay {n} error en el formulario.", "Hay {n} errores en el formulario.", len(errors)
            ).format(n=len(errors))
            count.update(Text(text))
            count.remove_class("-empty")
        else:
            count.update("")
            count.add_class("-empty")
        if order:
            self.focus_field(order[0].key)

    def clear_errors(self) -> None:
        self.show_errors([])

    def focus_first(self) -> None:
        """Focus the first field of the form (a screen calls it once the form is mounted)."""
        first = next(iter(self._blocks), None)
        if first is not None:
            self.focus_field(first)

    def focus_field(self, key: str) -> None:
        block = self._blocks.get(key)
        if block is None:
            return
        control = self._controls.get(key) or self._attachments.get(key)
        target = focus_target(control) if control is not None else block
        target.focus()
        self.call_after_refresh(block.scroll_visible, animate=False, top=False)

    # --- events -----------------------------------------------------------------------------

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self, self.values(), self.files()))

    @on(Button.Pressed, "#fv-submit")
    def _submit_button(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_submit()

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(RadioSet.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        self._touch()

    @on(Touched)
    def _touched(self, event: FormView.Touched) -> None:
        event.stop()
        if event.name in self._blocks:
            self._blocks[event.name].show_error("")
        self._touch()

    @on(Refused)
    def _refused(self, event: FormView.Refused) -> None:
        event.stop()
        block = self._blocks.get(event.name)
        if block is not None:
            block.show_error(event.message)

    def _touch(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(0.5, self._emit_changed, name="form-changed")

    def _emit_changed(self) -> None:
        self._timer = None
        state = self._state()
        if state != self._draft.state:
            self._draft.state = state
            self.post_message(self.Changed(self))
