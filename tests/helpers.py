"""Shared test helpers: a demo database template copied per test, fixed clocks."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from ecuapass_tui.services.clock import FixedClock
from ecuapass_tui.services.setup import open_database

# 24/11/2026 10:00 in Guayaquil (UTC-5): a Tuesday.
FROZEN_NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


def frozen_clock() -> FixedClock:
    return FixedClock(FROZEN_NOW)


def build_demo_template(folder: Path) -> Path:
    """The demo database as the tests see it: its tickets built at FROZEN_NOW (not at the real
    clock's moment), so that snapshots and dates do not move from one day to the next."""
    from ecuapass_tui.services import demo_tickets

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
