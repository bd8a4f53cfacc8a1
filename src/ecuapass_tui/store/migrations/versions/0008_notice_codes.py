"""notice codes

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

A mailbox notice also stores what it says as a code and its parameters (JSON), so that each
reader reads it in their own language. Rows written before keep an empty code and are shown
as they were stored.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mailbox_notice", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "code",
                sqlmodel.sql.sqltypes.AutoString(length=40),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(sa.Column("params", sa.Text(), nullable=False, server_default=""))
    # The defaults only fill the rows that exist; new rows get their values from the models.
    with op.batch_alter_table("mailbox_notice", schema=None) as batch_op:
        batch_op.alter_column("code", server_default=None)
        batch_op.alter_column("params", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("mailbox_notice", schema=None) as batch_op:
        batch_op.drop_column("params")
        batch_op.drop_column("code")
