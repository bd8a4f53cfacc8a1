"""Security codes sent by e-mail (confirm an e-mail, reset a password, 3.2.3 data update).

Six digits from `secrets`, stored as an argon2 hash, valid `CODE_MINUTES`, used once, refused
after `MAX_CODE_ATTEMPTS` wrong tries; a new code spends the previous ones of that purpose.
The code goes by SMTP when it is configured (`mail`), and always to the user's Buzón
Electrónico; in demo mode without SMTP the Desk also gives it back so that a trainer can show
it (`CodeSent.demo_code`).

A wrong or spent code raises `CodeRefused`: the Desk commits the attempt count before raising
it (a refusal that must persist, like a failed login).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from ecuapass_tui.services import mail as mailer
from ecuapass_tui.services.cuentas.auth import hash_password, verify_password
from ecuapass_tui.services.errors import ServiceError
from ecuapass_tui.services.notices import notice_text, post_notice
from ecuapass_tui.store.models import User
from ecuapass_tui.store.models_accounts import SecurityCode

CODE_MINUTES = 15
MAX_CODE_ATTEMPTS = 5
# The notice and e-mail that carry a code: services/notice_texts.py ("security_code").


class CodeRefused(ServiceError):
    """`code`: code_missing, code_wrong (param `left`), code_expired, code_used,
    code_attempts. Its attempt count is committed before it is raised."""


@dataclass(frozen=True)
class CodeSent:
    to: str  # the address, masked: ca*****@andina.example
    by_mail: bool
    demo_code: str | None = None


def mask(address: str) -> str:
    local, _, domain = address.partition("@")
    if not domain:
        return "***"
    return f"{local[:2]}{'*' * max(3, len(local) - 2)}@{domain}"


def issue(
    session: Session,
    user: User,
    purpose: str,
    *,
    now: datetime,
    mail: bool,
    reveal: bool,
    to: str | None = None,
) -> CodeSent:
    """A new code for `purpose`, sent to `to` (default: the user's registered e-mail)."""
    assert user.id is not None
    address = (to or user.email).strip()
    if not address:
        raise ServiceError("no_email")
    if not mail and not reveal and purpose != "actualizacion_datos":
        # Nobody could read it: without SMTP the Buzón needs a login the user does not have.
        raise ServiceError("mail_not_configured")
    for old in session.exec(
        select(SecurityCode).where(
            SecurityCode.user_id == user.id,
            SecurityCode.purpose == purpose,
            col(SecurityCode.used_at).is_(None),
        )
    ).all():
        old.used_at = now
        session.add(old)
    code = f"{secrets.randbelow(1_000_000):06d}"
    session.add(
        SecurityCode(
            user_id=user.id,
            purpose=purpose,
            code_hash=hash_password(code),
            sent_to=address,
            created_at=now,
            expires_at=now + timedelta(minutes=CODE_MINUTES),
        )
    )
    params: dict[str, str | int] = {"proposito": purpose, "codigo": code, "minutos": CODE_MINUTES}
    post_notice(session, user_id=user.id, code="security_code", params=params, at=now)
    if mail:
        subject, body = notice_text("security_code", params)
        mailer.queue_mail(session, to=address, subject=subject, body=body, at=now)
    return CodeSent(to=mask(address), by_mail=mail, demo_code=code if reveal and not mail else None)


def _latest(session: Session, user_id: int, purpose: str) -> SecurityCode | None:
    return session.exec(
        select(SecurityCode)
        .where(SecurityCode.user_id == user_id, SecurityCode.purpose == purpose)
        .order_by(col(SecurityCode.id).desc())
        .limit(1)
        .with_for_update()
    ).first()


def consume(session: Session, user_id: int, purpose: str, code: str, *, now: datetime) -> None:
    """Accept the code once; anything else raises CodeRefused."""
    row = _latest(session, user_id, purpose)
    if row is None:
        raise CodeRefused("code_missing")
    if row.used_at is not None:
        raise CodeRefused("code_used")
    if row.expires_at <= now:
        raise CodeRefused("code_expired")
    if row.attempts >= MAX_CODE_ATTEMPTS:
        raise CodeRefused("code_attempts")
    if not verify_password(row.code_hash, code.strip()):
        row.attempts += 1
        session.add(row)
        left = MAX_CODE_ATTEMPTS - row.attempts
        if left <= 0:
            raise CodeRefused("code_attempts")
        raise CodeRefused("code_wrong", left=left)
    row.used_at = now
    session.add(row)
