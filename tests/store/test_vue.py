"""The Ventanilla Única's services on SQLite and PostgreSQL: a request from its send to
customs, every transition the table allows and each refusal, Pago-e, the DJO and its
certificate, supporting documents, and nobody seeing another's requests."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlmodel import col, select
from tests.p12 import PIN, make_p12
from tests.store._vue_setup import NOW, People, people

from ecuapass_tui.core.clock import FixedClock
from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.services.cuentas.signing import SignRefused
from ecuapass_tui.services.demo.vue import certificate_values, djo_values, request_values
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.errors import FieldErrors, NotFound, PermissionDenied
from ecuapass_tui.services.tramites.integrity import Verdict
from ecuapass_tui.services.vue import send, states
from ecuapass_tui.services.vue.dto import RequestFilter, SignedText
from ecuapass_tui.services.vue.records import VueRefused
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import AuditEvent, MailboxNotice, OutboxMail
from ecuapass_tui.store.models_tracking import EDocument
from ecuapass_tui.store.models_vue import VueRequestEvent

PDF = b"%PDF-1.4\n" + b"0" * 200


@pytest.fixture(scope="module")
def p12() -> bytes:
    return make_p12(NOW, kind="ec")


@pytest.fixture
def world(any_db: Database) -> tuple[Desk, People]:
    desk = Desk(any_db, clock=FixedClock(NOW), mail_sent=lambda: None)
    return desk, people(any_db)


def _send(desk: Desk, who: People, p12: bytes, form: str = "101-002-REQ") -> str:
    return desk.vue_send(who.company, form, request_values(), None, p12, PIN).number


def _walk(desk: Desk, who: People, number: str, steps: list[str]) -> None:
    for step in steps:
        if step == "pay":
            desk.vue_pay(who.company, number, "BP-445566")
            continue
        side = states.TRANSITIONS[desk.vue_request(who.company, number).row.state][step]
        actor = who.company if side == states.COMPANY else who.agro
        desk.vue_move(actor, number, step, note="motivo", amount=Decimal("30.00"))


def test_a_request_from_its_send_to_customs(world, p12: bytes, any_db: Database) -> None:
    desk, who = world
    sent = desk.vue_send(who.company, "101-002-REQ", request_values(), None, p12, PIN)
    assert sent.number == "41700215202600000001P" and len(sent.number) == 21
    assert sent.state == "110" and sent.institution == "AGROCALIDAD"
    _walk(desk, who, sent.number, ["210", "120", "pay", "320", "510"])
    detail = desk.vue_request(who.company, sent.number)
    assert [h.state for h in detail.history] == ["110", "210", "120", "130", "320", "510"]
    assert detail.history[2].by == "AGRO" and detail.row.fee == Decimal("30.00")
    assert detail.values["productos"][0]["subpartida"] == "0901119000"
    assert detail.allowed == ("140", "150", "640")
    # The approval's document is an e-document of the company, verifiable in 2.7.
    _name, data = desk.export_document(who.company, detail.row.document_id)
    assert desk.verify_document(who.company, data).verdict == Verdict.INTEGRO
    with any_db.read() as s:
        audit = s.exec(select(AuditEvent).where(AuditEvent.entity == "vue_request")).all()
        notices = s.exec(select(MailboxNotice).where(MailboxNotice.sender == "VENTANILLA ÚNICA"))
        mails = s.exec(select(OutboxMail).where(col(OutboxMail.subject).contains(sent.number)))
        assert [a.to_state for a in audit] == ["110", "210", "120", "130", "320", "510"]
        assert len(notices.all()) == 6 and len(mails.all()) == 6
        kinds = s.exec(select(EDocument.direction).where(EDocument.operation_type == "vue"))
        assert sorted(kinds.all()) == ["enviado", "recibido"]


def test_every_transition_of_the_table_and_the_refusals(world, p12: bytes) -> None:
    """Every move of the table by the side it belongs to, refused to the other side (each
    request is stored from one signed form: the send's own checks are tested above)."""
    desk, who = world
    with desk.db.read() as s:
        prepared = send.prepare(s, who.company, "101-002-REQ", request_values(), None, now=NOW)
    signed = SignedText("ed25519", b"firma", b"certificado", "huella", "CN=PRUEBA")

    def stored() -> str:
        with desk.db.write() as s:
            return send.store(s, who.company, prepared, signed, now=NOW, mail=False).number

    for origin, moves in states.TRANSITIONS.items():
        for target, side in moves.items():
            number = stored()
            _walk(desk, who, number, _path_to(origin))
            wrong = who.agro if side == states.COMPANY else who.company
            with pytest.raises(VueRefused) as refused:
                desk.vue_move(wrong, number, target, note="x", amount="30")
            assert refused.value.code in ("vue_institution_move", "vue_company_move")
            right = who.company if side == states.COMPANY else who.agro
            if target == "320" and origin in ("140", "150", "420"):
                continue  # approval after payment: covered by the paths that pay
            desk.vue_move(right, number, target, note="motivo", amount="30")
            assert desk.vue_request(who.company, number).row.state == target
    number = stored()
    for target, code, kwargs in (
        ("320", "vue_wrong_state", {}),
        ("210", "vue_institution_move", {}),
        ("910", "vue_note_required", {"note": "  "}),
    ):
        actor = who.company if code == "vue_institution_move" else who.agro
        with pytest.raises(VueRefused) as refused:
            desk.vue_move(actor, number, target, **kwargs)
        assert refused.value.code == code
    desk.vue_move(who.agro, number, "210")
    for amount in (None, "0", "-3", "abc", "10.001"):
        with pytest.raises(VueRefused, match="vue_amount"):
            desk.vue_move(who.agro, number, "120", amount=amount)
    desk.vue_move(who.agro, number, "310", note="no procede")
    with pytest.raises(VueRefused, match="vue_final"):
        desk.vue_move(who.agro, number, "210")


def _path_to(state: str) -> list[str]:
    return {
        "110": [],
        "210": ["210"],
        "120": ["210", "120"],
        "130": ["210", "120", "pay"],
        "230": ["210", "120", "pay", "230"],
        "240": ["210", "120", "pay", "230", "240"],
        "410": ["210", "410"],
        "420": ["210", "410", "420"],
        "320": ["210", "120", "pay", "320"],
        "510": ["210", "120", "pay", "320", "510"],
        "140": ["210", "120", "pay", "320", "140"],
        "150": ["210", "120", "pay", "320", "150"],
        "610": ["610"],
        "640": ["210", "120", "pay", "320", "640"],
    }[state]


def test_approval_waits_for_the_payment(world, p12: bytes) -> None:
    desk, who = world
    number = _send(desk, who, p12)
    _walk(desk, who, number, ["210", "410", "420"])
    with pytest.raises(VueRefused, match="vue_not_paid"):
        desk.vue_move(who.agro, number, "320")


def test_pago_e_pay_reverse_and_receipt(world, p12: bytes) -> None:
    desk, who = world
    number = _send(desk, who, p12)
    with pytest.raises(VueRefused, match="vue_not_payable"):
        desk.vue_pay(who.company, number, "BP-445566")
    _walk(desk, who, number, ["210", "120"])
    [fee] = desk.vue_fees(who.company)
    assert (fee.number, fee.amount, fee.state) == (number, Decimal("30.00"), "120")
    with pytest.raises(FieldErrors) as bad:
        desk.vue_pay(who.company, number, "12")
    assert bad.value.rules == {"referencia": "vue_bank_reference"}
    with pytest.raises(VueRefused, match="vue_no_receipt"):
        desk.vue_receipt(who.company, number)
    assert desk.vue_pay(who.company, number, "bp-445566").state == "130"
    name, data = desk.vue_receipt(who.company, number)
    assert name == f"comprobante_{number}_BP-445566.txt"
    assert "USD 30,00" in data.decode() and "BP-445566" in data.decode()
    with pytest.raises(PermissionDenied):
        desk.vue_reverse_payment(who.company, number, "cheque devuelto")
    reversed_fee = desk.vue_reverse_payment(who.agro, number, "cheque devuelto")
    assert reversed_fee.state == "120" and reversed_fee.reversed_at == NOW
    with pytest.raises(VueRefused, match="vue_not_reversible"):
        desk.vue_reverse_payment(who.agro, number, "otra vez")


def test_nobody_sees_another_company_or_institution(world, p12: bytes) -> None:
    desk, who = world
    number = _send(desk, who, p12)
    for stranger in (who.other, who.arcsa):
        with pytest.raises(NotFound):
            desk.vue_request(stranger, number)
        with pytest.raises(NotFound):
            desk.vue_move(stranger, number, "210" if stranger is who.arcsa else "610", note="x")
        assert desk.vue_status_page(stranger, RequestFilter()).rows == ()
    assert [r.number for r in desk.vue_queue(who.agro, RequestFilter()).rows] == [number]
    with pytest.raises(PermissionDenied):
        desk.vue_queue(who.company, RequestFilter())
    with pytest.raises(NotFound):
        desk.vue_pay(who.other, number, "BP-445566")
    with pytest.raises(NotFound):
        desk.vue_receipt(who.mipro, number)


def test_bad_input_is_said_beside_its_field(world, p12: bytes, any_db: Database) -> None:
    desk, who = world
    values = request_values()
    values["productos"] = [dict(values["productos"][0], fob="0", cif="abc")]  # type: ignore[index]
    with pytest.raises(FieldErrors) as bad:
        desk.vue_send(who.company, "101-002-REQ", values, None, p12, PIN)
    assert {e.field for e in bad.value.errors} == {"productos.1.fob", "productos.1.cif"}
    values = request_values()
    values["productos"] = [dict(values["productos"][0], fob="500", cif="400")]  # type: ignore[index]
    with pytest.raises(FieldErrors) as bad:
        desk.vue_send(who.company, "101-002-REQ", values, None, p12, PIN)
    assert bad.value.rules == {"productos.1.cif": "vue_cif_below_fob"}
    with pytest.raises(SignRefused, match="wrong_pin"):
        desk.vue_send(who.company, "101-002-REQ", request_values(), None, p12, "otro")
    # A refused send gives no number away.
    assert _send(desk, who, p12).endswith("00000001P")
    with any_db.read() as s:
        assert len(s.exec(select(VueRequestEvent)).all()) == 1


def test_djo_certificate_and_expiry(world, p12: bytes) -> None:
    desk, who = world
    with pytest.raises(FieldErrors) as bad:
        desk.vue_request_certificate(
            who.company, "DJO-2026-000009", certificate_values("DJO-2026-000009"), p12, PIN
        )
    assert bad.value.rules == {"djo": "vue_djo_not_in_force"}
    djo = desk.vue_sign_djo(who.company, djo_values(), p12, PIN)
    assert djo.number == "DJO-2026-000001" and djo.in_force
    assert desk.vue_djos(who.other) == []
    row = desk.vue_request_certificate(
        who.company, djo.number, certificate_values(djo.number), p12, PIN
    )
    assert row.institution == "MIPRO"
    for step, actor in (("210", who.mipro), ("120", who.mipro)):
        desk.vue_move(actor, row.number, step, amount="10")
    desk.vue_pay(who.company, row.number, "BP-778899")
    desk.vue_move(who.mipro, row.number, "320")
    [cert] = desk.vue_certificates(who.company)
    assert cert.valid_until == (NOW + timedelta(days=180)).date() and not cert.expires_soon
    desk.clock.advance(timedelta(days=160))  # type: ignore[attr-defined]
    assert desk.vue_certificates(who.company)[0].expires_soon


def test_supporting_documents_link_once_then_supersede(world, p12: bytes) -> None:
    desk, who = world
    number = _send(desk, who, p12)
    values = {
        "tipo": "factura_comercial",
        "numero": "001-001-45",
        "fecha": "20/11/2026",
        "emisor": "CAFETALERA DEL SUR",
    }
    with pytest.raises(FieldErrors):
        desk.vue_register_support(who.company, values, {"archivo": [Attachment("f.pdf", b"MZ")]})
    doc = desk.vue_register_support(who.company, values, {"archivo": [Attachment("f.pdf", PDF)]})
    with pytest.raises(NotFound):
        desk.vue_link_support(who.other, doc.id, request_number=number)
    linked = desk.vue_link_support(who.company, doc.id, request_number=number)
    assert linked.request_number == number and linked.linked_at == NOW
    with pytest.raises(VueRefused, match="vue_support_linked"):
        desk.vue_link_support(who.company, doc.id, dai_number="123")
    new = desk.vue_supersede_support(
        who.company, doc.id, values, {"archivo": [Attachment("g.pdf", PDF + b"1")]}
    )
    assert new.request_number == number
    old = next(d for d in desk.vue_support_docs(who.company) if d.id == doc.id)
    assert old.superseded_by == new.id
    assert desk.vue_support_file(who.company, new.id) == ("g.pdf", PDF + b"1")


def test_status_filters_and_keyset_pages(world, p12: bytes) -> None:
    desk, who = world
    numbers = [
        _send(desk, who, p12, form) for form in ("101-002-REQ", "130-001-REQ", "132-001-REQ")
    ]
    desk.vue_move(who.arcsa, numbers[1], "210")
    first = desk.vue_status_page(who.company, RequestFilter(), limit=2)
    second = desk.vue_status_page(who.company, RequestFilter(), after=first.next_cursor, limit=2)
    assert [r.number for r in first.rows + second.rows] == [numbers[2], numbers[1], numbers[0]]
    assert second.next_cursor is None
    assert [
        r.number for r in desk.vue_status_page(who.company, RequestFilter(state="210")).rows
    ] == [numbers[1]]
    only = desk.vue_status_page(who.company, RequestFilter(institution_code="132")).rows
    assert [r.form_name for r in only] == ["Licencia de importación"]
    later = desk.vue_status_page(who.company, RequestFilter(start=NOW.date() + timedelta(days=1)))
    assert later.rows == ()
    with pytest.raises(FieldErrors):
        desk.vue_status_page(
            who.company, RequestFilter(start=NOW.date(), end=NOW.date() - timedelta(days=1))
        )
