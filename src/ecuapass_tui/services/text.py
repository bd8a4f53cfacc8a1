"""Sanitising untrusted text before it is shown.

Raw values stay in the database; what reaches a widget goes through `clean()` first (and is
then wrapped as a rich Text by `widgets.safe.safe()`, never parsed as markup).
"""

from __future__ import annotations

import re

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


def truncate(text: str, width: int) -> str:
    if width <= 1 or len(text) <= width:
        return text[: max(width, 0)]
    return text[: width - 1] + "…"
