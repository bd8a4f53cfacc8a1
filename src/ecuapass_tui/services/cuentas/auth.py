"""Log in, lock out, unlock, and create the first administrator.

Login errors never say which of RUC, ID. Usuario or Contraseña was wrong, nor whether the ID
exists. Failures are counted per typed ID and source (`login_throttle`, docs/login_security.md):
that pair is slowed down, then locked for `LOCK_MINUTES` (or until staff unlock the user); the
"ALERTA DE DESBLOQUEO" notice goes to the mailbox of the user whose ID it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import NoReturn, Protocol

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlmodel import Session, col, func, or_, select

from ecuapass_tui.core.roles import COMPANY_CLASSES, UNLOCKERS, UserState
from ecuapass_tui.services import access, audit
from ecuapass_tui.services.cuentas import january, login_throttle
from ecuapass_tui.services.dto import Actor, UserSummary
from ecuapass_tui.services.errors import (
    FieldErrors,
    LoginFailed,
    NotFound,
    PermissionDenied,
    ServiceError,
)
from ecuapass_tui.services.notices import post_notice
from ecuapass_tui.store.models import Company, User
from ecuapass_tui.store.models_accounts import LoginThrottle

MAX_FAILED_ATTEMPTS = login_throttle.MAX_FAILED_ATTEMPTS
LOCK_MINUTES = login_throttle.LOCK_MINUTES

# argon2id, 32 MiB, 2 passes, 1 lane (docs/login_security.md): above OWASP's minimum for
# argon2id (19 MiB, 2 passes, 1 lane); one verification takes about 50 ms on one core of
# the benchmark machine. One lane: on a host of many sessions a login uses one core, and
# the time does not depend on how many cores are free. A stored hash made with other
# parameters is remade with these at the user's next login (`PasswordProof.signed_in`).
ARGON2_TIME_COST = 2
ARGON2_MEMORY_KIB = 32 * 1024
ARGON2_LANES = 1
_hasher = PasswordHasher(
    time_cost=ARGON2_TIME_COST, memory_cost=ARGON2_MEMORY_KIB, parallelism=ARGON2_LANES
)


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


def _unlock_alert(until: datetime, source: str) -> tuple[str, dict[str, str | int]]:
    """The ALERTA DE DESBLOQUEO's code and parameters (services/notice_texts.py)."""
    kind, _, where = source.partition(":")
    code = "unlock_alert_ssh" if kind == "ssh" else "unlock_alert_local"
    return code, {"origen": where, "hasta_at": until.isoformat()}


class Proof(Protocol):
    """What proves that the one logging in is the user: a password, or a certificate's key
    (certificate_login.py). The rest of a login (the throttle, the states, the audit) is
    `sign_in`'s, the same for both."""

    @property
    def method(self) -> str:
        """How the user logs in ("password", "certificate"), for the audit."""

    def check(self, user: User | None) -> LoginFailed | None:
        """None when it proves `user`; else the refusal (counted as a failure)."""

    def spend(self) -> None:
        """An attempt refused before the check (slowed, locked) costs the same time."""

    def signed_in(self, user: User) -> None:
        """After a login that passed (a password's hash renewed when its cost changed)."""


@dataclass(frozen=True)
class PasswordProof:
    password: str
    method: str = "password"

    def check(self, user: User | None) -> LoginFailed | None:
        ok = verify_password(user.password_hash if user else _dummy_hash(), self.password)
        return None if ok else LoginFailed("bad_credentials")

    def spend(self) -> None:
        verify_password(_dummy_hash(), self.password)

    def signed_in(self, user: User) -> None:
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hash_password(self.password)


def login(
    session: Session,
    *,
    ruc: str,
    username: str,
    password: str,
    now: datetime,
    language: str | None = None,
    source: str | None = None,
) -> Actor:
    """Check the credentials; on success return the Actor, else raise LoginFailed."""
    proof = PasswordProof(password)
    return sign_in(session, ruc, username, proof, now=now, language=language, source=source)


def sign_in(
    session: Session,
    ruc: str,
    username: str,
    proof: Proof,
    *,
    now: datetime,
    language: str | None = None,
    source: str | None = None,
) -> Actor:
    """Log in the user `username` (with `ruc`) that `proof` proves; else raise LoginFailed.

    Runs in a write transaction: it counts failures per typed ID and source (`login_throttle`),
    slows down and locks that pair, and records the audit event. A known and an unknown ID get
    the same answers, and every attempt costs one check of the proof.
    """
    ruc = ruc.strip()
    username = username.strip()
    source = source or login_throttle.current_source()
    tag = login_throttle.id_tag(session, username, now=now)
    pair = login_throttle.pair(session, tag, source, now=now)
    if (refused := login_throttle.refusal(pair, now=now)) is not None:
        proof.spend()
        raise LoginFailed(refused[0], **refused[1])
    user = session.exec(
        select(User).where(func.lower(User.username) == username.lower()).with_for_update()
    ).first()
    refusal = proof.check(user)
    not_approved = (UserState.PENDIENTE, UserState.RECHAZADO)
    if user is not None and refusal is None and user.state in not_approved:
        # A Solicitud del uso not approved (a Representante's company is not linked yet).
        raise LoginFailed(user.state, reason=user.disabled_reason)
    if user is None or refusal is not None or not _ruc_ok(session, user, ruc):
        _failed(session, user, tag, source, pair, now=now, refusal=refusal)

    january.check_at_login(session, user, now=now)  # may disable: no update in January
    if user.state == UserState.INHABILITADO:
        session.add(user)
        raise LoginFailed("disabled", reason=user.disabled_reason)
    proof.signed_in(user)
    return _signed_in(session, user, pair, now=now, language=language, source=source, how=proof)


def _signed_in(
    session: Session,
    user: User,
    pair: LoginThrottle | None,
    *,
    now: datetime,
    language: str | None,
    source: str,
    how: Proof,
) -> Actor:
    """A login that passed: the failures forgotten, the audit event recorded."""
    login_throttle.clear(session, pair)
    user.failed_attempts = 0
    if user.locked_until is not None and user.locked_until <= now:
        user.locked_until = None  # another source's lock, if any, still shows in MS.9
    user.last_login_at = now
    if language in ("es", "en"):
        user.language = language
    session.add(user)
    detail: dict[str, object] = {"source": source}
    if how.method != "password":
        detail["method"] = how.method
    audit.record(
        session,
        at=now,
        actor_id=user.id,
        action="login",
        entity="user",
        entity_id=user.id,
        detail=detail,
    )
    return access.session_grants(session, to_actor(user))


def _ruc_ok(session: Session, user: User, ruc: str) -> bool:
    company_ruc = ""
    if user.company_id is not None:
        company = session.get(Company, user.company_id)
        company_ruc = company.ruc if company else ""
    if user.user_class in COMPANY_CLASSES:
        return ruc == company_ruc
    return ruc in ("", company_ruc)


def _failed(
    session: Session,
    user: User | None,
    tag: str,
    source: str,
    pair: LoginThrottle | None,
    *,
    now: datetime,
    refusal: LoginFailed | None = None,
) -> NoReturn:
    """Count the failure of this ID and source, then refuse: the same answers whether or not
    the ID is a user's. Only a user's own rows (and mailbox) learn that it was theirs."""
    user_id = user.id if user is not None else None
    row = login_throttle.count_failure(session, tag, source, pair, user_id=user_id, now=now)
    audit.record(
        session,
        at=now,
        actor_id=None,
        action="login_failed",
        entity="user",
        entity_id=user_id or "",
        detail={"id_tag": tag, "source": source, "failures": row.failures},
    )
    if user is not None:
        user.failed_attempts += 1
    if row.locked_until is not None:
        if user is not None and user_id is not None:
            if user.locked_until is None or user.locked_until <= now:
                # One alert while a lock runs, however many sources try.
                code, params = _unlock_alert(row.locked_until, source)
                post_notice(
                    session,
                    user_id=user_id,
                    code=code,
                    params=params,
                    at=now,
                )
            user.locked_until = max(row.locked_until, user.locked_until or row.locked_until)
            session.add(user)
        audit.record(
            session,
            at=now,
            actor_id=None,
            action="lock",
            entity="user",
            entity_id=user_id or "",
            from_state="activo",
            to_state="bloqueado",
            detail={"id_tag": tag, "source": source},
        )
        raise LoginFailed("locked", until=row.locked_until)
    if user is not None:
        session.add(user)
    if row.wait_until is not None:
        raise LoginFailed("slowed", seconds=int((row.wait_until - now).total_seconds()))
    raise refusal or LoginFailed("bad_credentials")


def _lift_lock(
    session: Session, user: User, *, now: datetime, actor_id: int | None, action: str
) -> None:
    """Every source's lock and count of this user go; the audit says who."""
    assert user.id is not None
    sources = login_throttle.clear_user(session, user.id)
    if user.state == UserState.BLOQUEADO:
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
        detail={"sources": sources},
    )


def is_locked(user: User, *, now: datetime) -> bool:
    """A lock still running on some source (or a state set by hand)."""
    running = user.locked_until is not None and user.locked_until > now
    return running or user.state == UserState.BLOQUEADO


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
        raise FieldErrors(rules={"language": "invalid_language"})
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


def list_locked_users(session: Session, actor: Actor, *, now: datetime) -> list[UserSummary]:
    """Blocked (on any source) and disabled accounts, for supervisors and administrators."""
    _require_unlocker(actor)
    rows = session.exec(
        select(User, Company)
        .join(Company, col(User.company_id) == col(Company.id), isouter=True)
        .where(
            or_(
                col(User.state).in_([UserState.BLOQUEADO, UserState.INHABILITADO]),
                col(User.locked_until) > now,
            )
        )
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
            state=UserState.BLOQUEADO if is_locked(user, now=now) else user.state,
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
    if not is_locked(user, now=now):
        raise ServiceError("not_locked")
    _lift_lock(session, user, now=now, actor_id=actor.user_id, action="unlock")
    post_notice(
        session,
        user_id=user_id,
        code="account_unlocked",
        at=now,
    )
