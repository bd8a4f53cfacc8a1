"""Triggers that keep `ticket_month_figure` (MS.7 Cifras) in step with the tickets.

A ticket counts in the Ecuador month of its creation unless it is anulado: an incidente or a
consulta as an atención, a queja as a queja, its rating, whether it was answered and whether
that was by its resolution due time. Every insert, delete and change of those columns takes
the old row's share away and adds the new one's in the same transaction (on PostgreSQL at its
commit: the month's row is then locked only while the transaction commits). SQLite moves the
month by a fixed -5 hours (Ecuador has kept UTC-5 since 1993); PostgreSQL names the zone.
`rebuild` counts everything again (after a bulk load with the triggers off, and when the
table is created).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

COUNTED = ("kind", "state", "rating", "answered_at", "resolution_due", "created_at")
_COLUMNS = "month, atenciones, quejas, rating_sum, rating_count, answered, on_time"
_ADD = ", ".join(f"{c} = ticket_month_figure.{c} + excluded.{c}" for c in _COLUMNS.split(", ")[1:])

SQLITE_MONTH = "strftime('%Y-%m', {r}.created_at, '-5 hours')"
PG_MONTH = "to_char({r}.created_at AT TIME ZONE 'America/Guayaquil', 'YYYY-MM')"


def _shares(r: str, sign: str, month: str) -> list[str]:
    """The values one ticket row `r` adds (sign '') or takes away (sign '-')."""
    return [
        month.format(r=r),
        f"{sign}(CASE WHEN {r}.kind IN ('incidente', 'consulta') THEN 1 ELSE 0 END)",
        f"{sign}(CASE WHEN {r}.kind = 'queja' THEN 1 ELSE 0 END)",
        f"{sign}coalesce({r}.rating, 0)",
        f"{sign}(CASE WHEN {r}.rating IS NULL THEN 0 ELSE 1 END)",
        f"{sign}(CASE WHEN {r}.answered_at IS NULL THEN 0 ELSE 1 END)",
        f"{sign}(CASE WHEN {r}.answered_at <= {r}.resolution_due THEN 1 ELSE 0 END)",
    ]


def _upsert(row: str, sign: str, month: str) -> str:
    values = ", ".join(_shares(row, sign, month))
    return (  # our own column names and literals only
        f"INSERT INTO ticket_month_figure ({_COLUMNS}) VALUES ({values}) "  # noqa: S608
        f"ON CONFLICT (month) DO UPDATE SET {_ADD}"
    )


_CHANGED = " OR ".join(f"old.{c} IS NOT new.{c}" for c in COUNTED)
SQLITE_TRIGGERS = {
    "ticket_month_ai": "AFTER INSERT ON ticket WHEN new.state <> 'anulado' "
    f"BEGIN {_upsert('new', '', SQLITE_MONTH)}; END",
    "ticket_month_ad": "AFTER DELETE ON ticket WHEN old.state <> 'anulado' "
    f"BEGIN {_upsert('old', '-', SQLITE_MONTH)}; END",
    "ticket_month_au_old": f"AFTER UPDATE OF {', '.join(COUNTED)} ON ticket "
    f"WHEN old.state <> 'anulado' AND ({_CHANGED}) "
    f"BEGIN {_upsert('old', '-', SQLITE_MONTH)}; END",
    "ticket_month_au_new": f"AFTER UPDATE OF {', '.join(COUNTED)} ON ticket "
    f"WHEN new.state <> 'anulado' AND ({_CHANGED}) "
    f"BEGIN {_upsert('new', '', SQLITE_MONTH)}; END",
}

PG_FUNCTION = "ticket_month_figure_apply"
_PG_BODY = f"""
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.state <> 'anulado' THEN
        {_upsert("OLD", "-", PG_MONTH)};
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.state <> 'anulado' THEN
        {_upsert("NEW", "", PG_MONTH)};
    END IF;
    RETURN NULL;
END
"""
_PG_CHANGED = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in COUNTED)
PG_TRIGGERS = ("ticket_month_insert_delete", "ticket_month_update")


def _pg_triggers(*, at_commit: bool) -> tuple[str, str]:
    """At the commit (constraint triggers, deferred), the month's row is locked only while a
    transaction commits; after each statement it would be locked from a ticket's INSERT to
    its commit, and every new ticket of the month would wait for the transaction before it.
    Either way each change counts the old and new rows it saw."""
    kind, when = (
        ("CONSTRAINT TRIGGER", " DEFERRABLE INITIALLY DEFERRED") if at_commit else ("TRIGGER", "")
    )
    return (
        f"CREATE {kind} ticket_month_insert_delete AFTER INSERT OR DELETE ON ticket{when} "
        f"FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()",
        f"CREATE {kind} ticket_month_update AFTER UPDATE OF {', '.join(COUNTED)} ON ticket{when} "
        f"FOR EACH ROW WHEN ({_PG_CHANGED}) EXECUTE FUNCTION {PG_FUNCTION}()",
    )


PG_DDL = (
    f"CREATE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $${_PG_BODY}$$",
    *_pg_triggers(at_commit=True),
)


def create_triggers(conn: Any) -> None:
    if conn.dialect.name == "sqlite":
        for name, body in SQLITE_TRIGGERS.items():
            conn.execute(text(f"CREATE TRIGGER {name} {body}"))
    elif conn.dialect.name == "postgresql":
        for statement in PG_DDL:
            conn.execute(text(statement))


def drop_triggers(conn: Any) -> None:
    if conn.dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
    elif conn.dialect.name == "postgresql":
        for name in PG_TRIGGERS:
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name} ON ticket"))
        conn.execute(text(f"DROP FUNCTION IF EXISTS {PG_FUNCTION}()"))


def pg_at_commit(conn: Any, *, at_commit: bool) -> None:
    """PostgreSQL: the month's sums added at the commit, or after each statement (SQLite's
    writer holds the whole database anyway: nothing to change there)."""
    if conn.dialect.name != "postgresql":
        return
    for name in PG_TRIGGERS:
        conn.execute(text(f"DROP TRIGGER IF EXISTS {name} ON ticket"))
    for statement in _pg_triggers(at_commit=at_commit):
        conn.execute(text(statement))


def rebuild_sql(dialect: str) -> str:
    """One INSERT ... SELECT that counts every ticket again into an empty table."""
    month, *parts = _shares("ticket", "", SQLITE_MONTH if dialect == "sqlite" else PG_MONTH)
    sums = ", ".join(f"sum({p})" for p in parts)
    return (  # our own column names and literals only
        f"INSERT INTO ticket_month_figure ({_COLUMNS}) SELECT {month}, {sums} FROM ticket "  # noqa: S608
        f"WHERE state <> 'anulado' GROUP BY {month}"
    )


def rebuild(conn: Any) -> None:
    conn.execute(text("DELETE FROM ticket_month_figure"))
    conn.execute(text(rebuild_sql(conn.dialect.name)))
