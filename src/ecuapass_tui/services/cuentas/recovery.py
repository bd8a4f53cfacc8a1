"""Buscar ID / Reinicio de clave, from the login screen.

- Buscar ID: user classification + RUC (or the cédula / passport) + the registered e-mail;
  the ID. Usuario is sent to that e-mail (and the Buzón), never shown to whoever asks,
  except in demo mode without SMTP.
- Reinicio de clave: ID. Usuario + registered e-mail -> a code to that e-mail and the three
  security questions; then the code, the three answers and a new password. The code is
  spent by the try, so each code allows one try of the answers. A successful reset lifts a
  lockout (it does not lift a January disabling: that takes the 3.2.3 update).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, func, or_, select

from ecuapass_tui.core.identity import check_password
from ecuapass_tui.core.roles import UserState
from ecuapass_tui.services import audit
from ecuapass_tui.services import mail as mailer
from ecuapass_tui.services.cuentas import codes, login_throttle
from ecuapass_tui.services.cuentas.auth import hash_password, is_locked, verify_password
from ecuapass_tui.services.cuentas.registration_rules import normalise_answer
from ecuapass_tui.services.errors import FieldErrors, NotFound
from ecuapass_tui.services.notices import notice_text, post_notice
from ecuapass_tui.store.models import Company, User
from ecuapass_tui.store.models_accounts import SecurityAnswer

RECOVERABLE = (UserState.ACTIVO, UserState.BLOQUEADO, UserState.INHABILITADO)


@dataclass(frozen=True)
class IdSent:
    to: str
    demo_username: str | None = None


@dataclass(frozen=True)
class ResetStarted:
    username: str
    questions: tuple[str, ...]  # question codes of the form specs, in order 1-3
    sent: codes.CodeSent


def _by_email(email: str) -> ColumnElement[bool]:
    return func.lower(User.email) == email.strip().lower()


def find_user_id(
    session: Session,
    *,
    user_class: str,
    document: str,
    email: str,
    now: datetime,
    mail: bool,
    reveal: bool,
) -> IdSent:
    document = document.strip()
    if not document or not email.strip():
        raise FieldErrors(rules={"document" if not document else "email": "required"})
    user = session.exec(
        select(User)
        .join(Company, col(User.company_id) == col(Company.id), isouter=True)
        .where(
            User.user_class == user_class,
            _by_email(email),
            or_(Company.ruc == document, User.id_doc_number == document),
            col(User.state).in_(RECOVERABLE),
        )
    ).first()
    if user is None or user.id is None:
        raise NotFound("account_not_found")
    if not mail and not reveal:
        raise NotFound("mail_not_configured")
    params: dict[str, str | int] = {"usuario": user.username}
    post_notice(session, user_id=user.id, code="user_id_sent", params=params, at=now)
    if mail:
        subject, body = notice_text("user_id_sent", params)
        mailer.queue_mail(session, to=user.email, subject=subject, body=body, at=now)
    audit.record(
        session, at=now, actor_id=None, action="find_user_id", entity="user", entity_id=user.id
    )
    return IdSent(codes.mask(user.email), user.username if reveal and not mail else None)


def _user(session: Session, username: str, email: str) -> User:
    user = session.exec(
        select(User)
        .where(func.lower(User.username) == username.strip().lower(), _by_email(email))
        .with_for_update()
    ).first()
    if user is None or user.id is None or user.state not in RECOVERABLE:
        raise NotFound("account_not_found")
    return user


def _answers(session: Session, user_id: int) -> list[SecurityAnswer]:
    return list(
        session.exec(
            select(SecurityAnswer)
            .where(SecurityAnswer.user_id == user_id)
            .order_by(col(SecurityAnswer.position))
        ).all()
    )


def start_reset(
    session: Session, *, username: str, email: str, now: datetime, mail: bool, reveal: bool
) -> ResetStarted:
    user = _user(session, username, email)
    assert user.id is not None
    answers = _answers(session, user.id)
    if len(answers) != 3:
        raise NotFound("no_security_answers")
    sent = codes.issue(session, user, "reinicio_clave", now=now, mail=mail, reveal=reveal)
    return ResetStarted(user.username, tuple(a.question for a in answers), sent)


def reset_password(
    session: Session,
    *,
    username: str,
    email: str,
    code: str,
    answers: list[str],
    password: str,
    confirmation: str,
    now: datetime,
) -> bool:
    """Set the new password; True when it also lifted a lockout."""
    user = _user(session, username, email)
    assert user.id is not None
    errors: dict[str, str] = {}
    if problem := check_password(password, username=user.username, name=user.full_name):
        errors["password"] = problem
    if password != confirmation:
        errors["confirmation"] = "password_mismatch"
    if errors:
        raise FieldErrors(rules=errors)
    codes.consume(session, user.id, "reinicio_clave", code, now=now)
    stored = _answers(session, user.id)
    given = [normalise_answer(a) for a in answers]
    if len(given) != 3 or not all(
        verify_password(row.answer_hash, answer) for row, answer in zip(stored, given, strict=False)
    ):
        audit.record(
            session,
            at=now,
            actor_id=None,
            action="reset_answers_wrong",
            entity="user",
            entity_id=user.id,
        )
        raise codes.CodeRefused("answers_wrong")
    user.password_hash = hash_password(password)
    user.failed_attempts = 0
    unlocked = is_locked(user, now=now)
    login_throttle.clear_user(session, user.id)  # every source's count and lock
    user.locked_until = None
    if user.state == UserState.BLOQUEADO:
        user.state = UserState.ACTIVO
    session.add(user)
    audit.record(
        session,
        at=now,
        actor_id=None,
        action="password_reset",
        entity="user",
        entity_id=user.id,
        from_state="bloqueado" if unlocked else "",
        to_state="activo" if unlocked else "",
    )
    post_notice(
        session,
        user_id=user.id,
        code="password_reset",
        at=now,
    )
    return unlocked
