"""MS.3: the form `evento_carga` checked again with the form engine, then `record_event`."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from ecuapass_tui.core.roles import is_staff
from ecuapass_tui.forms.engine import Invalid, validate
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.services import drafts
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, PermissionDenied
from ecuapass_tui.services.tramites.tracking_dto import EventInput, Recorded
from ecuapass_tui.services.tramites.tracking_events import record_event

FORM_ID = "evento_carga"


def event_input(typed: dict[str, Any]) -> EventInput:
    def get(name: str) -> str:
        value = typed.get(name)
        return "" if value is None else str(value).strip()

    amount = typed.get("monto")
    return EventInput(
        mrn=get("mrn"),
        stage=get("etapa"),
        at=typed["fecha_hora"],
        detail=get("detalle"),
        who=get("quien"),
        channel=get("canal"),
        delivery_number=get("numero_entrega"),
        dai_number=get("numero_dai"),
        liquidation_number=get("numero_liquidacion"),
        liquidation_cents=int(Decimal(amount) * 100) if amount is not None else 0,
        transport_doc_type=get("tipo_documento"),
        transport_doc=get("documento_transporte"),
        consignee_ruc=get("ruc_consignatario"),
        declarant_oce=get("oce_declarante"),
        district=get("distrito"),
        goods=get("mercancia"),
        containers=tuple(get("contenedores").split()),
    )


def record_from_form(
    session: Session, actor: Actor, values: dict[str, object], *, now: datetime
) -> Recorded:
    if not is_staff(actor.user_class):
        raise PermissionDenied()
    result = validate(load_spec(FORM_ID), values, now=now)
    if isinstance(result, Invalid):
        raise FieldErrors(result.errors)
    recorded = record_event(session, actor, event_input(result.values), now=now)
    drafts.discard_draft(session, actor, FORM_ID)
    return recorded
