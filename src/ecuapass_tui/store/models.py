"""SQLModel tables. Times are aware UTC datetimes (sqlmodel UTCDateTime); screens show
America/Guayaquil."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, LargeBinary, Text, UniqueConstraint, text
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
    # What the notice says, drawn in each reader's language (services/notice_texts.py); subject
    # and body keep the Spanish text (e-mails, and rows written before the code existed).
    code: str = Field(default="", max_length=40)
    params: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


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


# ---------------------------------------------------------------- Mesa de Servicios

OPEN_STATES_SQL = "state IN ('registrado', 'en_analisis', 'pendiente_informacion', 'respondido')"


class TicketCounter(SQLModel, table=True):
    """The last ticket number given in a year; updated in the ticket's own transaction, so
    numbers are unique under concurrent writers and a failed submit leaves no gap."""

    __tablename__ = "ticket_counter"
    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    last: int = Field(default=0)


class TicketQueue(SQLModel, table=True):
    """A queue of the desk (`data/routing.toml`), e.g. the Jefatura de Análisis Funcional."""

    __tablename__ = "ticket_queue"
    code: str = Field(primary_key=True, max_length=40)
    name_es: str = Field(max_length=120)
    name_en: str = Field(max_length=120)


class QueueMember(SQLModel, table=True):
    """An analyst works the queues he is a member of."""

    __tablename__ = "queue_member"
    __table_args__ = (UniqueConstraint("queue_code", "user_id", name="uq_queue_member"),)
    id: int | None = Field(default=None, primary_key=True)
    queue_code: str = Field(foreign_key="ticket_queue.code", max_length=40)
    user_id: int = Field(foreign_key="app_user.id", index=True)


class Ticket(SQLModel, table=True):
    """A Mesa de Servicios ticket: an incident report, a consultation or a queja."""

    __tablename__ = "ticket"
    __table_args__ = (
        Index("ix_ticket_queue_state_due", "queue_code", "state", "resolution_due", "id"),
        Index("ix_ticket_due", "resolution_due", "id"),
        Index("ix_ticket_requester_created", "requester_id", "created_at"),
        Index("ix_ticket_company_created", "company_id", "created_at"),
        Index("ix_ticket_assignee_due", "assignee_id", "resolution_due", "id"),
        Index("ix_ticket_district_due", "district_code", "resolution_due", "id"),
        Index("ix_ticket_updated", "updated_at"),
        # The open queue in due order; queries name the states with the same literal
        # (`search.OPEN_STATES_SQL`) so that SQLite and PostgreSQL can use it.
        Index(
            "ix_ticket_open_due",
            "resolution_due",
            "id",
            sqlite_where=text(OPEN_STATES_SQL),
            postgresql_where=text(OPEN_STATES_SQL),
        ),
        # The sin respuesta sweep looks for answered tickets past their decision time.
        Index(
            "ix_ticket_respondido_decision",
            "decision_due",
            sqlite_where=text("state = 'respondido'"),
            postgresql_where=text("state = 'respondido'"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, max_length=16)
    kind: str = Field(max_length=20)
    channel: str = Field(default="en_linea", max_length=20)
    state: str = Field(max_length=30)
    closure: str = Field(default="", max_length=30)
    outcome: str = Field(default="", max_length=40)
    requester_id: int | None = Field(default=None, foreign_key="app_user.id")
    company_id: int | None = Field(default=None, foreign_key="company.id")
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    contact_name: str = Field(max_length=150)
    contact_document: str = Field(default="", max_length=20)
    contact_email: str = Field(default="", max_length=254)
    contact_phone: str = Field(default="", max_length=40)
    tipo_persona: str = Field(default="", max_length=30)
    oce_type_code: str = Field(default="", max_length=40)
    district_code: str | None = Field(default=None, foreign_key="customs_district.code")
    motive: str = Field(default="", max_length=40)
    system_option: str = Field(default="", max_length=200)
    related_document: str = Field(default="", max_length=30)
    event_at: datetime | None = None
    subject: str = Field(max_length=200)
    description: str = Field(sa_column=Column(Text, nullable=False))
    values_json: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    queue_code: str = Field(foreign_key="ticket_queue.code", max_length=40)
    assignee_id: int | None = Field(default=None, foreign_key="app_user.id")
    parent_id: int | None = Field(default=None, foreign_key="ticket.id", index=True)
    merged_into_id: int | None = Field(default=None, foreign_key="ticket.id")
    created_at: datetime = Field(index=True)
    updated_at: datetime
    first_response_due: datetime
    resolution_due: datetime
    first_response_at: datetime | None = None
    answered_at: datetime | None = None
    decision_due: datetime | None = None
    closed_at: datetime | None = None
    paused_at: datetime | None = None
    rating: int | None = None
    rating_comment: str = Field(default="", max_length=500)
    version: int = Field(default=1)


class TicketEvent(SQLModel, table=True):
    """One step in a ticket's history. `public` events are shown to the user; internal notes
    and assignments are not."""

    __tablename__ = "ticket_event"
    __table_args__ = (Index("ix_ticket_event_ticket", "ticket_id", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id")
    at: datetime
    actor_id: int | None = Field(default=None, foreign_key="app_user.id")
    kind: str = Field(max_length=30)
    public: bool = Field(default=True)
    from_state: str = Field(default="", max_length=30)
    to_state: str = Field(default="", max_length=30)
    body: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class TicketAttachment(SQLModel, table=True):
    """A file of a ticket, as bytes in the ticket's transaction (a backup holds both)."""

    __tablename__ = "ticket_attachment"
    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    event_id: int | None = Field(default=None, foreign_key="ticket_event.id")
    field: str = Field(default="", max_length=60)
    name: str = Field(max_length=200)
    media_type: str = Field(max_length=100)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class TicketLink(SQLModel, table=True):
    """Two tickets an analyst linked as related (Vincular); stored once, lower id first."""

    __tablename__ = "ticket_link"
    __table_args__ = (UniqueConstraint("ticket_id", "other_id", name="uq_ticket_link"),)
    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    other_id: int = Field(foreign_key="ticket.id", index=True)
    created_at: datetime
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")


class OutboxMail(SQLModel, table=True):
    """E-mail waiting to be sent: written in the transaction of the change it tells about,
    sent after the commit by `services.mailer`, retried on failure."""

    __tablename__ = "outbox_mail"
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime
    to_addr: str = Field(max_length=254)
    subject: str = Field(max_length=300)
    body: str = Field(sa_column=Column(Text, nullable=False))
    attempts: int = Field(default=0)
    next_attempt_at: datetime = Field(index=True)
    sent_at: datetime | None = None
    last_error: str = Field(default="", max_length=300)
    # Sent as the mail's Message-ID: a reply names it, and a message of ours coming back is known.
    message_id: str = Field(default="", index=True, max_length=250)


from ecuapass_tui.store import models_accounts as models_accounts  # noqa: E402
from ecuapass_tui.store import models_figures as models_figures  # noqa: E402
from ecuapass_tui.store import models_mail as models_mail  # noqa: E402
from ecuapass_tui.store import models_rates as models_rates  # noqa: E402
from ecuapass_tui.store import models_tariff as models_tariff  # noqa: E402
from ecuapass_tui.store import models_tracking as models_tracking  # noqa: E402
from ecuapass_tui.store import models_vue as models_vue  # noqa: E402
