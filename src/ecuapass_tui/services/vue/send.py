"""Sending a request (110): the form checked by its spec and the service's rules, the text
that is signed, and the stored request with its number, files and first history row. The
signature is made by the Desk with the user's .p12 (the same signer as the convenio)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.forms.engine import Invalid, validate
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, ServiceError
from ecuapass_tui.services.vue import catalog, origin, records, states, tariff
from ecuapass_tui.services.vue.dto import RequestRow, SignedText
from ecuapass_tui.store import counters
from ecuapass_tui.store.models_vue import VueRequest, VueRequestFile


@dataclass(frozen=True)
class Prepared:
    """A checked form, ready to be signed: `text` is what the signature covers."""

    form_code: str
    company_id: int
    oce_code: str
    values: dict[str, Any]
    files: tuple[Attachment, ...]
    djo_id: int | None
    text: str


def _plain(value: object) -> object:
    if isinstance(value, Attachment):
        return {"nombre": value.name, "sha256": hashlib.sha256(value.data).hexdigest()}
    if isinstance(value, (Decimal, date)):
        return value.isoformat() if isinstance(value, date) else str(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def prepare(
    session: Session,
    actor: Actor,
    form_code: str,
    values: dict[str, object],
    attachments: dict[str, list[Attachment]] | None,
    *,
    now: datetime,
) -> Prepared:
    form = catalog.form(form_code)
    option = records.OPTION_ORIGEN if form.kind == catalog.ORIGEN else records.OPTION_ACOMPANAMIENTO
    company_id = records.company_actor(session, actor, option)
    if not actor.oce_code:
        raise ServiceError("vue_no_oce")
    result = validate(load_spec(form.spec_id), values, attachments, now=now)
    if isinstance(result, Invalid):
        raise FieldErrors(result.errors)
    typed = result.values
    rules = tariff.product_rules(session, list(typed.get("productos") or []))
    djo_id = None
    if form.kind == catalog.ORIGEN:
        djo = origin.find_djo(session, company_id, str(typed.get("djo") or ""))
        if djo is None or not origin.in_force(djo, now):
            rules["djo"] = "vue_djo_not_in_force"
        else:
            djo_id = djo.id
    if rules:
        raise FieldErrors(rules=rules)
    files = tuple(typed.pop("adjuntos", None) or ())
    content = {"formulario": form_code, "oce": actor.oce_code, "valores": _plain(typed)}
    content["adjuntos"] = _plain(list(files))
    return Prepared(
        form_code=form_code,
        company_id=company_id,
        oce_code=actor.oce_code,
        values=typed,
        files=files,
        djo_id=djo_id,
        text=json.dumps(content, ensure_ascii=False, sort_keys=True),
    )


def store(
    session: Session,
    actor: Actor,
    prepared: Prepared,
    signed: SignedText,
    *,
    now: datetime,
    mail: bool,
) -> VueRequest:
    form = catalog.form(prepared.form_code)
    # The number last: the OCE's counter row is a queue for its sends (store/counters.py).
    with counters.numbered(session, records.numbering(prepared.oce_code, now)) as slot:
        request = VueRequest(
            number=slot.mark,
            company_id=prepared.company_id,
            oce_code=prepared.oce_code,
            institution_code=form.institution_code,
            form_code=form.code,
            kind=form.kind,
            state="",
            values_json=prepared.text,
            sig_algorithm=signed.algorithm,
            signature=signed.signature,
            certificate=signed.certificate,
            signed_by=signed.subject,
            djo_id=prepared.djo_id,
            created_by=actor.user_id,
            sent_at=now,
            state_at=now,
        )
        session.add(request)
        session.flush()
        assert request.id is not None
        for item in prepared.files:
            session.add(
                VueRequestFile(
                    request_id=request.id,
                    name=item.name,
                    size=len(item.data),
                    sha256=hashlib.sha256(item.data).hexdigest(),
                    content=item.data,
                )
            )
        records.change_state(session, request, actor, states.SENT, at=now, mail=mail)
    return request


def row_of(session: Session, request: VueRequest) -> RequestRow:
    return records.to_row(request, records.company_name(session, request.company_id))
