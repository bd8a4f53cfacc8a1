"""Eight processes filing tickets at once on one database (SQLite file and PostgreSQL): every
ticket is there, no number twice, no gap; and a process killed with SIGKILL in the middle of
a submit leaves no half ticket; the number is in every row that names it."""

from __future__ import annotations

import importlib
import json
import multiprocessing
import os
import signal
from pathlib import Path

import pytest
from sqlmodel import col, select

from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.services.catalogs import load_catalogs
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.mesa import tickets
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import (
    AuditEvent,
    MailboxNotice,
    OutboxMail,
    Ticket,
    TicketAttachment,
    TicketEvent,
)

PROCESSES = 8
EACH = 6


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    return importlib.import_module("_ticket_workers")


@pytest.fixture
def actor(any_db: Database, rows) -> Actor:  # type: ignore[no-untyped-def]
    with any_db.write() as session:
        load_catalogs(session)
        company = rows.company(session)
        user = rows.user(session, user_class="representante", company_id=company.id)
        return Actor(user.id, user.username, "representante", user.full_name, company.id, "es")


def test_eight_processes_file_tickets_at_once(any_db: Database, actor: Actor, workers) -> None:
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Event()
    procs = [
        ctx.Process(target=workers.open_many, args=(any_db.url, actor, EACH, start))
        for _ in range(PROCESSES)
    ]
    for proc in procs:
        proc.start()
    start.set()
    try:
        for proc in procs:
            proc.join(120)
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.kill()
                proc.join()
    assert [p.exitcode for p in procs] == [0] * PROCESSES

    with any_db.read() as session:
        numbers = session.exec(select(Ticket.number).order_by(col(Ticket.number))).all()
        files = session.exec(select(TicketAttachment.ticket_id)).all()
        created = session.exec(
            select(TicketEvent.ticket_id).where(TicketEvent.kind == "created")
        ).all()
        if any_db.dialect == "sqlite":
            check = session.connection().exec_driver_sql("PRAGMA integrity_check").scalar()
            assert check == "ok"
    total = PROCESSES * EACH
    assert numbers == [f"MS-2026-{n:06d}" for n in range(1, total + 1)]  # no gap, none twice
    assert len(set(files)) == total and len(files) == total
    assert len(created) == total


def test_a_submit_killed_midway_leaves_no_half_ticket(
    any_db: Database, actor: Actor, workers
) -> None:
    ctx = multiprocessing.get_context("spawn")
    stored = ctx.Event()
    proc = ctx.Process(target=workers.open_and_hang, args=(any_db.url, actor, stored))
    proc.start()
    try:
        assert stored.wait(60), "the child never reached the files"
        assert proc.pid is not None
        os.kill(proc.pid, signal.SIGKILL)
        proc.join(30)
    finally:
        if proc.is_alive():
            proc.kill()
            proc.join()
    assert proc.exitcode == -signal.SIGKILL

    with any_db.read() as session:
        assert session.exec(select(Ticket)).all() == []
        assert session.exec(select(TicketAttachment)).all() == []
    # The number the dead submit had taken is given again: no gap.
    ctx2 = multiprocessing.get_context("spawn")
    start = ctx2.Event()
    start.set()
    workers.open_many(any_db.url, actor, 1, start)
    with any_db.read() as session:
        assert session.exec(select(Ticket.number)).all() == ["MS-2026-000001"]
        assert len(session.exec(select(TicketAttachment)).all()) == 1
        if any_db.dialect == "sqlite":
            check = session.connection().exec_driver_sql("PRAGMA integrity_check").scalar()
            assert check == "ok"


class Abandoned(Exception):
    """A submit that fails after its number was taken (its transaction rolls back)."""


def test_the_number_is_in_every_row_that_names_it(any_db: Database, actor: Actor, workers) -> None:
    """The number is taken last (store/counters.py): the ticket, its audit event, the Buzón
    notice and the mail all carry it, and a submit rolled back after taking it leaves no gap."""
    for fail in (False, True, False):
        try:
            with any_db.write() as session:
                files = {"capturas": [Attachment("captura.png", workers.PNG)]}
                tickets.open_ticket(
                    session, actor, "incidente", workers.values(), files, now=workers.NOW, mail=True
                )
                if fail:
                    raise Abandoned()
        except Abandoned:
            pass
    with any_db.read() as session:
        numbers = session.exec(select(Ticket.number).order_by(col(Ticket.number))).all()
        versions = session.exec(select(Ticket.version)).all()
        audited = session.exec(
            select(AuditEvent.entity_id).where(AuditEvent.entity == "ticket")
        ).all()
        notices = session.exec(select(MailboxNotice).order_by(col(MailboxNotice.id))).all()
        mails = session.exec(select(OutboxMail).order_by(col(OutboxMail.id))).all()
    assert numbers == ["MS-2026-000001", "MS-2026-000002"]
    assert sorted(audited) == numbers
    assert versions == [2, 2]  # the row, and its "created" event
    for number, notice, mail in zip(numbers, notices, mails, strict=True):
        assert notice.subject.startswith(f"Ticket {number} registrado")
        assert f"con el número {number}." in notice.body
        assert json.loads(notice.params)["numero"] == number
        assert mail.subject == notice.subject and mail.body == notice.body
