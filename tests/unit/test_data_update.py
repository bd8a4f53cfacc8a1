"""3.2.3 with its code and the signed convenio, and the January rule on both sides of 31
January (frozen clock)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select
from tests.p12 import PIN, make_p12

from ecuapass_tui.core.clock import FixedClock
from ecuapass_tui.services.cuentas import signing
from ecuapass_tui.services.cuentas.codes import CodeRefused
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.errors import FieldErrors, LoginFailed, ServiceError
from ecuapass_tui.store.models import MailboxNotice, User
from ecuapass_tui.store.models_accounts import SignedConvenio

# The subject here is what is checked, not what a hash costs.
pytestmark = pytest.mark.cheap_hashes

AGENTE = ("1792060346001", "agente", "Aduana2026ec")


def at(desk: Desk, moment: datetime) -> None:
    desk.clock = FixedClock(moment)


def modify(desk: Desk, actor, **changes: object):  # type: ignore[no-untyped-def]
    values, _email = desk.update_values(actor)
    code = desk.request_update_code(actor).demo_code
    values.update(direccion=values["direccion"] or "Av. Amazonas N34-120 y Atahualpa")
    values.update(codigo_seguridad=code, **changes)
    return desk.modify_data(actor, values), values


def test_update_changes_data_and_the_signature_verifies_with_the_certificate(
    desk: Desk,
) -> None:
    agente = desk.login(*AGENTE, None)
    values, email = desk.update_values(agente)
    assert values["tipo_usuario"] == "representante" and email == "cmoreno@andina.example"
    assert values["provincia"] == "17" and values["mantener_correo"] == "si"
    done, _ = modify(
        desk,
        agente,
        direccion="Av. Amazonas N34-120, piso 3",
        mantener_correo="no",
        nuevo_correo="carlos.moreno@andina.example",
        nuevo_correo_confirmacion="carlos.moreno@andina.example",
    )
    assert set(done.changes) == {"direccion", "correo"}
    assert "CONVENIO PARA LA UTILIZACIÓN" in done.convenio.text
    signed = desk.sign_convenio(agente, make_p12(desk.now()), PIN)
    assert signed.message == "Su actualización de Datos se ha realizado con éxito"
    with desk.db.read() as s:
        row = s.exec(select(SignedConvenio).where(SignedConvenio.user_id == agente.user_id)).one()
        user = s.get(User, agente.user_id)
        assert user is not None and user.email == "carlos.moreno@andina.example"
    assert row.fingerprint == signed.fingerprint and len(row.fingerprint) == 64
    assert signing.verify(row.certificate, row.algorithm, row.signature, signing.convenio().text)
    assert not signing.verify(row.certificate, row.algorithm, row.signature, "otro texto")
    assert row.text_sha256 == signing.convenio().sha256
    extras = desk.page_extras(agente)
    assert [c.fingerprint for c in extras.convenios] == [signed.fingerprint]
    with pytest.raises(ServiceError) as twice:
        desk.sign_convenio(agente, make_p12(desk.now()), PIN)  # one signature per Modificar
    assert twice.value.code == "no_pending_update"


def test_an_ec_certificate_signs_too(desk: Desk) -> None:
    agente = desk.login(*AGENTE, None)
    modify(desk, agente)
    desk.sign_convenio(agente, make_p12(desk.now(), kind="ec"), PIN)
    with desk.db.read() as s:
        row = s.exec(select(SignedConvenio)).one()
    assert row.algorithm == "ecdsa-sha256"
    assert signing.verify(row.certificate, row.algorithm, row.signature, signing.convenio().text)


@pytest.mark.parametrize(
    ("make", "pin", "code"),
    [
        (lambda now: make_p12(now), "9999", "wrong_pin"),
        (lambda now: make_p12(now, start_days=-400, valid_days=365), PIN, "cert_expired"),
        (lambda now: b"%PDF-1.4 no es un certificado", PIN, "not_certificate"),
        (lambda now: b"-----BEGIN CERTIFICATE-----\nMIIB\n", PIN, "not_certificate"),
    ],
)
def test_wrong_pin_expired_certificate_and_other_files_are_refused(
    desk: Desk, make, pin: str, code: str
) -> None:  # type: ignore[no-untyped-def]
    agente = desk.login(*AGENTE, None)
    modify(desk, agente)
    with pytest.raises(signing.SignRefused) as refused:
        desk.sign_convenio(agente, make(desk.now()), pin)
    assert refused.value.code == code
    with desk.db.read() as s:
        assert s.exec(select(SignedConvenio)).all() == []


def test_the_update_code_is_single_use_and_expires(desk: Desk) -> None:
    agente = desk.login(*AGENTE, None)
    _done, values = modify(desk, agente)
    with pytest.raises(CodeRefused) as reused:
        desk.modify_data(agente, values)
    assert reused.value.code == "code_used"
    values["codigo_seguridad"] = desk.request_update_code(agente).demo_code
    desk.clock.advance(timedelta(minutes=15, seconds=1))  # type: ignore[attr-defined]
    with pytest.raises(CodeRefused) as late:
        desk.modify_data(agente, values)
    assert late.value.code == "code_expired"
    values.update(mantener_correo="no", nuevo_correo="aquispe@correo.example")
    values.update(nuevo_correo_confirmacion="aquispe@correo.example", ciudad="0901")
    with pytest.raises(FieldErrors) as invalid:
        desk.modify_data(agente, values)
    assert invalid.value.rules == {"ciudad": "canton_province"}


def test_january_warns_then_disables_and_the_update_enables_again(desk: Desk) -> None:
    at(desk, datetime(2027, 1, 15, 15, 0, tzinfo=UTC))  # 15 January 2027, Guayaquil
    agente = desk.login(*AGENTE, None)
    desk.login(*AGENTE, None)  # the warning is posted once
    with desk.db.read() as s:
        warnings = s.exec(
            select(MailboxNotice).where(
                MailboxNotice.user_id == agente.user_id,
                MailboxNotice.subject == "COMUNICADO DE ECUAPASS - ACTUALIZACIÓN ANUAL DE DATOS",
            )
        ).all()
    assert len(warnings) == 1
    assert desk.page_extras(agente).january == "warning"
    at(desk, datetime(2027, 2, 1, 4, 30, tzinfo=UTC))  # 31 January 2027, 23:30 in Guayaquil
    desk.login(*AGENTE, None)  # still January in Ecuador: not disabled
    at(desk, datetime(2027, 2, 1, 15, 0, tzinfo=UTC))  # 1 February
    with pytest.raises(LoginFailed) as disabled:
        desk.login(*AGENTE, None)
    assert disabled.value.code == "disabled"
    assert disabled.value.params["reason"] == "no_data_update"
    with pytest.raises(LoginFailed):  # committed: still disabled at the next try
        desk.login(*AGENTE, None)
    with pytest.raises(LoginFailed) as wrong:
        desk.sign_in_for_update("1792060346001", "agente", "equivocada123")
    assert wrong.value.code == "bad_credentials"
    restricted = desk.sign_in_for_update(*AGENTE)
    modify(desk, restricted)
    signed = desk.sign_convenio(restricted, make_p12(desk.now()), PIN)
    assert signed.enabled_again is True
    assert desk.login(*AGENTE, None).username == "agente"
    assert desk.page_extras(restricted).january == "ok"


def test_users_without_company_are_not_ocs_for_the_rule(desk: Desk) -> None:
    at(desk, datetime(2027, 3, 1, 15, 0, tzinfo=UTC))
    assert desk.login("", "ciudadano", "General2026ec", None).username == "ciudadano"
    assert desk.login("", "admin", "Admin2026ecuapass", None).username == "admin"
