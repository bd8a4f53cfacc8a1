"""The queue's pages are read in due order from an index and stop at the page size: no filter
lets SQLite collect every match and sort it (at 1,000,000 tickets that is the difference
between 1 ms and 500 ms; benchmarks/queue_bench.py). Checked on the plans SQLite chooses for
the statements the service really sends."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event

from ecuapass_tui.services.catalogs import load_catalogs
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.mesa import queue
from ecuapass_tui.services.mesa.ticket_dto import QueueFilter
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import QueueMember

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


def page_plan(db: Database, actor: Actor, filters: QueueFilter) -> list[str]:
    sent: list[tuple[str, Any]] = []

    def catch(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().startswith("SELECT ticket.id"):
            sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", catch)
    try:
        with db.read() as session:
            queue.queue_page(session, actor, filters, now=NOW, limit=50)
    finally:
        event.remove(db.engine, "before_cursor_execute", catch)
    assert len(sent) == 1
    statement, parameters = sent[0]
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
    return [str(row[3]) for row in rows]


@pytest.mark.parametrize(
    ("who", "filters", "index"),
    [
        ("supervisor", QueueFilter(state="open"), "ix_ticket_open_due"),
        ("analista", QueueFilter(state="open"), "ix_ticket_open_due"),
        ("supervisor", QueueFilter(state="open", text="token firma"), "ix_ticket_open_due"),
        ("analista", QueueFilter(state="open", text="tok"), "ix_ticket_open_due"),
        ("supervisor", QueueFilter(state="open", text="MS-2026-"), "ix_ticket_open_due"),
        ("supervisor", QueueFilter(text="aduana"), "ix_ticket_due"),
        (
            "supervisor",
            QueueFilter(state="open", queue="analisis_funcional", district="028", text="dai"),
            "ix_ticket_open_due",
        ),
    ],
)
def test_pages_come_in_due_order_from_an_index(
    sqlite_db: Database, rows, who, filters, index
) -> None:
    with sqlite_db.write() as session:
        load_catalogs(session)
        user = rows.user(session, user_class=who)
        session.add(QueueMember(queue_code="analisis_funcional", user_id=user.id))
        actor = Actor(user.id, user.username, who, user.full_name, None, "es")
    plan = page_plan(sqlite_db, actor, filters)
    assert any(index in step for step in plan), plan
    assert not any("TEMP B-TREE" in step for step in plan), plan
