"""Full-text search over tickets (number, subject, description), one per engine.

SQLite: an FTS5 external-content table `ticket_fts` kept by triggers. PostgreSQL: a GIN index
on `to_tsvector('spanish', ...)` of the same columns (since revision 0014 a stored column,
`search_vector`). The open tickets have an index of their own on each engine
(`open_search.py`). The models cannot declare these, so the migrations create them
(`create_search`) and `SEARCH_OBJECTS` names them for the schema comparison. User words are
never spliced into a query: `fts_query` quotes every word.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import text

SQLITE_OBJECTS = frozenset(
    {
        "ticket_fts",
        "ticket_fts_data",
        "ticket_fts_idx",
        "ticket_fts_docsize",
        "ticket_fts_config",
        "ticket_fts_content",
    }
)
PG_INDEX = "ix_ticket_search"
# The open tickets' own index, read by the queue's default view (open_search.py).
SQLITE_OPEN_OBJECTS = frozenset(
    f"ticket_open_fts{suffix}" for suffix in ("", "_data", "_idx", "_docsize", "_config")
)
PG_OPEN_INDEX = "ix_ticket_open_search"
PG_COLUMN = "search_vector"  # PostgreSQL only: the stored tsvector both GIN indexes read
PG_OPEN_DISTRICT = "ix_ticket_open_district_due"  # PostgreSQL only (SQLite walks the open index)
SEARCH_OBJECTS = (
    SQLITE_OBJECTS | SQLITE_OPEN_OBJECTS | {PG_INDEX, PG_OPEN_INDEX, PG_COLUMN, PG_OPEN_DISTRICT}
)

PG_VECTOR = (
    "to_tsvector('spanish'::regconfig, coalesce(number, '') || ' ' || coalesce(subject, '') "
    "|| ' ' || coalesce(description, ''))"
)

_SQLITE_DDL = (
    "CREATE VIRTUAL TABLE ticket_fts USING fts5("
    "number, subject, description, content='ticket', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER ticket_fts_ai AFTER INSERT ON ticket BEGIN "
    "INSERT INTO ticket_fts(rowid, number, subject, description) "
    "VALUES (new.id, new.number, new.subject, new.description); END",
    "CREATE TRIGGER ticket_fts_ad AFTER DELETE ON ticket BEGIN "
    "INSERT INTO ticket_fts(ticket_fts, rowid, number, subject, description) "
    "VALUES ('delete', old.id, old.number, old.subject, old.description); END",
    "CREATE TRIGGER ticket_fts_au AFTER UPDATE OF number, subject, description ON ticket BEGIN "
    "INSERT INTO ticket_fts(ticket_fts, rowid, number, subject, description) "
    "VALUES ('delete', old.id, old.number, old.subject, old.description); "
    "INSERT INTO ticket_fts(rowid, number, subject, description) "
    "VALUES (new.id, new.number, new.subject, new.description); END",
    "INSERT INTO ticket_fts(ticket_fts) VALUES ('rebuild')",
)


def create_search(conn: Any) -> None:
    if conn.dialect.name == "sqlite":
        for statement in _SQLITE_DDL:
            conn.execute(text(statement))
    elif conn.dialect.name == "postgresql":
        conn.execute(text(f"CREATE INDEX {PG_INDEX} ON ticket USING gin (({PG_VECTOR}))"))


def drop_search(conn: Any) -> None:
    if conn.dialect.name == "sqlite":
        for trigger in ("ticket_fts_ai", "ticket_fts_ad", "ticket_fts_au"):
            conn.execute(text(f"DROP TRIGGER IF EXISTS {trigger}"))
        conn.execute(text("DROP TABLE IF EXISTS ticket_fts"))
    elif conn.dialect.name == "postgresql":
        conn.execute(text(f"DROP INDEX IF EXISTS {PG_INDEX}"))


_WORD = re.compile(r"\w+", re.UNICODE)


def words(query: str) -> list[str]:
    """The words of a user's query: letters and digits only (MS-2026-000123 -> 3 words)."""
    return _WORD.findall(query)


MIN_PREFIX = 3  # a shorter last word is matched whole: "t*" would match most of the table


def fts_query(query: str) -> str:
    """An FTS5 MATCH expression: every word quoted, all required, the last one a prefix
    (once it has MIN_PREFIX characters)."""
    found = words(query)
    if not found:
        return ""
    quoted = [f'"{word}"' for word in found]
    if len(found[-1]) >= MIN_PREFIX:
        quoted[-1] += "*"
    return " AND ".join(quoted)


def pg_tsquery(query: str) -> str:
    """The same for PostgreSQL's to_tsquery: words joined by &, the last one a prefix."""
    found = words(query)
    terms = [*found[:-1], f"{found[-1]}:*" if len(found[-1]) >= MIN_PREFIX else found[-1]]
    return " & ".join(terms) if found else ""


_NUMBER_PREFIX = re.compile(r"MS(-(\d{1,4}(-\d{0,6})?)?)?")


def number_prefix(query: str) -> str | None:
    """'MS-2026-0001' typed into the search box: the start of a ticket number ("MS" and
    "MS-" are the start of every number)."""
    text = query.strip().upper()
    return text if _NUMBER_PREFIX.fullmatch(text) else None


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """For Alembic comparisons: the search objects are ours but not in the models."""
    return name not in SEARCH_OBJECTS
