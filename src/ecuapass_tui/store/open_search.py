"""The full-text index of the open tickets, and PostgreSQL's stored search vector.

The queue opens on the open tickets (`models.OPEN_STATES_SQL`); a word typed there is looked
up among them only. SQLite: `ticket_open_fts`, an FTS5 table over the same columns and
tokenizer as `ticket_fts`, holding the open tickets only, kept by triggers when a ticket is
stored, changes its text or enters or leaves the open states. PostgreSQL: `search_vector`, a
stored generated tsvector (the per-row check is then a read, not a parse), a GIN index on it
(`ix_ticket_search`) and a partial one over the open tickets (`ix_ticket_open_search`), with
statistics the planner uses to choose between the index and the due-order scan; and the open
tickets of a district in due order (`ix_ticket_open_district_due`: the district's closed
tickets come first in due order, and the whole-table index walked them all).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from ecuapass_tui.store.models import OPEN_STATES_SQL
from ecuapass_tui.store.search import (
    PG_COLUMN,
    PG_INDEX,
    PG_OPEN_DISTRICT,
    PG_OPEN_INDEX,
    PG_VECTOR,
)

_COLUMNS = "number, subject, description"
_OLD_OPEN = OPEN_STATES_SQL.replace("state", "old.state", 1)
_NEW_OPEN = OPEN_STATES_SQL.replace("state", "new.state", 1)
_TEXT_CHANGED = " OR ".join(f"old.{c} IS NOT new.{c}" for c in _COLUMNS.split(", "))
_DELETE_OLD = (
    f"INSERT INTO ticket_open_fts(ticket_open_fts, rowid, {_COLUMNS}) "
    "SELECT 'delete', old.id, old.number, old.subject, old.description"
)
_INSERT_NEW = (
    f"INSERT INTO ticket_open_fts(rowid, {_COLUMNS}) "
    "SELECT new.id, new.number, new.subject, new.description"
)

SQLITE_DDL = (
    f"CREATE VIRTUAL TABLE ticket_open_fts USING fts5({_COLUMNS}, content='ticket', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER ticket_open_fts_ai AFTER INSERT ON ticket WHEN {_NEW_OPEN} "
    f"BEGIN {_INSERT_NEW}; END",
    f"CREATE TRIGGER ticket_open_fts_ad AFTER DELETE ON ticket WHEN {_OLD_OPEN} "
    f"BEGIN {_DELETE_OLD}; END",
    f"CREATE TRIGGER ticket_open_fts_au AFTER UPDATE OF state, {_COLUMNS} ON ticket "
    f"WHEN ({_OLD_OPEN}) <> ({_NEW_OPEN}) OR ({_NEW_OPEN} AND ({_TEXT_CHANGED})) "
    f"BEGIN {_DELETE_OLD} WHERE {_OLD_OPEN}; {_INSERT_NEW} WHERE {_NEW_OPEN}; END",
)
SQLITE_REBUILD = (
    "INSERT INTO ticket_open_fts(ticket_open_fts) VALUES ('delete-all')",
    f"INSERT INTO ticket_open_fts(rowid, {_COLUMNS}) SELECT id, {_COLUMNS} FROM ticket "  # noqa: S608
    f"WHERE {OPEN_STATES_SQL}",
)

PG_UP = (
    f"DROP INDEX IF EXISTS {PG_INDEX}",
    f"ALTER TABLE ticket ADD COLUMN {PG_COLUMN} tsvector GENERATED ALWAYS AS ({PG_VECTOR}) STORED",
    f"CREATE INDEX {PG_INDEX} ON ticket USING gin ({PG_COLUMN})",
    f"CREATE INDEX {PG_OPEN_INDEX} ON ticket USING gin ({PG_COLUMN}) WHERE {OPEN_STATES_SQL}",
    f"CREATE INDEX {PG_OPEN_DISTRICT} ON ticket (district_code, resolution_due, id) "
    f"WHERE {OPEN_STATES_SQL}",
    "ANALYZE ticket",
)
PG_DOWN = (
    f"DROP INDEX IF EXISTS {PG_OPEN_DISTRICT}",
    f"ALTER TABLE ticket DROP COLUMN IF EXISTS {PG_COLUMN}",  # and both indexes on it
    f"CREATE INDEX {PG_INDEX} ON ticket USING gin (({PG_VECTOR}))",
)


def create(conn: Any) -> None:
    statements = {"sqlite": (*SQLITE_DDL, *SQLITE_REBUILD), "postgresql": PG_UP}
    for statement in statements.get(conn.dialect.name, ()):
        conn.execute(text(statement))


def drop(conn: Any) -> None:
    if conn.dialect.name == "sqlite":
        for trigger in ("ticket_open_fts_ai", "ticket_open_fts_ad", "ticket_open_fts_au"):
            conn.execute(text(f"DROP TRIGGER IF EXISTS {trigger}"))
        conn.execute(text("DROP TABLE IF EXISTS ticket_open_fts"))
    elif conn.dialect.name == "postgresql":
        for statement in PG_DOWN:
            conn.execute(text(statement))
