"""SENAE Tracking and Trámites Operativos tables: cargo through the stages of an import
(DOMAIN.md), its declarations, tracking events, e-documents (1.3, 1.6, 2.7) and the 1.11
requests for payment facilities. Amounts are integer US cents; times aware UTC."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class Cargo(SQLModel, table=True):
    """A consignment under import: its manifest (MRN), transport document and where it is.
    `stage` and `channel` repeat the last event so that lists need no join."""

    __tablename__ = "cargo"
    __table_args__ = (
        Index("ix_cargo_company_updated", "company_id", "updated_at", "id"),
        Index("ix_cargo_updated", "updated_at", "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    mrn: str = Field(unique=True, max_length=30)
    transport_doc_type: str = Field(max_length=3)
    transport_doc: str = Field(index=True, max_length=40)
    company_id: int = Field(foreign_key="company.id")
    declarant_oce: str = Field(default="", index=True, max_length=8)
    district_code: str = Field(foreign_key="customs_district.code", max_length=3)
    regime: str = Field(default="10", max_length=4)
    goods: str = Field(default="", max_length=300)
    stage: str = Field(default="", max_length=40)
    channel: str = Field(default="", max_length=20)
    created_at: datetime
    updated_at: datetime
    version: int = Field(default=1)


class CargoContainer(SQLModel, table=True):
    __tablename__ = "cargo_container"
    __table_args__ = (UniqueConstraint("cargo_id", "number", name="uq_cargo_container"),)
    id: int | None = Field(default=None, primary_key=True)
    cargo_id: int = Field(foreign_key="cargo.id", index=True, ondelete="CASCADE")
    number: str = Field(index=True, max_length=11)


class Declaration(SQLModel, table=True):
    """A DAI for a cargo. The número de entrega (21 characters) is given when it is
    transmitted; the DAI number, channel and liquidación when it is accepted."""

    __tablename__ = "declaration"
    id: int | None = Field(default=None, primary_key=True)
    cargo_id: int = Field(foreign_key="cargo.id", index=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    delivery_number: str = Field(unique=True, max_length=21)
    dai_number: str | None = Field(default=None, unique=True, max_length=30)
    channel: str = Field(default="", max_length=20)
    liquidation_number: str | None = Field(default=None, unique=True, max_length=20)
    liquidation_cents: int = Field(default=0)
    transmitted_at: datetime
    accepted_at: datetime | None = None
    paid_at: datetime | None = None


class TrackingEvent(SQLModel, table=True):
    """One stage reached by a cargo (append-only). `who` is the person or system that
    reported it (a user's name, a depósito in a CSV import, SENAE)."""

    __tablename__ = "tracking_event"
    __table_args__ = (Index("ix_tracking_event_cargo", "cargo_id", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    cargo_id: int = Field(foreign_key="cargo.id")
    stage: str = Field(max_length=40)
    at: datetime
    detail: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    who: str = Field(default="", max_length=120)
    actor_id: int | None = Field(default=None, foreign_key="app_user.id")
    source: str = Field(default="manual", max_length=10)
    recorded_at: datetime


class EDocument(SQLModel, table=True):
    """An electronic document sent or received by a company, signed when stored: `sha256`
    of `content` (UTF-8) and an Ed25519 `signature` over it by the installation key.
    Notifications (e.g. Notificación de aceptado) point at their document by `parent_id`."""

    __tablename__ = "e_document"
    __table_args__ = (
        Index("ix_e_document_company_delivered", "company_id", "delivered_at", "id"),
        Index("ix_e_document_delivered", "delivered_at", "id"),
        Index("ix_e_document_parent", "parent_id", "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id")
    cargo_id: int | None = Field(default=None, foreign_key="cargo.id", index=True)
    parent_id: int | None = Field(default=None, foreign_key="e_document.id")
    direction: str = Field(max_length=10)
    operation_type: str = Field(max_length=20)
    doc_type: str = Field(max_length=30)
    title: str = Field(max_length=200)
    delivery_number: str = Field(default="", index=True, max_length=21)
    delivered_at: datetime
    transmission_state: str = Field(max_length=30)
    document_state: str = Field(max_length=30)
    content: str = Field(sa_column=Column(Text, nullable=False))
    sha256: str = Field(index=True, max_length=64)
    signature: str = Field(max_length=200)
    key_id: int = Field(foreign_key="signing_key.id")


class SigningKey(SQLModel, table=True):
    """The installation's Ed25519 key for e-documents (created on first use). Old keys stay
    so that documents signed with them still verify."""

    __tablename__ = "signing_key"
    id: int | None = Field(default=None, primary_key=True)
    algorithm: str = Field(default="ed25519", max_length=20)
    private_key: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    public_key: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime
    retired_at: datetime | None = None


class PaymentFacilityCounter(SQLModel, table=True):
    __tablename__ = "payment_facility_counter"
    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    last: int = Field(default=0)


class PaymentFacility(SQLModel, table=True):
    """1.11: a request to pay a pending liquidación in instalments; staff decide it."""

    __tablename__ = "payment_facility"
    __table_args__ = (
        Index("ix_payment_facility_company_created", "company_id", "created_at"),
        Index("ix_payment_facility_state_created", "state", "created_at", "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, max_length=16)
    company_id: int = Field(foreign_key="company.id")
    requester_id: int = Field(foreign_key="app_user.id")
    declaration_id: int = Field(foreign_key="declaration.id", index=True)
    district_code: str = Field(foreign_key="customs_district.code", max_length=3)
    amount_cents: int
    instalments: int
    justification: str = Field(sa_column=Column(Text, nullable=False))
    state: str = Field(max_length=20)
    created_at: datetime
    decided_at: datetime | None = None
    decided_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    decision_note: str = Field(default="", max_length=1000)
    version: int = Field(default=1)


class PaymentFacilityAttachment(SQLModel, table=True):
    __tablename__ = "payment_facility_attachment"
    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="payment_facility.id", index=True)
    name: str = Field(max_length=200)
    media_type: str = Field(max_length=100)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
