"""national tariff lines and the HS nomenclature

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

Consulta de arancel: the Harmonized System tree (`tariff_node`, filled from the file shipped
in data/tariff/ when the database is built), Ecuador's national lines (`tariff_line`) and
their documentos de control previo (`tariff_control`).
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _text(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    op.create_table(
        "tariff_node",
        sa.Column("code", _text(6), nullable=False),
        sa.Column("level", _text(10), nullable=False),
        sa.Column("parent", _text(6), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description_es", sa.Text(), nullable=False),
        sa.Column("description_en", sa.Text(), nullable=False),
        sa.Column("search", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    with op.batch_alter_table("tariff_node", schema=None) as batch_op:
        batch_op.create_index("ix_tariff_node_parent", ["parent", "position"], unique=False)

    op.create_table(
        "tariff_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("identif", _text(18), nullable=False),
        sa.Column("subpartida", _text(10), nullable=False),
        sa.Column("complementario", _text(4), nullable=False),
        sa.Column("suplementario", _text(4), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("unit", _text(20), nullable=False),
        sa.Column("ad_valorem", sa.Integer(), nullable=True),
        sa.Column("ice", sa.Integer(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.Column("search", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("identif", "valid_from", name="uq_tariff_line_identif_from"),
    )
    with op.batch_alter_table("tariff_line", schema=None) as batch_op:
        batch_op.create_index(
            "ix_tariff_line_subpartida", ["subpartida", "valid_from"], unique=False
        )

    op.create_table(
        "tariff_control",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("line_id", sa.Integer(), nullable=False),
        sa.Column("institution", _text(80), nullable=False),
        sa.Column("document", _text(200), nullable=False),
        sa.ForeignKeyConstraint(["line_id"], ["tariff_line.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("tariff_control", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tariff_control_line_id"), ["line_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("tariff_control", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tariff_control_line_id"))
    op.drop_table("tariff_control")
    with op.batch_alter_table("tariff_line", schema=None) as batch_op:
        batch_op.drop_index("ix_tariff_line_subpartida")
    op.drop_table("tariff_line")
    with op.batch_alter_table("tariff_node", schema=None) as batch_op:
        batch_op.drop_index("ix_tariff_node_parent")
    op.drop_table("tariff_node")
