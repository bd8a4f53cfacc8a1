"""e-mail intake

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

Tickets by e-mail: the messages received (`mail_intake`: outcome, sender rate, repeated
deliveries), the Message-IDs of the mails sent about a ticket (`mail_thread`), and the
Message-ID each queued mail is sent with (`outbox_mail.message_id`; empty for older rows).
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mail_intake",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("received_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("message_id", sqlmodel.sql.sqltypes.AutoString(length=250), nullable=False),
        sa.Column("sender", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("ticket_number", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_mail_intake_message_id", "mail_intake", ["message_id"])
    op.create_index("ix_mail_intake_sender_received", "mail_intake", ["sender", "received_at"])
    op.create_table(
        "mail_thread",
        sa.Column("message_id", sqlmodel.sql.sqltypes.AutoString(length=250), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["ticket_id"], ["ticket.id"]),
        sa.PrimaryKeyConstraint("message_id"),
    )
    op.create_index("ix_mail_thread_ticket_id", "mail_thread", ["ticket_id"])
    with op.batch_alter_table("outbox_mail", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "message_id",
                sqlmodel.sql.sqltypes.AutoString(length=250),
                nullable=False,
                server_default="",
            )
        )
    # The default only fills the rows that exist; new rows get theirs from the model.
    with op.batch_alter_table("outbox_mail", schema=None) as batch_op:
        batch_op.alter_column("message_id", server_default=None)
        batch_op.create_index("ix_outbox_mail_message_id", ["message_id"])


def downgrade() -> None:
    with op.batch_alter_table("outbox_mail", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_mail_message_id")
        batch_op.drop_column("message_id")
    op.drop_index("ix_mail_thread_ticket_id", table_name="mail_thread")
    op.drop_table("mail_thread")
    op.drop_index("ix_mail_intake_sender_received", table_name="mail_intake")
    op.drop_index("ix_mail_intake_message_id", table_name="mail_intake")
    op.drop_table("mail_intake")
