"""Numbers, amounts and dates as the user's language writes them: one formatter for every
screen, and the one parser for numbers typed into forms.

Spanish follows Ecuador (babel's `es_EC`: `USD 3.125,95`), English babel's `en`
(`USD 3,125.95`). Dates keep Ecuapass's day-first order in both languages (`07/12/2026`), in
Ecuador's time. The language is the one chosen at login (`i18n.language()`).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from ecuapass_tui.core.clock import local
from ecuapass_tui.i18n import language

LOCALES = {"es": "es_EC", "en": "en"}
CURRENCY = "USD"
# Decimal and group symbols per language (those of babel's es_EC and en locales; checked by a
# test so that typed and shown numbers cannot drift apart).
SYMBOLS = {"es": (",", "."), "en": (".", ",")}
_GROUPED = re.compile(r"[0-9]{1,3}(?:G[0-9]{3})+")


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


def parse_decimal(text: str, lang: str | None = None) -> Decimal | None:
    """A number typed in the user's language; None when it is not one.

    The language's decimal symbol is the decimal separator and its group symbol may separate
    thousands (`3.125,95` in Spanish, `3,125.95` in English). A lone group symbol that cannot
    be grouping (`12.50` typed in Spanish) is read as the decimal separator, as users mean it.
    """
    decimal_symbol, group = _symbols(lang)
    value = text.strip().replace(" ", "").replace("\u00a0", "")
    sign = ""
    if value[:1] in "+-" and value:
        sign, value = value[0], value[1:]
    if not value or any(ch not in "0123456789.," for ch in value):
        return None
    whole, point, decimals = value.rpartition(decimal_symbol)
    if not point:
        whole, decimals = value, ""
    elif group in decimals:
        return None
    if decimal_symbol in whole:
        return None
    if group in whole:
        if _GROUPED.fullmatch(whole.replace(group, "G")):
            whole = whole.replace(group, "")
        elif not point and whole.count(group) == 1:
            whole, decimals, point = *whole.split(group), decimal_symbol
        else:
            return None
    if not whole and not decimals:
        return None
    try:
        return Decimal(f"{sign}{whole or '0'}.{decimals or '0'}")
    except InvalidOperation:
        return None


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


def clock_time(value: datetime | None) -> str:
    """09:05 in Ecuador's time."""
    return local(value).strftime("%H:%M") if value is not None else ""
