"""Shared test helpers: a demo database template copied per test, fixed clocks, a folder
shared by the xdist workers of one run."""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher, profiles

from ecuapass_tui.core.clock import FixedClock
from ecuapass_tui.services.setup import open_database

# 24/11/2026 10:00 in Guayaquil (UTC-5): a Tuesday.
FROZEN_NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


def frozen_clock() -> FixedClock:
    return FixedClock(FROZEN_NOW)


@contextmanager
def run_wide(tmp_path_factory: Any, name: str) -> Iterator[Path]:
    """A folder shared by every pytest-xdist worker of this run (the run's own temporary
    folder when there are none), held under a file lock while the caller fills or reads it:
    what one worker built, the others find there."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # each worker's basetemp is a folder of the run's
    folder = root / name
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        folder.mkdir(exist_ok=True)
        yield folder


# argon2 as the program uses it, at the cost argon2-cffi keeps for tests: a login then costs
# about 1 ms of CPU instead of about 50, for the Pilot tests that log in hundreds
# of times. The tests of hashing itself (tests/unit) keep the program's own cost.
CHEAP_HASHER = PasswordHasher.from_parameters(profiles.CHEAPEST)


@contextmanager
def cheap_hashes() -> Iterator[None]:
    """Passwords and answers hashed and checked at CHEAP_HASHER's cost (the demo's shipped
    hashes, made at the program's cost, are computed again)."""
    from ecuapass_tui.services.cuentas import auth
    from ecuapass_tui.services.demo import hashes

    real_hasher, real_hashes = auth._hasher, hashes._hashes
    auth._hasher = CHEAP_HASHER
    hashes._hashes = dict  # type: ignore[assignment]  # nothing shipped: every hash made here
    try:
        yield
    finally:
        auth._hasher, hashes._hashes = real_hasher, real_hashes


def build_demo_template(folder: Path, *, cheap: bool = False) -> Path:
    """The demo database as the tests see it: its tickets built at FROZEN_NOW (not at the real
    clock's moment), so that snapshots and dates do not move from one day to the next; with
    `cheap`, its hashes made at CHEAP_HASHER's cost."""
    from ecuapass_tui.services.demo import build as demo_build
    from ecuapass_tui.services.demo import tickets as demo_tickets

    path = folder / "demo-template.sqlite3"
    if not path.exists():
        building = folder / "demo-template.building.sqlite3"
        building.unlink(missing_ok=True)
        real = demo_tickets.reference_now
        # Both names: the tickets' and the Ventanilla Única's moments (build.py imported it).
        demo_tickets.reference_now = demo_build.reference_now = lambda: FROZEN_NOW
        try:
            with cheap_hashes() if cheap else contextlib.nullcontext():
                db = open_database(f"sqlite:///{building}", demo=True)
                db.dispose()
        finally:
            demo_tickets.reference_now = demo_build.reference_now = real
        building.rename(path)  # only a whole build is ever found by another worker
    return path


def shared_demo_template(tmp_path_factory: Any, *, cheap: bool = False) -> Path:
    """The demo template, built once per run whatever the number of workers."""
    name = "demo-template-cheap" if cheap else "demo-template"
    with run_wide(tmp_path_factory, name) as folder:
        return build_demo_template(folder, cheap=cheap)


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
