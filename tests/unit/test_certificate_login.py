"""Iniciar sesión con certificado, through the Desk: each outcome with its own code, the same
throttle and audit as a password login, and the PIN nowhere in the database."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlmodel import select
from tests.p12 import PIN, make_p12

from ecuapass_tui.services.cuentas.certificate_login import possesses
from ecuapass_tui.services.cuentas.signing import open_p12, sign_message
from ecuapass_tui.services.demo.certificate import make_demo_p12
from ecuapass_tui.services.demo.login_list import DEMO_CERTIFICATE_PIN, DEMO_CERTIFICATE_USER
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.errors import LoginFailed
from ecuapass_tui.store.models import AuditEvent, User
from ecuapass_tui.store.models_accounts import LoginThrottle, SignedConvenio
from ecuapass_tui.texts import error_text

pytestmark = pytest.mark.cheap_hashes

RUC = "1792060346001"  # the demo's agente, whose Solicitud del uso registered the sample


def register_by_convenio(desk: Desk, username: str, p12: bytes, *, days_ago: int = 1) -> None:
    """`username` signs the convenio with `p12` (3.2.3): it becomes his registered certificate."""
    key, cert = open_p12(p12, PIN)
    der = cert.public_bytes(serialization.Encoding.DER)
    algorithm, signature = sign_message(key, b"convenio")
    with desk.db.write() as s:
        user = s.exec(select(User).where(User.username == username)).one()
        assert user.id is not None
        s.add(
            SignedConvenio(
                user_id=user.id,
                version="2026",
                text_sha256="0" * 64,
                algorithm=algorithm,
                signature=signature,
                certificate=der,
                fingerprint=hashlib.sha256(der).hexdigest(),
                signed_at=desk.now() - timedelta(days=days_ago),
            )
        )


def refusal(desk: Desk, p12: bytes, pin: str = PIN, username: str = "agente") -> LoginFailed:
    with pytest.raises(LoginFailed) as refused:
        desk.login_with_certificate(RUC, username, p12, pin, None)
    return refused.value


def test_the_demo_certificate_logs_its_user_in_and_the_audit_says_how(desk: Desk) -> None:
    actor = desk.login_with_certificate(RUC, "agente", make_demo_p12(), DEMO_CERTIFICATE_PIN, "es")
    assert actor.username == DEMO_CERTIFICATE_USER == "agente"
    with desk.db.read() as s:
        event = s.exec(select(AuditEvent).where(AuditEvent.action == "login")).one()
        assert json.loads(event.detail)["method"] == "certificate"


def test_a_wrong_pin_is_said_counted_and_kept_nowhere(desk: Desk) -> None:
    wrong = "Clave-Secreta-987"
    refused = refusal(desk, make_demo_p12(), wrong)
    assert refused.code == "wrong_pin"
    assert error_text(refused) == "La clave (PIN) del certificado no es correcta."
    with desk.db.read() as s:
        assert s.exec(select(LoginThrottle)).one().failures == 1
        rows = s.exec(select(AuditEvent)).all()
    assert all(wrong not in f"{r.detail}{r.entity_id}" for r in rows)
    assert wrong not in str(refused.params) and wrong not in str(refused)


def test_a_certificate_not_registered_for_the_user_is_foreign(desk: Desk) -> None:
    other = make_p12(desk.now(), kind="ec")
    assert refusal(desk, other).code == "cert_foreign"
    # The sample belongs to agente, not to another user (nor to an unknown ID).
    assert refusal(desk, make_demo_p12(), DEMO_CERTIFICATE_PIN, "empleado").code == "cert_foreign"
    assert refusal(desk, make_demo_p12(), DEMO_CERTIFICATE_PIN, "nadie").code == "cert_foreign"


def test_an_older_certificate_replaced_by_a_newer_registration(desk: Desk) -> None:
    newer = make_p12(desk.now(), kind="ec")
    register_by_convenio(desk, "agente", newer)
    refused = refusal(desk, make_demo_p12(), DEMO_CERTIFICATE_PIN)
    assert refused.code == "cert_replaced"
    assert "23/11/2026" in error_text(refused)  # the date the newer one was registered
    assert desk.login_with_certificate(RUC, "agente", newer, PIN, None).username == "agente"


def test_the_registered_certificate_expired(desk: Desk) -> None:
    expired = make_p12(desk.now(), kind="ec", start_days=-40, valid_days=10)
    register_by_convenio(desk, "agente", expired)
    refused = refusal(desk, expired)
    assert refused.code == "cert_expired"
    assert "caducó" in error_text(refused)


def test_possession_is_a_signature_the_registered_certificate_verifies() -> None:
    """A .p12 holding the registered certificate with another key proves nothing (cryptography
    will not write such a file, other tools may): the challenge's signature must verify."""
    key, cert = open_p12(make_demo_p12(), DEMO_CERTIFICATE_PIN)
    der = cert.public_bytes(serialization.Encoding.DER)
    assert possesses(key, der)
    assert not possesses(ec.generate_private_key(ec.SECP256R1()), der)


def test_failures_lock_the_account_as_a_password_login_does(desk: Desk) -> None:
    codes = []
    for _ in range(10):
        refused = refusal(desk, make_demo_p12(), "equivocado")
        codes.append(refused.code)
        if refused.code == "locked":
            break
        if refused.code in ("slowed", "throttled"):
            desk.clock.advance(timedelta(seconds=int(refused.params["seconds"])))
    assert codes[:2] == ["wrong_pin"] * 2 and codes[-1] == "locked"
    # Locked: the right certificate and PIN wait too, and the password login shares the lock.
    assert refusal(desk, make_demo_p12(), DEMO_CERTIFICATE_PIN).code == "locked"
    with pytest.raises(LoginFailed) as by_password:
        desk.login(RUC, "agente", "Aduana2026ec", None)
    assert by_password.value.code == "locked"


def test_a_file_that_is_not_a_certificate_is_not_counted(desk: Desk) -> None:
    assert refusal(desk, b"not a p12 file at all").code == "not_certificate"
    with desk.db.read() as s:
        assert all(row.failures == 0 for row in s.exec(select(LoginThrottle)).all())
