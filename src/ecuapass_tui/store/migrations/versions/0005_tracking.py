"""tracking

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

SENAE Tracking and Trámites Operativos: cargo, its containers, declarations (número de
entrega, DAI, canal de aforo, liquidación), tracking events, signed e-documents and the
installation's signing key, and the 1.11 requests for payment facilities with their files.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "payment_facility_counter",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year"),
    )
    op.create_table(
        "signing_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("algorithm", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("private_key", sa.LargeBinary(), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("retired_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "cargo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mrn", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("transport_doc_type", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("transport_doc", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("declarant_oce", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("district_code", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("regime", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
        sa.Column("goods", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
        ),
        sa.ForeignKeyConstraint(
            ["district_code"],
            ["customs_district.code"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("mrn"),
    )
    with op.batch_alter_table("cargo", schema=None) as batch_op:
        batch_op.create_index(
            "ix_cargo_company_updated", ["company_id", "updated_at", "id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_cargo_declarant_oce"), ["declarant_oce"], unique=False)
        batch_op.create_index(batch_op.f("ix_cargo_transport_doc"), ["transport_doc"], unique=False)
        batch_op.create_index("ix_cargo_updated", ["updated_at", "id"], unique=False)

    op.create_table(
        "cargo_container",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cargo_id", sa.Integer(), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=11), nullable=False),
        sa.ForeignKeyConstraint(["cargo_id"], ["cargo.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("cargo_id", "number", name="uq_cargo_container"),
    )
    with op.batch_alter_table("cargo_container", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cargo_container_cargo_id"), ["cargo_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_cargo_container_number"), ["number"], unique=False)

    op.create_table(
        "declaration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cargo_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("delivery_number", sqlmodel.sql.sqltypes.AutoString(length=21), nullable=False),
        sa.Column("dai_number", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("liquidation_number", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("liquidation_cents", sa.Integer(), nullable=False),
        sa.Column("transmitted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("accepted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("paid_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cargo_id"],
            ["cargo.id"],
        ),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dai_number"),
        sa.UniqueConstraint("delivery_number"),
        sa.UniqueConstraint("liquidation_number"),
    )
    with op.batch_alter_table("declaration", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_declaration_cargo_id"), ["cargo_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_declaration_company_id"), ["company_id"], unique=False)

    op.create_table(
        "e_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("cargo_id", sa.Integer(), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("direction", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("operation_type", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("doc_type", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("delivery_number", sqlmodel.sql.sqltypes.AutoString(length=21), nullable=False),
        sa.Column("delivered_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column(
            "transmission_state", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False
        ),
        sa.Column("document_state", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("signature", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("key_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cargo_id"],
            ["cargo.id"],
        ),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
        ),
        sa.ForeignKeyConstraint(
            ["key_id"],
            ["signing_key.id"],
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["e_document.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("e_document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_e_document_cargo_id"), ["cargo_id"], unique=False)
        batch_op.create_index(
            "ix_e_document_company_delivered", ["company_id", "delivered_at", "id"], unique=False
        )
        batch_op.create_index("ix_e_document_delivered", ["delivered_at", "id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_e_document_delivery_number"), ["delivery_number"], unique=False
        )
        batch_op.create_index("ix_e_document_parent", ["parent_id", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_e_document_sha256"), ["sha256"], unique=False)

    op.create_table(
        "payment_facility",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("requester_id", sa.Integer(), nullable=False),
        sa.Column("declaration_id", sa.Integer(), nullable=False),
        sa.Column("district_code", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("instalments", sa.Integer(), nullable=False),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("decided_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decision_note", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["declaration_id"],
            ["declaration.id"],
        ),
        sa.ForeignKeyConstraint(
            ["district_code"],
            ["customs_district.code"],
        ),
        sa.ForeignKeyConstraint(
            ["requester_id"],
            ["app_user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("number"),
    )
    with op.batch_alter_table("payment_facility", schema=None) as batch_op:
        batch_op.create_index(
            "ix_payment_facility_company_created", ["company_id", "created_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_payment_facility_declaration_id"), ["declaration_id"], unique=False
        )
        batch_op.create_index(
            "ix_payment_facility_state_created", ["state", "created_at", "id"], unique=False
        )

    op.create_table(
        "tracking_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cargo_id", sa.Integer(), nullable=False),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("who", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["cargo_id"],
            ["cargo.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("tracking_event", schema=None) as batch_op:
        batch_op.create_index("ix_tracking_event_cargo", ["cargo_id", "id"], unique=False)

    op.create_table(
        "payment_facility_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("media_type", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["payment_facility.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("payment_facility_attachment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_payment_facility_attachment_request_id"), ["request_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("payment_facility_attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_facility_attachment_request_id"))

    op.drop_table("payment_facility_attachment")
    with op.batch_alter_table("tracking_event", schema=None) as batch_op:
        batch_op.drop_index("ix_tracking_event_cargo")

    op.drop_table("tracking_event")
    with op.batch_alter_table("payment_facility", schema=None) as batch_op:
        batch_op.drop_index("ix_payment_facility_state_created")
        batch_op.drop_index(batch_op.f("ix_payment_facility_declaration_id"))
        batch_op.drop_index("ix_payment_facility_company_created")

    op.drop_table("payment_facility")
    with op.batch_alter_table("e_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_e_document_sha256"))
        batch_op.drop_index("ix_e_document_parent")
        batch_op.drop_index(batch_op.f("ix_e_document_delivery_number"))
        batch_op.drop_index("ix_e_document_delivered")
        batch_op.drop_index("ix_e_document_company_delivered")
        batch_op.drop_index(batch_op.f("ix_e_document_cargo_id"))

    op.drop_table("e_document")
    with op.batch_alter_table("declaration", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_declaration_company_id"))
        batch_op.drop_index(batch_op.f("ix_declaration_cargo_id"))

    op.drop_table("declaration")
    with op.batch_alter_table("cargo_container", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cargo_container_number"))
        batch_op.drop_index(batch_op.f("ix_cargo_container_cargo_id"))

    op.drop_table("cargo_container")
    with op.batch_alter_table("cargo", schema=None) as batch_op:
        batch_op.drop_index("ix_cargo_updated")
        batch_op.drop_index(batch_op.f("ix_cargo_transport_doc"))
        batch_op.drop_index(batch_op.f("ix_cargo_declarant_oce"))
        batch_op.drop_index("ix_cargo_company_updated")

    op.drop_table("cargo")
    op.drop_table("signing_key")
    op.drop_table("payment_facility_counter")
