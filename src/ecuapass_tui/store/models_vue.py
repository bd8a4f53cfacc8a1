"""Ventanilla Única tables: requests to the control institutions, their history, fees paid
through Pago-e, declaraciones juramentadas de origen, supporting documents and the tie of an
institution's users. The catalog of institutions and forms is a data file
(`data/vue/catalog.toml`): rows keep its codes. Amounts are integer US cents; times aware UTC."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, LargeBinary, Text
from sqlmodel import Field, SQLModel


class VueCounter(SQLModel, table=True):
    """The last sequence given per scope (an OCE code, or `DJO`) and year; updated in the
    request's own transaction: unique under concurrent writers, no gap from a failed send."""

    __tablename__ = "vue_counter"
    scope: str = Field(primary_key=True, max_length=8)
    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    last: int = Field(default=0)


class VueInstitutionMember(SQLModel, table=True):
    """An Entidad or Representante de la entidad user and the institution he works for."""

    __tablename__ = "vue_institution_member"
    user_id: int = Field(
        primary_key=True, foreign_key="app_user.id", sa_column_kwargs={"autoincrement": False}
    )
    institution_code: str = Field(index=True, max_length=12)


class VueDjo(SQLModel, table=True):
    """A declaración juramentada de origen, signed with the user's certificate."""

    __tablename__ = "vue_djo"
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, max_length=20)
    company_id: int = Field(foreign_key="company.id", index=True)
    product: str = Field(max_length=300)
    subpartida: str = Field(max_length=10)
    values_json: str = Field(sa_column=Column(Text, nullable=False))
    sig_algorithm: str = Field(max_length=30)
    signature: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    certificate: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    signed_by: str = Field(max_length=300)
    signed_at: datetime
    valid_from: date
    valid_until: date
    created_by: int = Field(foreign_key="app_user.id")


class VueRequest(SQLModel, table=True):
    """A request (solicitud) to an institution. `state` is the published processing code;
    `state_at` the time of the last change (the lists' keyset)."""

    __tablename__ = "vue_request"
    __table_args__ = (
        Index("ix_vue_request_company", "company_id", "state_at", "id"),
        Index("ix_vue_request_company_inst", "company_id", "institution_code", "state_at", "id"),
        Index("ix_vue_request_company_state", "company_id", "state", "state_at", "id"),
        Index("ix_vue_request_institution", "institution_code", "state_at", "id"),
        Index("ix_vue_request_inst_state", "institution_code", "state", "state_at", "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, max_length=21)
    company_id: int = Field(foreign_key="company.id")
    oce_code: str = Field(max_length=8)
    institution_code: str = Field(max_length=12)
    form_code: str = Field(max_length=20)
    kind: str = Field(max_length=16)
    state: str = Field(max_length=3)
    values_json: str = Field(sa_column=Column(Text, nullable=False))
    sig_algorithm: str = Field(max_length=30)
    signature: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    certificate: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    signed_by: str = Field(max_length=300)
    djo_id: int | None = Field(default=None, foreign_key="vue_djo.id")
    fee_cents: int | None = None
    fee_authorised_at: datetime | None = None
    # The request as sent and the document its approval issued, among the e-documents (1.3, 1.6).
    sent_document_id: int | None = Field(default=None, foreign_key="e_document.id")
    document_id: int | None = Field(default=None, foreign_key="e_document.id")
    valid_until: date | None = None
    created_by: int = Field(foreign_key="app_user.id")
    sent_at: datetime
    state_at: datetime
    version: int = Field(default=1)


class VueRequestEvent(SQLModel, table=True):
    """One change of a request's state (append-only): who, when, and why."""

    __tablename__ = "vue_request_event"
    __table_args__ = (Index("ix_vue_request_event_request", "request_id", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="vue_request.id")
    from_state: str = Field(default="", max_length=3)
    state: str = Field(max_length=3)
    at: datetime
    actor_id: int | None = Field(default=None, foreign_key="app_user.id")
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class VuePayment(SQLModel, table=True):
    """A fee paid through Pago-e (the bank's reference), and its reversal when there was one."""

    __tablename__ = "vue_payment"
    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="vue_request.id", index=True)
    amount_cents: int
    bank_reference: str = Field(max_length=40)
    paid_at: datetime
    paid_by: int = Field(foreign_key="app_user.id")
    reversed_at: datetime | None = None
    reversal_reason: str = Field(default="", max_length=500)


class VueSupportDoc(SQLModel, table=True):
    """A supporting PDF (factura, lista de empaque, …). Once linked to a DAI or a request it
    cannot change: a correction is a new row, and the old one points at it (`superseded_by`)."""

    __tablename__ = "vue_support_doc"
    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    kind: str = Field(max_length=30)
    number: str = Field(max_length=60)
    issued_on: date
    issuer: str = Field(max_length=200)
    sha256: str = Field(max_length=64)
    file_name: str = Field(max_length=120)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    dai_number: str = Field(default="", max_length=30)
    request_id: int | None = Field(default=None, foreign_key="vue_request.id")
    linked_at: datetime | None = None
    superseded_by: int | None = Field(default=None, foreign_key="vue_support_doc.id")
    created_at: datetime
    created_by: int = Field(foreign_key="app_user.id")


class VueRequestFile(SQLModel, table=True):
    """A file attached to a request (Adjuntos), kept as sent and signed (its SHA-256 is in the
    signed text)."""

    __tablename__ = "vue_request_file"
    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="vue_request.id", index=True)
    name: str = Field(max_length=120)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
