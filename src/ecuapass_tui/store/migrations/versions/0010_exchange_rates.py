"""exchange rates

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

2.1.2 Consulta de tasa de moneda: daily rates as millionths of a unit of each currency per US
dollar, by day, with their source (the ECB's reference rates or an imported official table).
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exchange_rate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("units_per_usd_micros", sa.BigInteger(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("currency", "day", name="uq_exchange_rate_currency_day"),
    )


def downgrade() -> None:
    op.drop_table("exchange_rate")
