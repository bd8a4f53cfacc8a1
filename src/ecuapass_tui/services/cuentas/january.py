"""The January rule (resolution SENAE-DGN-2016-0364-RE, seed 002): every OCE updates the data
of its registration in January; SENAE disables the ID. USUARIO of one that did not.

- 1 to 31 January (Ecuador's date), an OCE user not updated this year gets a warning in the
  Buzón Electrónico at login (once a year) and sees it on the home screen.
- From 1 February, such a user is inhabilitado at login (reason `no_data_update`, committed
  with the refusal) and told why; the 3.2.3 update flow, the only thing offered, ends with the
  signed convenio and enables him again (`signing.sign_convenio`).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, select

from ecuapass_tui.core.clock import local
from ecuapass_tui.core.roles import COMPANY_CLASSES, UserState
from ecuapass_tui.services import audit
from ecuapass_tui.services.notices import post_notice
from ecuapass_tui.store.models import MailboxNotice, User

REASON = "no_data_update"
WARNING_SUBJECT = "COMUNICADO DE ECUAPASS - ACTUALIZACIÓN ANUAL DE DATOS"


def applies(user_class: str) -> bool:
    """OCE users: those of a company that holds OCE codes."""
    return user_class in COMPANY_CLASSES


def updated_this_year(updated: date | None, today: date) -> bool:
    return updated is not None and updated.year >= today.year


def status(user_class: str, updated: date | None, today: date) -> str:
    """'ok', 'warning' (January, not updated yet) or 'overdue' (February on, not updated)."""
    if not applies(user_class) or updated_this_year(updated, today):
        return "ok"
    return "warning" if today.month == 1 else "overdue"


def check_at_login(session: Session, user: User, *, now: datetime) -> None:
    """Called by `auth.login` once the credentials are right: warn, or disable."""
    today = local(now).date()
    state = status(user.user_class, user.data_updated_at, today)
    if state == "ok" or user.state != UserState.ACTIVO or user.id is None:
        return
    if state == "overdue":
        user.state = UserState.INHABILITADO
        user.disabled_reason = REASON
        session.add(user)
        audit.record(
            session,
            at=now,
            actor_id=None,
            action="disable_no_data_update",
            entity="user",
            entity_id=user.id,
            from_state="activo",
            to_state="inhabilitado",
        )
        return
    start = datetime(today.year, 1, 1, tzinfo=now.tzinfo)
    warned = session.exec(
        select(MailboxNotice.id).where(
            MailboxNotice.user_id == user.id,
            MailboxNotice.subject == WARNING_SUBJECT,
            col(MailboxNotice.created_at) >= start,
        )
    ).first()
    if warned is None:
        post_notice(session, user_id=user.id, code="january_warning", at=now)


def enable_after_update(session: Session, user: User, *, now: datetime) -> bool:
    """The update is complete: mark it and lift a January disabling. True if lifted."""
    user.data_updated_at = local(now).date()
    lifted = user.state == UserState.INHABILITADO and user.disabled_reason == REASON
    if lifted:
        user.state = UserState.ACTIVO
        user.disabled_reason = ""
        audit.record(
            session,
            at=now,
            actor_id=user.id,
            action="enable_data_updated",
            entity="user",
            entity_id=user.id,
            from_state="inhabilitado",
            to_state="activo",
        )
    session.add(user)
    return lifted
