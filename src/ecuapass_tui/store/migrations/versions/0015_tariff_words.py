"""the word index of the tariff search

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07

One row per distinct stem of a node's or a national line's `search` column
(`tariff_node_word`, `tariff_line_word`), read by a range of the primary key instead of a
`LIKE` scan; filled here from the stored columns (the database's build and upgrade then load
the nomenclature again).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

WORD = sa.Text().with_variant(sa.Text(collation="C"), "postgresql")


def _fill(table: sa.Table, source: str, key: str, column: str) -> None:
    rows = op.get_bind().execute(sa.text(f"SELECT {key}, search FROM {source}")).all()
    pairs = sorted({(token, ref) for ref, search in rows for token in search.split()})
    if pairs:
        op.bulk_insert(table, [{"token": token, column: ref} for token, ref in pairs])


def upgrade() -> None:
    nodes = op.create_table(
        "tariff_node_word",
        sa.Column("token", WORD, nullable=False),
        sa.Column("code", sa.String(length=6), nullable=False),
        sa.PrimaryKeyConstraint("token", "code"),
        sqlite_with_rowid=False,
    )
    lines = op.create_table(
        "tariff_line_word",
        sa.Column("token", WORD, nullable=False),
        sa.Column("line_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("token", "line_id"),
        sqlite_with_rowid=False,
    )
    assert nodes is not None and lines is not None
    _fill(nodes, "tariff_node", "code", "code")
    _fill(lines, "tariff_line", "id", "line_id")


def downgrade() -> None:
    op.drop_table("tariff_line_word")
    op.drop_table("tariff_node_word")
