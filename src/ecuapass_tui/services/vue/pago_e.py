"""Pago-e of VUE fees: the fees the institutions authorised (120), paying one with the bank's
reference (the demo's bank confirms at once: 130), a reversal (back to 120) and the receipt."""

from __future__ import annotations

import re
from datetime import datetime

from sqlmodel import Session, col, select

from ecuapass_tui import formats
from ecuapass_tui.core.text import clean, sanitize_name
from ecuapass_tui.services import audit
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors
from ecuapass_tui.services.vue import catalog, records, states
from ecuapass_tui.services.vue.dto import Fee
from ecuapass_tui.services.vue.records import VueRefused
from ecuapass_tui.store.models_vue import VuePayment, VueRequest

REFERENCE = re.compile(r"[A-Z0-9-]{6,40}")


def _last_payment(session: Session, request: VueRequest) -> VuePayment | None:
    return session.exec(
        select(VuePayment)
        .where(VuePayment.request_id == request.id)
        .order_by(col(VuePayment.id).desc())
    ).first()


def is_paid(session: Session, request: VueRequest) -> bool:
    payment = _last_payment(session, request)
    return payment is not None and payment.reversed_at is None


def _fee(session: Session, request: VueRequest) -> Fee:
    payment = _last_payment(session, request)
    assert request.fee_cents is not None and request.fee_authorised_at is not None
    amount = records.from_cents(request.fee_cents)
    assert amount is not None
    return Fee(
        number=request.number,
        institution=catalog.institution(request.institution_code).short_name,
        form_name=catalog.form(request.form_code).name,
        amount=amount,
        authorised_at=request.fee_authorised_at,
        state=request.state,
        bank_reference=payment.bank_reference if payment else "",
        paid_at=payment.paid_at if payment else None,
        reversed_at=payment.reversed_at if payment else None,
        reversal_reason=payment.reversal_reason if payment else "",
    )


def fees(session: Session, actor: Actor) -> list[Fee]:
    """The company's fees: waiting for payment (120) first, then the newest."""
    company_id = records.company_actor(session, actor, records.OPTION_PAGO)
    rows = session.exec(
        select(VueRequest)
        .where(VueRequest.company_id == company_id, col(VueRequest.fee_cents).is_not(None))
        .order_by(col(VueRequest.fee_authorised_at).desc(), col(VueRequest.id).desc())
    ).all()
    result = [_fee(session, request) for request in rows]
    result.sort(key=lambda fee: fee.state != states.FEE_AUTHORISED)
    return result


def pay(
    session: Session, actor: Actor, number: str, reference: str, *, now: datetime, mail: bool
) -> Fee:
    records.company_actor(session, actor, records.OPTION_PAGO)
    request = records.load(session, actor, number, lock=True)
    if request.state != states.FEE_AUTHORISED:
        raise VueRefused("vue_not_payable", state=request.state)
    reference = clean(reference).strip().upper()
    if not REFERENCE.fullmatch(reference):
        raise FieldErrors(rules={"referencia": "vue_bank_reference"})
    assert request.id is not None and request.fee_cents is not None
    session.add(
        VuePayment(
            request_id=request.id,
            amount_cents=request.fee_cents,
            bank_reference=reference,
            paid_at=now,
            paid_by=actor.user_id,
        )
    )
    note = f"Pago-e {reference}"
    records.change_state(session, request, actor, states.PAID, at=now, note=note, mail=mail)
    return _fee(session, request)


def reverse(
    session: Session, actor: Actor, number: str, reason: str, *, now: datetime, mail: bool
) -> Fee:
    """The institution records that the bank reversed a payment: the fee is due again."""
    records.institution_actor(session, actor)
    request = records.load(session, actor, number, lock=True)
    payment = _last_payment(session, request)
    if request.state != states.PAID or payment is None or payment.reversed_at is not None:
        raise VueRefused("vue_not_reversible", state=request.state)
    reason = clean(reason).strip()[:500]
    if not reason:
        raise VueRefused("vue_note_required", to=states.FEE_AUTHORISED)
    payment.reversed_at = now
    payment.reversal_reason = reason
    session.add(payment)
    records.change_state(
        session, request, actor, states.FEE_AUTHORISED, at=now, note=reason, mail=mail
    )
    return _fee(session, request)


def receipt(session: Session, actor: Actor, number: str, *, now: datetime) -> tuple[str, bytes]:
    """The receipt of the request's payment, as UTF-8 text (Spanish, as the bank's)."""
    request = records.load(session, actor, number)
    payment = _last_payment(session, request)
    if payment is None or payment.reversed_at is not None:
        raise VueRefused("vue_no_receipt")
    lines = [
        "COMPROBANTE DE PAGO (PAGO-E) - VENTANILLA ÚNICA ECUATORIANA",
        f"Solicitud: {request.number}",
        f"Institución: {catalog.institution(request.institution_code).name}",
        f"Formulario: {request.form_code} {catalog.form(request.form_code).name}",
        f"Empresa: {records.company_name(session, request.company_id)}",
        f"Valor: {formats.amount(payment.amount_cents, lang='es')}",
        f"Referencia bancaria: {payment.bank_reference}",
        f"Fecha de pago: {formats.moment(payment.paid_at, seconds=True)}",
    ]
    audit.record(
        session,
        at=now,
        actor_id=actor.user_id,
        action="export",
        entity="vue_receipt",
        entity_id=request.number,
    )
    name = sanitize_name(f"comprobante_{request.number}_{payment.bank_reference}.txt")
    return name, ("\n".join(lines) + "\n").encode("utf-8")
