"""Mesa de Servicios, the staff's queue: the queues and analysts to choose from, and one page
of tickets sorted by due time.

Analysts see their queues and what is assigned to them; supervisors and administrators see
everything.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import literal_column
from sqlalchemy import text as sql
from sqlmodel import Session, col, or_, select

from ecuapass_tui.core.clock import local, start_of_local_day
from ecuapass_tui.core.roles import STAFF_CLASSES
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.mesa import ticket_store as ts
from ecuapass_tui.services.mesa.ticket_dto import (
    AnalystInfo,
    QueueFilter,
    QueueInfo,
    TicketPage,
    TicketState,
)
from ecuapass_tui.store import search
from ecuapass_tui.store.models import OPEN_STATES_SQL, Ticket, TicketQueue, User


def queues(session: Session, actor: Actor, language: str = "es") -> list[QueueInfo]:
    ts.require_staff(actor)
    rows = session.exec(select(TicketQueue).order_by(col(TicketQueue.name_es))).all()
    mine = None if ts.is_supervisor(actor) else ts.member_queues(session, actor)
    return [
        QueueInfo(q.code, q.name_en if language == "en" else q.name_es)
        for q in rows
        if mine is None or q.code in mine
    ]


def analysts(session: Session, actor: Actor) -> list[AnalystInfo]:
    ts.require_staff(actor)
    rows = session.exec(
        select(User)
        .where(col(User.user_class).in_(list(STAFF_CLASSES)), User.state == "activo")
        .order_by(col(User.full_name))
    ).all()
    return [AnalystInfo(u.id or 0, u.username, u.full_name) for u in rows]


FEW_MATCHES = 200  # up to this many, a word's matches are read by key (SQLite)


def _sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _scanned(session: Session, column: Any, name: str) -> Any:
    """On SQLite, `+column`: the same value, but no index on it drives the query. The pages
    are read in due order from ix_ticket_open_due / ix_ticket_due and stop at the page size;
    letting an index on the filter drive instead collects every match and sorts them
    (benchmarks/queue_bench.py: 500 ms against 1 ms at 1,000,000 tickets)."""
    return literal_column(f"+ticket.{name}") if _sqlite(session) else column


def _visible(session: Session, actor: Actor) -> Any:
    """The condition for the tickets an analyst may see (None: everything)."""
    if ts.is_supervisor(actor):
        return None
    mine = sorted(ts.member_queues(session, actor))
    return or_(
        _scanned(session, col(Ticket.queue_code), "queue_code").in_(mine),
        _scanned(session, col(Ticket.assignee_id), "assignee_id") == actor.user_id,
    )


def _text_filter(session: Session, query: Any, words: str, *, open_only: bool) -> Any:
    """Words: all of them, the last one as a prefix. With the open states the open tickets'
    own index answers (store/open_search.py): a common word collects a third of the rows."""
    found = search.words(words)
    if not found:
        return query
    prefix = search.number_prefix(words)
    if prefix in ("MS", "MS-"):
        return query  # every ticket number starts so
    if prefix is not None:
        # The start of a ticket number (or a whole one): a range of numbers. A whole number
        # is found through the unique index; a short start matches too many for that.
        following = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        number = col(Ticket.number)
        if len(prefix) < len("MS-2026-0000"):
            number = _scanned(session, number, "number")
        return query.where(number >= prefix, number < following)
    if not _sqlite(session):
        match = sql(
            f"ticket.{search.PG_COLUMN} @@ to_tsquery('spanish'::regconfig, :tsq)"
        ).bindparams(tsq=search.pg_tsquery(words))
        return query.where(match)
    table = "ticket_open_fts" if open_only else "ticket_fts"
    fts = search.fts_query(words)
    if not fts.endswith("*"):
        # Whole words are read from the index lazily: when there are few matches (a short
        # word, a typo) they drive by key, instead of the due-order walk visiting every open
        # ticket in search of them. A prefix costs its whole list at once: not asked twice.
        few = session.execute(
            sql(f"SELECT rowid FROM {table} WHERE {table} MATCH :fts LIMIT :n").bindparams(  # noqa: S608
                fts=fts, n=FEW_MATCHES + 1
            )
        ).scalars()
        ids = list(few)
        if len(ids) <= FEW_MATCHES:
            return query.where(col(Ticket.id).in_(ids))
    matches = sql(f"SELECT rowid FROM {table} WHERE {table} MATCH :fts").bindparams(  # noqa: S608
        fts=fts
    )
    return query.where(_scanned(session, col(Ticket.id), "id").in_(matches))


def _filtered(session: Session, actor: Actor, filters: QueueFilter, now: datetime) -> Any:
    """The tickets the actor may see that pass the queue's filters, not yet ordered."""
    query = select(Ticket)
    visible = _visible(session, actor)
    if visible is not None:
        query = query.where(visible)
    # With the open states (the queue's default) the page is read from ix_ticket_open_due in
    # due order; a queue or a district then filters rows on the way instead of driving.
    by_due = filters.state == "open"
    if filters.queue:
        queue = col(Ticket.queue_code)
        query = query.where(
            (_scanned(session, queue, "queue_code") if by_due else queue) == filters.queue
        )
    if filters.state == "open":
        # The same literal as the partial index ix_ticket_open_due (a bound list would not
        # prove the index's condition).
        query = query.where(sql(OPEN_STATES_SQL))
    elif filters.state:
        query = query.where(Ticket.state == filters.state)
    if filters.kind:
        query = query.where(Ticket.kind == filters.kind)
    if filters.district:
        district = col(Ticket.district_code)
        query = query.where(
            (_scanned(session, district, "district_code") if by_due else district)
            == filters.district
        )
    if filters.assignee == "me":
        query = query.where(Ticket.assignee_id == actor.user_id)
    elif filters.assignee == "none":
        query = query.where(col(Ticket.assignee_id).is_(None))
    elif filters.assignee and filters.assignee.isdigit():
        query = query.where(Ticket.assignee_id == int(filters.assignee))
    if filters.due in ("overdue", "today"):
        working = [TicketState.REGISTRADO, TicketState.EN_ANALISIS]
        query = query.where(col(Ticket.state).in_(working), col(Ticket.paused_at).is_(None))
        if filters.due == "overdue":
            query = query.where(col(Ticket.resolution_due) < now)
        else:
            start = start_of_local_day(local(now).date())
            query = query.where(
                col(Ticket.resolution_due) >= start,
                col(Ticket.resolution_due) < start + timedelta(days=1),
            )
    return _text_filter(session, query, filters.text, open_only=by_due)


def queue_page(
    session: Session,
    actor: Actor,
    filters: QueueFilter,
    *,
    now: datetime,
    after: str | None = None,
    limit: int = 50,
) -> TicketPage:
    """One page of the queue, sorted by due time (keyset pagination: `after` is the cursor
    of the previous page; the table is never loaded whole)."""
    ts.require_staff(actor)
    query = _filtered(session, actor, filters, now)
    if after:
        stamp, _, last_id = after.rpartition("|")
        due = datetime.fromisoformat(stamp)
        query = query.where(
            (col(Ticket.resolution_due) > due)
            | ((col(Ticket.resolution_due) == due) & (col(Ticket.id) > int(last_id)))
        )
    rows = list(
        session.exec(
            query.order_by(col(Ticket.resolution_due), col(Ticket.id)).limit(limit + 1)
        ).all()
    )
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = f"{rows[-1].resolution_due.isoformat()}|{rows[-1].id}" if more and rows else None
    return TicketPage(ts.to_rows(session, rows, now), cursor)
