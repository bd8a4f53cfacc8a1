"""SQLite specifics: pragmas on every connection, and writes that begin with BEGIN IMMEDIATE."""

from __future__ import annotations

import threading
import time
from contextlib import ExitStack

import pytest
from sqlalchemy import Connection
from sqlmodel import select

from ecuapass_tui.store import schema
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import User


def pragmas(conn: Connection) -> tuple[str, int, int]:
    def pragma(name: str):  # type: ignore[no-untyped-def]
        return conn.exec_driver_sql(f"PRAGMA {name}").scalar()

    return pragma("journal_mode"), pragma("foreign_keys"), pragma("busy_timeout")


EXPECTED = ("wal", 1, 10_000)


def test_pragmas_on_a_new_file(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    try:
        with db.engine.connect() as conn:
            assert pragmas(conn) == EXPECTED
    finally:
        db.dispose()


def test_pragmas_on_every_connection(sqlite_db: Database) -> None:
    other = Database(sqlite_db.url)
    try:
        with ExitStack() as stack:
            # Several connections open at once: the pool cannot hand out the same one twice.
            conns = [stack.enter_context(db.engine.connect()) for db in (sqlite_db, other) * 3]
            assert len({id(conn.connection.dbapi_connection) for conn in conns}) == 6
            for conn in conns:
                assert pragmas(conn) == EXPECTED
        with sqlite_db.read() as session:
            assert pragmas(session.connection()) == EXPECTED
        with other.write() as session:
            assert pragmas(session.connection()) == EXPECTED
    finally:
        other.dispose()


def _one_user(db: Database, rows) -> int:
    with db.write() as session:
        user = rows.user(session)
        assert user.id is not None
        return user.id


def test_write_takes_the_write_lock_at_begin(sqlite_db: Database, rows) -> None:
    """Two read-modify-write transactions on the same row, from two Database objects.

    With BEGIN IMMEDIATE the second writer waits (busy_timeout) at its BEGIN until the first
    commits, then reads the new value: no lost update, no error. With a deferred BEGIN both
    would read 0 and one of them would fail with "database is locked" on its UPDATE."""
    user_id = _one_user(sqlite_db, rows)
    other = Database(sqlite_db.url)
    first_in, release = threading.Event(), threading.Event()
    second_in = threading.Event()
    errors: list[BaseException] = []

    def increment(db: Database, entered: threading.Event, hold: threading.Event | None) -> None:
        try:
            with db.write() as session:
                # The session begins lazily: BEGIN runs with this first statement.
                user = session.exec(select(User).where(User.id == user_id)).one()
                entered.set()
                if hold is not None:
                    assert hold.wait(10)
                user.failed_attempts += 1
        except BaseException as exc:
            errors.append(exc)

    first = threading.Thread(target=increment, args=(sqlite_db, first_in, release))
    second = threading.Thread(target=increment, args=(other, second_in, None))
    try:
        first.start()
        assert first_in.wait(5)
        second.start()
        # The first transaction has only read so far, yet the second cannot even begin.
        assert not second_in.wait(0.5), "second writer got in while the first was open"
        # Readers are not blocked by the open write transaction (WAL).
        started = time.monotonic()
        with other.read() as session:
            assert session.exec(select(User.failed_attempts)).one() == 0
        assert time.monotonic() - started < 0.5
        release.set()
        first.join(10)
        second.join(10)
        assert second_in.is_set()
    finally:
        release.set()
        first.join(10)
        second.join(10)
        other.dispose()
    assert errors == []
    with sqlite_db.read() as session:
        assert session.exec(select(User.failed_attempts)).one() == 2


def test_read_does_not_take_the_write_lock(sqlite_db: Database, rows) -> None:
    _one_user(sqlite_db, rows)
    other = Database(sqlite_db.url)
    try:
        with sqlite_db.read() as session:
            session.exec(select(User)).one()
            started = time.monotonic()
            with other.write() as writer:
                writer.exec(select(User)).one().failed_attempts = 5
            assert time.monotonic() - started < 0.5
    finally:
        other.dispose()


def test_migrated_file_passes_integrity_check(sqlite_db: Database) -> None:
    schema.check(sqlite_db)
    with sqlite_db.read() as session:
        assert session.connection().exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_write_rolls_back_on_error(sqlite_db: Database, rows) -> None:
    with pytest.raises(RuntimeError), sqlite_db.write() as session:
        rows.user(session)
        raise RuntimeError("boom")
    with sqlite_db.read() as session:
        assert session.exec(select(User)).all() == []
