"""Numbers and amounts in one format per language, shown and typed alike."""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from babel.numbers import get_decimal_symbol, get_group_symbol

from ecuapass_tui import formats
from ecuapass_tui.core import numbers

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "ecuapass_tui"


@pytest.mark.parametrize("language", ["es", "en"])
def test_typed_symbols_are_the_ones_babel_shows(language: str) -> None:
    locale = formats.locale_name(language)
    assert numbers.SYMBOLS[language] == (get_decimal_symbol(locale), get_group_symbol(locale))


def test_amounts_numbers_and_dates_per_language() -> None:
    assert formats.amount(312595, lang="es") == "USD 3.125,95"
    assert formats.amount(312595, lang="en") == "USD 3,125.95"
    assert formats.amount(5, lang="es") == "USD 0,05"
    assert formats.amount_input(312595, lang="es") == "3125,95"
    assert formats.amount_input(312595, lang="en") == "3125.95"
    assert formats.integer(1234567, lang="es") == "1.234.567"
    assert formats.integer(1234567, lang="en") == "1,234,567"
    assert formats.number(4.26, 1, lang="es") == "4,3"
    assert formats.number(Decimal("0.5"), 2, lang="en") == "0.50"
    moment = datetime(2026, 12, 7, 14, 5, tzinfo=UTC)  # 09:05 in Ecuador
    assert formats.moment(moment) == "07/12/2026 09:05"
    assert formats.short_moment(moment) == "07/12 09:05"
    assert formats.day(date(2026, 1, 2)) == "02/01/2026"


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("cents", [1, 99, 100, 152045, 312595, 123456789])
def test_what_is_shown_is_read_back(language: str, cents: int) -> None:
    """An amount shown (with grouping) or prefilled in a form reads back as the same value."""
    shown = formats.amount(cents, lang=language).removeprefix("USD ")
    expected = formats.cents_value(cents)
    assert numbers.parse_decimal(shown, language) == expected
    assert numbers.parse_decimal(formats.amount_input(cents, language), language) == expected


def test_screens_format_numbers_and_dates_only_through_the_formatter() -> None:
    """No screen or widget builds a number with Python's own grouping (`:,`), which is
    English in the Spanish UI, nor a date of its own (`strftime`)."""
    offenders = []
    for folder in ("screens", "widgets"):
        for path in (PACKAGE / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Attribute) and node.attr == "strftime":
                    offenders.append(f"{path.name}:{node.lineno} strftime")
                if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
                    spec = ast.unparse(node.format_spec)
                    if "," in spec or ".2f" in spec:
                        offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []
