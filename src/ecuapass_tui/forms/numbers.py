"""Converters of whole and decimal numbers: typed in the user's language (`3.125,95` in
Spanish) or given as numbers by an importer, then checked against min_value and max_value."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Final

from ecuapass_tui.core.numbers import parse_decimal
from ecuapass_tui.forms.fields import FieldSpec
from ecuapass_tui.forms.values import EMPTY, Converted, Problem, text_value
from ecuapass_tui.i18n import language

MAX_NUMBER_CHARS: Final = 40
_INTEGER = re.compile(r"[+-]?[0-9]{1,40}", re.ASCII)


def integer_value(raw: object) -> Converted:
    if raw is None:
        return EMPTY
    if isinstance(raw, bool):
        return Problem("not_integer")
    if isinstance(raw, int):
        return raw if abs(raw) < 10**MAX_NUMBER_CHARS else Problem("not_integer")
    if isinstance(raw, Decimal | float):
        try:
            if raw == raw.to_integral_value() if isinstance(raw, Decimal) else raw.is_integer():
                return integer_value(int(raw))
        except (ValueError, OverflowError, InvalidOperation):
            pass
        return Problem("not_integer")
    text = text_value(raw)
    if not isinstance(text, str):
        return text if text is EMPTY else Problem("not_integer")
    text = text.replace(" ", "")
    if not _INTEGER.fullmatch(text):
        return Problem("not_integer")
    return int(text)


def decimal_value(raw: object) -> Converted:
    if raw is None:
        return EMPTY
    if isinstance(raw, bool):
        return Problem("not_decimal")
    if isinstance(raw, int):
        raw = str(raw)
    if isinstance(raw, float):
        raw = repr(raw) if raw == raw and abs(raw) != float("inf") else "x"
    if isinstance(raw, Decimal):
        ok = raw.is_finite() and len(str(raw)) <= MAX_NUMBER_CHARS and abs(raw.adjusted()) < 30
        return raw if ok else Problem("not_decimal")
    text = text_value(raw)
    if not isinstance(text, str):
        return text if text is EMPTY else Problem("not_decimal")
    text = text.replace(" ", "")
    parsed = parse_decimal(text, language()) if len(text) <= MAX_NUMBER_CHARS else None
    return parsed if parsed is not None else Problem("not_decimal")


def number_rules(spec: FieldSpec, value: int | Decimal) -> Converted:
    low = number_bound(spec.min_value)
    high = number_bound(spec.max_value)
    if low is not None and value < low:
        return Problem("too_small", {"min": low})
    if high is not None and value > high:
        return Problem("too_large", {"max": high})
    return value


def number_bound(bound: object) -> Decimal | None:
    if bound is None or isinstance(bound, bool):
        return None
    try:
        return Decimal(str(bound).replace(",", "."))
    except InvalidOperation:
        return None


def to_integer(spec: FieldSpec, raw: object, now: datetime) -> Converted:
    value = integer_value(raw)
    return number_rules(spec, value) if isinstance(value, int) else value


def to_decimal(spec: FieldSpec, raw: object, now: datetime) -> Converted:
    value = decimal_value(raw)
    return number_rules(spec, value) if isinstance(value, Decimal) else value
