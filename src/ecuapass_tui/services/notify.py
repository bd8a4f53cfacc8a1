"""The Buzón Electrónico: notices for a user, read and marked read."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, func, select

from ecuapass_tui.services.dto import Actor, Notice
from ecuapass_tui.services.errors import NotFound
from ecuapass_tui.store.models import MailboxNotice

UNLOCK_ALERT_SUBJECT = "COMUNICADO DE ECUAPASS - ALERTA DE DESBLOQUEO"


def post_notice(
    session: Session,
    *,
    user_id: int,
    subject: str,
    body: str,
    at: datetime,
    sender: str = "SENAE",
    recipient: str = "BUZON PERSONAL",
) -> None:
    session.add(
        MailboxNotice(
            user_id=user_id,
            sender=sender,
            recipient=recipient,
            subject=subject,
            body=body,
            created_at=at,
        )
    )


def _to_notice(row: MailboxNotice) -> Notice:
    assert row.id is not None
    return Notice(
        id=row.id,
        sender=row.sender,
        recipient=row.recipient,
        subject=row.subject,
        body=row.body,
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
    return [_to_notice(row) for row in rows]


def unread_count(session: Session, actor: Actor) -> int:
    return session.exec(
        select(func.count())
        .select_from(MailboxNotice)
        .where(MailboxNotice.user_id == actor.user_id, col(MailboxNotice.read_at).is_(None))
    ).one()


def open_notice(session: Session, actor: Actor, notice_id: int, *, at: datetime) -> Notice:
    """Return the notice and mark it read; another user's notice is 'not found'."""
    row = session.get(MailboxNotice, notice_id)
    if row is None or row.user_id != actor.user_id:
        raise NotFound("notice_not_found")
    if row.read_at is None:
        row.read_at = at
        session.add(row)
    return _to_notice(row)
