"""the word index of the tariff search

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07

Each distinct stem of the nodes' `search` columns with the codes that have it
(`tariff_node_word`) and each stem of a national line (`tariff_line_word`), read by a range of
the primary key instead of a `LIKE` scan; filled here from the stored columns (the database's
build and upgrade then load the nomenclature again).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

WORD = sa.Text().with_variant(sa.Text(collation="C"), "postgresql")


def _fill_nodes(table: sa.Table) -> None:
    rows = op.get_bind().execute(
        sa.text("SELECT code, search FROM tariff_node WHERE level != 'seccion' ORDER BY code")
    )
    codes: dict[str, list[str]] = {}
    for code, search in rows:
        for token in set(search.split()):
            codes.setdefault(token, []).append(code)
    if codes:
        op.bulk_insert(table, [{"token": t, "codes": " ".join(c)} for t, c in codes.items()])


def _fill_lines(table: sa.Table) -> None:
    rows = op.get_bind().execute(sa.text("SELECT id, search FROM tariff_line")).all()
    pairs = {(token, ref) for ref, search in rows for token in search.split()}
    if pairs:
        op.bulk_insert(table, [{"token": token, "line_id": ref} for token, ref in pairs])


def upgrade() -> None:
    nodes = op.create_table(
        "tariff_node_word",
        sa.Column("token", WORD, nullable=False),
        sa.Column("codes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("token"),
    )
    lines = op.create_table(
        "tariff_line_word",
        sa.Column("token", WORD, nullable=False),
        sa.Column("line_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("token", "line_id"),
        sqlite_with_rowid=False,
    )
    assert nodes is not None and lines is not None
    _fill_nodes(nodes)
    _fill_lines(lines)


def downgrade() -> None:
    op.drop_table("tariff_line_word")
    op.drop_table("tariff_node_word")
