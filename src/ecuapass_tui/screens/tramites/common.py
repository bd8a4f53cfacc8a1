"""Pieces the tramites screens share: their style sheet and short local times."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.text import Text

from ecuapass_tui import formats
from ecuapass_tui.widgets.safe import safe

TRAMITES_CSS = str(Path(__file__).parent.parent.parent / "styles" / "tramites.tcss")


def short_time(moment: datetime | None) -> str:
    return formats.short_moment(moment, year=True)


def cell(value: str, width: int) -> Text:
    text = safe(value, single_line=True)
    text.truncate(width, overflow="ellipsis")
    text.no_wrap = True
    return text
