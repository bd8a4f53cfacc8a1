"""Log in, lock out, unlock, and create the first administrator.

Login errors never say which of RUC, ID. Usuario or Contraseña was wrong. After
`MAX_FAILED_ATTEMPTS` failures the account is locked for `LOCK_MINUTES` (or until staff unlock
it) and the "ALERTA DE DESBLOQUEO" notice goes to the user's mailbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlmodel import Session, col, func, select

from ecuapass_tui.services import audit, january, permissions
from ecuapass_tui.services.dto import Actor, UserSummary
from ecuapass_tui.services.errors import (
    FieldErrors,
    LoginFailed,
    NotFound,
    PermissionDenied,
    ServiceError,
)
from ecuapass_tui.services.notify import UNLOCK_ALERT_SUBJECT, post_notice
from ecuapass_tui.services.roles import COMPANY_CLASSES, UNLOCKERS, UserClass, UserState
from ecuapass_tui.services.validation import check_cedula, check_email, check_password
from ecuapass_tui.store.models import Company, User

MAX_FAILED_ATTEMPTS = 5
LOCK_MINUTES = 15

_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified when no user matches, so that a wrong ID takes as long as a wrong password.
    Made on first use, not at import (it costs as much as a login)."""
    return _hasher.hash("ecuapass-tui: no such user")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class LoginResult:
    actor: Actor
    needs_rehash: bool = False


def to_actor(user: User) -> Actor:
    assert user.id is not None
    return Actor(
        user_id=user.id,
        username=user.username,
        user_class=user.user_class,
        full_name=user.full_name,
        company_id=user.company_id,
        language=user.language,
    )


def _unlock_alert_body(until: datetime) -> str:
    from ecuapass_tui.services.clock import format_local

    return (
        "Se registraron varios intentos fallidos de inicio de sesión con su ID. Usuario. "
        f"Por su seguridad la cuenta quedó bloqueada hasta {format_local(until)}. "
        "Después de esa hora podrá ingresar de nuevo; si no fue usted, comuníquese con la "
        "Mesa de Servicios (1800-238262, mesadeservicios@aduana.gob.ec)."
    )


def login(
    session: Session,
    *,
    ruc: str,
    username: str,
    password: str,
    now: datetime,
    language: str | None = None,
) -> Actor:
    """Check the credentials; on success return the Actor, else raise LoginFailed.

    Runs in a write transaction: it counts failures, locks, and records the audit event.
    """
    ruc = ruc.strip()
    username = username.strip()
    user = session.exec(
        select(User).where(func.lower(User.username) == username.lower()).with_for_update()
    ).first()
    if user is None:
        verify_password(_dummy_hash(), password)
        audit.record(
            session,
            at=now,
            actor_id=None,
            action="login_failed",
            entity="user",
            detail={"username": username[:40]},
        )
        raise LoginFailed("bad_credentials")

    # A lock that has run out lifts itself.
    if user.state == UserState.BLOQUEADO:
        if user.locked_until is not None and user.locked_until <= now:
            _lift_lock(session, user, now=now, actor_id=None, action="unlock_expired")
        else:
            session.add(user)
            raise LoginFailed("locked", until=user.locked_until)

    company_ruc = ""
    if user.company_id is not None:
        company = session.get(Company, user.company_id)
        company_ruc = company.ruc if company else ""
    ruc_ok = (
        (ruc == company_ruc) if user.user_class in COMPANY_CLASSES else (ruc in ("", company_ruc))
    )
    password_ok = verify_password(user.password_hash, password)
    if password_ok and user.state in (UserState.PENDIENTE, UserState.RECHAZADO):
        # A Solicitud del uso not approved (a Representante's company is not linked yet).
        raise LoginFailed(user.state, reason=user.disabled_reason)

    if not (ruc_ok and password_ok):
        user.failed_attempts += 1
        audit.record(
            session,
            at=now,
            actor_id=None,
            action="login_failed",
            entity="user",
            entity_id=user.id,
            detail={"attempt": user.failed_attempts},
        )
        if user.failed_attempts >= MAX_FAILED_ATTEMPTS and user.state == UserState.ACTIVO:
            user.state = UserState.BLOQUEADO
            user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            assert user.id is not None
            post_notice(
                session,
                user_id=user.id,
                subject=UNLOCK_ALERT_SUBJECT,
                body=_unlock_alert_body(user.locked_until),
                at=now,
            )
            audit.record(
                session,
                at=now,
                actor_id=None,
                action="lock",
                entity="user",
                entity_id=user.id,
                from_state="activo",
                to_state="bloqueado",
            )
            session.add(user)
            raise LoginFailed("locked", until=user.locked_until)
        session.add(user)
        raise LoginFailed("bad_credentials")

    january.check_at_login(session, user, now=now)  # may disable: no update in January
    if user.state == UserState.INHABILITADO:
        session.add(user)
        raise LoginFailed("disabled", reason=user.disabled_reason)

    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.failed_attempts = 0
    user.last_login_at = now
    if language in ("es", "en"):
        user.language = language
    session.add(user)
    audit.record(
        session, at=now, actor_id=user.id, action="login", entity="user", entity_id=user.id
    )
    return permissions.session_grants(session, to_actor(user))


def _lift_lock(
    session: Session, user: User, *, now: datetime, actor_id: int | None, action: str
) -> None:
    """Back to activo with no failures counted; the audit says who (None: the clock)."""
    user.state = UserState.ACTIVO
    user.failed_attempts = 0
    user.locked_until = None
    session.add(user)
    audit.record(
        session,
        at=now,
        actor_id=actor_id,
        action=action,
        entity="user",
        entity_id=user.id,
        from_state="bloqueado",
        to_state="activo",
    )


def logout(session: Session, actor: Actor, *, now: datetime) -> None:
    audit.record(
        session,
        at=now,
        actor_id=actor.user_id,
        action="logout",
        entity="user",
        entity_id=actor.user_id,
    )


def set_language(session: Session, actor: Actor, language: str) -> Actor:
    if language not in ("es", "en"):
        raise FieldErrors({"language": "invalid_language"})
    user = session.get(User, actor.user_id)
    if user is None:
        raise NotFound("user_not_found")
    user.language = language
    session.add(user)
    return to_actor(user).with_oce(actor.oce_code)


# ---------------------------------------------------------------- staff


def _require_unlocker(actor: Actor) -> None:
    if actor.user_class not in UNLOCKERS:
        raise PermissionDenied()


def list_locked_users(session: Session, actor: Actor) -> list[UserSummary]:
    """Blocked and disabled accounts, for supervisors and administrators."""
    _require_unlocker(actor)
    rows = session.exec(
        select(User, Company)
        .join(Company, col(User.company_id) == col(Company.id), isouter=True)
        .where(col(User.state).in_([UserState.BLOQUEADO, UserState.INHABILITADO]))
        .order_by(col(User.username))
        .limit(500)
    ).all()
    return [
        UserSummary(
            id=user.id or 0,
            username=user.username,
            full_name=user.full_name,
            user_class=user.user_class,
            company_ruc=company.ruc if company else None,
            state=user.state,
            failed_attempts=user.failed_attempts,
            locked_until=user.locked_until,
        )
        for user, company in rows
    ]


def unlock_user(session: Session, actor: Actor, user_id: int, *, now: datetime) -> None:
    """Staff lift a lockout before it runs out."""
    _require_unlocker(actor)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("user_not_found")
    if user.state != UserState.BLOQUEADO:
        raise ServiceError("not_locked")
    _lift_lock(session, user, now=now, actor_id=actor.user_id, action="unlock")
    post_notice(
        session,
        user_id=user_id,
        subject="COMUNICADO DE ECUAPASS - CUENTA DESBLOQUEADA",
        body="La Mesa de Servicios desbloqueó su cuenta. Ya puede iniciar sesión.",
        at=now,
    )


# ---------------------------------------------------------------- first administrator


def user_count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(User)).one()


def create_first_admin(
    session: Session,
    *,
    username: str,
    full_name: str,
    cedula: str,
    email: str,
    password: str,
    confirmation: str,
    now: datetime,
) -> Actor:
    """The first administrator of a real installation; refused once any user exists."""
    if user_count(session) > 0:
        raise ServiceError("admin_exists")
    errors: dict[str, str] = {}
    username = username.strip()
    if not (3 <= len(username) <= 40) or not username.replace("_", "").replace(".", "").isalnum():
        errors["username"] = "invalid_username"
    if len(full_name.strip()) < 3:
        errors["full_name"] = "required"
    if (code := check_cedula(cedula)) is not None:
        errors["cedula"] = code
    if (code := check_email(email)) is not None:
        errors["email"] = code
    if (code := check_password(password, username=username, name=full_name)) is not None:
        errors["password"] = code
    if password != confirmation:
        errors["confirmation"] = "password_mismatch"
    if errors:
        raise FieldErrors(errors)
    user = User(
        username=username,
        user_class=UserClass.ADMINISTRADOR,
        id_doc_type="cedula",
        id_doc_number=cedula.strip(),
        full_name=full_name.strip(),
        email=email.strip(),
        password_hash=hash_password(password),
        created_at=now,
        data_updated_at=now.date(),
    )
    session.add(user)
    session.flush()
    audit.record(
        session, at=now, actor_id=user.id, action="create_admin", entity="user", entity_id=user.id
    )
    return to_actor(user)
