"""Mesa de Servicios, the user's answers to a ticket: reply to a request for information,
accept or reject the answer, file a queja about a closed ticket."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, PermissionDenied, ServiceError
from ecuapass_tui.services.mesa import sla
from ecuapass_tui.services.mesa import ticket_store as ts
from ecuapass_tui.services.mesa.ticket_dto import Closure, Opened, TicketKind, TicketState
from ecuapass_tui.services.mesa.tickets import check_text, create
from ecuapass_tui.store.models import Ticket, TicketAttachment, User


def _own(session: Session, actor: Actor, number: str) -> Ticket:
    ticket = ts.load(session, actor, number, lock=True)
    if ticket.requester_id != actor.user_id:
        raise PermissionDenied()
    return ticket


def reply(
    session: Session,
    actor: Actor,
    number: str,
    text: str,
    files: list[Attachment] | None = None,
    *,
    now: datetime,
) -> None:
    """The user answers a request for information: back to En análisis, the clock runs again
    (the time it was paused is added to the due time)."""
    ticket = _own(session, actor, number)
    ts.require_state(ticket, TicketState.PENDIENTE_INFORMACION)
    body = check_text(text)
    files, errors = ts.later_files(files, now)
    if errors:
        raise FieldErrors(errors)
    if ticket.paused_at is not None:
        paused = sla.business_seconds_between(ticket.paused_at, now) / 3600
        ticket.resolution_due = sla.add_business_hours(ticket.resolution_due, paused)
        ticket.paused_at = None
    row = ts.event(
        session, ticket, actor, "user_reply", at=now, body=body, to_state=TicketState.EN_ANALISIS
    )
    ts.store_files(session, ticket, [("respuesta", f) for f in files], row.id)


def accept(
    session: Session, actor: Actor, number: str, rating: int, comment: str = "", *, now: datetime
) -> None:
    """Aceptar: closed, conforme, with a 1-5 satisfaction rating."""
    ticket = _own(session, actor, number)
    ts.require_state(ticket, TicketState.RESPONDIDO)
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise FieldErrors(rules={"calificacion": "rating_range"})
    comment = (comment or "").strip()
    if len(comment) > 500:
        raise FieldErrors(rules={"comentario": "text_too_long"})
    ticket.rating, ticket.rating_comment = rating, comment
    ticket.closure, ticket.closed_at = Closure.CONFORME, now
    ts.event(
        session,
        ticket,
        actor,
        "accepted",
        at=now,
        body=f"Calificación {rating}/5" + (f": {comment}" if comment else ""),
        to_state=TicketState.CERRADO,
    )


def reject(
    session: Session,
    actor: Actor,
    number: str,
    reason: str,
    files: list[Attachment] | None = None,
    *,
    now: datetime,
    mail: bool = False,
) -> Opened:
    """No conforme: this ticket closes as no conforme and a new one opens with the same data
    and files, plus the files the user adds now (a new screenshot), linked to it (seed 000:
    "deberá registrar otro ticket"), in one transaction."""
    ticket = _own(session, actor, number)
    ts.require_state(ticket, TicketState.RESPONDIDO)
    why = check_text(reason, "motivo")
    files, errors = ts.later_files(files, now)
    if errors:
        raise FieldErrors(errors)
    ticket.closure, ticket.closed_at = Closure.NO_CONFORME, now
    ts.event(session, ticket, actor, "rejected", at=now, body=why, to_state=TicketState.CERRADO)
    typed: dict[str, Any] = json.loads(ticket.values_json or "{}")
    if ticket.event_at is not None:
        typed["fecha_evento"] = ticket.event_at
    typed.setdefault("asunto", ticket.subject)
    typed["descripcion"] = ticket.description
    old_files = session.exec(
        select(TicketAttachment).where(
            TicketAttachment.ticket_id == ticket.id, col(TicketAttachment.event_id).is_not(None)
        )
    ).all()
    kept = [(f.field, Attachment(f.name, f.content)) for f in old_files if f.field != "respuesta"]
    added = [("no_conforme", item) for item in files]
    new = create(
        session,
        kind=ticket.kind,
        typed=typed,
        files=kept + added,
        now=now,
        requester=session.get(User, actor.user_id),
        created_by=actor,
        channel=ticket.channel,
        parent=ticket,
        first_event=f"No conforme con la respuesta del ticket {ticket.number}: {why}",
        mail=mail,
    )
    return Opened(new.id or 0, new.number)


def file_queja(
    session: Session, actor: Actor, number: str, text: str, *, now: datetime, mail: bool = False
) -> Opened:
    """A complaint about the service of a closed ticket: to the Jefatura de Atención al
    Usuario, counted as a queja in the figures."""
    ticket = _own(session, actor, number)
    ts.require_state(ticket, TicketState.CERRADO)
    if ticket.kind == TicketKind.QUEJA:
        raise ServiceError("ticket_wrong_state", state=ticket.state)
    body = check_text(text, minimum=20)
    typed = {
        "nombres": ticket.contact_name,
        "documento": {"type": "cedula", "number": ticket.contact_document},
        "correo": ticket.contact_email,
        "telefono": ticket.contact_phone,
        "tipo_persona": ticket.tipo_persona,
        "asunto": f"Queja sobre la atención del ticket {ticket.number}",
        "descripcion": body,
    }
    new = create(
        session,
        kind=TicketKind.QUEJA,
        typed=typed,
        files=[],
        now=now,
        requester=session.get(User, actor.user_id),
        created_by=actor,
        parent=ticket,
        mail=mail,
    )
    return Opened(new.id or 0, new.number)
