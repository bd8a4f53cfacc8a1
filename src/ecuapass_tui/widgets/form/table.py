"""A table field: its rows, and one input per column for a new row (Agregar/Eliminar)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, DataTable

from ecuapass_tui.forms.engine import Invalid, validate
from ecuapass_tui.forms.fields import FieldSpec, FormSpec, Section
from ecuapass_tui.forms.validators import options_for
from ecuapass_tui.i18n import _
from ecuapass_tui.texts.fields import field_text
from ecuapass_tui.widgets.form.controls import RawValue, text_of
from ecuapass_tui.widgets.form.lines import field_line, focus_target
from ecuapass_tui.widgets.form.signals import Refused, Touched, app_now
from ecuapass_tui.widgets.safe import safe

MakeControl = Callable[[FieldSpec, str, str], Widget]


class TableControl(Vertical):
    """`make_cell` builds the control of each column (the form's own control factory)."""

    DEFAULT_CSS = """
    TableControl { height: auto; }
    TableControl DataTable { height: auto; max-height: 8; }
    TableControl Horizontal { height: auto; }
    """

    def __init__(self, spec: FieldSpec, language: str, *, id: str, make_cell: MakeControl) -> None:
        super().__init__(classes="table-field")
        self.spec = spec
        self.language = language
        self.rows: list[dict[str, Any]] = []
        self.table: DataTable[Text] = DataTable(cursor_type="row", id=id)
        self.cells: dict[str, Widget] = {
            column.name: make_cell(column, language, f"{id}-{column.name}")
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
        return safe(text_of(value), single_line=True)

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
            self.post_message(Touched(self.spec.name))

    def add_row(self) -> None:
        row = {name: cast(RawValue, control).get_raw() for name, control in self.cells.items()}
        # The new row is checked alone (as row N+1) so that its errors show at once.
        single = FormSpec(
            "row", "", "", (Section("row", "", "", (self.spec,)),), source="form_view"
        )
        result = validate(single, {self.spec.name: [*self.rows, row]}, now=app_now(self.app))
        errors = [
            e
            for e in (result.errors if isinstance(result, Invalid) else [])
            if e.row == len(self.rows) + 1
        ]
        if errors:
            self.post_message(Refused(self.spec.name, "\n".join(field_text(e) for e in errors)))
            return
        self.rows.append(row)
        self.refresh_rows()
        for control in self.cells.values():
            cast(RawValue, control).set_raw(None)
        self.post_message(Refused(self.spec.name, ""))
        self.post_message(Touched(self.spec.name))
        first = next(iter(self.cells.values()))
        focus_target(first).focus()
