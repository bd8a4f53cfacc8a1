"""Inputs without a blinking cursor: every blink redraws and costs bytes on an SSH link."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input


class Field(Input):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cursor_blink = False
