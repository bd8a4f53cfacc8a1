"""The form widget: FormView renders a form spec; one module per control."""

from ecuapass_tui.widgets.form.attachments import AttachmentList
from ecuapass_tui.widgets.form.catalog import CatalogSelect, FilterField
from ecuapass_tui.widgets.form.controls import (
    AreaControl,
    CheckControl,
    ChoiceControl,
    IdDocumentControl,
    RadioControl,
    TextControl,
)
from ecuapass_tui.widgets.form.lines import FieldBlock, field_line, focus_target, label_text
from ecuapass_tui.widgets.form.make import make_control
from ecuapass_tui.widgets.form.table import TableControl
from ecuapass_tui.widgets.form.view import FormView

__all__ = [
    "AreaControl",
    "AttachmentList",
    "CatalogSelect",
    "CheckControl",
    "ChoiceControl",
    "FieldBlock",
    "FilterField",
    "FormView",
    "IdDocumentControl",
    "RadioControl",
    "TableControl",
    "TextControl",
    "field_line",
    "focus_target",
    "label_text",
    "make_control",
]
