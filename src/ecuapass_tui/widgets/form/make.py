"""The control of each field type."""

from __future__ import annotations

from typing import TypeAlias

from ecuapass_tui.forms.fields import FieldSpec
from ecuapass_tui.forms.validators import options_for
from ecuapass_tui.i18n import _
from ecuapass_tui.widgets.form.catalog import CatalogSelect
from ecuapass_tui.widgets.form.controls import (
    AreaControl,
    CheckControl,
    ChoiceControl,
    IdDocumentControl,
    RadioControl,
    TextControl,
)
from ecuapass_tui.widgets.form.table import TableControl
from ecuapass_tui.widgets.safe import safe

# Every control make_control gives; each is a RawValue (controls.py).
Control: TypeAlias = (
    AreaControl
    | CatalogSelect
    | CheckControl
    | ChoiceControl
    | IdDocumentControl
    | RadioControl
    | TableControl
    | TextControl
)

_RESTRICT = {
    "integer": r"[+-]?[0-9]*",
    "decimal": r"[+-]?[0-9]*[.,]?[0-9]*",
    "date": r"[0-9/]*",
    "datetime": r"[0-9/: ]*",
    "ruc": r"[0-9]*",
    "phone": r"[0-9+() -]*",
}
_MAX_LENGTH = {"date": 10, "datetime": 16, "ruc": 13, "phone": 20, "email": 254}


def make_control(spec: FieldSpec, language: str, id: str) -> Control:
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
        return TableControl(spec, language, id=id, make_cell=make_control)
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
