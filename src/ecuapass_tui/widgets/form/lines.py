"""The layout of one field: its label, its control, its error line and its help."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static

from ecuapass_tui.forms.fields import FieldSpec
from ecuapass_tui.widgets.form.controls import IdDocumentControl
from ecuapass_tui.widgets.safe import safe

WIDE_TYPES = ("textarea", "attachments", "table")


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
        self.error_text = ""  # shown when the block is composed (set before it was built)

    def compose(self) -> ComposeResult:
        yield self.line
        if self.error_text:
            yield Static(safe(self.error_text), classes="fv-error")
        if self.help_text:
            yield Static(safe(self.help_text), classes="fv-help")

    @property
    def has_error(self) -> bool:
        if self.line.parent is not self:  # not built yet
            return bool(self.error_text)
        return bool(self.query_children(".fv-error"))

    def show_error(self, message: str) -> None:
        if self.line.parent is not self:  # not built yet: composed with it
            self.error_text = message
            return
        found = self.query_children(".fv-error")
        if not message:
            for widget in found:
                widget.remove()
            return
        if found:
            found.first(Static).update(safe(message))
        else:
            self.mount(Static(safe(message), classes="fv-error"), after=self.line)
