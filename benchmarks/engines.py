"""The engines a database benchmark runs on, one after the other in the same run: SQLite in a
file, then PostgreSQL when ECUAPASS_TEST_PG_URL names a server (or `--pg URL` is given), in a
database of its own created for the run and dropped after it (`--keep`: kept and reused).
The raw-SQL baseline replays the ORM's statements through the engine's own DB-API connection
on either engine."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

PG_ENV = "ECUAPASS_TEST_PG_URL"


def pg_server(given: str | None) -> str | None:
    """The PostgreSQL server to measure on: `--pg`, else the tests' variable, else None."""
    return given or os.environ.get(PG_ENV) or None


def on_both(
    db: Path,
    server: str | None,
    prefix: str,
    measure: Callable[[str, bool], float],
    *,
    keep: bool = False,
    pg_only: bool = False,
) -> float:
    """`measure(url, fresh)` on SQLite in the file `db` (unless `pg_only`), then on PostgreSQL
    when a server is known (a database named after `prefix`); the worst figure it returned.
    With `keep`, the file and the database are kept and reused (not fresh) by the next run."""
    worst = 0.0
    if not pg_only:
        fresh = not (keep and db.exists())
        if fresh:
            db.unlink(missing_ok=True)
        worst = measure(f"sqlite:///{db}", fresh)
        if not keep:
            db.unlink(missing_ok=True)
    if server:
        with pg_database(server, prefix, keep=keep) as (url, fresh):
            worst = max(worst, measure(url, fresh))
    else:
        print(f"\nPostgreSQL: skipped (no --pg and ${PG_ENV} not set)")
    return worst


@contextmanager
def pg_database(server: str, prefix: str, *, keep: bool = False) -> Iterator[tuple[str, bool]]:
    """The URL of a database on `server` and whether it is new (empty). A new database of
    its own, dropped when the block ends; with `keep`, the database `<prefix>_kept`, reused
    when it is there and left for the next run."""
    admin = create_engine(
        make_url(server).set(drivername="postgresql+psycopg"),
        isolation_level="AUTOCOMMIT",
        poolclass=NullPool,
    )
    name = f"{prefix}_kept" if keep else f"{prefix}_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        there = conn.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
        ).first()
        if not there:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False), not there
    finally:
        if not keep:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def replay(raw: Any, statement: str, parameters: Any) -> None:
    """One statement the ORM sent, through the DB-API connection `raw`, rows fetched."""
    cursor = raw.cursor()
    cursor.execute(statement, parameters)
    cursor.fetchall()
    cursor.close()


def plan(raw: Any, dialect: str, statement: str, parameters: Any) -> list[str]:
    """The engine's plan of a statement, one line per step."""
    cursor = raw.cursor()
    if dialect == "sqlite":
        cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters)
        lines = [str(row[-1]) for row in cursor.fetchall()]
    else:
        cursor.execute("EXPLAIN " + statement, parameters)
        lines = [str(row[0]) for row in cursor.fetchall()]
    cursor.close()
    return lines


def describe(engine: Engine) -> str:
    """The engine's name and version, for the header of a table."""
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        version = conn.exec_driver_sql(
            "SELECT sqlite_version()" if sqlite else "SHOW server_version"
        ).scalar()
    return f"{'SQLite' if sqlite else 'PostgreSQL'} {version}"
