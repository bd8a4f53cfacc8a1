"""Pieces the VUE screens share: a state's code and label, amounts in USD, short cells."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from rich.text import Text

from ecuapass_tui import formats
from ecuapass_tui.core.numbers import parse_decimal
from ecuapass_tui.forms.engine import FieldError
from ecuapass_tui.forms.fields import FormSpec
from ecuapass_tui.i18n import _, language
from ecuapass_tui.services.vue.states import STATE_NAMES
from ecuapass_tui.texts.fields import RuleError
from ecuapass_tui.widgets.safe import safe

# The published processing codes, in the order a request lives them.
STATES = tuple(STATE_NAMES)


def state_label(code: str) -> str:
    name = STATE_NAMES.get(code)
    return _(name) if name else code


def rule_errors(spec: FormSpec, rules: dict[str, str]) -> tuple[list[FieldError], dict[str, str]]:
    """A service's rules (field -> code) as errors beside the form's fields (a table's cell,
    `productos.2.subpartida`, beside its table, naming the row and the column), and the rules
    that name no field of the form."""
    fields = {field.name: field for field in spec.fields()}
    placed: list[FieldError] = []
    left: dict[str, str] = {}
    for name, code in rules.items():
        base, _dot, rest = name.partition(".")
        field = fields.get(base)
        if field is None:
            left[name] = code
            continue
        label_es, label_en = field.label_es, field.label_en
        row, _dot, column_name = rest.partition(".")
        if row.isdigit():
            column = next((c for c in field.columns if c.name == column_name), None)
            label_es += f", fila {row}" + (f", {column.label_es}" if column else "")
            label_en += f", row {row}" + (f", {column.label_en}" if column else "")
        placed.append(RuleError(name, code, {}, label_es, label_en))
    return placed, left


def state_text(code: str) -> str:
    """110 Solicitud enviada."""
    return f"{code} {state_label(code)}"


def usd(value: Decimal | None) -> str:
    """USD 1.234,50 in Spanish, USD 1,234.50 in English (babel); empty without a value."""
    return "" if value is None else f"{formats.CURRENCY} {formats.number(value, 2)}"


def typed_amount(text: str) -> Decimal | None:
    """An amount as the user typed it (comma or point), None when it is not a number."""
    return parse_decimal(text, language())


def when(value: datetime | date | None) -> str:
    if isinstance(value, datetime):
        return formats.short_moment(value, year=True)
    return formats.day(value)


def cell(value: str, width: int) -> Text:
    text = safe(value, single_line=True)
    text.truncate(width, overflow="ellipsis")
    text.no_wrap = True
    return text
