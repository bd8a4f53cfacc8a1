"""SENAE Tracking (seed 001; also 2.11): find a cargo by MRN, BL/AWB/CRT, container, DAI or
número de entrega, and follow it through the stages of the import.

A company sees the cargo it is consignee of and the cargo declared under one of its OCE codes;
staff see all. Another company's cargo is simply 'not found'."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import false, union
from sqlmodel import Session, col, or_, select

from ecuapass_tui.core.roles import is_staff
from ecuapass_tui.services.access import require_option
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, NotFound
from ecuapass_tui.services.tramites.tracking_dto import (
    STAGES,
    CargoDetail,
    CargoPage,
    CargoRow,
    Channel,
    DeclarationInfo,
    EventRow,
    Step,
    StepState,
    TimelineStep,
    step_of,
)
from ecuapass_tui.store.models import Company, CustomsDistrict, OceRegistration
from ecuapass_tui.store.models_tracking import Cargo, CargoContainer, Declaration, TrackingEvent

MAX_QUERY = 40
OPTION = "2.11"  # an Empleado needs it granted (services/access.py)


def normalize(value: str) -> str:
    """Identifiers as stored: upper case, no spaces."""
    return "".join((value or "").split()).upper()


def company_codes(session: Session, company_id: int) -> list[str]:
    return list(
        session.exec(
            select(OceRegistration.code).where(OceRegistration.company_id == company_id)
        ).all()
    )


def visible(session: Session, actor: Actor) -> Any:
    """The condition on Cargo for what the actor may see (None: everything)."""
    if is_staff(actor.user_class):
        return None
    if actor.company_id is None:
        return false()
    codes = company_codes(session, actor.company_id)
    mine = col(Cargo.company_id) == actor.company_id
    return or_(mine, col(Cargo.declarant_oce).in_(codes)) if codes else mine


def matching(query: str) -> Any:
    """Cargo whose MRN, transport document, a container, its DAI or número de entrega is
    exactly `query`: the ids each index finds, together (a UNION, so that SQLite and
    PostgreSQL both read those few rows by key instead of filtering every cargo in date
    order)."""
    return col(Cargo.id).in_(
        union(
            select(Cargo.id).where(col(Cargo.mrn) == query),
            select(Cargo.id).where(col(Cargo.transport_doc) == query),
            select(CargoContainer.cargo_id).where(CargoContainer.number == query),
            select(Declaration.cargo_id).where(col(Declaration.dai_number) == query),
            select(Declaration.cargo_id).where(col(Declaration.delivery_number) == query),
        )
    )


def _cursor(row: Cargo) -> str:
    return f"{row.updated_at.isoformat()}|{row.id}"


def search(
    session: Session, actor: Actor, query: str = "", *, after: str | None = None, limit: int = 50
) -> CargoPage:
    """The actor's cargo matching `query` (all of it when empty), most recently moved first,
    a page at a time (keyset on updated_at, id)."""
    require_option(session, actor, OPTION)
    wanted = normalize(query)
    if len(wanted) > MAX_QUERY:
        raise FieldErrors(rules={"buscar": "trk_query_too_long"})
    stmt = select(Cargo, Company.razon_social).join(Company, col(Company.id) == Cargo.company_id)
    condition = visible(session, actor)
    if condition is not None:
        stmt = stmt.where(condition)
    if wanted:
        stmt = stmt.where(matching(wanted))
    if after:
        try:
            at_text, ident_text = after.rsplit("|", 1)
            at, ident = datetime.fromisoformat(at_text), int(ident_text)
        except ValueError:
            raise FieldErrors(rules={"cursor": "invalid"}) from None
        stmt = stmt.where(
            or_(
                col(Cargo.updated_at) < at,
                (col(Cargo.updated_at) == at) & (col(Cargo.id) < ident),
            )
        )
    stmt = stmt.order_by(col(Cargo.updated_at).desc(), col(Cargo.id).desc()).limit(limit + 1)
    found = session.exec(stmt).all()
    more = len(found) > limit
    found = found[:limit]
    rows = tuple(
        CargoRow(c.id or 0, c.mrn, c.transport_doc, name, c.stage, c.channel, c.updated_at)
        for c, name in found
    )
    return CargoPage(rows, _cursor(found[-1][0]) if more and found else None)


def load(session: Session, actor: Actor, cargo_id: int) -> Cargo:
    require_option(session, actor, OPTION)
    cargo = session.get(Cargo, cargo_id)
    if cargo is None:
        raise NotFound("trk_cargo_not_found")
    condition = visible(session, actor)
    if condition is not None:
        allowed = session.exec(
            select(Cargo.id).where(col(Cargo.id) == cargo_id).where(condition)
        ).first()
        if allowed is None:
            raise NotFound("trk_cargo_not_found")
    return cargo


def timeline(cargo: Cargo, events: list[TrackingEvent]) -> tuple[TimelineStep, ...]:
    last: dict[Step, TrackingEvent] = {}
    for event in events:
        last[step_of(event.stage)] = event
    current = step_of(cargo.stage) if cargo.stage else None
    finished = cargo.stage == STAGES[-1]
    steps = []
    for step in Step:
        reached = last.get(step)
        if reached is not None:
            state = StepState.CURRENT if step == current and not finished else StepState.DONE
            steps.append(
                TimelineStep(step, state, reached.at, reached.stage, reached.detail, reached.who)
            )
        elif step == Step.AFORO and cargo.channel == Channel.AUTOMATICO:
            steps.append(TimelineStep(step, StepState.SKIPPED, None, "", "", ""))
        else:
            steps.append(TimelineStep(step, StepState.PENDING, None, "", "", ""))
    return tuple(steps)


def _declaration(row: Declaration | None) -> DeclarationInfo | None:
    if row is None:
        return None
    return DeclarationInfo(
        row.delivery_number,
        row.dai_number or "",
        row.channel,
        row.liquidation_number or "",
        row.liquidation_cents,
        row.transmitted_at,
        row.accepted_at,
        row.paid_at,
    )


def detail(session: Session, actor: Actor, cargo_id: int) -> CargoDetail:
    cargo = load(session, actor, cargo_id)
    events = list(
        session.exec(
            select(TrackingEvent)
            .where(TrackingEvent.cargo_id == cargo.id)
            .order_by(col(TrackingEvent.id))
        ).all()
    )
    containers = session.exec(
        select(CargoContainer.number)
        .where(CargoContainer.cargo_id == cargo.id)
        .order_by(col(CargoContainer.number))
    ).all()
    company = session.get(Company, cargo.company_id)
    district = session.get(CustomsDistrict, cargo.district_code)
    declaration = session.exec(
        select(Declaration).where(Declaration.cargo_id == cargo.id).order_by(col(Declaration.id))
    ).first()
    return CargoDetail(
        id=cargo.id or 0,
        mrn=cargo.mrn,
        transport_doc_type=cargo.transport_doc_type,
        transport_doc=cargo.transport_doc,
        containers=tuple(containers),
        consignee_ruc=company.ruc if company else "",
        consignee=company.razon_social if company else "",
        declarant_oce=cargo.declarant_oce,
        district=f"{cargo.district_code} {district.name}" if district else cargo.district_code,
        regime=cargo.regime,
        goods=cargo.goods,
        stage=cargo.stage,
        channel=cargo.channel,
        declaration=_declaration(declaration),
        steps=timeline(cargo, events),
        events=tuple(EventRow(e.id or 0, e.stage, e.at, e.detail, e.who, e.source) for e in events),
    )
