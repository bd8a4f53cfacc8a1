"""Login, lockout, unlock and the first administrator, through the services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select
from tests.helpers import frozen_clock

from ecuapass_tui.services import auth
from ecuapass_tui.services.auth import LoginFailed
from ecuapass_tui.services.errors import FieldErrors, PermissionDenied, ServiceError
from ecuapass_tui.services.facade import Desk
from ecuapass_tui.services.notify import UNLOCK_ALERT_SUBJECT
from ecuapass_tui.store.models import AuditEvent, MailboxNotice, User

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


def test_five_failures_lock_the_account_and_post_the_unlock_alert(desk: Desk) -> None:
    for _ in range(4):
        with pytest.raises(LoginFailed) as refused:
            desk.login("1792060346001", "agente", "bad", None)
        assert refused.value.code == "bad_credentials"
    with pytest.raises(LoginFailed) as refused:
        desk.login("1792060346001", "agente", "bad", None)
    assert refused.value.code == "locked"
    assert refused.value.params["until"] == desk.now() + timedelta(minutes=15)
    user = user_row(desk, "agente")
    assert user.state == "bloqueado"
    # Even the right password is refused while locked.
    with pytest.raises(LoginFailed) as again:
        desk.login(*AGENTE, language=None)
    assert again.value.code == "locked"
    with desk.db.read() as s:
        alerts = s.exec(
            select(MailboxNotice).where(
                MailboxNotice.user_id == user.id,
                MailboxNotice.subject == UNLOCK_ALERT_SUBJECT,
                MailboxNotice.created_at == desk.now(),
            )
        ).all()
        locks = s.exec(select(AuditEvent).where(AuditEvent.action == "lock")).all()
    assert len(alerts) == 1
    assert "bloqueada" in alerts[0].body
    assert [(e.from_state, e.to_state) for e in locks] == [("activo", "bloqueado")]


def test_lock_lifts_itself_after_fifteen_minutes(demo_db) -> None:
    clock = frozen_clock()
    desk = Desk(demo_db, clock=clock, demo_mode=True)
    for _ in range(5):
        with pytest.raises(LoginFailed):
            desk.login("1792060346001", "agente", "bad", None)
    clock.advance(timedelta(minutes=14, seconds=59))
    with pytest.raises(LoginFailed):
        desk.login(*AGENTE, language=None)
    clock.advance(timedelta(seconds=1))
    assert desk.login(*AGENTE, language=None).username == "agente"
    user = user_row(desk, "agente")
    assert (user.state, user.failed_attempts, user.locked_until) == ("activo", 0, None)


def test_supervisor_unlocks_but_analyst_may_not(desk: Desk) -> None:
    for _ in range(5):
        with pytest.raises(LoginFailed):
            desk.login("1792060346001", "agente", "bad", None)
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
    assert bad.value.fields == {
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
    from ecuapass_tui.services.demo import build_demo

    with any_db.write() as s:
        build_demo(s)
    desk = Desk(any_db, clock=frozen_clock(), demo_mode=True)
    assert desk.login(*AGENTE, language=None).username == "agente"
    for _ in range(5):
        with pytest.raises(LoginFailed):
            desk.login("1792060346001", "agente", "bad", None)
    assert user_row(desk, "agente").state == "bloqueado"


def test_verify_password_never_raises_on_garbage() -> None:
    assert auth.verify_password("not-a-hash", "x") is False
