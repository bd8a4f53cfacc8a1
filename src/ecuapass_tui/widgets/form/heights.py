"""The height a field of a form takes on screen, worked out from its spec without building it
(FormView puts a blank of that height where fields are built later). It follows FormView's
styles: labels of 30 columns, help wrapped to the section's width, a blank line between fields
(a section's border and padding take SECTION_FRAME columns)."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from ecuapass_tui.forms.fields import FieldSpec
from ecuapass_tui.forms.validators import options_for
from ecuapass_tui.i18n import _
from ecuapass_tui.widgets.form.lines import WIDE_TYPES, label_text
from ecuapass_tui.widgets.safe import safe

LABEL_WIDTH, LABEL_PADDING = 30, 1  # FormView: `.fv-label { width: 30; padding-right: 1; }`
SECTION_FRAME = 4  # border (2) and padding (2) across a section
TEXTAREA = 5  # FormView: `.fv-line TextArea { height: 5; }`
ATTACHMENTS = 3  # the table's header, the total, the buttons (an empty list)
TABLE_ROWS = 2  # the table's header and the buttons; one line per column between them


def lines_of(text: Text, width: int) -> int:
    """Lines that `text` takes wrapped to `width` columns (as a Static shows it)."""
    return max(1, len(Content.from_rich_text(text).wrap(max(1, width))))


def text_lines(text: str, width: int) -> int:
    return lines_of(safe(text), width) if text else 0


def control_height(spec: FieldSpec, language: str, width: int) -> int:
    """The line of a field: its label and control (the label above for the wide ones)."""
    kind = spec.type
    if kind == "checkbox":
        return 1
    label = label_text(spec, language)
    if kind in WIDE_TYPES:
        above = lines_of(label, width - LABEL_PADDING)
        if kind == "textarea":
            return above + TEXTAREA
        if kind == "attachments":
            return above + ATTACHMENTS
        columns = sum(control_height(c, language, width) for c in spec.columns)
        return above + TABLE_ROWS + columns
    control = max(1, len(options_for(spec))) if kind == "radio" else 1
    return max(control, lines_of(label, LABEL_WIDTH - LABEL_PADDING))


def field_heights(spec: FieldSpec, language: str, width: int) -> list[int]:
    """The height of each block of one field (a password to confirm has a second one)."""
    first = control_height(spec, language, width) + text_lines(spec.help(language), width)
    if spec.type == "password" and spec.confirm:
        label = _("Confirmación de {campo}").format(campo=spec.label(language))
        shown = FieldSpec(spec.name, spec.type, label, label, required=spec.required)
        return [first, control_height(shown, language, width)]
    return [first]
