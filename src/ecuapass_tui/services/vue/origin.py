"""Certificados de Origen y DJO: the exporter's declaración juramentada de origen (signed, in
force two years from the day it is signed) and the certificates of origin asked for with one
(requests of the `origen` form, decided by MIPRO through the usual moves)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from ecuapass_tui.core.clock import local
from ecuapass_tui.forms.engine import Invalid, validate
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors
from ecuapass_tui.services.vue import catalog, records, tariff
from ecuapass_tui.services.vue.dto import CertificateRow, DjoRow, SignedText
from ecuapass_tui.store import counters
from ecuapass_tui.store.models_vue import VueDjo, VueRequest

DJO_SPEC = "vue_djo"
DJO_YEARS = 2
EXPIRING_DAYS = 30
# A certificate of origin is valid this long from its approval (our choice: 180 days).
CERTIFICATE_DAYS = 180


@dataclass(frozen=True)
class PreparedDjo:
    company_id: int
    values: dict[str, Any]
    text: str


def find_djo(session: Session, company_id: int, number: str) -> VueDjo | None:
    return session.exec(
        select(VueDjo).where(
            VueDjo.number == number.strip().upper(), VueDjo.company_id == company_id
        )
    ).first()


def in_force(djo: VueDjo, now: datetime) -> bool:
    return djo.valid_from <= local(now).date() <= djo.valid_until


def _row(djo: VueDjo, now: datetime) -> DjoRow:
    return DjoRow(
        number=djo.number,
        product=djo.product,
        subpartida=djo.subpartida,
        signed_at=djo.signed_at,
        valid_from=djo.valid_from,
        valid_until=djo.valid_until,
        in_force=in_force(djo, now),
    )


def prepare_djo(
    session: Session, actor: Actor, values: dict[str, object], *, now: datetime
) -> PreparedDjo:
    company_id = records.company_actor(session, actor, records.OPTION_ORIGEN)
    result = validate(load_spec(DJO_SPEC), values, now=now)
    if isinstance(result, Invalid):
        raise FieldErrors(result.errors)
    typed = result.values
    known = tariff.known_subpartidas(session, {str(typed["subpartida"])})
    if known is not None and typed["subpartida"] not in known:
        raise FieldErrors(rules={"subpartida": "vue_subpartida_unknown"})
    plain = json.loads(json.dumps(typed, default=str, ensure_ascii=False))
    content = json.dumps({"djo": plain}, ensure_ascii=False, sort_keys=True)
    return PreparedDjo(company_id=company_id, values=typed, text=content)


def store_djo(
    session: Session, actor: Actor, prepared: PreparedDjo, signed: SignedText, *, now: datetime
) -> DjoRow:
    start = local(now).date()
    with counters.numbered(session, records.djo_numbering(now)) as slot:
        djo = VueDjo(
            number=slot.mark,
            company_id=prepared.company_id,
            product=str(prepared.values["producto"])[:300],
            subpartida=str(prepared.values["subpartida"]),
            values_json=prepared.text,
            sig_algorithm=signed.algorithm,
            signature=signed.signature,
            certificate=signed.certificate,
            signed_by=signed.subject,
            signed_at=now,
            valid_from=start,
            valid_until=start.replace(year=start.year + DJO_YEARS) - timedelta(days=1),
            created_by=actor.user_id,
        )
        session.add(djo)
    return _row(djo, now)


def djos(session: Session, actor: Actor, *, now: datetime) -> list[DjoRow]:
    company_id = records.company_actor(session, actor, records.OPTION_ORIGEN)
    rows = session.exec(
        select(VueDjo)
        .where(VueDjo.company_id == company_id)
        .order_by(col(VueDjo.valid_until).desc(), col(VueDjo.id).desc())
    ).all()
    return [_row(djo, now) for djo in rows]


def certificate_valid_until(at: datetime) -> date:
    return local(at).date() + timedelta(days=CERTIFICATE_DAYS)


def certificates(session: Session, actor: Actor, *, now: datetime) -> list[CertificateRow]:
    """The company's certificate requests; those that expire within 30 days first."""
    company_id = records.company_actor(session, actor, records.OPTION_ORIGEN)
    rows = session.exec(
        select(VueRequest, VueDjo)
        .join(VueDjo, col(VueDjo.id) == col(VueRequest.djo_id))
        .where(VueRequest.company_id == company_id, VueRequest.kind == catalog.ORIGEN)
    ).all()
    today = local(now).date()
    soon = today + timedelta(days=EXPIRING_DAYS)
    result = [
        CertificateRow(
            number=request.number,
            djo_number=djo.number,
            state=request.state,
            valid_until=request.valid_until,
            expires_soon=request.valid_until is not None and today <= request.valid_until <= soon,
        )
        for request, djo in rows
    ]
    result.sort(key=lambda r: (not r.expires_soon, r.valid_until or date.max, r.number))
    return result
