"""What every VUE use case shares: the side an actor acts on, numbering, loading a request the
actor may see, the one way to change its state (history, audit, Buzón, e-mail) and the
conversion to plain data."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from ecuapass_tui.core.clock import local
from ecuapass_tui.core.roles import UserClass
from ecuapass_tui.i18n import N_, gettext_in
from ecuapass_tui.services import audit
from ecuapass_tui.services import mail as mailer
from ecuapass_tui.services.access import require_option
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import NotFound, PermissionDenied, ServiceError
from ecuapass_tui.services.notices import post_notice
from ecuapass_tui.services.vue import catalog, states
from ecuapass_tui.services.vue.dto import RequestRow
from ecuapass_tui.store import counters
from ecuapass_tui.store.models import Company, User
from ecuapass_tui.store.models_vue import (
    VueCounter,
    VueInstitutionMember,
    VueRequest,
    VueRequestEvent,
)

SENDER = "VENTANILLA ÚNICA"
# The menu numbers of the five options (data/menus.toml): an Empleado needs the grant.
OPTION_ACOMPANAMIENTO = "4.1"
OPTION_SOPORTE = "4.2"
OPTION_ORIGEN = "4.3"
OPTION_ESTADO = "4.4"
OPTION_PAGO = "4.5"
COMPANY_SIDE = frozenset({UserClass.REPRESENTANTE, UserClass.EMPLEADO})
INSTITUTION_SIDE = frozenset({UserClass.ENTIDAD, UserClass.REPRESENTANTE_ENTIDAD})


class VueRefused(ServiceError):
    """A move the request's state or the actor's side does not allow (`code` says which)."""


def to_cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def from_cents(cents: int | None) -> Decimal | None:
    return None if cents is None else (Decimal(cents) / 100).quantize(Decimal("0.01"))


# ---------------------------------------------------------------- who acts, and on what


def institution_of(session: Session, actor: Actor) -> str | None:
    if actor.user_class not in INSTITUTION_SIDE:
        return None
    row = session.get(VueInstitutionMember, actor.user_id)
    return row.institution_code if row else None


def company_actor(session: Session, actor: Actor, option: str) -> int:
    """The company a Representante or Empleado acts for (an Empleado needs the option)."""
    if actor.user_class not in COMPANY_SIDE or actor.company_id is None:
        raise PermissionDenied("vue_company_only")
    require_option(session, actor, option)
    return actor.company_id


def institution_actor(session: Session, actor: Actor) -> str:
    code = institution_of(session, actor)
    if code is None:
        raise PermissionDenied("vue_institution_only")
    return code


def side(session: Session, actor: Actor) -> tuple[str, str | int]:
    """(states.INSTITUTION, its code) or (states.COMPANY, the company id)."""
    code = institution_of(session, actor)
    if code is not None:
        return states.INSTITUTION, code
    return states.COMPANY, company_actor(session, actor, OPTION_ESTADO)


def can_see(session: Session, actor: Actor, request: VueRequest) -> bool:
    code = institution_of(session, actor)
    if code is not None:
        return request.institution_code == code
    return actor.user_class in COMPANY_SIDE and request.company_id == actor.company_id


def load(session: Session, actor: Actor, number: str, *, lock: bool = False) -> VueRequest:
    """The request if the actor may see it; another's is simply 'not found'."""
    query = select(VueRequest).where(VueRequest.number == number.strip().upper())
    if lock:
        query = query.with_for_update()
    request = session.exec(query).first()
    if request is None or not can_see(session, actor, request):
        raise NotFound("vue_request_not_found")
    return request


# ---------------------------------------------------------------- numbering


def numbering(oce_code: str, at: datetime) -> counters.Numbering:
    """OCE code (8) + year (4) + sequence (8) + P: 21 characters, from the OCE's counter row
    for the year, taken as the last write of the send (`counters.numbered`): unique, and a
    rolled-back send leaves no gap."""
    year = local(at).year
    return counters.Numbering(
        VueCounter, {"scope": oce_code, "year": year}, f"{oce_code}{year}", 8, "P"
    )


def djo_numbering(at: datetime) -> counters.Numbering:
    """DJO-YYYY-NNNNNN, from the `DJO` counter row for the year."""
    year = local(at).year
    return counters.Numbering(VueCounter, {"scope": "DJO", "year": year}, f"DJO-{year}-", 6)


# ---------------------------------------------------------------- changes

NOTICE_SUBJECT = N_("Solicitud VUE {numero}: {codigo} {estado}")
NOTICE_BODY = N_(
    "Su solicitud {numero} ({formulario}, {institucion}) pasó al estado {codigo} {estado}."
)
NOTICE_NOTE = N_("Observación: {nota}")


def _notice_params(request: VueRequest, note: str) -> dict[str, str | int]:
    form = catalog.form(request.form_code)
    values = {
        "numero": request.number,
        "codigo": request.state,
        "formulario": form.name,
        "institucion": catalog.institution(request.institution_code).short_name,
        "nota": note,
    }
    params: dict[str, str | int] = {}
    for language in ("es", "en"):
        values["estado"] = gettext_in(language, states.STATE_NAMES[request.state])
        body = gettext_in(language, NOTICE_BODY).format(**values)
        if note:
            body += "\n" + gettext_in(language, NOTICE_NOTE).format(**values)
        params["subject_" + language] = gettext_in(language, NOTICE_SUBJECT).format(**values)
        params["body_" + language] = body
    return params


def _company_people(session: Session, request: VueRequest) -> list[User]:
    """The requester and the company's Representantes: who reads about the request."""
    rows = session.exec(
        select(User).where(
            (col(User.id) == request.created_by)
            | (
                (col(User.company_id) == request.company_id)
                & (col(User.user_class) == UserClass.REPRESENTANTE)
            )
        )
    ).all()
    return list(rows)


def tell_company(session: Session, request: VueRequest, note: str, *, at: datetime, mail: bool):
    params = _notice_params(request, note)
    for person in _company_people(session, request):
        assert person.id is not None
        post_notice(session, user_id=person.id, code="text", params=params, at=at, sender=SENDER)
        if mail and person.email:
            mailer.queue_mail(
                session,
                to=person.email,
                subject=str(params["subject_es"]),
                body=str(params["body_es"]),
                at=at,
            )


def change_state(
    session: Session,
    request: VueRequest,
    actor: Actor,
    to_state: str,
    *,
    at: datetime,
    note: str = "",
    mail: bool,
) -> None:
    """The one way a request changes state: its history row, the audit event, a notice in the
    company's Buzón and (SMTP configured) an e-mail, in the caller's transaction."""
    before = request.state
    request.state = to_state
    request.state_at = at
    request.version += 1
    session.add(request)
    session.flush()
    assert request.id is not None
    session.add(
        VueRequestEvent(
            request_id=request.id,
            from_state=before,
            state=to_state,
            at=at,
            actor_id=actor.user_id,
            note=note,
        )
    )
    audit.record(
        session,
        at=at,
        actor_id=actor.user_id,
        action="vue_state",
        entity="vue_request",
        entity_id=request.number,
        from_state=before,
        to_state=to_state,
        detail={"note_length": len(note)},
    )
    tell_company(session, request, note, at=at, mail=mail)


# ---------------------------------------------------------------- plain data


def to_row(request: VueRequest, company: str) -> RequestRow:
    form = catalog.form(request.form_code)
    return RequestRow(
        number=request.number,
        institution_code=request.institution_code,
        institution=catalog.institution(request.institution_code).short_name,
        form_code=request.form_code,
        form_name=form.name,
        company=company,
        sent_at=request.sent_at,
        state=request.state,
        state_at=request.state_at,
        fee=from_cents(request.fee_cents),
        document_id=request.document_id,
    )


def company_name(session: Session, company_id: int) -> str:
    company = session.get(Company, company_id)
    return company.razon_social if company else ""


def values_of(request: VueRequest) -> dict[str, object]:
    """The form's values as sent (`values_json` is the signed text)."""
    loaded = json.loads(request.values_json)
    values = loaded.get("valores") if isinstance(loaded, dict) else None
    return values if isinstance(values, dict) else {}
