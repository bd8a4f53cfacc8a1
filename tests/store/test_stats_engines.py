"""MS.7 figures on each engine: the sums the database keeps per Ecuador month count
atenciones and quejas, ratings and answers on time on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select

from ecuapass_tui.core.clock import ECUADOR
from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.services.catalogs import load_catalogs
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.mesa import figures as stats
from ecuapass_tui.services.mesa.tickets import open_ticket
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import Ticket


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    return importlib.import_module("_ticket_workers")


def test_figures_on_each_engine(any_db: Database, rows, workers) -> None:  # type: ignore[no-untyped-def]
    now = workers.NOW  # 2026-11-24 15:00 UTC
    with any_db.write() as session:
        load_catalogs(session)
        user = rows.user(session, user_class="general")
        boss = rows.user(session, user_class="supervisor")
        requester = Actor(user.id, user.username, "general", user.full_name, None, "es")
        supervisor = Actor(boss.id, boss.username, "supervisor", boss.full_name, None, "es")
        files = {"capturas": [Attachment("c.png", workers.PNG)]}
        for moment in (now, now, now - timedelta(days=40)):
            values = workers.values() | {"fecha_evento": moment.strftime("%d/%m/%Y 09:15")}
            open_ticket(session, requester, "incidente", values, files, now=moment)
        session.flush()
        # One of this month's becomes a queja (kind only: the counting is what is tested).
        ticket = session.get(Ticket, 1)
        assert ticket is not None
        ticket.kind = "queja"

    with any_db.read() as session:
        figures = stats.desk_figures(session, supervisor, now=now, months=3)
    assert [(f.month, f.atenciones, f.quejas) for f in figures] == [
        ("2026-09", 0, 0),
        ("2026-10", 1, 0),
        ("2026-11", 1, 1),
    ]


def _counted_from_tickets(session) -> dict[str, tuple[int, int, float | None, float | None]]:  # type: ignore[no-untyped-def]
    """The figures counted straight from the ticket rows, month by Ecuador month."""
    sums: dict[str, list[int]] = {}
    for t in session.exec(select(Ticket)).all():
        if t.state == "anulado":
            continue
        s = sums.setdefault(t.created_at.astimezone(ECUADOR).strftime("%Y-%m"), [0] * 6)
        s[0] += t.kind in ("incidente", "consulta")
        s[1] += t.kind == "queja"
        s[2] += t.rating or 0
        s[3] += t.rating is not None
        s[4] += t.answered_at is not None
        s[5] += t.answered_at is not None and t.answered_at <= t.resolution_due
    return {
        m: (s[0], s[1], s[2] / s[3] if s[3] else None, s[5] / s[4] if s[4] else None)
        for m, s in sums.items()
    }


def test_the_month_sums_follow_every_change_of_a_ticket(any_db: Database, rows, workers) -> None:  # type: ignore[no-untyped-def]
    """The sums kept by the database's triggers equal a count of the tickets after inserts,
    a change of kind, an answer on time and one late, ratings, an anulado and one brought
    back, and a ticket moved to another month."""
    now = workers.NOW
    with any_db.write() as session:
        load_catalogs(session)
        user = rows.user(session, user_class="general")
        boss = rows.user(session, user_class="supervisor")
        requester = Actor(user.id, user.username, "general", user.full_name, None, "es")
        supervisor = Actor(boss.id, boss.username, "supervisor", boss.full_name, None, "es")
        # 2026-10-01 03:00 UTC is still September in Ecuador
        moments = [now, now, now - timedelta(days=40), datetime(2026, 10, 1, 3, tzinfo=UTC)]
        moments += [now - timedelta(days=70)] * 2
        for moment in moments:
            day = moment.astimezone(ECUADOR).strftime("%d/%m/%Y")
            values = workers.values() | {"fecha_evento": f"{day} 09:15"}
            files = {"capturas": [Attachment("c.png", workers.PNG)]}
            open_ticket(session, requester, "incidente", values, files, now=moment)
    with any_db.write() as session:
        t1, t2, t3, t4, t5, t6 = session.exec(select(Ticket).order_by(col(Ticket.id))).all()
        t1.kind = "queja"
        t2.answered_at, t2.rating = t2.resolution_due, 4
        t3.answered_at, t3.rating = t3.resolution_due + timedelta(minutes=1), 1
        t4.state = "anulado"
        t5.state = "anulado"
        t6.created_at = now - timedelta(days=10)
    with any_db.write() as session:
        t5 = session.get(Ticket, 5)
        assert t5 is not None
        t5.state, t5.rating = "cerrado", 5
        t2 = session.get(Ticket, 2)
        assert t2 is not None
        t2.rating = 5
    with any_db.read() as session:
        expected = _counted_from_tickets(session)
        figures = stats.desk_figures(session, supervisor, now=now, months=4)
    got = {f.month: (f.atenciones, f.quejas, f.rating, f.on_time) for f in figures}
    assert got == {"2026-08": (0, 0, None, None)} | expected
    assert got["2026-11"] == (2, 1, 5.0, 1.0)  # t2 answered on time, t6 moved in
    assert got["2026-09"] == (1, 0, 5.0, None)  # t5 back from anulado; t4 (Sept.) anulado
    assert got["2026-10"] == (1, 0, 1.0, 0.0)  # t3 answered late
