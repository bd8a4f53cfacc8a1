"""Numbers as people type them: the decimal and group symbols of each language, and the one
parser of typed numbers (forms read amounts with it; `formats` shows them with the same
symbols)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Decimal and group symbols per language (those of babel's es_EC and en locales; checked by a
# test so that typed and shown numbers cannot drift apart).
SYMBOLS = {"es": (",", "."), "en": (".", ",")}
_GROUPED = re.compile(r"[0-9]{1,3}(?:G[0-9]{3})+")


def parse_decimal(text: str, lang: str) -> Decimal | None:
    """A number typed in the language `lang`; None when it is not one.

    The language's decimal symbol is the decimal separator and its group symbol may separate
    thousands (`3.125,95` in Spanish, `3,125.95` in English). A lone group symbol that cannot
    be grouping (`12.50` typed in Spanish) is read as the decimal separator, as users mean it.
    """
    decimal_symbol, group = SYMBOLS.get(lang, SYMBOLS["es"])
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
