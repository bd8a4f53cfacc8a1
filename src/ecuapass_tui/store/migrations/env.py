"""Alembic environment: uses the connection handed over by store.schema."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from ecuapass_tui.store import models  # noqa: F401  (registers the tables)
from ecuapass_tui.store.search import include_object

config = context.config
target_metadata = SQLModel.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("store.schema passes the connection; run `ecuapass-tui db upgrade`.")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
