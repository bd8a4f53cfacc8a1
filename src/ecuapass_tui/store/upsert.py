"""INSERT ... ON CONFLICT DO NOTHING on either engine: a row that two processes may race to
create (a counter's row for the year, the installation's key).
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, SQLModel


def insert_missing(session: Session, model: type[SQLModel], values: dict[str, Any]) -> None:
    """Insert the row unless one with the same unique key exists."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        session.execute(postgresql.insert(model).values(**values).on_conflict_do_nothing())
    else:
        from sqlalchemy.dialects import sqlite

        session.execute(sqlite.insert(model).values(**values).on_conflict_do_nothing())
