"""Opening a database: create a new one, refuse one whose schema is behind; build the demo.

The demo's first start builds its people first (companies, users with their shipped password
hashes, notices, account data: what a login needs) and returns; `finish_demo` then adds the
tickets and the cargo tracking in the background, after the first login (or 15 s), committing
after each step of a ticket's life and stepping aside whenever the rest of the program uses
the database, so that the first login answers as fast as the later ones.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import event
from sqlmodel import Session, select

from ecuapass_tui.services.catalogs import load_catalogs
from ecuapass_tui.services.demo.build import build_demo, build_demo_activity, is_demo_built
from ecuapass_tui.services.informativos.nomenclature import load_nomenclature
from ecuapass_tui.services.informativos.rates_ecb import load_ecb_rates
from ecuapass_tui.store import schema
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import User

# The demo build goes on once the rest of the program has left the database alone this long
# (longer than the longest sleep of SQLite's busy handler, 100 ms, so that a write waiting for
# the lock gets it at its next try).
QUIET_SECONDS = 0.3
MAX_PAUSE_SECONDS = 3.0
# The build waits for the first login this long at most (a trainer logs in within seconds).
START_SECONDS = 15.0

DemoFinisher = Callable[[], None]


def open_database(url: str, *, demo: bool = False, reference: datetime | None = None) -> Database:
    """Open the database at `url`; a new (empty) one is created at the current schema.

    Raises schema.SchemaBehind / SchemaAhead when an existing database does not match this
    program: the app then names `ecuapass-tui db upgrade` instead of touching it. The demo
    database (`demo=True`) is upgraded in place instead, and built whole if it is not.
    """
    db, finish = _open(url, demo=demo, reference=reference, people_only=False)
    assert finish is None
    return db


def open_demo_database(
    url: str, reference: datetime | None = None
) -> tuple[Database, DemoFinisher | None]:
    """Open (and if need be start building) the demo database; the second value, when not
    None, adds the demo's tickets and tracking: run it in a thread of its own."""
    return _open(url, demo=True, reference=reference, people_only=True)


def _open(
    url: str, *, demo: bool, reference: datetime | None, people_only: bool
) -> tuple[Database, DemoFinisher | None]:
    db = Database(url)
    finish: DemoFinisher | None = None
    try:
        fresh = schema.is_empty(db)
        if fresh:
            schema.upgrade(db)
            with db.write() as session:
                load_catalogs(session)
                load_nomenclature(session)
                load_ecb_rates(session)
        try:
            schema.check(db)
        except schema.SchemaBehind:
            if not demo:
                raise
            # The demo database is the program's own: bring it up to date instead of asking.
            schema.upgrade(db)
            with db.write() as session:
                load_catalogs(session)
                load_nomenclature(session)
                load_ecb_rates(session)
        if demo:
            with db.read() as session:
                built = is_demo_built(session)
            if not built:
                with db.write() as session:
                    build_demo(
                        session, reference=reference, catalogs=not fresh, activity=not people_only
                    )
                if people_only:
                    finish = lambda: finish_demo(db, reference)  # noqa: E731
    except Exception:
        db.dispose()
        raise
    return db, finish


def finish_demo(db: Database, reference: datetime | None = None) -> None:
    """Add the demo's tickets and tracking to a demo database that has its people.

    It starts once the program's first write (the first login) is done, or START_SECONDS
    after it was called, whichever comes first: the first login has the machine to itself.
    It commits after each step of a ticket's life; while another connection of this program
    is using the database (a login, the screen it leads to), it waits until that has been
    quiet for QUIET_SECONDS: the user's work comes first (it also shares the interpreter)."""
    last_other = [0.0]
    first_write = threading.Event()

    def other_activity(connection: object, *_args: object) -> None:
        options = connection.get_execution_options()  # type: ignore[attr-defined]
        if not options.get("demo_build"):
            last_other[0] = time.monotonic()
            if options.get("sqlite_begin") == "IMMEDIATE":
                first_write.set()  # set at its begin; its end is waited for as quiet below

    hooks = ("begin", "commit", "rollback")
    for hook in hooks:
        event.listen(db.engine, hook, other_activity, insert=True)
    writer = db.engine.execution_options(sqlite_begin="IMMEDIATE", demo_build=True)

    def wait_for_quiet() -> None:
        give_up = time.monotonic() + MAX_PAUSE_SECONDS  # a screen that polls often
        while time.monotonic() < give_up:
            if time.monotonic() - last_other[0] >= QUIET_SECONDS:
                return
            time.sleep(QUIET_SECONDS / 4)

    try:
        first_write.wait(START_SECONDS)
        wait_for_quiet()
        with Session(writer, expire_on_commit=False) as session:
            users = {user.username: user for user in session.exec(select(User)).all()}

            def checkpoint() -> None:
                session.commit()
                wait_for_quiet()

            try:
                build_demo_activity(session, users, reference=reference, checkpoint=checkpoint)
                session.commit()
            except BaseException:
                session.rollback()
                raise
    finally:
        for hook in hooks:
            event.remove(db.engine, hook, other_activity)


def upgrade_database(url: str) -> tuple[str | None, str]:
    """`db upgrade`: migrate to head and refresh the catalogs; returns (before, after)."""
    db = Database(url)
    try:
        before = schema.current_revision(db)
        schema.upgrade(db)
        with db.write() as session:
            load_catalogs(session)
            load_nomenclature(session)
            load_ecb_rates(session)
        return before, schema.head_revision()
    finally:
        db.dispose()


def reset_demo(db: Database, reference: datetime | None = None) -> dict[str, int]:
    with db.write() as session:
        return build_demo(session, reference=reference)
