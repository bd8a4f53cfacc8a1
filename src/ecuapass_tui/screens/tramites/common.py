"""Pieces the tramites screens share: their style sheet and short local times."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from ecuapass_tui import formats
from ecuapass_tui.widgets.safe import safe


def short_time(moment: datetime | None) -> str:
    return formats.short_moment(moment, year=True)


def cell(value: str, width: int) -> Text:
    text = safe(value, single_line=True)
    text.truncate(width, overflow="ellipsis")
    text.no_wrap = True
    return text
