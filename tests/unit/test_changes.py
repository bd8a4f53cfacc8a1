"""Sessions woken by a change instead of polling: a second connection writes, the watch of the
session wakes (SQLite's file through inotify, PostgreSQL's LISTEN/NOTIFY); closing the last
watch ends the listener's thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy.engine import make_url

from ecuapass_tui.services import notices
from ecuapass_tui.services.changes import Interest, Topic
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.store import changes as store_changes
from ecuapass_tui.store.change_channels import NOTICE_CHANNEL, TICKET_CHANNEL
from ecuapass_tui.store.changes import ANYTHING, Change, PostgresListener
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import User

AT = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)
WAKE = 20.0  # seconds a wake may take on a loaded machine before the test fails


def add_user(db: Database, username: str) -> Actor:
    with db.write() as s:
        user = User(
            username=username,
            user_class="agente",
            full_name=username.title(),
            password_hash="-",
            created_at=AT,
        )
        s.add(user)
        s.flush()
        assert user.id is not None
        return Actor(user.id, username, "agente", user.full_name, None, "es")


def post(db: Database, user_id: int, subject: str) -> None:
    with db.write() as s:
        notices.post_notice(s, user_id=user_id, at=AT, subject=subject, body="-")


@pytest.fixture
def desk(any_db: Database) -> Iterator[Desk]:
    desk = Desk(db=any_db)
    yield desk
    desk.change_feed.close()


def listener_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "ecuapass-changes"]


def test_a_notice_written_by_another_connection_wakes_the_session(
    desk: Desk, any_db: Database
) -> None:
    ana, beto = add_user(any_db, "ana"), add_user(any_db, "beto")
    before = desk.mailbox_stamp(ana)
    woken = threading.Event()
    calls: list[str] = []

    def changed() -> None:
        calls.append("ana")
        woken.set()

    watch = desk.watch(ana, Topic.MAILBOX, changed)
    # Once listening, the feed tells every watch to look once (what came before it).
    assert woken.wait(WAKE), "the listener never began"
    woken.clear()
    calls.clear()
    writer = Database(any_db.url)  # another connection, as another session or process
    try:
        if any_db.dialect == "postgresql":
            post(writer, beto.user_id, "para beto")  # not ana's: her watch is not called
        post(writer, ana.user_id, "para ana")
        assert woken.wait(WAKE), "the watch was not woken by the notice"
    finally:
        writer.dispose()
    assert desk.mailbox_stamp(ana) != before
    assert [n.subject for n in desk.notices(ana)] == ["para ana"]
    if any_db.dialect == "postgresql":
        assert calls == ["ana"]  # beto's notice, committed first, did not call it
    watch.close()
    for thread in listener_threads():
        thread.join(WAKE)
    assert not listener_threads(), "the listener's thread outlived its last watch"


def test_what_concerns_each_screen() -> None:
    mine = Interest(Topic.MY_TICKETS, user_id=7, company_id=3)
    assert mine.concerns(Change(TICKET_CHANNEL, 7, None))
    assert mine.concerns(Change(TICKET_CHANNEL, 8, 3))  # his company's (a Representante)
    assert not mine.concerns(Change(TICKET_CHANNEL, 8, 4))
    assert not mine.concerns(Change(NOTICE_CHANNEL, 7))
    assert Interest(Topic.QUEUE, 1).concerns(Change(TICKET_CHANNEL, 8, None))
    mailbox = Interest(Topic.MAILBOX, 7)
    assert mailbox.concerns(Change(NOTICE_CHANNEL, 7)) and not mailbox.concerns(
        Change(NOTICE_CHANNEL, 8)
    )
    assert all(i.concerns(ANYTHING) for i in (mine, mailbox))  # SQLite, or a link down
    assert store_changes.parse_payload(TICKET_CHANNEL, "12 ") == Change(TICKET_CHANNEL, 12, None)


@pytest.mark.postgres
def test_a_server_out_of_reach_falls_back_to_the_slow_poll(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_changes, "POLL_SECONDS", 0.01)
    url = make_url(pg_url).set(port=1)  # nothing listens there
    unreachable = Database(url.render_as_string(hide_password=False))
    listener = PostgresListener(unreachable.engine)
    try:
        assert listener.wait() == [ANYTHING]  # no connection: "anything may have changed"
        listener.close()
        assert listener.wait() is None
    finally:
        unreachable.dispose()
