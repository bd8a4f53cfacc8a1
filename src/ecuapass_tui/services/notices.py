"""The Buzón Electrónico: notices for a user, read and marked read.

A notice is posted with a code and its parameters (services/notice_texts.py) and read in its
reader's language; rows without a code are shown as they were stored."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlmodel import Session, col, func, select

from ecuapass_tui.services import notice_texts
from ecuapass_tui.services.dto import Actor, Notice
from ecuapass_tui.services.errors import NotFound
from ecuapass_tui.store.models import MailboxNotice

UNLOCK_ALERT_SUBJECT = "COMUNICADO DE ECUAPASS - ALERTA DE DESBLOQUEO"


def notice_text(code: str, params: Mapping[str, str | int]) -> tuple[str, str]:
    """The Spanish (stored) subject and body of a notice: also what e-mails say."""
    rendered = notice_texts.render(code, params, "es")
    if rendered is None or rendered[1] is None:
        raise ValueError(f"notice {code!r} needs its text")
    return rendered[0], rendered[1]


def post_notice(
    session: Session,
    *,
    user_id: int,
    at: datetime,
    code: str = "",
    params: Mapping[str, str | int] | None = None,
    subject: str = "",
    body: str | None = None,
    sender: str = "SENAE",
    recipient: str = "BUZON PERSONAL",
) -> None:
    """With a `code`, the subject and body are the code's Spanish text unless given (a body
    that is a stored document); without one, `subject` and `body` are stored as they are."""
    values = dict(params or {})
    if code:
        rendered = notice_texts.render(code, values, "es")
        if rendered is None:
            raise ValueError(f"unknown notice {code!r}")
        subject = subject or rendered[0]
        body = body if body is not None else rendered[1]
    session.add(
        MailboxNotice(
            user_id=user_id,
            sender=sender,
            recipient=recipient,
            subject=subject[:300],
            body=body or "",
            created_at=at,
            code=code,
            params=notice_texts.dump(values) if code else "",
        )
    )


def _to_notice(row: MailboxNotice, language: str) -> Notice:
    assert row.id is not None
    subject, body = row.subject, row.body
    if row.code:
        rendered = notice_texts.render(row.code, notice_texts.load(row.params), language)
        if rendered is not None:
            subject = rendered[0][:300]
            body = rendered[1] if rendered[1] is not None else row.body
    return Notice(
        id=row.id,
        sender=notice_texts.box_name(row.sender, language),
        recipient=notice_texts.box_name(row.recipient, language),
        subject=subject,
        body=body,
        created_at=row.created_at,
        read=row.read_at is not None,
    )


def list_notices(session: Session, actor: Actor, *, limit: int = 50) -> list[Notice]:
    """The actor's own notices, newest first (never anybody else's)."""
    rows = session.exec(
        select(MailboxNotice)
        .where(MailboxNotice.user_id == actor.user_id)
        .order_by(col(MailboxNotice.created_at).desc(), col(MailboxNotice.id).desc())
        .limit(limit)
    ).all()
    return [_to_notice(row, actor.language) for row in rows]


def mailbox_stamp(session: Session, actor: Actor) -> str:
    """Moves when one of the actor's notices arrives, is read or goes (one indexed count)."""
    count, top, read = session.exec(
        select(
            func.count(col(MailboxNotice.id)),
            func.max(MailboxNotice.id),
            func.count(col(MailboxNotice.read_at)),
        ).where(MailboxNotice.user_id == actor.user_id)
    ).one()
    return f"{count}|{top}|{read}"


def open_notice(session: Session, actor: Actor, notice_id: int, *, at: datetime) -> Notice:
    """Return the notice and mark it read; another user's notice is 'not found'."""
    row = session.get(MailboxNotice, notice_id)
    if row is None or row.user_id != actor.user_id:
        raise NotFound("notice_not_found")
    if row.read_at is None:
        row.read_at = at
        session.add(row)
    return _to_notice(row, actor.language)
