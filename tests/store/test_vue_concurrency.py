"""Eight writers sending VUE requests at once on one database (SQLite file and PostgreSQL),
each with its own engine, some sends failing after their number was taken: every request
is there, no number twice, no gap. Threads, not processes: the writers meet in the database
(BEGIN IMMEDIATE on SQLite, the counter row's lock on PostgreSQL), and threads start in
milliseconds where eight interpreters take seconds."""

from __future__ import annotations

import threading

from sqlmodel import col, select
from tests.store._vue_setup import NOW, people

from ecuapass_tui.services.demo.vue import request_values
from ecuapass_tui.services.vue import send
from ecuapass_tui.services.vue.dto import SignedText
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models_vue import VueRequest

WRITERS = 8
EACH = 5
SIGNED = SignedText("ed25519", b"firma", b"certificado", "huella", "CN=PRUEBA")


class Failed(Exception):
    """A send that fails after taking its number (its transaction rolls back)."""


def _writer(
    url: str, prepared: send.Prepared, actor, start: threading.Barrier, errors: list
) -> None:  # type: ignore[no-untyped-def]
    db = Database(url)
    try:
        start.wait(30)
        for n in range(EACH):
            try:
                with db.write() as s:
                    send.store(s, actor, prepared, SIGNED, now=NOW, mail=False)
                    if n % 2:
                        raise Failed()
            except Failed:
                pass
    except Exception as error:
        errors.append(error)
    finally:
        db.dispose()


def test_eight_writers_number_without_twice_or_gaps(any_db: Database) -> None:
    who = people(any_db)
    with any_db.read() as s:
        prepared = send.prepare(s, who.company, "101-002-REQ", request_values(), None, now=NOW)
    start = threading.Barrier(WRITERS)
    errors: list[BaseException] = []
    threads = [
        threading.Thread(target=_writer, args=(any_db.url, prepared, who.company, start, errors))
        for _ in range(WRITERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    with any_db.read() as s:
        numbers = s.exec(select(VueRequest.number).order_by(col(VueRequest.number))).all()
    kept = WRITERS * ((EACH + 1) // 2)
    assert numbers == [f"41700215202600{n:06d}P" for n in range(1, kept + 1)]
