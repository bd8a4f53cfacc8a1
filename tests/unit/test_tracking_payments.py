"""1.11 Solicitud de facilidades de pago: the form checked again, the documented limits, the
company's own liquidaciones only, staff decisions and the mailbox."""

from __future__ import annotations

import pytest
from sqlmodel import select
from tests.unit.test_tracking import who

from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.errors import FieldErrors, PermissionDenied, ServiceError
from ecuapass_tui.store.models import MailboxNotice

JUSTIFICATION = (
    "Las ventas de temporada se cobran a sesenta días; pagaremos en cuotas mensuales fijas "
    "con los cobros de enero y febrero."
)


def values(pending, **changes: object) -> dict[str, object]:  # type: ignore[no-untyped-def]
    amount = pending.amount_cents
    data: dict[str, object] = {
        "numero_liquidacion": pending.liquidation_number,
        "numero_entrega": pending.delivery_number,
        "distrito": pending.district,
        "monto": f"{amount // 100}.{amount % 100:02d}",
        "cuotas": "6",
        "justificacion": JUSTIFICATION,
    }
    data.update(changes)
    return data


def codes(caught: pytest.ExceptionInfo[FieldErrors]) -> dict[str, str]:
    return {e.field: e.code for e in caught.value.errors}


def test_request_limits_and_decision(desk: Desk, demo_db) -> None:  # type: ignore[no-untyped-def]
    agente, staff = who(desk, "agente"), who(desk, "supervisor")
    pending = desk.pending_liquidations(agente)
    assert pending
    first = pending[0]
    with pytest.raises(FieldErrors) as few:
        desk.request_payment_facility(agente, values(first, cuotas="1"))
    assert set(codes(few)) == {"cuotas"}
    with pytest.raises(FieldErrors) as amount:
        desk.request_payment_facility(agente, values(first, monto="1.00"))
    assert codes(amount) == {"monto": "fp_amount_mismatch"}
    with pytest.raises(FieldErrors) as district:
        desk.request_payment_facility(agente, values(first, distrito="019"))
    assert codes(district) == {"distrito": "fp_district_mismatch"}
    number = desk.request_payment_facility(agente, values(first))
    assert number.startswith("FP-2026-")
    assert first.liquidation_number not in {
        p.liquidation_number for p in desk.pending_liquidations(agente)
    }
    with pytest.raises(FieldErrors) as again:
        desk.request_payment_facility(agente, values(first))
    assert codes(again) == {"numero_liquidacion": "fp_not_pending"}
    assert number in {r.number for r in desk.my_payment_facilities(agente)}
    todo = {r.number for r in desk.payment_facilities_to_decide(staff)}
    assert {number, "FP-2026-000001"} <= todo
    with pytest.raises(PermissionDenied):
        desk.decide_payment_facility(agente, number, True, "Aprobada por el propio usuario")
    desk.decide_payment_facility(staff, number, True, "Cumple la garantía y el historial.")
    with pytest.raises(ServiceError) as twice:
        desk.decide_payment_facility(staff, number, False, "Segunda decisión que no corresponde")
    assert twice.value.code == "fp_already_decided"
    with demo_db.read() as s:
        subjects = [n.subject for n in s.exec(select(MailboxNotice)).all() if number in n.subject]
    assert any("REGISTRADA" in x for x in subjects) and any("APROBADA" in x for x in subjects)


def test_instalments_at_least_fifty_dollars(desk: Desk) -> None:
    agente = who(desk, "agente")
    first = desk.pending_liquidations(agente)[0]
    assert first.amount_cents // 5_000 >= 12  # demo amounts allow 12; the limit is the cap
    with pytest.raises(FieldErrors) as many:
        desk.request_payment_facility(agente, values(first, cuotas="13"))
    assert "cuotas" in codes(many)


def test_only_the_companys_liquidaciones(desk: Desk) -> None:
    agente, mtorres = who(desk, "agente"), who(desk, "mtorres")
    theirs = desk.pending_liquidations(mtorres)
    mine = {p.liquidation_number for p in desk.pending_liquidations(agente)}
    outsider = [p for p in theirs if p.liquidation_number not in mine]
    assert outsider
    with pytest.raises(FieldErrors) as caught:
        desk.request_payment_facility(agente, values(outsider[0]))
    assert codes(caught) == {"numero_liquidacion": "fp_not_pending"}
    with pytest.raises(PermissionDenied):
        desk.pending_liquidations(who(desk, "supervisor"))


def test_small_liquidacion_allows_fewer_instalments(desk: Desk) -> None:
    from tests.unit.test_tracking import MRN, event

    from ecuapass_tui.services.tramites.payments import max_instalments
    from ecuapass_tui.services.tramites.tracking_dto import Stage

    assert (max_instalments(30_000), max_instalments(10_000_000), max_instalments(9_999)) == (
        6,
        12,
        1,
    )
    staff, agente = who(desk, "supervisor"), who(desk, "agente")
    stages = (
        Stage.MANIFIESTO,
        Stage.ARRIBO,
        Stage.DEPOSITO,
        Stage.DAI_TRANSMITIDA,
        Stage.DAI_ACEPTADA,
    )
    for hours, stage in enumerate(stages):
        desk.record_event(staff, event(stage, hours, liquidation_cents=30_000))
    small = next(p for p in desk.pending_liquidations(agente) if p.mrn == MRN)
    with pytest.raises(FieldErrors) as caught:
        desk.request_payment_facility(agente, values(small, cuotas="7"))
    assert codes(caught) == {"cuotas": "fp_instalment_small"}
    assert caught.value.errors[0].params == {"max": 6}
    assert desk.request_payment_facility(agente, values(small, cuotas="6"))
