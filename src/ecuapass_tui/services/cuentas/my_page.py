"""3.11.1 Mi página (signed convenios, recent tickets, the January status) and 3.11.2
Configurar mi página (language, theme, notification preferences)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlmodel import Session, col, select

from ecuapass_tui.services import audit
from ecuapass_tui.services.cuentas import january
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, NotFound
from ecuapass_tui.store.models import Ticket, User
from ecuapass_tui.store.models_accounts import SignedConvenio, UserPreference

THEMES = ("", "textual-dark", "textual-light", "ecuapass-alto-contraste", "ansi-dark", "ansi-light")
RECENT_TICKETS = 5


@dataclass(frozen=True)
class ConvenioRow:
    version: str
    fingerprint: str
    subject: str
    signed_at: datetime


@dataclass(frozen=True)
class TicketRow:
    number: str
    subject: str
    state: str
    created_at: datetime


@dataclass(frozen=True)
class Preferences:
    language: str
    theme: str  # "" = the app's default
    receive_sms: bool
    notify_email: bool
    mobile: str
    email: str


@dataclass(frozen=True)
class PageExtras:
    convenios: tuple[ConvenioRow, ...]
    tickets: tuple[TicketRow, ...]
    january: str  # ok, warning, overdue (january.status)
    preferences: Preferences


def preferences(session: Session, actor: Actor) -> Preferences:
    user = session.get(User, actor.user_id)
    if user is None:
        raise NotFound("user_not_found")
    row = session.get(UserPreference, actor.user_id)
    return Preferences(
        language=user.language,
        theme=row.theme if row else "",
        receive_sms=row.receive_sms if row else False,
        notify_email=row.notify_email if row else True,
        mobile=user.mobile,
        email=user.email,
    )


def extras(session: Session, actor: Actor, *, today: date) -> PageExtras:
    user = session.get(User, actor.user_id)
    if user is None:
        raise NotFound("user_not_found")
    convenios = session.exec(
        select(SignedConvenio)
        .where(SignedConvenio.user_id == actor.user_id)
        .order_by(col(SignedConvenio.signed_at).desc())
        .limit(10)
    ).all()
    tickets = session.exec(
        select(Ticket)
        .where(Ticket.requester_id == actor.user_id)
        .order_by(col(Ticket.created_at).desc(), col(Ticket.id).desc())
        .limit(RECENT_TICKETS)
    ).all()
    return PageExtras(
        convenios=tuple(
            ConvenioRow(c.version, c.fingerprint, c.subject, c.signed_at) for c in convenios
        ),
        tickets=tuple(TicketRow(t.number, t.subject, t.state, t.created_at) for t in tickets),
        january=january.status(user.user_class, user.data_updated_at, today),
        preferences=preferences(session, actor),
    )


def session_start(session: Session, actor: Actor, *, today: date) -> tuple[str, str]:
    """What the App applies when a session begins: the saved theme ("" = none) and the
    January rule's status (a warning is shown on the home screen)."""
    user = session.get(User, actor.user_id)
    if user is None:
        raise NotFound("user_not_found")
    row = session.get(UserPreference, actor.user_id)
    return (row.theme if row else ""), january.status(user.user_class, user.data_updated_at, today)


def save_preferences(
    session: Session,
    actor: Actor,
    *,
    language: str,
    theme: str,
    receive_sms: bool,
    notify_email: bool,
    now: datetime,
) -> Actor:
    """Store them; returns the actor in his (maybe new) language."""
    errors: dict[str, str] = {}
    if language not in ("es", "en"):
        errors["language"] = "invalid_language"
    if theme not in THEMES:
        errors["theme"] = "invalid"
    user = session.get(User, actor.user_id)
    if user is None:
        raise NotFound("user_not_found")
    if receive_sms and not user.mobile:
        errors["receive_sms"] = "sms_without_mobile"
    if errors:
        raise FieldErrors(rules=errors)
    row = session.get(UserPreference, actor.user_id) or UserPreference(
        user_id=actor.user_id, updated_at=now
    )
    row.theme = theme
    row.receive_sms = receive_sms
    row.notify_email = notify_email
    row.updated_at = now
    user.language = language
    session.add_all([row, user])
    audit.record(
        session,
        at=now,
        actor_id=actor.user_id,
        action="preferences",
        entity="user",
        entity_id=actor.user_id,
        detail={"language": language, "theme": theme, "sms": receive_sms, "mail": notify_email},
    )
    return replace(actor, language=language)
