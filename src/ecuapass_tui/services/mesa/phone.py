"""Mesa de Servicios, phone intake (channel Telefónico, 1800-ADUANA): find the caller, and
register the call as a ticket, closed at once when it was answered on the phone."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, or_, select

from ecuapass_tui.core.roles import STAFF_CLASSES, UserClass
from ecuapass_tui.forms.engine import Invalid, validate
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors
from ecuapass_tui.services.mesa import ticket_store as ts
from ecuapass_tui.services.mesa.ticket_dto import Caller, Channel, Closure, Opened, TicketState
from ecuapass_tui.services.mesa.tickets import create
from ecuapass_tui.store.models import Company, User

PHONE_FORM = "atencion_telefonica"


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
        raise FieldErrors(result.errors)
    typed = result.values
    requester = session.get(User, caller_id) if caller_id is not None else None
    if caller_id is not None and (requester is None or requester.user_class in STAFF_CLASSES):
        raise FieldErrors(rules={"llamante": "user_not_found"})
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
