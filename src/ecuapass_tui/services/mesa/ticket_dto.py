"""Plain data of the Mesa de Servicios: states, kinds, and what the ticket services return."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class TicketKind(StrEnum):
    INCIDENTE = "incidente"
    CONSULTA = "consulta"
    QUEJA = "queja"


class Channel(StrEnum):
    EN_LINEA = "en_linea"
    TELEFONICO = "telefonico"
    CORREO = "correo"


class TicketState(StrEnum):
    REGISTRADO = "registrado"
    EN_ANALISIS = "en_analisis"
    PENDIENTE_INFORMACION = "pendiente_informacion"
    RESPONDIDO = "respondido"
    CERRADO = "cerrado"
    ANULADO = "anulado"


OPEN_STATES = frozenset(
    {
        TicketState.REGISTRADO,
        TicketState.EN_ANALISIS,
        TicketState.PENDIENTE_INFORMACION,
        TicketState.RESPONDIDO,
    }
)
# States in which the desk still owes work (the SLA clock runs, unless paused).
WORKING_STATES = frozenset({TicketState.REGISTRADO, TicketState.EN_ANALISIS})


class Closure(StrEnum):
    CONFORME = "conforme"
    NO_CONFORME = "no_conforme"
    SIN_RESPUESTA = "sin_respuesta"
    ATENDIDO_EN_LLAMADA = "atendido_en_llamada"
    FUSIONADO = "fusionado"


class Outcome(StrEnum):
    SERVICIO_ATENDIDO = "servicio_atendido"
    INCIDENTE_SOLUCIONADO = "incidente_solucionado"
    TRAMITE_EXITOSO = "tramite_exitoso"
    CONSULTA_ABSUELTA = "consulta_absuelta"


class Action(StrEnum):
    """What an actor may do to a ticket now (`TicketDetail.actions`)."""

    REPLY = "reply"  # user: answer a request for information
    ACCEPT = "accept"  # user: Aceptar (conforme, with a rating)
    REJECT = "reject"  # user: No conforme (a new linked ticket opens)
    QUEJA = "queja"  # user: complain about the service of a closed ticket
    TAKE = "take"
    ASSIGN = "assign"
    ASK = "ask"  # Solicitar información
    ANSWER = "answer"
    NOTE = "note"
    LINK = "link"
    MERGE = "merge"
    CANCEL = "cancel"  # Anular


@dataclass(frozen=True)
class Opened:
    id: int
    number: str


@dataclass(frozen=True)
class TicketRow:
    """One line of a queue or of Mis tickets."""

    id: int
    number: str
    kind: str
    channel: str
    state: str
    closure: str
    subject: str
    queue_code: str
    assignee_name: str
    requester_name: str
    district_code: str
    created_at: datetime
    updated_at: datetime
    first_response_due: datetime
    resolution_due: datetime
    decision_due: datetime | None
    paused: bool
    overdue: bool

    @property
    def due(self) -> datetime | None:
        """The time that matters now: the desk's due time while it works the ticket, the
        user's decision deadline while it is Respondido, nothing once it is closed."""
        if self.state == TicketState.RESPONDIDO:
            return self.decision_due
        if self.state in (TicketState.CERRADO, TicketState.ANULADO) or self.paused:
            return None
        return self.resolution_due


@dataclass(frozen=True)
class TicketPage:
    rows: tuple[TicketRow, ...]
    next_cursor: str | None  # pass back as `after` for the next page; None on the last page


@dataclass(frozen=True)
class QueueFilter:
    queue: str | None = None
    state: str | None = None  # a TicketState, or "open" for every open state
    kind: str | None = None
    district: str | None = None
    assignee: str | None = None  # "me", "none", or a user id as text
    due: str | None = None  # "overdue" or "today"
    text: str = ""


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    name: str
    media_type: str
    size: int
    sha256: str
    event_id: int | None


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: datetime
    actor_name: str
    kind: str  # created, assigned, taken, info_requested, user_reply, answered, note, ...
    public: bool
    from_state: str
    to_state: str
    body: str


@dataclass(frozen=True)
class FormEntry:
    """One field of the form the ticket was opened with, as it was filled."""

    name: str
    value: str  # a choice's code, a date and time in ISO form, or the text as typed


@dataclass(frozen=True)
class TicketDetail:
    row: TicketRow
    contact_name: str
    contact_document: str
    contact_email: str
    contact_phone: str
    tipo_persona: str
    oce_type_code: str
    motive: str
    system_option: str
    related_document: str
    event_at: datetime | None
    description: str
    outcome: str
    rating: int | None
    rating_comment: str
    answered_at: datetime | None
    closed_at: datetime | None
    parent_number: str | None
    merged_into_number: str | None
    follow_ups: tuple[str, ...]  # tickets opened from this one (no conforme, queja)
    linked: tuple[str, ...]
    history: tuple[HistoryEntry, ...]  # only public entries for the user
    attachments: tuple[AttachmentInfo, ...]
    actions: frozenset[str] = field(default_factory=frozenset)
    form_id: str = ""  # the form the ticket was opened with ("" for a queja)
    form: tuple[FormEntry, ...] = ()  # every field filled, in the form's order


@dataclass(frozen=True)
class QueueInfo:
    code: str
    name: str


@dataclass(frozen=True)
class AnalystInfo:
    id: int
    username: str
    full_name: str


@dataclass(frozen=True)
class CannedAnswer:
    id: str
    title: str
    body: str
    outcome: str
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Caller:
    """A registered user found for a phone intake."""

    user_id: int
    username: str
    full_name: str
    document: str
    email: str
    phone: str
    tipo_persona: str
    company_ruc: str | None
    company_name: str | None
