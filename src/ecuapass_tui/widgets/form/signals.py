"""What a control tells its FormView when a change is not a Textual input's own message."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

from textual.message import Message


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
    """Now by the app's clock (the Desk's: frozen in tests, shifted by the demo's --today) once
    the database is open; the wall clock on the login screen's forms before that."""
    if getattr(app, "connected", False):
        return cast(Any, app).desk.now()
    return datetime.now(UTC)
