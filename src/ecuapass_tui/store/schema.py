"""Schema revisions through Alembic: current, head, upgrade, and the check at start-up."""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from ecuapass_tui.store.engine import Database


class SchemaBehind(Exception):
    """The database is older than this program; `ecuapass-tui db upgrade` fixes it."""

    def __init__(self, current: str | None, head: str) -> None:
        super().__init__(f"schema {current or 'vacío'} < {head}")
        self.current = current
        self.head = head


_PG_LOCK_KEY = 0x45435041  # "ECPA": serialises migrations on one PostgreSQL database


class NotOurDatabase(Exception):
    """Tables without an Alembic revision: some other program's database."""


class SchemaAhead(Exception):
    """The database was migrated by a newer ecuapass-tui."""

    def __init__(self, current: str, head: str) -> None:
        super().__init__(f"schema {current} > {head}")
        self.current = current
        self.head = head


def _config() -> Config:
    cfg = Config()
    location = resources.files("ecuapass_tui.store") / "migrations"
    cfg.set_main_option("script_location", str(location))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    if head is None:
        raise RuntimeError("no migrations shipped with ecuapass-tui")
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def is_empty(db: Database) -> bool:
    with db.engine.connect() as conn:
        return not set(inspect(conn).get_table_names()) - {"alembic_version"}


def upgrade(db: Database, revision: str = "head") -> None:
    """Migrate under a lock: two processes opening a new database at once both succeed."""
    cfg = _config()
    engine = db.engine.execution_options(sqlite_begin="IMMEDIATE")
    with engine.begin() as conn:
        if db.dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def check(db: Database) -> None:
    """Raise SchemaBehind/SchemaAhead unless the database is exactly at head."""
    current = current_revision(db)
    head = head_revision()
    if current == head:
        return
    known = {rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions()}
    if current is None and not is_empty(db):
        raise NotOurDatabase("tables without an ecuapass-tui schema revision")
    if current is not None and current not in known:
        raise SchemaAhead(current, head)
    raise SchemaBehind(current, head)
