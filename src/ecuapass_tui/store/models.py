"""SQLModel tables. Times are aware UTC datetimes (sqlmodel UTCDateTime); screens show
America/Guayaquil."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

# ---------------------------------------------------------------- catalogs


class OceType(SQLModel, table=True):
    __tablename__ = "oce_type"
    code: str = Field(primary_key=True, max_length=40)
    name_es: str = Field(max_length=120)
    name_en: str = Field(max_length=120)


class CustomsDistrict(SQLModel, table=True):
    __tablename__ = "customs_district"
    code: str = Field(primary_key=True, max_length=3)
    name: str = Field(max_length=120)


class Province(SQLModel, table=True):
    __tablename__ = "province"
    code: str = Field(primary_key=True, max_length=2)
    name: str = Field(max_length=80)
    iso_code: str = Field(max_length=6)


class Canton(SQLModel, table=True):
    __tablename__ = "canton"
    code: str = Field(primary_key=True, max_length=4)
    province_code: str = Field(foreign_key="province.code", index=True, max_length=2)
    name: str = Field(max_length=80)


# ---------------------------------------------------------------- companies and users


class Company(SQLModel, table=True):
    __tablename__ = "company"
    id: int | None = Field(default=None, primary_key=True)
    ruc: str = Field(unique=True, max_length=13)
    razon_social: str = Field(max_length=200)
    direccion: str = Field(default="", max_length=300)
    telefono: str = Field(default="", max_length=40)
    tipo_persona: str = Field(max_length=30)
    created_at: datetime


class OceRegistration(SQLModel, table=True):
    __tablename__ = "oce_registration"
    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    code: str = Field(unique=True, max_length=8)
    oce_type_code: str = Field(foreign_key="oce_type.code", max_length=40)
    start: date
    end: date
    state: str = Field(default="activo", max_length=20)


class User(SQLModel, table=True):
    __tablename__ = "app_user"
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, max_length=40)
    user_class: str = Field(max_length=40)
    company_id: int | None = Field(default=None, foreign_key="company.id", index=True)
    id_doc_type: str = Field(default="cedula", max_length=20)
    id_doc_number: str = Field(default="", max_length=20)
    full_name: str = Field(max_length=200)
    email: str = Field(default="", max_length=254)
    phone1: str = Field(default="", max_length=40)
    phone2: str = Field(default="", max_length=40)
    mobile: str = Field(default="", max_length=40)
    province_code: str | None = Field(default=None, foreign_key="province.code", max_length=2)
    canton_code: str | None = Field(default=None, foreign_key="canton.code", max_length=4)
    password_hash: str = Field(max_length=200)
    state: str = Field(default="activo", max_length=20)
    disabled_reason: str = Field(default="", max_length=300)
    failed_attempts: int = Field(default=0)
    locked_until: datetime | None = None
    language: str = Field(default="es", max_length=2)
    data_updated_at: date | None = None
    created_at: datetime
    last_login_at: datetime | None = None


class MailboxNotice(SQLModel, table=True):
    __tablename__ = "mailbox_notice"
    __table_args__ = (Index("ix_mailbox_notice_user_created", "user_id", "created_at"),)
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id")
    sender: str = Field(default="SENAE", max_length=80)
    recipient: str = Field(default="BUZON PERSONAL", max_length=80)
    subject: str = Field(max_length=300)
    body: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: datetime
    read_at: datetime | None = None


class AuditEvent(SQLModel, table=True):
    """Append-only: services insert, nothing updates or deletes."""

    __tablename__ = "audit_event"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    actor_id: int | None = Field(default=None, foreign_key="app_user.id")
    action: str = Field(max_length=60)
    entity: str = Field(max_length=40)
    entity_id: str = Field(default="", max_length=40)
    from_state: str = Field(default="", max_length=40)
    to_state: str = Field(default="", max_length=40)
    detail: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class Favourite(SQLModel, table=True):
    """Mi menú: up to six options per user, in slots 1-6."""

    __tablename__ = "favourite"
    __table_args__ = (
        UniqueConstraint("user_id", "slot", name="uq_favourite_slot"),
        UniqueConstraint("user_id", "option_number", name="uq_favourite_option"),
    )
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    slot: int
    option_number: str = Field(max_length=20)


class FormDraft(SQLModel, table=True):
    """What a user has typed into a form, saved while typing (one per user and form)."""

    __tablename__ = "form_draft"
    __table_args__ = (UniqueConstraint("user_id", "form_id", name="uq_form_draft_user_form"),)
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    form_id: str = Field(max_length=60)
    values_json: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime


class DraftAttachment(SQLModel, table=True):
    """A file chosen in a draft, kept as bytes so that a restored draft has it too."""

    __tablename__ = "draft_attachment"
    id: int | None = Field(default=None, primary_key=True)
    draft_id: int = Field(foreign_key="form_draft.id", index=True, ondelete="CASCADE")
    field: str = Field(max_length=60)
    position: int = Field(default=0)
    name: str = Field(max_length=200)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class Suggestion(SQLModel, table=True):
    """3.8 Sugerencias: a suggestion, compliment or complaint about the portal."""

    __tablename__ = "suggestion"
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    kind: str = Field(max_length=30)
    related_option: str = Field(default="", max_length=20)
    subject: str = Field(max_length=150)
    body: str = Field(sa_column=Column(Text, nullable=False))
    email: str = Field(default="", max_length=254)
    created_at: datetime = Field(index=True)
