"""What a converter returns (the typed value, `EMPTY`, or a `Problem`: an error code and its
parameters) and the text converters every other converter starts from.

Converters never raise: any input they do not understand is a `Problem("invalid")`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any, Final

from ecuapass_tui.core.text import clean
from ecuapass_tui.forms.fields import FieldSpec

MAX_TEXT: Final = 100_000  # characters of any text value, whatever the spec says


@dataclass(frozen=True)
class Problem:
    code: str
    params: dict[str, Any] = field(default_factory=dict)


class _Empty:
    def __repr__(self) -> str:
        return "EMPTY"


EMPTY: Final = _Empty()
"""Nothing was given (None, blank text, an empty document number)."""

Converted = Any  # the typed value, EMPTY, or a Problem


def _as_text(raw: object) -> str | None:
    """The input as text, or None when it is not something a text can come from."""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, int | Decimal) and not isinstance(raw, bool):
        return str(raw)
    return None


def text_value(raw: object, *, multiline: bool = False, strip: bool = True) -> Converted:
    if raw is None:
        return EMPTY
    text = _as_text(raw)
    if text is None:
        return Problem("invalid")
    if len(text) > MAX_TEXT * 2:
        return Problem("too_long", {"max": MAX_TEXT})
    text = clean(text, single_line=not multiline)
    if strip:
        text = text.strip()
    if not text.strip():
        return EMPTY
    if len(text) > MAX_TEXT:
        return Problem("too_long", {"max": MAX_TEXT})
    return text


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def text_rules(spec: FieldSpec, value: str) -> list[Problem]:
    problems = []
    if spec.min_length is not None and len(value) < spec.min_length:
        problems.append(Problem("too_short", {"min": spec.min_length}))
    if spec.max_length is not None and len(value) > spec.max_length:
        problems.append(Problem("too_long", {"max": spec.max_length}))
    if spec.pattern and not _compiled(spec.pattern).fullmatch(value):
        problems.append(
            Problem("pattern", {"hint_es": spec.pattern_hint_es, "hint_en": spec.pattern_hint_en})
        )
    return problems


def to_text(spec: FieldSpec, raw: object) -> Converted:
    value = text_value(raw, multiline=spec.type == "textarea")
    if isinstance(value, str):
        problems = text_rules(spec, value)
        if problems:
            return problems[0] if len(problems) == 1 else problems
    return value


def to_password(spec: FieldSpec, raw: object) -> Converted:
    value = text_value(raw, strip=False)
    if isinstance(value, str):
        problems = text_rules(spec, value)
        if problems:
            return problems[0]
    return value
