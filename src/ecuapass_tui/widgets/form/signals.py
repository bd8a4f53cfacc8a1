"""What a control tells its FormView when a change is not a Textual input's own message."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from textual.message import Message

from ecuapass_tui.core.clock import Clock


class Touched(Message):
    """A control changed something that is not a Textual input (rows, files, a pick)."""

    def __init__(self, name: str = "") -> None:
        super().__init__()
        self.name = name


class Refused(Message):
    """A file or a new row was refused; `message` goes beside the field."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__()
        self.name = name
        self.message = message


def app_now(app: object) -> datetime:
    """Now by the app's clock (frozen in tests, moved by the demo's --today); a host without
    one (a form shown alone) uses the real clock."""
    clock = getattr(app, "clock", None)
    return cast(Any, clock if clock is not None else Clock()).now()
