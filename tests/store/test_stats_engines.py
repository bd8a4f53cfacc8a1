"""MS.7 figures on each engine: the one grouped query (a CASE over month boundaries) counts
atenciones and quejas per Ecuador month on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import importlib
from datetime import timedelta
from pathlib import Path

import pytest

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
