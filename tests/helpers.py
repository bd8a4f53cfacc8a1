"""Shared test helpers: a demo database template copied per test, fixed clocks."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ecuapass_tui.core.clock import FixedClock
from ecuapass_tui.services.setup import open_database

# 24/11/2026 10:00 in Guayaquil (UTC-5): a Tuesday.
FROZEN_NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


def frozen_clock() -> FixedClock:
    return FixedClock(FROZEN_NOW)


def build_demo_template(folder: Path) -> Path:
    """The demo database as the tests see it: its tickets built at FROZEN_NOW (not at the real
    clock's moment), so that snapshots and dates do not move from one day to the next."""
    from ecuapass_tui.services.demo import tickets as demo_tickets

    path = folder / "demo-template.sqlite3"
    if not path.exists():
        real = demo_tickets.reference_now
        demo_tickets.reference_now = lambda: FROZEN_NOW
        try:
            db = open_database(f"sqlite:///{path}", demo=True)
            db.dispose()
        finally:
            demo_tickets.reference_now = real
    return path


def copy_sqlite(source: Path, target: Path) -> Path:
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def lock_out(desk: Any, ruc: str, username: str, password: str = "equivocada1234") -> None:
    """Fail the login of `username` from this source until that pair is locked; the waits the
    login asks for between tries pass on the desk's fixed clock."""
    from ecuapass_tui.services.errors import LoginFailed

    for _ in range(10):
        try:
            desk.login(ruc, username, password, None)
        except LoginFailed as refused:
            if refused.code == "locked":
                return
            if refused.code in ("slowed", "throttled"):
                desk.clock.advance(timedelta(seconds=int(refused.params["seconds"])))
        else:
            raise AssertionError(f"{username} logged in with {password!r}")
    raise AssertionError(f"{username} was never locked")
