"""The demo tickets of the Mesa de Servicios (issue 4, point 14): built through the real
services at a reference moment, every state, kind, channel and closure, valid files, gapless
numbers, and the same set on every rebuild."""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, col, select
from tests.helpers import FROZEN_NOW, copy_sqlite, frozen_clock

from ecuapass_tui.core.clock import local
from ecuapass_tui.services.demo import sample_files
from ecuapass_tui.services.demo import tickets as demo_tickets
from ecuapass_tui.services.demo.build import build_demo
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.mesa.ticket_dto import QueueFilter
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import (
    MailboxNotice,
    Ticket,
    TicketAttachment,
    TicketCounter,
    TicketEvent,
    User,
)

OCE_USERS = demo_tickets.OCE_USERS


def _build_at_frozen_now(db: Database) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(demo_tickets, "reference_now", lambda: FROZEN_NOW)
        with db.write() as session:
            build_demo(session)


@pytest.fixture(scope="module")
def frozen_demo(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo rebuilt with the tests' frozen clock as its reference moment."""
    target = copy_sqlite(demo_template, tmp_path_factory.mktemp("frozen") / "demo.sqlite3")
    db = Database(f"sqlite:///{target}")
    _build_at_frozen_now(db)
    db.dispose()
    yield target


@pytest.fixture
def db(frozen_demo: Path, tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{copy_sqlite(frozen_demo, tmp_path / 'demo.sqlite3')}")
    yield database
    database.dispose()


def _actor(user: User) -> Actor:
    assert user.id is not None
    return Actor(user.id, user.username, user.user_class, user.full_name, user.company_id, "es")


def _actors(db: Database) -> dict[str, Actor]:
    with db.read() as s:
        return {u.username: _actor(u) for u in s.exec(select(User)).all()}


def _all(s: Session) -> list[Ticket]:
    return list(s.exec(select(Ticket).order_by(col(Ticket.id))).all())


def test_every_state_closure_kind_channel_queue_and_user(db: Database) -> None:
    with db.read() as s:
        rows = _all(s)
        names = {u.id: u.username for u in s.exec(select(User)).all()}
    assert 120 <= len(rows) <= 200
    states = Counter(t.state for t in rows)
    assert set(states) == {
        "registrado", "en_analisis", "pendiente_informacion", "respondido", "cerrado", "anulado",
    }  # fmt: skip
    closures = Counter(t.closure for t in rows if t.state == "cerrado")
    assert set(closures) == {
        "conforme", "no_conforme", "sin_respuesta", "atendido_en_llamada", "fusionado",
    }  # fmt: skip
    assert all(t.closed_at is not None for t in rows if t.state in ("cerrado", "anulado"))
    assert {t.kind for t in rows} == {"incidente", "consulta", "queja"}
    assert len({t.motive for t in rows if t.kind == "consulta"}) == 6
    assert {t.channel for t in rows} == {"en_linea", "telefonico"}
    assert {t.queue_code for t in rows} == {
        "analisis_funcional", "atencion_usuario", "tecnica_aduanera",
    }  # fmt: skip
    assert {names[t.requester_id] for t in rows if t.requester_id} == set(OCE_USERS)
    assert any(t.requester_id is None for t in rows)  # callers not registered in Ecuapass
    assert {names[t.assignee_id] for t in rows if t.assignee_id} == {"analista", "supervisor"}


def test_dates_span_the_months_before_the_reference_and_no_step_is_later(db: Database) -> None:
    with db.read() as s:
        rows = _all(s)
        events = s.exec(select(TicketEvent)).all()
    first, last = min(t.created_at for t in rows), max(t.created_at for t in rows)
    assert last - first >= timedelta(days=15 * 30.5)
    assert first >= FROZEN_NOW - timedelta(days=19 * 31)
    created = {t.id: t.created_at for t in rows}
    assert all(created[e.ticket_id] <= e.at <= FROZEN_NOW for e in events)
    assert max(t.updated_at for t in rows) <= FROZEN_NOW


def test_every_ticket_has_its_created_event_first(db: Database) -> None:
    with db.read() as s:
        events = s.exec(select(TicketEvent).order_by(col(TicketEvent.id))).all()
        count = len(_all(s))
    by_ticket: dict[int, list[TicketEvent]] = defaultdict(list)
    for e in events:
        by_ticket[e.ticket_id].append(e)
    assert len(by_ticket) == count
    for history in by_ticket.values():
        assert history[0].kind == "created"
        assert [e.kind for e in history].count("created") == 1
        assert [e.at for e in history] == sorted(e.at for e in history)


def _png_ok(data: bytes) -> bool:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    at, chunks, idat = 8, [], b""
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        tag, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert zlib.crc32(tag + body) == crc
        chunks.append(tag)
        idat += body if tag == b"IDAT" else b""
        at += 12 + length
    width, height = struct.unpack(">II", data[16:24])
    return (
        chunks[0] == b"IHDR"
        and chunks[-1] == b"IEND"
        and (len(zlib.decompress(idat)) == height * (1 + 3 * width))
    )


def _pdf_ok(data: bytes) -> bool:
    assert data.startswith(b"%PDF-1.") and data.rstrip().endswith(b"%%EOF")
    start = int(data.rsplit(b"startxref", 1)[1].split()[0])
    table = data[start:].split(b"trailer")[0].splitlines()
    assert table[0] == b"xref"
    count = int(table[1].split()[1])
    for number, line in enumerate(table[3 : 2 + count], start=1):
        offset = int(line.split()[0])
        assert data[offset:].startswith(b"%d 0 obj" % number)
    return True


def test_incidents_carry_valid_files_whose_hash_matches(db: Database) -> None:
    with db.read() as s:
        incidents = {t.id for t in _all(s) if t.kind == "incidente"}
        files = s.exec(select(TicketAttachment)).all()
    with_files = {f.ticket_id for f in files}
    assert incidents <= with_files
    kinds = Counter(f.media_type for f in files)
    assert set(kinds) == {"image/png", "application/pdf"}
    assert any(f.field == "respuesta" for f in files)  # a user's reply with a file
    for f in files:
        assert hashlib.sha256(f.content).hexdigest() == f.sha256
        assert f.size == len(f.content)
        ok = _png_ok(f.content) if f.media_type == "image/png" else _pdf_ok(f.content)
        assert ok, f.name


def test_numbers_are_unique_and_gapless_per_year(db: Database) -> None:
    with db.read() as s:
        rows = _all(s)
        counters = {c.year: c.last for c in s.exec(select(TicketCounter)).all()}
    assert len({t.number for t in rows}) == len(rows)
    per_year: dict[int, list[int]] = defaultdict(list)
    for t in rows:
        _, year_text, sequence = t.number.split("-")
        assert int(year_text) == local(t.created_at).year
        per_year[int(year_text)].append(int(sequence))
    assert len(per_year) >= 2
    for year, numbers in per_year.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1))
        assert counters[year] == len(numbers)
    # Numbers grow with the registration time.
    by_time = sorted(rows, key=lambda t: (t.created_at, t.id))
    assert [t.number for t in by_time] == sorted(t.number for t in rows)


def test_chains_quejas_merges_notes_and_requests_for_information(db: Database) -> None:
    with db.read() as s:
        rows = {t.id: t for t in _all(s)}
        events = s.exec(select(TicketEvent).order_by(col(TicketEvent.id))).all()
    follow_ups = [t for t in rows.values() if t.parent_id and t.kind != "queja"]
    assert follow_ups
    assert all(rows[t.parent_id].closure == "no_conforme" for t in follow_ups if t.parent_id)
    assert any(rows[t.parent_id].parent_id for t in follow_ups if t.parent_id)  # a longer chain
    quejas = [t for t in rows.values() if t.kind == "queja"]
    assert quejas and all(t.queue_code == "atencion_usuario" for t in quejas)
    assert all(t.parent_id and rows[t.parent_id].state == "cerrado" for t in quejas)
    merged = [t for t in rows.values() if t.closure == "fusionado"]
    assert merged and all(t.merged_into_id in rows for t in merged)
    kinds = Counter(e.kind for e in events)
    for kind in ("note", "linked", "assigned", "info_requested", "user_reply", "cancelled"):
        assert kinds[kind] > 0, kind
    assert all(not e.public for e in events if e.kind == "note")
    asked = {e.ticket_id for e in events if e.kind == "info_requested"}
    replied = {e.ticket_id for e in events if e.kind == "user_reply"}
    assert replied <= asked
    waiting = {t.id for t in rows.values() if t.state == "pendiente_informacion"}
    assert waiting and waiting <= asked - replied
    assert all(rows[i].paused_at is not None for i in waiting)


def test_the_queue_has_overdue_tickets_and_tickets_due_today(db: Database) -> None:
    desk = Desk(db, clock=frozen_clock(), demo_mode=True)
    supervisor = _actors(db)["supervisor"]
    overdue = desk.queue_page(supervisor, QueueFilter(due="overdue")).rows
    today = desk.queue_page(supervisor, QueueFilter(due="today")).rows
    assert len(overdue) >= 3 and all(r.overdue for r in overdue)
    assert today and all(local(r.resolution_due).date() == local(FROZEN_NOW).date() for r in today)
    assert any(r.resolution_due > FROZEN_NOW for r in today)
    assert desk.sweep() == 0  # every Respondido ticket is still within its decision time


def test_each_user_sees_only_his_tickets(db: Database) -> None:
    desk = Desk(db, clock=frozen_clock(), demo_mode=True)
    actors = _actors(db)
    with db.read() as s:
        rows = _all(s)
    for name in OCE_USERS:
        actor = actors[name]
        seen: list[str] = []
        cursor = None
        while True:
            page = desk.my_tickets(actor, after=cursor, limit=20)
            seen += [r.number for r in page.rows]
            cursor = page.next_cursor
            if cursor is None:
                break
        own = {t.number for t in rows if t.requester_id == actor.user_id}
        if actor.user_class == "representante":
            own |= {t.number for t in rows if t.company_id == actor.company_id}
        assert own and set(seen) == own and len(seen) == len(own), name
    # The mailbox holds the desk's notices; the old ones are read.
    with db.read() as s:
        notices = s.exec(select(MailboxNotice).where(MailboxNotice.sender == "MESA DE SERVICIOS"))
        old = [n for n in notices if n.created_at < FROZEN_NOW - timedelta(days=7)]
    assert old and all(n.read_at is not None for n in old)


def _fingerprint(db: Database) -> list[tuple[object, ...]]:
    with db.read() as s:
        tickets = [
            (t.number, t.kind, t.state, t.closure, t.subject, t.created_at, t.requester_id,
             t.assignee_id, t.resolution_due, t.parent_id)
            for t in _all(s)
        ]  # fmt: skip
        events = [
            (e.ticket_id, e.kind, e.at, e.body)
            for e in s.exec(select(TicketEvent).order_by(col(TicketEvent.id)))
        ]
        files = [(f.ticket_id, f.name, f.sha256) for f in s.exec(select(TicketAttachment))]
    return [*tickets, *events, *sorted(files)]


def test_the_rebuild_gives_the_same_set(db: Database) -> None:
    before = _fingerprint(db)
    _build_at_frozen_now(db)
    assert _fingerprint(db) == before


def test_small_files_are_valid_on_their_own() -> None:
    assert _png_ok(sample_files.png_file(7))
    assert _pdf_ok(sample_files.pdf_file(["Captura (1.3) año ñ", "Fecha: 24/11/2026 10:00"]))
