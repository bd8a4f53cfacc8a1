"""Several processes incrementing one counter row: none of the increments may be lost.

SQLite relies on BEGIN IMMEDIATE alone (one writer at a time, the others wait in
busy_timeout). PostgreSQL runs writers concurrently under READ COMMITTED, so the row must be
locked with SELECT ... FOR UPDATE, as the services do for counters."""

from __future__ import annotations

import importlib
import multiprocessing
from pathlib import Path

import pytest
from sqlmodel import select

from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import User

PROCESSES = 4
INCREMENTS = 50


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    # Spawned children get the parent's sys.path, so they can import this module by name.
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    return importlib.import_module("_store_workers")


def test_concurrent_increments_are_not_lost(any_db: Database, rows, workers) -> None:
    with any_db.write() as session:
        user_id = rows.user(session).id
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Event()
    for_update = any_db.dialect == "postgresql"
    procs = [
        ctx.Process(
            target=workers.increment,
            args=(any_db.url, user_id, INCREMENTS, for_update, start),
            name=f"increment-{n}",
        )
        for n in range(PROCESSES)
    ]
    for proc in procs:
        proc.start()
    start.set()
    try:
        for proc in procs:
            proc.join(60)
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.kill()
                proc.join()
    assert [proc.exitcode for proc in procs] == [0] * PROCESSES

    with any_db.read() as session:
        count = session.exec(select(User.failed_attempts).where(User.id == user_id)).one()
        assert count == PROCESSES * INCREMENTS
        if any_db.dialect == "sqlite":
            check = session.connection().exec_driver_sql("PRAGMA integrity_check").scalar()
            assert check == "ok"
