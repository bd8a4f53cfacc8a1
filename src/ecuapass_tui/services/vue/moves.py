"""A request's moves through its states, by either side, checked against the transition
table (`states.py`); each refusal says why. Approval's e-document is stored by the Desk (it
belongs to the e-documents of 1.6) with the content made here."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal, InvalidOperation

from sqlmodel import Session

from ecuapass_tui.core.text import clean
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.vue import catalog, origin, pago_e, records, states
from ecuapass_tui.services.vue.records import VueRefused
from ecuapass_tui.store.models_vue import VueRequest

MAX_NOTE = 2000
MAX_FEE = Decimal("100000")


def _check(request: VueRequest, side: str, to_state: str) -> None:
    if request.state in states.FINAL:
        raise VueRefused("vue_final", state=request.state)
    moves = states.TRANSITIONS.get(request.state, {})
    if to_state not in moves:
        raise VueRefused("vue_wrong_state", state=request.state, to=to_state)
    if moves[to_state] != side:
        code = "vue_institution_move" if side == states.COMPANY else "vue_company_move"
        raise VueRefused(code, to=to_state)


def _fee(amount: Decimal | str | None) -> int:
    try:
        value = Decimal(str(amount).replace(",", ".")) if amount is not None else None
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value <= 0 or value > MAX_FEE:
        raise VueRefused("vue_amount_required", most=str(MAX_FEE))
    if value != value.quantize(Decimal("0.01")):
        raise VueRefused("vue_amount_cents")
    return records.to_cents(value)


def move(
    session: Session,
    actor: Actor,
    number: str,
    to_state: str,
    *,
    note: str = "",
    amount: Decimal | str | None = None,
    now: datetime,
    mail: bool,
) -> VueRequest:
    side, _owner = records.side(session, actor)
    request = records.load(session, actor, number, lock=True)
    _check(request, side, to_state)
    note = clean(note).strip()[:MAX_NOTE]
    if to_state in states.NOTE_REQUIRED and not note:
        raise VueRefused("vue_note_required", to=to_state)
    if to_state == states.FEE_AUTHORISED:
        request.fee_cents = _fee(amount)
        request.fee_authorised_at = now
    if to_state == states.APPROVED:
        if not pago_e.is_paid(session, request):
            raise VueRefused("vue_not_paid")
        if request.kind == catalog.ORIGEN:
            request.valid_until = origin.certificate_valid_until(now)
    records.change_state(session, request, actor, to_state, at=now, note=note, mail=mail)
    return request


def approval_content(session: Session, request: VueRequest) -> tuple[str, str]:
    """(title, content) of the document an approval gives: what was approved, for whom."""
    form = catalog.form(request.form_code)
    title = f"{form.name} - {catalog.institution(request.institution_code).short_name}"
    body = {
        "solicitud": request.number,
        "formulario": request.form_code,
        "institucion": request.institution_code,
        "empresa": records.company_name(session, request.company_id),
        "estado": request.state,
        "aprobada": request.state_at.isoformat(),
        "vigente_hasta": request.valid_until.isoformat() if request.valid_until else "",
        "valores": records.values_of(request),
    }
    return title[:200], json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True)


def attach_document(session: Session, request: VueRequest, document_id: int) -> None:
    request.document_id = document_id
    session.add(request)
