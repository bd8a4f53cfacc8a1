"""PostgreSQL adds a ticket to the month's figures at the commit

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07

The triggers that keep `ticket_month_figure` become constraint triggers deferred to the commit
(`store/month_figures.py`): the month's row was locked from a ticket's INSERT to its commit,
so every submit of the month waited for the one before it. Nothing changes on SQLite.
"""

from __future__ import annotations

from alembic import op

from ecuapass_tui.store.month_figures import pg_at_commit

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pg_at_commit(op.get_bind(), at_commit=True)


def downgrade() -> None:
    pg_at_commit(op.get_bind(), at_commit=False)
