"""Mesa de Servicios, following a ticket: the user's list of tickets, one ticket's detail and
what the actor may do to it, and its attached files."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from ecuapass_tui.core.roles import is_staff
from ecuapass_tui.services import access
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import NotFound
from ecuapass_tui.services.mesa import ticket_store as ts
from ecuapass_tui.services.mesa.ticket_dto import (
    Action,
    TicketDetail,
    TicketKind,
    TicketPage,
    TicketState,
)
from ecuapass_tui.store.models import Ticket, TicketAttachment, TicketLink


def my_tickets(
    session: Session,
    actor: Actor,
    *,
    now: datetime,
    after: str | None = None,
    limit: int = 50,
) -> TicketPage:
    """The actor's tickets, newest first (a Representante also sees his company's)."""
    access.require_option(session, actor, "3.9.3")
    query = select(Ticket)
    if actor.user_class == "representante" and actor.company_id is not None:
        query = query.where(
            (col(Ticket.requester_id) == actor.user_id)
            | (col(Ticket.company_id) == actor.company_id)
        )
    else:
        query = query.where(col(Ticket.requester_id) == actor.user_id)
    if after:
        stamp, _, last_id = after.rpartition("|")
        at = datetime.fromisoformat(stamp)
        query = query.where(
            (col(Ticket.created_at) < at)
            | ((col(Ticket.created_at) == at) & (col(Ticket.id) < int(last_id)))
        )
    rows = list(
        session.exec(
            query.order_by(col(Ticket.created_at).desc(), col(Ticket.id).desc()).limit(limit + 1)
        ).all()
    )
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = f"{rows[-1].created_at.isoformat()}|{rows[-1].id}" if more and rows else None
    return TicketPage(ts.to_rows(session, rows, now), cursor)


def _numbers(session: Session, ids: list[int]) -> tuple[str, ...]:
    if not ids:
        return ()
    rows = session.exec(
        select(Ticket.number).where(col(Ticket.id).in_(ids)).order_by(col(Ticket.id))
    ).all()
    return tuple(rows)


def actions_for(session: Session, actor: Actor, ticket: Ticket) -> frozenset[str]:
    state = ticket.state
    if is_staff(actor.user_class):
        if state in (TicketState.CERRADO, TicketState.ANULADO):
            return frozenset({Action.NOTE, Action.LINK})
        acts = {Action.NOTE, Action.LINK, Action.ASSIGN, Action.CANCEL, Action.MERGE}
        if ticket.assignee_id != actor.user_id:
            acts.add(Action.TAKE)
        if state in (TicketState.REGISTRADO, TicketState.EN_ANALISIS):
            acts |= {Action.ASK, Action.ANSWER}
        if state == TicketState.RESPONDIDO:
            acts -= {Action.MERGE}
        return frozenset(acts)
    if ticket.requester_id != actor.user_id:
        return frozenset()
    if state == TicketState.PENDIENTE_INFORMACION:
        return frozenset({Action.REPLY})
    if state == TicketState.RESPONDIDO:
        return frozenset({Action.ACCEPT, Action.REJECT})
    if state == TicketState.CERRADO and ticket.kind != TicketKind.QUEJA:
        return frozenset({Action.QUEJA})
    return frozenset()


def detail(session: Session, actor: Actor, number: str, *, now: datetime) -> TicketDetail:
    ticket = ts.load(session, actor, number)
    staff = is_staff(actor.user_class)
    children = session.exec(select(Ticket.id).where(Ticket.parent_id == ticket.id)).all()
    link_rows = session.exec(
        select(TicketLink).where(
            (col(TicketLink.ticket_id) == ticket.id) | (col(TicketLink.other_id) == ticket.id)
        )
    ).all()
    linked = [r.other_id if r.ticket_id == ticket.id else r.ticket_id for r in link_rows]
    parent = session.get(Ticket, ticket.parent_id) if ticket.parent_id else None
    merged = session.get(Ticket, ticket.merged_into_id) if ticket.merged_into_id else None
    form_id, form = ts.form_entries(ticket)
    return TicketDetail(
        row=ts.to_rows(session, [ticket], now)[0],
        contact_name=ticket.contact_name,
        contact_document=ticket.contact_document,
        contact_email=ticket.contact_email,
        contact_phone=ticket.contact_phone,
        tipo_persona=ticket.tipo_persona,
        oce_type_code=ticket.oce_type_code,
        motive=ticket.motive,
        system_option=ticket.system_option,
        related_document=ticket.related_document,
        event_at=ticket.event_at,
        description=ticket.description,
        outcome=ticket.outcome,
        rating=ticket.rating,
        rating_comment=ticket.rating_comment,
        answered_at=ticket.answered_at,
        closed_at=ticket.closed_at,
        parent_number=parent.number if parent else None,
        merged_into_number=merged.number if merged else None,
        follow_ups=_numbers(session, [i for i in children if i is not None]),
        linked=_numbers(session, linked) if staff else (),
        history=ts.history(session, ticket, internal=staff),
        attachments=ts.attachments(session, ticket),
        actions=actions_for(session, actor, ticket),
        form_id=form_id,
        form=form,
    )


def attachment_content(session: Session, actor: Actor, attachment_id: int) -> tuple[str, bytes]:
    row = session.get(TicketAttachment, attachment_id)
    ticket = session.get(Ticket, row.ticket_id) if row else None
    if row is None or ticket is None or not ts.can_see(session, actor, ticket):
        raise NotFound("attachment_not_found")
    return row.name, row.content
