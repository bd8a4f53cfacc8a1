"""The counter of failed logins: per typed ID and source, it slows down, then locks.

The rule (docs/login_security.md): each typed ID is counted as a keyed hash (HMAC-SHA256 with
this installation's random key), never as typed, so that a password typed into the ID field
is not kept. A known and an unknown ID get the same rows and the same answers. After
`SLOW_AFTER` failures the pair (ID, source) waits `WAIT_SECONDS` before its next try is
checked; at `MAX_FAILED_ATTEMPTS` it is locked for `LOCK_MINUTES`. A lock holds that pair only:
the owner of the ID still logs in from any other source. Failures older than `FORGET_MINUTES`
are forgotten; a successful login clears its own pair.

The source is the SSH client address (SSH_CONNECTION / SSH_CLIENT, set by sshd) when there
is one, else the local OS user.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
import os
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, SQLModel, col, delete, select

from ecuapass_tui.services import audit
from ecuapass_tui.store.models_accounts import InstallationKey, LoginThrottle
from ecuapass_tui.store.upsert import insert_missing

SLOW_AFTER = 3
WAIT_SECONDS = (30, 60)  # after the 3rd and the 4th failure
MAX_FAILED_ATTEMPTS = SLOW_AFTER + len(WAIT_SECONDS)
LOCK_MINUTES = 15
FORGET_MINUTES = 15
_KEY_NAME = "login_id_tag"


def current_source(environ: Mapping[str, str] | None = None) -> str:
    """`ssh:<client address>` under sshd, else `local:<OS user>`."""
    env = os.environ if environ is None else environ
    for name in ("SSH_CONNECTION", "SSH_CLIENT"):
        first = (env.get(name) or "").strip().split(" ")[0]
        try:
            return f"ssh:{ipaddress.ip_address(first)}"
        except ValueError:
            continue
    return f"local:{_os_user()}"


def _os_user() -> str:
    try:
        import pwd

        name = pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError, OSError):  # no pwd (Windows) or no entry for the uid
        import getpass

        try:
            name = getpass.getuser()
        except (KeyError, OSError):
            name = "?"
    return "".join(ch for ch in name if ch.isprintable())[:100] or "?"


def _insert_missing(session: Session, model: type[SQLModel], values: dict[str, Any]) -> None:
    """INSERT unless the row (by its unique key) exists: two processes may race to it."""
    insert_missing(session, model, values)
    session.flush()


def _key(session: Session, now: datetime) -> bytes:
    row = session.get(InstallationKey, _KEY_NAME)
    if row is None:
        _insert_missing(
            session,
            InstallationKey,
            {"name": _KEY_NAME, "value": secrets.token_hex(32), "created_at": now},
        )
        row = session.get(InstallationKey, _KEY_NAME)
        assert row is not None
    return bytes.fromhex(row.value)


def id_tag(session: Session, typed_id: str, *, now: datetime) -> str:
    """The keyed hash that stands for a typed ID (case and outer spaces ignored, as at login)."""
    wanted = typed_id.strip().lower().encode("utf-8", "replace")
    return hmac.new(_key(session, now), wanted, hashlib.sha256).hexdigest()


def pair(session: Session, tag: str, source: str, *, now: datetime) -> LoginThrottle | None:
    """The counter of this ID and source, locked for this transaction; a lock or a count
    that has run out is cleared first (the audit notes a lock that lifted itself)."""
    row = session.exec(
        select(LoginThrottle)
        .where(LoginThrottle.id_tag == tag, LoginThrottle.source == source)
        .with_for_update()
    ).first()
    if row is None:
        return None
    if row.locked_until is not None and row.locked_until <= now:
        audit.record(
            session,
            at=now,
            actor_id=None,
            action="unlock_expired",
            entity="user",
            entity_id=row.user_id or "",
            from_state="bloqueado",
            to_state="activo",
            detail={"id_tag": tag, "source": source},
        )
        _reset(row)
    elif row.locked_until is None and row.last_failure_at <= now - timedelta(
        minutes=FORGET_MINUTES
    ):
        _reset(row)
    session.add(row)
    return row


def _reset(row: LoginThrottle) -> None:
    row.failures = 0
    row.wait_until = None
    row.locked_until = None


def refusal(row: LoginThrottle | None, *, now: datetime) -> tuple[str, dict[str, object]] | None:
    """Why this pair may not try now: ("locked", until) or ("throttled", seconds)."""
    if row is None:
        return None
    if row.locked_until is not None and row.locked_until > now:
        return "locked", {"until": row.locked_until}
    if row.wait_until is not None and row.wait_until > now:
        left = row.wait_until - now
        return "throttled", {"seconds": max(1, math.ceil(left.total_seconds()))}
    return None


def count_failure(
    session: Session,
    tag: str,
    source: str,
    row: LoginThrottle | None,
    *,
    user_id: int | None,
    now: datetime,
) -> LoginThrottle:
    """One more failure of the pair; sets its wait or its lock."""
    if row is None:
        _insert_missing(
            session,
            LoginThrottle,
            {"id_tag": tag, "source": source, "failures": 0, "last_failure_at": now},
        )
        row = pair(session, tag, source, now=now)
        assert row is not None
    row.failures += 1
    row.last_failure_at = now
    row.user_id = user_id if user_id is not None else row.user_id
    if row.failures >= MAX_FAILED_ATTEMPTS:
        row.wait_until = None
        row.locked_until = now + timedelta(minutes=LOCK_MINUTES)
    elif row.failures >= SLOW_AFTER:
        row.wait_until = now + timedelta(seconds=WAIT_SECONDS[row.failures - SLOW_AFTER])
    session.add(row)
    return row


def clear(session: Session, row: LoginThrottle | None) -> None:
    """A successful login forgets the failures of its own pair."""
    if row is not None and row.id is not None:
        session.delete(row)


def clear_user(session: Session, user_id: int) -> int:
    """Staff unlock or a password reset: every source's counter of this user goes."""
    rows = session.exec(select(LoginThrottle).where(LoginThrottle.user_id == user_id)).all()
    session.exec(delete(LoginThrottle).where(col(LoginThrottle.user_id) == user_id))  # type: ignore[call-overload]
    return len(rows)
