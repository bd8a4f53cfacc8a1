"""Opening a database: create a new one, refuse one whose schema is behind."""

from __future__ import annotations

from datetime import datetime

from ecuapass_tui.services.catalogs import load_catalogs
from ecuapass_tui.services.demo import build_demo, is_demo_built
from ecuapass_tui.store import schema
from ecuapass_tui.store.engine import Database


def open_database(url: str, *, demo: bool = False, reference: datetime | None = None) -> Database:
    """Open the database at `url`; a new (empty) one is created at the current schema.

    Raises schema.SchemaBehind / SchemaAhead when an existing database does not match this
    program: the app then names `ecuapass-tui db upgrade` instead of touching it. The demo
    database (`demo=True`) is upgraded in place instead.
    """
    db = Database(url)
    try:
        if schema.is_empty(db):
            schema.upgrade(db)
            with db.write() as session:
                load_catalogs(session)
        try:
            schema.check(db)
        except schema.SchemaBehind:
            if not demo:
                raise
            # The demo database is the program's own: bring it up to date instead of asking.
            schema.upgrade(db)
            with db.write() as session:
                load_catalogs(session)
        if demo:
            with db.read() as session:
                built = is_demo_built(session)
            if not built:
                with db.write() as session:
                    build_demo(session, reference=reference)
    except Exception:
        db.dispose()
        raise
    return db


def upgrade_database(url: str) -> tuple[str | None, str]:
    """`db upgrade`: migrate to head and refresh the catalogs; returns (before, after)."""
    db = Database(url)
    try:
        before = schema.current_revision(db)
        schema.upgrade(db)
        with db.write() as session:
            load_catalogs(session)
        return before, schema.head_revision()
    finally:
        db.dispose()


def reset_demo(db: Database, reference: datetime | None = None) -> dict[str, int]:
    with db.write() as session:
        return build_demo(session, reference=reference)
