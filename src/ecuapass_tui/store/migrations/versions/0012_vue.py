"""Ventanilla Unica requests

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

Requests to the control institutions (numbered per OCE code and year), their history, Pago-e
payments, declaraciones juramentadas de origen, supporting documents and the tie of an
institution's users.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vue_counter",
        sa.Column("scope", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("scope", "year"),
    )
    op.create_table(
        "vue_djo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("product", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("subpartida", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("values_json", sa.Text(), nullable=False),
        sa.Column("sig_algorithm", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("certificate", sa.LargeBinary(), nullable=False),
        sa.Column("signed_by", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("signed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["app_user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("number"),
    )
    op.create_index(op.f("ix_vue_djo_company_id"), "vue_djo", ["company_id"], unique=False)
    op.create_table(
        "vue_institution_member",
        sa.Column("user_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("institution_code", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["app_user.id"],
        ),
        sa.PrimaryKeyConstraint("user_id"),
    )
    op.create_index(
        op.f("ix_vue_institution_member_institution_code"),
        "vue_institution_member",
        ["institution_code"],
        unique=False,
    )
    op.create_table(
        "vue_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=21), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("oce_code", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("institution_code", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("form_code", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("values_json", sa.Text(), nullable=False),
        sa.Column("sig_algorithm", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("certificate", sa.LargeBinary(), nullable=False),
        sa.Column("signed_by", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("djo_id", sa.Integer(), nullable=True),
        sa.Column("fee_cents", sa.Integer(), nullable=True),
        sa.Column("fee_authorised_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("sent_document_id", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("sent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("state_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["djo_id"],
            ["vue_djo.id"],
        ),
        sa.ForeignKeyConstraint(
            ["sent_document_id"],
            ["e_document.id"],
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["e_document.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("number"),
    )
    op.create_index(
        "ix_vue_request_company", "vue_request", ["company_id", "state_at", "id"], unique=False
    )
    op.create_index(
        "ix_vue_request_company_inst",
        "vue_request",
        ["company_id", "institution_code", "state_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_vue_request_company_state",
        "vue_request",
        ["company_id", "state", "state_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_vue_request_inst_state",
        "vue_request",
        ["institution_code", "state", "state_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_vue_request_institution",
        "vue_request",
        ["institution_code", "state_at", "id"],
        unique=False,
    )
    op.create_table(
        "vue_payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("bank_reference", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("paid_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("paid_by", sa.Integer(), nullable=False),
        sa.Column("reversed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("reversal_reason", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["paid_by"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["vue_request.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_vue_payment_request_id"), "vue_payment", ["request_id"], unique=False)
    op.create_table(
        "vue_request_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("from_state", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["vue_request.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_vue_request_event_request", "vue_request_event", ["request_id", "id"], unique=False
    )
    op.create_table(
        "vue_support_doc",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("issuer", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("dai_number", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("linked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("superseded_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["vue_request.id"],
        ),
        sa.ForeignKeyConstraint(
            ["superseded_by"],
            ["vue_support_doc.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_vue_support_doc_company_id"), "vue_support_doc", ["company_id"], unique=False
    )
    op.create_table(
        "vue_request_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["request_id"], ["vue_request.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_vue_request_file_request_id"), "vue_request_file", ["request_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_vue_request_file_request_id"), table_name="vue_request_file")
    op.drop_table("vue_request_file")
    op.drop_index(op.f("ix_vue_support_doc_company_id"), table_name="vue_support_doc")
    op.drop_table("vue_support_doc")
    op.drop_index("ix_vue_request_event_request", table_name="vue_request_event")
    op.drop_table("vue_request_event")
    op.drop_index(op.f("ix_vue_payment_request_id"), table_name="vue_payment")
    op.drop_table("vue_payment")
    op.drop_index("ix_vue_request_institution", table_name="vue_request")
    op.drop_index("ix_vue_request_inst_state", table_name="vue_request")
    op.drop_index("ix_vue_request_company_state", table_name="vue_request")
    op.drop_index("ix_vue_request_company_inst", table_name="vue_request")
    op.drop_index("ix_vue_request_company", table_name="vue_request")
    op.drop_table("vue_request")
    op.drop_index(
        op.f("ix_vue_institution_member_institution_code"), table_name="vue_institution_member"
    )
    op.drop_table("vue_institution_member")
    op.drop_index(op.f("ix_vue_djo_company_id"), table_name="vue_djo")
    op.drop_table("vue_djo")
    op.drop_table("vue_counter")
