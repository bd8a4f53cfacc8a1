"""1.11 Solicitud de facilidades de pago para obligaciones pendientes: a company asks to pay a
pending liquidación in instalments (form `facilidades_pago`); staff approve or reject it, and
each step reaches the requester's Buzón Electrónico.

Limits (ours, shown in the form's help): 2 to 12 monthly instalments, each at least USD 50
(so a liquidación of USD 300 allows at most 6); one open request (pendiente or aprobada) per
liquidación; only liquidaciones of cargo the company may see, accepted and not yet paid.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from ecuapass_tui.core.clock import local
from ecuapass_tui.core.roles import OCE_CLASSES, is_staff
from ecuapass_tui.core.text import clean
from ecuapass_tui.forms.attachments import MEDIA_TYPES, Attachment, sniff
from ecuapass_tui.forms.engine import FieldError, Invalid, validate
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.services import audit, drafts
from ecuapass_tui.services.access import require_option
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, NotFound, PermissionDenied, ServiceError
from ecuapass_tui.services.notices import post_notice
from ecuapass_tui.services.tramites.tracking import visible
from ecuapass_tui.store import counters
from ecuapass_tui.store.models import Company
from ecuapass_tui.store.models_tracking import (
    Cargo,
    Declaration,
    PaymentFacility,
    PaymentFacilityAttachment,
    PaymentFacilityCounter,
)

FORM_ID = "facilidades_pago"
MIN_INSTALMENT_CENTS = 5_000
OPEN_STATES = ("pendiente", "aprobada")
SENDER = "SENAE - RECAUDACIÓN"


@dataclass(frozen=True)
class PendingLiquidation:
    declaration_id: int
    liquidation_number: str
    delivery_number: str
    dai_number: str
    district: str
    amount_cents: int
    mrn: str


@dataclass(frozen=True)
class FacilityRow:
    number: str
    liquidation_number: str
    amount_cents: int
    instalments: int
    state: str
    created_at: datetime
    decided_at: datetime | None
    decision_note: str
    justification: str
    company: str


def max_instalments(amount_cents: int) -> int:
    return max(0, min(12, amount_cents // MIN_INSTALMENT_CENTS))


def pending_liquidations(session: Session, actor: Actor) -> list[PendingLiquidation]:
    if actor.user_class not in OCE_CLASSES or actor.company_id is None:
        raise PermissionDenied()
    require_option(session, actor, "1.11")
    open_requests = select(PaymentFacility.declaration_id).where(
        col(PaymentFacility.state).in_(OPEN_STATES)
    )
    stmt = (
        select(Declaration, Cargo)
        .join(Cargo, col(Cargo.id) == Declaration.cargo_id)
        .where(
            col(Declaration.liquidation_number).is_not(None),
            col(Declaration.paid_at).is_(None),
            col(Declaration.id).not_in(open_requests),
            visible(session, actor),
        )
        .order_by(col(Declaration.accepted_at).desc(), col(Declaration.id).desc())
    )
    return [
        PendingLiquidation(
            d.id or 0,
            d.liquidation_number or "",
            d.delivery_number,
            d.dai_number or "",
            c.district_code,
            d.liquidation_cents,
            c.mrn,
        )
        for d, c in session.exec(stmt).all()
    ]


def _numbering(at: datetime) -> counters.Numbering:
    """FP-YYYY-NNNNNN from the year's counter row, taken as the last write of the request's
    transaction (`counters.numbered`): unique, and a rolled-back request leaves no gap."""
    year = local(at).year
    return counters.Numbering(PaymentFacilityCounter, {"year": year}, f"FP-{year}-", 6)


def _refuse(field: str, code: str, **params: Any) -> FieldErrors:
    spec_field = load_spec(FORM_ID).field(field)
    labels = (spec_field.label_es, spec_field.label_en) if spec_field else ("", "")
    return FieldErrors([FieldError(field, code, params, *labels)])


def _checked(
    session: Session,
    actor: Actor,
    values: dict[str, object],
    attachments: dict[str, list[Attachment]] | None,
    now: datetime,
) -> tuple[dict[str, Any], PendingLiquidation]:
    """The form's values, typed, and the pending liquidation they match; else FieldErrors."""
    result = validate(load_spec(FORM_ID), {**values, **(attachments or {})}, now=now)
    if isinstance(result, Invalid):
        raise FieldErrors(result.errors)
    typed = result.values
    mine = {p.liquidation_number: p for p in pending_liquidations(session, actor)}
    pending = mine.get(str(typed["numero_liquidacion"]))
    if pending is None:
        raise _refuse("numero_liquidacion", "fp_not_pending")
    if typed["distrito"] != pending.district:
        raise _refuse("distrito", "fp_district_mismatch", district=pending.district)
    if Decimal(typed["monto"]) * 100 != pending.amount_cents:
        raise _refuse("monto", "fp_amount_mismatch", amount=pending.amount_cents)
    if (
        typed.get("numero_entrega")
        and str(typed["numero_entrega"]).upper() != pending.delivery_number
    ):
        raise _refuse("numero_entrega", "fp_delivery_mismatch")
    instalments = int(typed["cuotas"])
    if instalments > max_instalments(pending.amount_cents):
        raise _refuse("cuotas", "fp_instalment_small", max=max_instalments(pending.amount_cents))
    return typed, pending


def submit(
    session: Session,
    actor: Actor,
    values: dict[str, object],
    attachments: dict[str, list[Attachment]] | None = None,
    *,
    now: datetime,
) -> str:
    """Validate again (form engine and the limits above) and register the request."""
    typed, pending = _checked(session, actor, values, attachments, now)
    instalments = int(typed["cuotas"])
    assert actor.company_id is not None
    drafts.discard_draft(session, actor, FORM_ID)
    with counters.numbered(session, _numbering(now)) as slot:
        request = PaymentFacility(
            number=slot.mark,
            company_id=actor.company_id,
            requester_id=actor.user_id,
            declaration_id=pending.declaration_id,
            district_code=pending.district,
            amount_cents=pending.amount_cents,
            instalments=instalments,
            justification=clean(typed["justificacion"]).strip(),
            state="pendiente",
            created_at=now,
        )
        session.add(request)
        session.flush()
        for item in typed.get("garantia") or []:
            kind = sniff(item.data) or "pdf"
            session.add(
                PaymentFacilityAttachment(
                    request_id=request.id or 0,
                    name=item.name,
                    media_type=MEDIA_TYPES[kind],
                    size=item.size,
                    sha256=hashlib.sha256(item.data).hexdigest(),
                    content=item.data,
                )
            )
        post_notice(
            session,
            user_id=actor.user_id,
            at=now,
            sender=SENDER,
            code="fp_registered",
            params={
                "numero": slot.mark,
                "liquidacion": pending.liquidation_number,
                "cuotas": instalments,
            },
        )
        audit.record(
            session,
            at=now,
            actor_id=actor.user_id,
            action="create",
            entity="payment_facility",
            entity_id=slot.mark,
            to_state="pendiente",
        )
    return slot.number


def _rows(session: Session, stmt: Any) -> list[FacilityRow]:
    out = []
    for r, liquidation, company in session.exec(
        stmt.join(Declaration, col(Declaration.id) == PaymentFacility.declaration_id).join(
            Company, col(Company.id) == PaymentFacility.company_id
        )
    ).all():
        out.append(
            FacilityRow(
                r.number,
                liquidation or "",
                r.amount_cents,
                r.instalments,
                r.state,
                r.created_at,
                r.decided_at,
                r.decision_note,
                r.justification,
                company,
            )
        )
    return out


def _select() -> Any:
    return select(PaymentFacility, Declaration.liquidation_number, Company.razon_social)


def my_requests(session: Session, actor: Actor) -> list[FacilityRow]:
    if actor.company_id is None:
        raise PermissionDenied()
    require_option(session, actor, "1.11")
    stmt = _select().where(PaymentFacility.company_id == actor.company_id)
    return _rows(session, stmt.order_by(col(PaymentFacility.created_at).desc()).limit(100))


def requests_to_decide(session: Session, actor: Actor) -> list[FacilityRow]:
    if not is_staff(actor.user_class):
        raise PermissionDenied()
    stmt = _select().where(PaymentFacility.state == "pendiente")
    return _rows(session, stmt.order_by(col(PaymentFacility.created_at), col(PaymentFacility.id)))


def decide(
    session: Session, actor: Actor, number: str, approve: bool, note: str, *, now: datetime
) -> None:
    if not is_staff(actor.user_class):
        raise PermissionDenied()
    text = clean(note).strip()
    if len(text) < 10:
        raise FieldErrors(rules={"nota": "text_too_short"})
    if len(text) > 1000:
        raise FieldErrors(rules={"nota": "text_too_long"})
    request = session.exec(
        select(PaymentFacility).where(PaymentFacility.number == number).with_for_update()
    ).first()
    if request is None:
        raise NotFound("fp_not_found")
    if request.state != "pendiente":
        raise ServiceError("fp_already_decided", state=request.state)
    request.state = "aprobada" if approve else "rechazada"
    request.decided_at = now
    request.decided_by_id = actor.user_id
    request.decision_note = text
    request.version += 1
    session.add(request)
    post_notice(
        session,
        user_id=request.requester_id,
        at=now,
        sender=SENDER,
        code="fp_approved" if approve else "fp_rejected",
        params={"numero": request.number, "cuotas": request.instalments, "motivo": text},
    )
    audit.record(
        session,
        at=now,
        actor_id=actor.user_id,
        action="decide",
        entity="payment_facility",
        entity_id=request.number,
        from_state="pendiente",
        to_state=request.state,
    )
