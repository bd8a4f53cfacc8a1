"""Login, lockout, unlock and the first administrator, through the services."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import pytest
from sqlmodel import select
from tests.helpers import frozen_clock, lock_out

from ecuapass_tui.services.cuentas import auth, login_throttle
from ecuapass_tui.services.cuentas.auth import LoginFailed
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.errors import FieldErrors, PermissionDenied, ServiceError
from ecuapass_tui.services.notices import UNLOCK_ALERT_SUBJECT
from ecuapass_tui.store.models import AuditEvent, MailboxNotice, User
from ecuapass_tui.store.models_accounts import LoginThrottle
from ecuapass_tui.texts import error_text

# The subject here is what is checked, not what a hash costs.
pytestmark = pytest.mark.cheap_hashes

AGENTE = ("1792060346001", "agente", "Aduana2026ec")


def user_row(desk: Desk, username: str) -> User:
    with desk.db.read() as s:
        row = s.exec(select(User).where(User.username == username)).one()
        return row


def test_login_with_right_credentials_returns_the_actor(desk: Desk) -> None:
    actor = desk.login(*AGENTE, language=None)
    assert actor.username == "agente"
    assert actor.user_class == "representante"
    assert user_row(desk, "agente").last_login_at == desk.now()


def test_password_is_stored_as_argon2_hash(desk: Desk) -> None:
    stored = user_row(desk, "agente").password_hash
    assert stored.startswith("$argon2id$")
    assert "Aduana2026ec" not in stored


@pytest.mark.parametrize(
    ("ruc", "username", "password"),
    [
        ("1792060346001", "agente", "wrong-password1"),
        ("0993456780001", "agente", "Aduana2026ec"),  # another company's RUC
        ("", "agente", "Aduana2026ec"),  # a Representante must give the RUC
        ("1792060346001", "nadie", "Aduana2026ec"),  # no such user
    ],
)
def test_every_wrong_login_gives_the_same_message(desk: Desk, ruc, username, password) -> None:
    with pytest.raises(LoginFailed) as refused:
        desk.login(ruc, username, password, language=None)
    assert refused.value.code == "bad_credentials"
    assert refused.value.params == {}


def test_users_without_company_log_in_with_empty_ruc(desk: Desk) -> None:
    assert desk.login("", "ciudadano", "General2026ec", None).company_id is None
    assert desk.login("", "supervisor", "Supervisor2026ec", None).user_class == "supervisor"


def answers(desk: Desk, username: str, ruc: str = "1792060346001") -> list[tuple[str, dict]]:
    """Wrong passwords for `username` from this source, the waits passing in between; the
    answers as (code, params)."""
    seen: list[tuple[str, dict]] = []

    def attempt() -> None:
        with pytest.raises(LoginFailed) as refused:
            desk.login(ruc, username, "equivocada1234", None)
        seen.append((refused.value.code, dict(refused.value.params)))

    for _ in range(3):
        attempt()
    attempt()  # during the wait: refused without being checked
    desk.clock.advance(timedelta(seconds=30))
    attempt()
    desk.clock.advance(timedelta(seconds=60))
    attempt()
    attempt()  # while locked
    return seen


def test_known_and_unknown_ids_get_the_same_answers_slowed_then_locked(desk: Desk) -> None:
    start = desk.now()
    known = answers(desk, "agente")
    desk.clock.at = start
    unknown = answers(desk, "nadie.existe")
    locked_at = start + timedelta(seconds=90)
    assert (
        known
        == unknown
        == [
            ("bad_credentials", {}),
            ("bad_credentials", {}),
            ("slowed", {"seconds": 30}),
            ("throttled", {"seconds": 30}),
            ("slowed", {"seconds": 60}),
            ("locked", {"until": locked_at + timedelta(minutes=15)}),
            ("locked", {"until": locked_at + timedelta(minutes=15)}),
        ]
    )
    assert error_text(LoginFailed("locked", until=locked_at)).startswith(
        "Demasiados intentos fallidos: el ingreso con este ID. Usuario desde esta conexión"
    )


def test_every_attempt_costs_one_password_verification(desk: Desk, monkeypatch) -> None:
    """The same timing class for a known ID, an unknown one, a wait and a lock."""
    calls: list[str] = []
    real = auth.verify_password

    def counted(password_hash: str, password: str) -> bool:
        calls.append(password_hash[:9])
        return real(password_hash, password)

    monkeypatch.setattr(auth, "verify_password", counted)
    for username in ("agente", "nadie.existe"):
        calls.clear()
        answers(desk, username)
        assert calls == ["$argon2id"] * 7


def test_a_lock_holds_its_source_only_and_alerts_the_owner_once(desk: Desk, monkeypatch) -> None:
    start = desk.now()
    monkeypatch.setenv("SSH_CONNECTION", "203.0.113.9 50022 10.0.0.2 22")
    lock_out(desk, "0993456780001", "agente")  # any RUC: still counted
    with pytest.raises(LoginFailed) as again:
        desk.login(*AGENTE, language=None)
    assert again.value.code == "locked"  # even the right password, from that source
    monkeypatch.setenv("SSH_CONNECTION", "203.0.113.10 50022 10.0.0.2 22")
    lock_out(desk, "1792060346001", "agente")  # a second source: no second alert
    monkeypatch.setenv("SSH_CONNECTION", "198.51.100.7 40100 10.0.0.2 22")
    assert desk.login(*AGENTE, language=None).username == "agente"  # the owner, elsewhere
    user = user_row(desk, "agente")
    with desk.db.read() as s:
        alerts = s.exec(
            select(MailboxNotice).where(
                MailboxNotice.user_id == user.id,
                MailboxNotice.subject == UNLOCK_ALERT_SUBJECT,
                MailboxNotice.created_at >= start,
            )
        ).all()
        locks = s.exec(select(AuditEvent).where(AuditEvent.action == "lock")).all()
    assert len(alerts) == 1
    assert "bloqueado" in alerts[0].body and "203.0.113.9 (SSH)" in alerts[0].body
    assert [(e.entity_id, json.loads(e.detail)["source"]) for e in locks] == [
        (str(user.id), "ssh:203.0.113.9"),
        (str(user.id), "ssh:203.0.113.10"),
    ]
    assert user.state == "activo" and user.locked_until is not None  # MS.9 lists it


def test_a_failed_login_keeps_no_typed_id_in_the_audit(desk: Desk, monkeypatch) -> None:
    monkeypatch.setenv("SSH_CLIENT", "192.0.2.44 51000 22")
    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    # A password typed into the ID field, twice, then the ID with that password typed wrong.
    for typed, password in (("Aduana2026ec", ""), (" ADUANA2026EC ", ""), ("agente", "aduana")):
        with pytest.raises(LoginFailed):
            desk.login("1792060346001", typed, password, None)
    with desk.db.read() as s:
        failed = s.exec(select(AuditEvent).where(AuditEvent.action == "login_failed")).all()
        throttles = s.exec(select(LoginThrottle)).all()
    details = [json.loads(e.detail) for e in failed]
    stored = " ".join(e.detail + e.entity_id for e in failed) + repr(throttles)
    assert "aduana2026ec" not in stored.lower()
    tags = [d["id_tag"] for d in details]
    assert tags[0] == tags[1] != tags[2]  # the same typed ID, whatever its case and spaces
    assert all(len(tag) == 64 for tag in tags)
    assert tags[0] != hashlib.sha256(b"aduana2026ec").hexdigest()  # keyed, not a plain hash
    assert {d["source"] for d in details} == {"ssh:192.0.2.44"}
    assert [e.entity_id for e in failed][:2] == ["", ""]  # no user has that ID
    assert failed[2].entity_id == str(user_row(desk, "agente").id)


def test_the_source_is_the_ssh_client_else_the_local_user() -> None:
    source = login_throttle.current_source
    assert source({"SSH_CONNECTION": "2001:db8::5 5000 2001:db8::1 22"}) == "ssh:2001:db8::5"
    assert source({"SSH_CLIENT": "192.0.2.1 5000 22"}) == "ssh:192.0.2.1"
    assert source({"SSH_CLIENT": "\x1b]0;x\x07 1 2"}).startswith("local:")
    assert source({}).startswith("local:") and len(source({})) > len("local:")


def test_lock_lifts_itself_after_fifteen_minutes(demo_db) -> None:
    clock = frozen_clock()
    desk = Desk(demo_db, clock=clock, demo_mode=True)
    lock_out(desk, "1792060346001", "agente")
    clock.advance(timedelta(minutes=14, seconds=59))
    with pytest.raises(LoginFailed):
        desk.login(*AGENTE, language=None)
    clock.advance(timedelta(seconds=1))
    assert desk.login(*AGENTE, language=None).username == "agente"
    user = user_row(desk, "agente")
    assert (user.state, user.failed_attempts, user.locked_until) == ("activo", 0, None)
    with desk.db.read() as s:
        assert s.exec(select(LoginThrottle)).all() == []
        expired = s.exec(select(AuditEvent).where(AuditEvent.action == "unlock_expired")).all()
    assert [e.entity_id for e in expired] == [str(user.id)]


def test_supervisor_unlocks_but_analyst_may_not(desk: Desk) -> None:
    lock_out(desk, "1792060346001", "agente")
    analyst = desk.login("", "analista", "Analista2026ec", None)
    with pytest.raises(PermissionDenied):
        desk.locked_users(analyst)
    agente_id = user_row(desk, "agente").id
    assert agente_id is not None
    with pytest.raises(PermissionDenied):
        desk.unlock_user(analyst, agente_id)
    supervisor = desk.login("", "supervisor", "Supervisor2026ec", None)
    locked = {u.username: u for u in desk.locked_users(supervisor)}
    assert locked["agente"].state == "bloqueado"
    assert locked["inhabilitado"].state == "inhabilitado"
    desk.unlock_user(supervisor, agente_id)
    assert "agente" not in {u.username for u in desk.locked_users(supervisor)}
    assert desk.login(*AGENTE, language=None).username == "agente"
    with pytest.raises(ServiceError) as not_locked:
        desk.unlock_user(supervisor, agente_id)
    assert not_locked.value.code == "not_locked"


def test_disabled_user_is_told_why_only_after_the_right_password(desk: Desk) -> None:
    with pytest.raises(LoginFailed) as wrong:
        desk.login("0993456780001", "inhabilitado", "bad", None)
    assert wrong.value.code == "bad_credentials"
    with pytest.raises(LoginFailed) as refused:
        desk.login("0993456780001", "inhabilitado", "Inhabil2026ec", None)
    assert refused.value.code == "disabled"
    assert refused.value.params["reason"] == "no_data_update"


def test_language_chosen_at_login_is_remembered(desk: Desk) -> None:
    assert desk.login(*AGENTE, language="en").language == "en"
    assert desk.login(*AGENTE, language=None).language == "en"
    assert user_row(desk, "agente").language == "en"


def test_first_admin_only_on_an_empty_database(sqlite_db) -> None:
    from ecuapass_tui.services.catalogs import load_catalogs

    with sqlite_db.write() as s:
        load_catalogs(s)
    desk = Desk(sqlite_db, clock=frozen_clock())
    assert desk.needs_first_admin()
    with pytest.raises(FieldErrors) as bad:
        desk.create_first_admin(
            username="a",
            full_name="",
            cedula="1234567890",
            email="no-mail",
            password="short",
            confirmation="other",
        )
    assert bad.value.rules == {
        "username": "invalid_username",
        "full_name": "required",
        "cedula": "cedula_invalid",
        "email": "email_invalid",
        "password": "password_short",
        "confirmation": "password_mismatch",
    }
    actor = desk.create_first_admin(
        username="jefe",
        full_name="Ana Jefa",
        cedula="1712345675",
        email="ana@senae.example",
        password="Fuerte2026clave",
        confirmation="Fuerte2026clave",
    )
    assert actor.user_class == "administrador"
    assert not desk.needs_first_admin()
    with pytest.raises(ServiceError) as exists:
        desk.create_first_admin(
            username="otro",
            full_name="Otro",
            cedula="1712345675",
            email="o@senae.example",
            password="Fuerte2026clave",
            confirmation="Fuerte2026clave",
        )
    assert exists.value.code == "admin_exists"


def test_login_and_lockout_on_both_engines(any_db) -> None:
    from ecuapass_tui.services.demo.build import build_demo

    with any_db.write() as s:
        build_demo(s)
    desk = Desk(any_db, clock=frozen_clock(), demo_mode=True)
    assert desk.login(*AGENTE, language=None).username == "agente"
    lock_out(desk, "1792060346001", "agente")
    lock_out(desk, "1792060346001", "nadie")
    with pytest.raises(LoginFailed) as locked:
        desk.login(*AGENTE, language=None)
    assert locked.value.code == "locked"


def test_verify_password_never_raises_on_garbage() -> None:
    assert auth.verify_password("not-a-hash", "x") is False


def test_password_hashes_stay_above_owasps_minimum_for_argon2id() -> None:
    """OWASP: argon2id with at least 19 MiB, 2 passes, 1 lane. The shipped demo hashes are
    made with the program's parameters (a login would otherwise remake them)."""
    from argon2 import Type, extract_parameters

    from ecuapass_tui.services.demo.hashes import _hashes

    assert auth.ARGON2_MEMORY_KIB >= 19 * 1024
    assert auth.ARGON2_TIME_COST >= 2
    assert auth.ARGON2_LANES >= 1
    shipped = extract_parameters(_hashes()["Aduana2026ec"])
    assert shipped.type is Type.ID
    assert (shipped.memory_cost, shipped.time_cost, shipped.parallelism) == (
        auth.ARGON2_MEMORY_KIB,
        auth.ARGON2_TIME_COST,
        auth.ARGON2_LANES,
    )


def test_a_hash_made_with_other_parameters_is_remade_at_the_next_login(desk: Desk) -> None:
    from argon2 import PasswordHasher

    old = PasswordHasher(time_cost=1, memory_cost=16, parallelism=2).hash(AGENTE[2])
    with desk.db.write() as s:
        s.exec(select(User).where(User.username == "agente")).one().password_hash = old
    assert desk.login(*AGENTE, language=None).username == "agente"
    renewed = user_row(desk, "agente").password_hash
    assert renewed != old
    assert not auth._hasher.check_needs_rehash(renewed)
    assert desk.login(*AGENTE, language=None).username == "agente"
