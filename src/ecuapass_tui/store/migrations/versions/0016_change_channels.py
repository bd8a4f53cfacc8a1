"""PostgreSQL notifies the sessions when a notice or a ticket changes

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07

Statement triggers on `mailbox_notice`, `ticket` and `ticket_event` that NOTIFY the channels
`ecuapass_notice` and `ecuapass_ticket` (`store/change_channels.py`): the sessions LISTEN
instead of asking every few seconds. Nothing on SQLite, whose changes are seen on its file.
"""

from __future__ import annotations

from alembic import op

from ecuapass_tui.store.change_channels import create_triggers, drop_triggers

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_triggers(op.get_bind())


def downgrade() -> None:
    drop_triggers(op.get_bind())
