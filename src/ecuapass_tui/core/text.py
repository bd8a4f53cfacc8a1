"""Sanitising untrusted text before it is shown, and before it names a file; `fold()` for
matching without case or accents.

Raw values stay in the database; what reaches a widget goes through `clean()` first (and is
then wrapped as a rich Text by `widgets.safe.safe()`, never parsed as markup). Every file name
built from stored, typed or received data goes through `sanitize_name()`.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except TAB (09) and LF (0A), DEL, C1 controls; bidi embeddings, overrides and
# isolates (U+202A-202E, U+2066-2069) and the implicit marks that can reorder a line.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def clean(value: object, *, single_line: bool = False) -> str:
    """Return `value` as text without control characters or bidi overrides.

    With `single_line`, tabs and newlines become spaces (table cells, titles).
    """
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n")
    text = _UNSAFE.sub("", text)
    if single_line:
        text = text.replace("\t", " ").replace("\n", " ")
    return text


MAX_NAME = 120  # characters of a file name
MAX_NAME_BYTES = 240  # its UTF-8 bytes: file systems hold 255
FALLBACK_NAME = "archivo"
_RESERVED = re.compile(r'[<>:"|?*\\/]')
_SPACES = re.compile(r"\s+")
_SURROGATES = re.compile("[\ud800-\udfff]")


def sanitize_name(value: object, *, fallback: str = FALLBACK_NAME) -> str:
    """A file name safe to write, store and show: the last part of a path only (no folders),
    no control characters or bidi overrides, no characters Windows refuses, no leading dots or
    spaces, at most 120 characters and 240 bytes (the extension kept); `fallback` when nothing
    is left."""
    text = clean(value if isinstance(value, str) else "", single_line=True)
    text = _SURROGATES.sub("", text)
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = _RESERVED.sub("_", text)
    text = _SPACES.sub(" ", text).lstrip(". ").rstrip()
    if not text:
        return fallback
    return _shorten(text)


def _fits(text: str) -> bool:
    return len(text) <= MAX_NAME and len(text.encode("utf-8")) <= MAX_NAME_BYTES


def _shorten(text: str) -> str:
    if _fits(text):
        return text
    stem, dot, extension = text.rpartition(".")
    suffix = "." + extension if dot and stem and 0 < len(extension) <= 10 else ""
    base = (stem if suffix else text)[: MAX_NAME - len(suffix)]
    while base and not _fits(base + suffix):
        base = base[:-1]
    return base.rstrip() + suffix


def fold(text: str) -> str:
    """Lower case without accents, for matching what people type: "catalogo" finds
    "Catálogo", "calderon2026" contains "Calderón"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
