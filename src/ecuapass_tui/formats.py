"""Numbers, amounts and dates as the user's language writes them: one formatter for every
screen (numbers typed into forms are read by `core.numbers.parse_decimal`, same symbols).

Spanish follows Ecuador (babel's `es_EC`: `USD 3.125,95`), English babel's `en`
(`USD 3,125.95`). Dates keep Ecuapass's day-first order in both languages (`07/12/2026`), in
Ecuador's time. The language is the one chosen at login (`i18n.language()`).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ecuapass_tui.core.clock import local
from ecuapass_tui.core.numbers import SYMBOLS
from ecuapass_tui.i18n import language

LOCALES = {"es": "es_EC", "en": "en"}
CURRENCY = "USD"


def locale_name(lang: str | None = None) -> str:
    return LOCALES.get(lang or language(), "es_EC")


def _symbols(lang: str | None) -> tuple[str, str]:
    return SYMBOLS.get(lang or language(), SYMBOLS["es"])


# --- numbers and amounts -------------------------------------------------------------------


def integer(value: int, lang: str | None = None) -> str:
    """1.234.567 in Spanish, 1,234,567 in English."""
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0", locale=locale_name(lang))


def number(value: Decimal | int | float, decimals: int = 2, lang: str | None = None) -> str:
    """A decimal number with grouping and exactly `decimals` decimals."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(
        Decimal(str(value)), format=pattern, locale=locale_name(lang), decimal_quantization=True
    )


def cents_value(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def amount(cents: int, currency: str = CURRENCY, lang: str | None = None) -> str:
    """USD 3.125,95 (Spanish) / USD 3,125.95 (English): an amount kept in cents."""
    return f"{currency} {number(cents_value(cents), 2, lang)}"


def amount_input(cents: int, lang: str | None = None) -> str:
    """An amount as a user types it into a form (no grouping): 3125,95 / 3125.95."""
    decimal_symbol, _group = _symbols(lang)
    return f"{cents // 100}{decimal_symbol}{cents % 100:02d}"


# --- dates ---------------------------------------------------------------------------------


def day(value: date | datetime | None) -> str:
    """07/12/2026 (a datetime is first taken to Ecuador's time)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local(value)
    return value.strftime("%d/%m/%Y")


def short_day(value: date | datetime | None) -> str:
    """07/12/26."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local(value)
    return value.strftime("%d/%m/%y")


def month(value: date | None) -> str:
    """12/2026."""
    return value.strftime("%m/%Y") if value is not None else ""


def moment(value: datetime | None, *, seconds: bool = False) -> str:
    """07/12/2026 09:05 in Ecuador's time (with :ss when asked)."""
    if value is None:
        return ""
    return local(value).strftime("%d/%m/%Y %H:%M:%S" if seconds else "%d/%m/%Y %H:%M")


def short_moment(value: datetime | None, *, year: bool = False) -> str:
    """07/12 09:05 (07/12/26 09:05 with the year) in Ecuador's time."""
    if value is None:
        return ""
    return local(value).strftime("%d/%m/%y %H:%M" if year else "%d/%m %H:%M")


# --- currencies ----------------------------------------------------------------------------


def currency_name(code: str, lang: str | None = None) -> str:
    """A currency's name in the user's language ("euro", "peso colombiano"); the code itself
    when babel does not know it."""
    from babel.numbers import get_currency_name

    return str(get_currency_name(code, locale=locale_name(lang)))
