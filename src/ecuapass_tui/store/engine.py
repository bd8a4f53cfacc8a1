"""Engines and transactions for SQLite and PostgreSQL.

SQLite connections get WAL, foreign keys and a busy timeout; the driver's own transaction
handling is switched off so that we emit `BEGIN` for reads and `BEGIN IMMEDIATE` for writes
(the default deferred BEGIN loses updates and raises "database is locked" under several
writers). Transactions are short: `Database.read()` / `Database.write()` open one, commit it
and close it; the writers of a SQLite file first wait for their turn asleep
(`store/write_queue.py`).
"""

from __future__ import annotations

import contextlib
import random
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session

from ecuapass_tui.paths import create_private_file, private_dir
from ecuapass_tui.store import write_queue
from ecuapass_tui.store.faults import heal_connection

BUSY_TIMEOUT_MS = 10_000
_SQLITE_BUSY = 5


class DatabaseError(Exception):
    """A database that cannot be opened or used; the message is for the user."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    if str(mode).lower() not in ("wal", "memory"):
        cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "")
    if mode != "IMMEDIATE":
        conn.exec_driver_sql(f"BEGIN {mode}".strip())
        return
    driver = conn.connection.driver_connection
    driver.execute("PRAGMA busy_timeout = 0")
    try:
        if not _wait_for_write_lock(driver):
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # fails again, reported as SQLite's error
    finally:
        # A connection that failed for good (read-only, corrupt) was closed while its error
        # was handled (store/faults.py): nothing to restore, and that error is the one to tell.
        with contextlib.suppress(sqlite3.ProgrammingError):
            driver.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _wait_for_write_lock(driver: Any) -> bool:
    """BEGIN IMMEDIATE, retried every millisecond or two for BUSY_TIMEOUT_MS (busy_timeout 0).

    SQLite's own busy handler sleeps longer and longer (up to 100 ms a nap), so under several
    writers a waiter wakes after the lock was taken again, and again (a submit once waited
    2.97 s behind seven others). Short naps take the lock soon after it is free. False when
    the time is up or the error is not SQLITE_BUSY.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            driver.execute("BEGIN IMMEDIATE")
            return True
        except sqlite3.OperationalError as error:
            busy = getattr(error, "sqlite_errorcode", 0) & 0xFF == _SQLITE_BUSY
            if not busy or time.monotonic() >= deadline:
                return False
        time.sleep(random.uniform(0.0005, 0.002))  # noqa: S311 (a nap, not a secret)


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _create_private(path: Path) -> None:
    """A new database file is made 0600 (its folder 0700) before SQLite opens it: SQLite gives
    the -wal and -shm files the mode of the database file, and would create it 0644."""
    private_dir(path.parent)
    try:
        create_private_file(path)
    except OSError:
        pass  # SQLite then reports why the file cannot be opened, as it always did


def create_db_engine(url: str, *, echo: bool = False) -> Engine:
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(url)
        if path is not None and not str(path).startswith("file:"):
            _create_private(path)
        engine = create_engine(
            url,
            echo=echo,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
            hide_parameters=True,  # an error's text never carries what the user typed
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        event.listen(engine, "handle_error", heal_connection)
        return engine
    if backend == "postgresql":
        if parsed.get_driver_name() not in ("psycopg", ""):
            raise DatabaseError("Use postgresql+psycopg:// para PostgreSQL.")
        if parsed.get_driver_name() == "":
            parsed = parsed.set(drivername="postgresql+psycopg")
        engine = create_engine(
            parsed,
            echo=echo,
            pool_pre_ping=True,
            hide_parameters=True,
            # No server-side prepared statements: after five runs psycopg would prepare one,
            # and PostgreSQL may then keep a generic plan that ignores the values (a queue
            # filtered by a district and a word: 4 ms planned for its values, 430 ms generic).
            connect_args={"prepare_threshold": None},
        )
        event.listen(engine, "handle_error", heal_connection)
        return engine
    raise DatabaseError(f"Base de datos no soportada: {backend} (use sqlite o postgresql+psycopg).")


class Database:
    """One engine, and short transactions for the services."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.engine = create_db_engine(url, echo=echo)
        self._writer = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        # The writers' queue (store/write_queue.py): a SQLite file named by its path only.
        path = sqlite_path(url) if self.engine.dialect.name == "sqlite" else None
        self._queue = path if path is not None and not str(path).startswith("file:") else None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            with session.begin():
                yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        turn = None
        if self._queue is not None:
            deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
            turn = write_queue.take_turn(self._queue, deadline)
        try:
            with Session(self._writer, expire_on_commit=False) as session:
                with session.begin():
                    yield session
        finally:
            if turn is not None:
                write_queue.give_back(turn)

    def dispose(self) -> None:
        self.engine.dispose()
