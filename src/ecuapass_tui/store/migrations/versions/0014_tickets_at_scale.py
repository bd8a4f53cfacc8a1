"""Tickets at scale: figures kept per month, the open tickets' search

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-07

`ticket_month_figure`: the tickets of each Ecuador month added up (atenciones, quejas,
ratings, answered and answered on time, anulados left out), kept by triggers on `ticket`
(`store/month_figures.py`) and counted once here from the tickets already stored. The open
tickets' full-text index (`store/open_search.py`): on SQLite `ticket_open_fts` and its
triggers, on PostgreSQL the stored `search_vector` column with a GIN index and a partial one
over the open tickets (in place of the expression index of 0004).
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

from ecuapass_tui.store import open_search
from ecuapass_tui.store.month_figures import create_triggers, drop_triggers, rebuild

revision = "0014"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ticket_month_figure",
        sa.Column("month", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column("atenciones", sa.Integer(), nullable=False),
        sa.Column("quejas", sa.Integer(), nullable=False),
        sa.Column("rating_sum", sa.Integer(), nullable=False),
        sa.Column("rating_count", sa.Integer(), nullable=False),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.Column("on_time", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("month"),
    )
    bind = op.get_bind()
    create_triggers(bind)
    rebuild(bind)
    open_search.create(bind)


def downgrade() -> None:
    bind = op.get_bind()
    open_search.drop(bind)
    drop_triggers(bind)
    op.drop_table("ticket_month_figure")
