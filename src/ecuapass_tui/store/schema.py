"""Schema revisions through Alembic: current, head, upgrade, and the check at start-up.

The check at every start does not import Alembic (about 9 MB resident in each session and
60 ms): when the database is stamped with the head that the shipped migration files name
(read as text), it is up to date. Anything else (a new, older or newer database, a merge
revision) is Alembic's to decide, as is every upgrade.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from ecuapass_tui.store.engine import Database

if TYPE_CHECKING:
    from alembic.config import Config

# `revision = "0009"` and `down_revision = "0008"` (or None) in a migration file.
_REVISION_LINE = re.compile(
    r"^(?P<which>down_revision|revision)\s*(?::[^=]+)?=\s*(?P<value>.+?)\s*$", re.MULTILINE
)
_QUOTED = re.compile(r"""^["']([^"']+)["']$""")


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
    from alembic.config import Config

    cfg = Config()
    location = resources.files("ecuapass_tui.store") / "migrations"
    cfg.set_main_option("script_location", str(location))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    if head is None:
        raise RuntimeError("no migrations shipped with ecuapass-tui")
    return head


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def is_empty(db: Database) -> bool:
    with db.engine.connect() as conn:
        return not set(inspect(conn).get_table_names()) - {"alembic_version"}


def upgrade(db: Database, revision: str = "head") -> None:
    """Migrate under a lock: two processes opening a new database at once both succeed."""
    from alembic import command

    cfg = _config()
    engine = db.engine.execution_options(sqlite_begin="IMMEDIATE")
    with engine.begin() as conn:
        if db.dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def shipped_head() -> str | None:
    """The head revision of the shipped migration files, read as text: the one revision no
    other names as its `down_revision`. None unless every file names one quoted revision
    and at most one quoted parent (then Alembic reads them)."""
    revisions: dict[str, str | None] = {}
    for entry in (resources.files("ecuapass_tui.store") / "migrations" / "versions").iterdir():
        if not entry.name.endswith(".py"):
            continue
        found = {m["which"]: m["value"] for m in _REVISION_LINE.finditer(entry.read_text("utf-8"))}
        revision = _QUOTED.match(found.get("revision", ""))
        parent = found.get("down_revision", "")
        quoted_parent = _QUOTED.match(parent)
        if revision is None or (parent != "None" and quoted_parent is None):
            return None
        revisions[revision[1]] = quoted_parent[1] if quoted_parent else None
    heads = set(revisions) - set(revisions.values())
    return heads.pop() if len(heads) == 1 else None


def _stamped(db: Database) -> list[str]:
    """The revisions in the database's `alembic_version` table (none when it has none)."""
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return []
        return [str(v) for v in conn.scalars(text("SELECT version_num FROM alembic_version"))]


def check(db: Database) -> None:
    """Raise SchemaBehind/SchemaAhead unless the database is exactly at head."""
    head = shipped_head()
    if head is not None and _stamped(db) == [head]:
        return
    from alembic.script import ScriptDirectory

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
