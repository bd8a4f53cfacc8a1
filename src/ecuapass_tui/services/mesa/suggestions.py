"""3.8 Sugerencias: users send suggestions, compliments or complaints about the portal;
supervisors and administrators read them.

The values are checked again here with the form engine (a screen that skipped the check must
still not store a bad suggestion); the suggestion, its acknowledgement in the user's mailbox,
the audit event and the removal of the draft commit together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from ecuapass_tui.core.roles import UNLOCKERS
from ecuapass_tui.forms.engine import Invalid, validate
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.services import access, audit, drafts
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, PermissionDenied
from ecuapass_tui.services.notices import post_notice
from ecuapass_tui.store.models import Suggestion, User

FORM_ID = "sugerencias"


@dataclass(frozen=True)
class SuggestionRow:
    id: int
    kind: str
    subject: str
    body: str
    related_option: str
    email: str
    username: str
    full_name: str
    created_at: datetime


def submit_suggestion(
    session: Session, actor: Actor, values: dict[str, object], *, now: datetime
) -> int:
    access.require_option(session, actor, "3.8")
    result = validate(load_spec(FORM_ID), values, now=now)
    if isinstance(result, Invalid):
        raise FieldErrors(result.errors)
    typed = result.values
    row = Suggestion(
        user_id=actor.user_id,
        kind=str(typed["tipo"]),
        related_option=str(typed.get("opcion_relacionada") or ""),
        subject=str(typed["asunto"]),
        body=str(typed["descripcion"]),
        email=str(typed.get("correo") or ""),
        created_at=now,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    post_notice(
        session,
        user_id=actor.user_id,
        code="suggestion_received",
        params={"asunto": row.subject, "numero": f"SUG-{row.id:06d}"},
        at=now,
    )
    audit.record(
        session,
        at=now,
        actor_id=actor.user_id,
        action="suggestion",
        entity="suggestion",
        entity_id=row.id,
        to_state="recibida",
    )
    drafts.discard_draft(session, actor, FORM_ID)
    return row.id


def list_suggestions(session: Session, actor: Actor, *, limit: int = 200) -> list[SuggestionRow]:
    """Newest first; supervisors and administrators only."""
    if actor.user_class not in UNLOCKERS:
        raise PermissionDenied()
    rows = session.exec(
        select(Suggestion, User)
        .join(User, col(Suggestion.user_id) == col(User.id))
        .order_by(col(Suggestion.created_at).desc(), col(Suggestion.id).desc())
        .limit(limit)
    ).all()
    return [
        SuggestionRow(
            id=s.id or 0,
            kind=s.kind,
            subject=s.subject,
            body=s.body,
            related_option=s.related_option,
            email=s.email,
            username=u.username,
            full_name=u.full_name,
            created_at=s.created_at,
        )
        for s, u in rows
    ]
