"""Translations through gettext catalogs (`locale/<lang>/LC_MESSAGES/ecuapass_tui.mo`).

Message ids are the Spanish texts; Spanish is the default language, English is chosen at login.
`_()` looks the text up in the current language at call time; `N_()` only marks a text for
extraction (binding descriptions, tables built at import) and `_()` translates it when shown.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from functools import cache
from importlib import resources

DOMAIN = "ecuapass_tui"
LANGUAGES = ("es", "en")
_current = "es"


@cache
def _translation(language: str) -> gettext.NullTranslations:
    localedir = resources.files("ecuapass_tui") / "locale"
    return gettext.translation(DOMAIN, str(localedir), languages=[language], fallback=True)


def set_language(language: str) -> None:
    global _current
    _current = language if language in LANGUAGES else "es"


def language() -> str:
    return _current


def _(message: str) -> str:
    return _translation(_current).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translation(_current).ngettext(singular, plural, count)


def gettext_in(language: str, message: str) -> str:
    """`message` in a given language, whatever the current one (a stored notice is drawn in
    its reader's language by the services)."""
    return _translation(language if language in LANGUAGES else "es").gettext(message)


def N_(message: str) -> str:
    return message


class Labels:
    """A table of labels: code -> msgid marked with `N_()`. Called with a code, it gives the
    label in the current language; a code not in the table reads as itself."""

    __slots__ = ("_table",)

    def __init__(self, table: Mapping[str, str]) -> None:
        self._table = dict(table)

    def __call__(self, code: str) -> str:
        msgid = self._table.get(code)
        return code if msgid is None else _(msgid)
