"""Alembic migrations on both engines: upgrade, the start-up check, downgrade, and that the
migrations build exactly the schema the models describe."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlmodel import SQLModel, select

from ecuapass_tui.store import models, schema, search
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.schema import SchemaAhead, SchemaBehind

MODEL_TABLES = {table.name for table in SQLModel.metadata.sorted_tables}


def run_alembic(db: Database, cmd: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Run an alembic command on db's connection, the way schema.upgrade does."""
    cfg = schema._config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        cmd(cfg, *args, **kwargs)


def table_names(db: Database) -> set[str]:
    with db.engine.connect() as conn:
        return set(inspect(conn).get_table_names())


def schema_diffs(db: Database) -> list[Any]:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "compare_server_default": True,
                "include_object": search.include_object,
            },
        )
        return compare_metadata(context, SQLModel.metadata)


def test_revisions_form_one_line() -> None:
    script = ScriptDirectory.from_config(schema._config())
    assert script.get_heads() == [schema.head_revision()]
    assert script.get_bases() != []


def test_the_head_read_from_the_files_is_alembics() -> None:
    """The check at start reads the head from the migration files' text, without Alembic."""
    assert schema.shipped_head() == schema.head_revision()


def test_upgrade_empty_database_to_head(empty_db: Database) -> None:
    assert schema.is_empty(empty_db)
    assert schema.current_revision(empty_db) is None
    with pytest.raises(SchemaBehind) as behind:
        schema.check(empty_db)
    assert behind.value.current is None
    assert behind.value.head == schema.head_revision()

    schema.upgrade(empty_db)

    assert schema.current_revision(empty_db) == schema.head_revision()
    schema.check(empty_db)
    assert not schema.is_empty(empty_db)
    tables = table_names(empty_db)
    assert tables - search.SEARCH_OBJECTS == MODEL_TABLES | {"alembic_version"}
    if empty_db.dialect == "sqlite":
        assert "ticket_fts" in tables


def test_upgrade_at_head_is_a_no_op(any_db: Database, rows) -> None:
    with any_db.write() as session:
        rows.company(session, ruc="0990000000001")
    schema.upgrade(any_db)
    schema.check(any_db)
    with any_db.read() as session:
        assert session.exec(select(models.Company.ruc)).all() == ["0990000000001"]


def test_migrations_match_the_models(any_db: Database) -> None:
    # Nothing ignored but the full-text objects the models cannot declare (store/search.py):
    # every table, column, type, nullability, index, unique constraint and foreign key that
    # the models declare must be what the migrations created.
    assert schema_diffs(any_db) == []


def test_tables_without_a_revision_are_not_ours(empty_db: Database) -> None:
    # `db upgrade` could not help here (the tables exist): the app says it is not its database.
    SQLModel.metadata.create_all(empty_db.engine)
    assert not schema.is_empty(empty_db)
    with pytest.raises(schema.NotOurDatabase):
        schema.check(empty_db)


def test_database_stamped_at_an_older_revision_is_behind(any_db: Database) -> None:
    script = ScriptDirectory.from_config(schema._config())
    head = schema.head_revision()
    # walk_revisions goes from head down; upgrade from the oldest up.
    older = [rev.revision for rev in script.walk_revisions() if rev.revision != head][::-1]
    # A database migrated to base (no tables of ours left) is behind too.
    run_alembic(any_db, command.downgrade, "base")
    with pytest.raises(SchemaBehind) as empty:
        schema.check(any_db)
    assert empty.value.current is None
    for revision in older:
        run_alembic(any_db, command.upgrade, revision)
        assert schema.current_revision(any_db) == revision
        with pytest.raises(SchemaBehind) as behind:
            schema.check(any_db)
        assert behind.value.current == revision
        assert behind.value.head == head


def test_unknown_revision_is_ahead(any_db: Database) -> None:
    with any_db.write() as session:
        session.connection().execute(text("UPDATE alembic_version SET version_num = 'f00dfeed'"))
    assert schema.current_revision(any_db) == "f00dfeed"
    with pytest.raises(SchemaAhead) as ahead:
        schema.check(any_db)
    assert ahead.value.current == "f00dfeed"
    assert ahead.value.head == schema.head_revision()


def test_downgrade_to_base_and_upgrade_again(any_db: Database, rows) -> None:
    with any_db.write() as session:
        rows.company(session)

    run_alembic(any_db, command.downgrade, "base")

    assert table_names(any_db) == {"alembic_version"}
    assert schema.current_revision(any_db) is None
    with pytest.raises(SchemaBehind):
        schema.check(any_db)

    schema.upgrade(any_db)

    assert schema.current_revision(any_db) == schema.head_revision()
    schema.check(any_db)
    assert schema_diffs(any_db) == []
    with any_db.write() as session:
        rows.oce_type(session)
        company = rows.company(session)
        rows.oce_registration(session, company_id=company.id)
    with any_db.read() as session:
        assert len(session.exec(select(models.Company)).all()) == 1
