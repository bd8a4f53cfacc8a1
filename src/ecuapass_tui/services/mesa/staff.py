"""Mesa de Servicios, the staff's side: the queue, and what analysts do to a ticket (take,
assign, ask for information, answer, note, link, merge, cancel), phone intake, and the sweep
that closes answered tickets the user never decided on.

Analysts see their queues and what is assigned to them; supervisors and administrators see
everything. Every check is here, not in the screens.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import literal_column
from sqlalchemy import text as sql
from sqlmodel import Session, col, or_, select

from ecuapass_tui.core.clock import local, start_of_local_day
from ecuapass_tui.core.resources import read_toml
from ecuapass_tui.core.roles import STAFF_CLASSES, UserClass
from ecuapass_tui.forms.engine import Invalid, validate
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, NotFound, PermissionDenied
from ecuapass_tui.services.mesa import sla
from ecuapass_tui.services.mesa import ticket_store as ts
from ecuapass_tui.services.mesa.routing import routing
from ecuapass_tui.services.mesa.ticket_dto import (
    OPEN_STATES,
    AnalystInfo,
    Caller,
    CannedAnswer,
    Channel,
    Closure,
    Opened,
    Outcome,
    QueueFilter,
    QueueInfo,
    TicketPage,
    TicketState,
)
from ecuapass_tui.services.mesa.tickets import TicketInvalid, check_text, create
from ecuapass_tui.store import search
from ecuapass_tui.store.models import (
    OPEN_STATES_SQL,
    Company,
    QueueMember,
    Ticket,
    TicketLink,
    TicketQueue,
    User,
)

PHONE_FORM = "atencion_telefonica"

# ---------------------------------------------------------------- the queue


def queues(session: Session, actor: Actor, language: str = "es") -> list[QueueInfo]:
    ts.require_staff(actor)
    rows = session.exec(select(TicketQueue).order_by(col(TicketQueue.name_es))).all()
    mine = None if ts.is_supervisor(actor) else ts.member_queues(session, actor)
    return [
        QueueInfo(q.code, q.name_en if language == "en" else q.name_es)
        for q in rows
        if mine is None or q.code in mine
    ]


def analysts(session: Session, actor: Actor) -> list[AnalystInfo]:
    ts.require_staff(actor)
    rows = session.exec(
        select(User)
        .where(col(User.user_class).in_(list(STAFF_CLASSES)), User.state == "activo")
        .order_by(col(User.full_name))
    ).all()
    return [AnalystInfo(u.id or 0, u.username, u.full_name) for u in rows]


def _sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _scanned(session: Session, column: Any, name: str) -> Any:
    """On SQLite, `+column`: the same value, but no index on it drives the query. The pages
    are read in due order from ix_ticket_open_due / ix_ticket_due and stop at the page size;
    letting an index on the filter drive instead collects every match and sorts them
    (benchmarks/queue_bench.py: 500 ms against 1 ms at 1,000,000 tickets)."""
    return literal_column(f"+ticket.{name}") if _sqlite(session) else column


def _visible(session: Session, actor: Actor) -> Any:
    """The condition for the tickets an analyst may see (None: everything)."""
    if ts.is_supervisor(actor):
        return None
    mine = sorted(ts.member_queues(session, actor))
    return or_(
        _scanned(session, col(Ticket.queue_code), "queue_code").in_(mine),
        _scanned(session, col(Ticket.assignee_id), "assignee_id") == actor.user_id,
    )


def _text_filter(session: Session, query: Any, words: str) -> Any:
    found = search.words(words)
    if not found:
        return query
    prefix = search.number_prefix(words)
    if prefix in ("MS", "MS-"):
        return query  # every ticket number starts so
    if prefix is not None:
        # The start of a ticket number (or a whole one): a range of numbers. A whole number
        # is found through the unique index; a short start matches too many for that.
        following = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        number = col(Ticket.number)
        if len(prefix) < len("MS-2026-0000"):
            number = _scanned(session, number, "number")
        return query.where(number >= prefix, number < following)
    if not _sqlite(session):
        match = sql(f"{search.PG_VECTOR} @@ to_tsquery('spanish'::regconfig, :tsq)").bindparams(
            tsq=search.pg_tsquery(words)
        )
        return query.where(match)
    matches = sql("SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH :fts").bindparams(
        fts=search.fts_query(words)
    )
    return query.where(_scanned(session, col(Ticket.id), "id").in_(matches))


def queue_page(
    session: Session,
    actor: Actor,
    filters: QueueFilter,
    *,
    now: datetime,
    after: str | None = None,
    limit: int = 50,
) -> TicketPage:
    """One page of the queue, sorted by due time (keyset pagination: `after` is the cursor
    of the previous page; the table is never loaded whole)."""
    ts.require_staff(actor)
    query = select(Ticket)
    visible = _visible(session, actor)
    if visible is not None:
        query = query.where(visible)
    # With the open states (the queue's default) the page is read from ix_ticket_open_due in
    # due order; a queue or a district then filters rows on the way instead of driving.
    by_due = filters.state == "open"
    if filters.queue:
        queue = col(Ticket.queue_code)
        query = query.where(
            (_scanned(session, queue, "queue_code") if by_due else queue) == filters.queue
        )
    if filters.state == "open":
        # The same literal as the partial index ix_ticket_open_due (a bound list would not
        # prove the index's condition).
        query = query.where(sql(OPEN_STATES_SQL))
    elif filters.state:
        query = query.where(Ticket.state == filters.state)
    if filters.kind:
        query = query.where(Ticket.kind == filters.kind)
    if filters.district:
        district = col(Ticket.district_code)
        query = query.where(
            (_scanned(session, district, "district_code") if by_due else district)
            == filters.district
        )
    if filters.assignee == "me":
        query = query.where(Ticket.assignee_id == actor.user_id)
    elif filters.assignee == "none":
        query = query.where(col(Ticket.assignee_id).is_(None))
    elif filters.assignee and filters.assignee.isdigit():
        query = query.where(Ticket.assignee_id == int(filters.assignee))
    if filters.due in ("overdue", "today"):
        working = [TicketState.REGISTRADO, TicketState.EN_ANALISIS]
        query = query.where(col(Ticket.state).in_(working), col(Ticket.paused_at).is_(None))
        if filters.due == "overdue":
            query = query.where(col(Ticket.resolution_due) < now)
        else:
            start = start_of_local_day(local(now).date())
            query = query.where(
                col(Ticket.resolution_due) >= start,
                col(Ticket.resolution_due) < start + timedelta(days=1),
            )
    query = _text_filter(session, query, filters.text)
    if after:
        stamp, _, last_id = after.rpartition("|")
        due = datetime.fromisoformat(stamp)
        query = query.where(
            (col(Ticket.resolution_due) > due)
            | ((col(Ticket.resolution_due) == due) & (col(Ticket.id) > int(last_id)))
        )
    rows = list(
        session.exec(
            query.order_by(col(Ticket.resolution_due), col(Ticket.id)).limit(limit + 1)
        ).all()
    )
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = f"{rows[-1].resolution_due.isoformat()}|{rows[-1].id}" if more and rows else None
    return TicketPage(ts.to_rows(session, rows, now), cursor)


# ---------------------------------------------------------------- working a ticket


def _staff_ticket(session: Session, actor: Actor, number: str) -> Ticket:
    ts.require_staff(actor)
    return ts.load(session, actor, number, lock=True)


def _working(ticket: Ticket) -> None:
    ts.require_state(ticket, TicketState.REGISTRADO, TicketState.EN_ANALISIS)


def _responded(ticket: Ticket, now: datetime) -> None:
    if ticket.first_response_at is None:
        ticket.first_response_at = now


def take(session: Session, actor: Actor, number: str, *, now: datetime) -> None:
    """Tomar: assign to me; a Registrado ticket goes En análisis."""
    ticket = _staff_ticket(session, actor, number)
    ts.require_state(ticket, *OPEN_STATES)
    ticket.assignee_id = actor.user_id
    to = TicketState.EN_ANALISIS if ticket.state == TicketState.REGISTRADO else None
    ts.event(session, ticket, actor, "taken", at=now, public=False, to_state=to)


def assign(
    session: Session,
    actor: Actor,
    number: str,
    *,
    reason: str,
    now: datetime,
    assignee_id: int | None = None,
    queue: str | None = None,
) -> None:
    """Asignar / Reasignar to an analyst or to another queue, with a reason."""
    ticket = _staff_ticket(session, actor, number)
    ts.require_state(ticket, *OPEN_STATES)
    why = check_text(reason, "motivo", minimum=5)
    if assignee_id is None and not queue:
        raise FieldErrors({"destino": "required"})
    parts = []
    if queue:
        if session.get(TicketQueue, queue) is None:
            raise FieldErrors({"destino": "invalid"})
        ticket.queue_code = queue
        ticket.assignee_id = None
        parts.append(f"cola {routing().queue_name(queue)}")
    if assignee_id is not None:
        user = session.get(User, assignee_id)
        if user is None or user.user_class not in STAFF_CLASSES:
            raise FieldErrors({"destino": "invalid"})
        ticket.assignee_id = assignee_id
        parts.append(f"analista {user.full_name}")
    to = (
        TicketState.EN_ANALISIS
        if ticket.state == TicketState.REGISTRADO and ticket.assignee_id
        else None
    )
    body = f"Asignado a {', '.join(parts)}: {why}"
    ts.event(session, ticket, actor, "assigned", at=now, body=body, public=False, to_state=to)


def request_info(
    session: Session, actor: Actor, number: str, text: str, *, now: datetime, mail: bool = False
) -> None:
    """Solicitar información: Pendiente de información, the SLA clock paused, user told."""
    ticket = _staff_ticket(session, actor, number)
    _working(ticket)
    body = check_text(text)
    if ticket.assignee_id is None:
        ticket.assignee_id = actor.user_id
    ticket.paused_at = now
    _responded(ticket, now)
    ts.event(
        session,
        ticket,
        actor,
        "info_requested",
        at=now,
        body=body,
        to_state=TicketState.PENDIENTE_INFORMACION,
    )
    ts.tell_requester(
        session,
        ticket,
        code="ticket_info_requested",
        params={"numero": ticket.number, "texto": body},
        at=now,
        mail=mail,
    )


def answer(
    session: Session,
    actor: Actor,
    number: str,
    outcome: str,
    text: str,
    *,
    now: datetime,
    mail: bool = False,
) -> None:
    """Responder with an outcome: Respondido; the user has N business days to decide."""
    ticket = _staff_ticket(session, actor, number)
    _working(ticket)
    if outcome not in set(Outcome):
        raise FieldErrors({"resultado": "required"})
    body = check_text(text)
    if ticket.assignee_id is None:
        ticket.assignee_id = actor.user_id
    ticket.outcome = outcome
    ticket.answered_at = now
    _responded(ticket, now)
    days = sla.targets_for(ticket.kind, ticket.motive or None).decision_days
    ticket.decision_due = sla.add_business_days(now, days)
    ts.event(session, ticket, actor, "answered", at=now, body=body, to_state=TicketState.RESPONDIDO)
    ts.tell_requester(
        session,
        ticket,
        code="ticket_answered",
        params={"numero": ticket.number, "texto": body, "dias": days},
        at=now,
        mail=mail,
    )


def add_note(session: Session, actor: Actor, number: str, text: str, *, now: datetime) -> None:
    """Nota interna: never shown to the user."""
    ticket = _staff_ticket(session, actor, number)
    ts.event(session, ticket, actor, "note", at=now, body=check_text(text, minimum=3), public=False)


def link(session: Session, actor: Actor, number: str, other: str, *, now: datetime) -> None:
    ticket = _staff_ticket(session, actor, number)
    try:
        peer = ts.load(session, actor, other)
    except NotFound:
        raise FieldErrors({"otro": "ticket_not_found"}) from None
    if peer.id == ticket.id:
        raise FieldErrors({"otro": "same_ticket"})
    low, high = sorted((ticket.id or 0, peer.id or 0))
    exists = session.exec(
        select(TicketLink).where(TicketLink.ticket_id == low, TicketLink.other_id == high)
    ).first()
    if exists is None:
        session.add(
            TicketLink(ticket_id=low, other_id=high, created_at=now, created_by_id=actor.user_id)
        )
    for one, two in ((ticket, peer), (peer, ticket)):
        ts.event(
            session, one, actor, "linked", at=now, body=f"Vinculado con {two.number}", public=False
        )


def merge(
    session: Session, actor: Actor, number: str, into: str, *, now: datetime, mail: bool = False
) -> None:
    """Fusionar a duplicate into another ticket: the duplicate closes (fusionado) and its
    requester is told which ticket carries on."""
    ticket = _staff_ticket(session, actor, number)
    ts.require_state(ticket, TicketState.REGISTRADO, TicketState.EN_ANALISIS)
    try:
        target = ts.load(session, actor, into)
    except NotFound:
        raise FieldErrors({"otro": "ticket_not_found"}) from None
    if target.id == ticket.id:
        raise FieldErrors({"otro": "same_ticket"})
    ts.require_state(target, *OPEN_STATES)
    ticket.merged_into_id = target.id
    ticket.closure, ticket.closed_at, ticket.paused_at = Closure.FUSIONADO, now, None
    body = f"Duplicado del ticket {target.number}: se atenderá en ese ticket."
    ts.event(session, ticket, actor, "merged", at=now, body=body, to_state=TicketState.CERRADO)
    ts.event(
        session, target, actor, "merged", at=now, body=f"Se fusionó {ticket.number}", public=False
    )
    ts.tell_requester(
        session,
        ticket,
        code="ticket_merged",
        params={"numero": ticket.number, "destino": target.number},
        at=now,
        mail=mail,
    )


def cancel(
    session: Session, actor: Actor, number: str, reason: str, *, now: datetime, mail: bool = False
) -> None:
    """Anular with a reason, from any open state."""
    ticket = _staff_ticket(session, actor, number)
    ts.require_state(ticket, *OPEN_STATES)
    why = check_text(reason, "motivo")
    ticket.closed_at, ticket.paused_at = now, None
    ts.event(session, ticket, actor, "cancelled", at=now, body=why, to_state=TicketState.ANULADO)
    ts.tell_requester(
        session,
        ticket,
        code="ticket_cancelled",
        params={"numero": ticket.number, "motivo": why},
        at=now,
        mail=mail,
    )


@cache
def _canned() -> tuple[CannedAnswer, ...]:
    data = read_toml("respuestas.toml")
    return tuple(
        CannedAnswer(
            id=item["id"],
            title=item["title"],
            body=item["body"].strip(),
            outcome=item["outcome"],
            kinds=tuple(item.get("kinds", ["incidente", "consulta", "queja"])),
        )
        for item in data["answer"]
    )


def canned_answers(actor: Actor, kind: str | None = None) -> list[CannedAnswer]:
    ts.require_staff(actor)
    return [a for a in _canned() if kind is None or kind in a.kinds]


# ---------------------------------------------------------------- the sweep


def close_unanswered(session: Session, *, now: datetime, limit: int = 200) -> int:
    """Respondido tickets whose decision time has passed close as sin respuesta."""
    rows = session.exec(
        select(Ticket)
        .where(Ticket.state == TicketState.RESPONDIDO, col(Ticket.decision_due) <= now)
        .order_by(col(Ticket.decision_due))
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    for ticket in rows:
        ticket.closure, ticket.closed_at = Closure.SIN_RESPUESTA, now
        ts.event(
            session,
            ticket,
            None,
            "closed_unanswered",
            at=now,
            body="Cerrado sin respuesta del usuario en el plazo.",
            to_state=TicketState.CERRADO,
        )
    return len(rows)


def unanswered_due(session: Session, *, now: datetime) -> bool:
    found = session.exec(
        select(Ticket.id)
        .where(Ticket.state == TicketState.RESPONDIDO, col(Ticket.decision_due) <= now)
        .limit(1)
    ).first()
    return found is not None


# ---------------------------------------------------------------- phone intake


def find_callers(session: Session, actor: Actor, query: str, *, limit: int = 10) -> list[Caller]:
    """A caller by RUC, cédula or ID. Usuario (exact), or by a part of the name."""
    ts.require_staff(actor)
    wanted = query.strip()
    if len(wanted) < 3:
        return []
    oce = [c.value for c in UserClass if c not in STAFF_CLASSES]
    stmt = (
        select(User, Company)
        .join(Company, col(User.company_id) == col(Company.id), isouter=True)
        .where(col(User.user_class).in_(oce))
        .where(
            or_(
                col(User.username) == wanted.lower(),
                col(User.id_doc_number) == wanted,
                col(Company.ruc) == wanted,
                col(User.full_name).ilike(f"%{wanted}%"),
            )
        )
        .order_by(col(User.full_name))
        .limit(limit)
    )
    return [
        Caller(
            user_id=u.id or 0,
            username=u.username,
            full_name=u.full_name,
            document=u.id_doc_number,
            email=u.email,
            phone=u.phone1 or u.mobile,
            tipo_persona=c.tipo_persona if c else "natural_ecuatoriana",
            company_ruc=c.ruc if c else None,
            company_name=c.razon_social if c else None,
        )
        for u, c in session.exec(stmt).all()
    ]


def phone_intake(
    session: Session,
    actor: Actor,
    values: dict[str, object],
    *,
    now: datetime,
    caller_id: int | None = None,
    mail: bool = False,
) -> Opened:
    """Channel Telefónico (1800-ADUANA): a ticket for a caller. With an answer and an outcome
    it is registered and closed in one step; without, it waits in its queue for analysis."""
    ts.require_staff(actor)
    result = validate(load_spec(PHONE_FORM), values, now=now)
    if isinstance(result, Invalid):
        raise TicketInvalid(result.errors)
    typed = result.values
    requester = session.get(User, caller_id) if caller_id is not None else None
    if caller_id is not None and (requester is None or requester.user_class in STAFF_CLASSES):
        raise FieldErrors({"llamante": "user_not_found"})
    kind = str(typed["tipo"])
    ticket = create(
        session,
        kind=kind,
        typed=typed,
        files=[],
        now=now,
        requester=requester,
        created_by=actor,
        channel=Channel.TELEFONICO,
        first_event="Registrado por teléfono (1800-ADUANA).",
        mail=mail,
    )
    ticket.assignee_id = actor.user_id
    if typed.get("resolver") == "si":
        ticket.outcome = str(typed["resultado"])
        ticket.answered_at = ticket.closed_at = ticket.first_response_at = now
        ticket.closure = Closure.ATENDIDO_EN_LLAMADA
        ts.event(
            session,
            ticket,
            actor,
            "answered",
            at=now,
            body=str(typed["respuesta"]),
            to_state=TicketState.CERRADO,
        )
    else:
        ts.event(
            session, ticket, actor, "taken", at=now, public=False, to_state=TicketState.EN_ANALISIS
        )
    return Opened(ticket.id or 0, ticket.number)


def set_membership(session: Session, actor: Actor, user_id: int, queue_codes: list[str]) -> None:
    """Which queues an analyst works (supervisors and administrators only)."""
    if not ts.is_supervisor(actor):
        raise PermissionDenied()
    for row in session.exec(select(QueueMember).where(QueueMember.user_id == user_id)).all():
        session.delete(row)
    session.flush()
    for code in queue_codes:
        session.add(QueueMember(queue_code=code, user_id=user_id))
