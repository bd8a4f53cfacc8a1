"""Mesa de Servicios, the staff's side: what analysts do to a ticket (take, assign, ask for
information, answer, note, link, merge, cancel), the canned answers, and the sweep that
closes answered tickets the user never decided on. The queue is in queue, phone intake in
phone.

Analysts see their queues and what is assigned to them; supervisors and administrators see
everything. Every check is here, not in the screens.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

from sqlmodel import Session, col, select

from ecuapass_tui.core.resources import read_toml
from ecuapass_tui.core.roles import STAFF_CLASSES
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, NotFound
from ecuapass_tui.services.mesa import sla
from ecuapass_tui.services.mesa import ticket_store as ts
from ecuapass_tui.services.mesa.routing import routing
from ecuapass_tui.services.mesa.ticket_dto import (
    OPEN_STATES,
    CannedAnswer,
    Closure,
    Outcome,
    TicketState,
)
from ecuapass_tui.services.mesa.tickets import check_text
from ecuapass_tui.store.models import Ticket, TicketLink, TicketQueue, User

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
        raise FieldErrors(rules={"destino": "required"})
    parts = []
    if queue:
        if session.get(TicketQueue, queue) is None:
            raise FieldErrors(rules={"destino": "invalid"})
        ticket.queue_code = queue
        ticket.assignee_id = None
        parts.append(f"cola {routing().queue_name(queue)}")
    if assignee_id is not None:
        user = session.get(User, assignee_id)
        if user is None or user.user_class not in STAFF_CLASSES:
            raise FieldErrors(rules={"destino": "invalid"})
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
        raise FieldErrors(rules={"resultado": "required"})
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
        raise FieldErrors(rules={"otro": "ticket_not_found"}) from None
    if peer.id == ticket.id:
        raise FieldErrors(rules={"otro": "same_ticket"})
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
        raise FieldErrors(rules={"otro": "ticket_not_found"}) from None
    if target.id == ticket.id:
        raise FieldErrors(rules={"otro": "same_ticket"})
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
