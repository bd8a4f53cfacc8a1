"""Estado de procesamiento: one list of the requests an actor may see (the company's, or the
institution's queue), filtered by institution, state and period (the day of the last change),
newest change first, in keyset pages; a request's detail and history."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, or_, select

from ecuapass_tui.core.clock import start_of_local_day
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors
from ecuapass_tui.services.vue import records, states
from ecuapass_tui.services.vue.dto import (
    HistoryEntry,
    RequestDetail,
    RequestFilter,
    RequestPage,
)
from ecuapass_tui.store.models import Company, User
from ecuapass_tui.store.models_vue import VueDjo, VueRequest, VueRequestEvent

MAX_LIMIT = 200


def _cursor(request: VueRequest) -> str:
    return f"{request.state_at.isoformat()}|{request.id}"


def _parse_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        at, ident = cursor.rsplit("|", 1)
        return datetime.fromisoformat(at), int(ident)
    except ValueError:
        raise FieldErrors(rules={"cursor": "invalid"}) from None


def page(
    session: Session,
    actor: Actor,
    wanted: RequestFilter,
    *,
    after: str | None = None,
    limit: int = 50,
) -> RequestPage:
    side, owner = records.side(session, actor)
    if wanted.start and wanted.end and wanted.start > wanted.end:
        raise FieldErrors(rules={"desde": "vue_range_reversed"})
    if wanted.state and wanted.state not in states.STATE_NAMES:
        raise FieldErrors(rules={"estado": "vue_state_unknown"})
    query = select(VueRequest, Company.razon_social).join(
        Company, col(Company.id) == col(VueRequest.company_id)
    )
    if side == states.INSTITUTION:
        query = query.where(VueRequest.institution_code == owner)
    else:
        query = query.where(VueRequest.company_id == owner)
    if wanted.institution_code:
        query = query.where(VueRequest.institution_code == wanted.institution_code)
    if wanted.state:
        query = query.where(VueRequest.state == wanted.state)
    if wanted.kind:
        query = query.where(VueRequest.kind == wanted.kind)
    if wanted.start:
        query = query.where(VueRequest.state_at >= start_of_local_day(wanted.start))
    if wanted.end:
        query = query.where(
            VueRequest.state_at < start_of_local_day(wanted.end + timedelta(days=1))
        )
    if after:
        at, ident = _parse_cursor(after)
        query = query.where(
            or_(
                col(VueRequest.state_at) < at,
                (col(VueRequest.state_at) == at) & (col(VueRequest.id) < ident),
            )
        )
    limit = max(1, min(limit, MAX_LIMIT))
    query = query.order_by(col(VueRequest.state_at).desc(), col(VueRequest.id).desc())
    rows = session.exec(query.limit(limit + 1)).all()
    shown = rows[:limit]
    return RequestPage(
        rows=tuple(records.to_row(request, company) for request, company in shown),
        next_cursor=_cursor(shown[-1][0]) if len(rows) > limit else None,
    )


def history(session: Session, request: VueRequest) -> tuple[HistoryEntry, ...]:
    rows = session.exec(
        select(VueRequestEvent, User.full_name)
        .join(User, col(User.id) == col(VueRequestEvent.actor_id), isouter=True)
        .where(VueRequestEvent.request_id == request.id)
        .order_by(col(VueRequestEvent.id))
    ).all()
    return tuple(
        HistoryEntry(
            state=event.state,
            from_state=event.from_state,
            at=event.at,
            by=name or "",
            note=event.note,
        )
        for event, name in rows
    )


def detail(session: Session, actor: Actor, number: str) -> RequestDetail:
    side, _owner = records.side(session, actor)
    request = records.load(session, actor, number)
    djo = session.get(VueDjo, request.djo_id) if request.djo_id else None
    return RequestDetail(
        row=records.to_row(request, records.company_name(session, request.company_id)),
        values=records.values_of(request),
        history=history(session, request),
        allowed=states.allowed(request.state, side),
        signed_by=request.signed_by,
        djo_number=djo.number if djo else "",
    )
