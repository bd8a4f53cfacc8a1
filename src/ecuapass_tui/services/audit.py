"""Append-only audit events, written in the same transaction as the change."""

from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import Session

from ecuapass_tui.store.models import AuditEvent


def record(
    session: Session,
    *,
    at: datetime,
    actor_id: int | None,
    action: str,
    entity: str,
    entity_id: object = "",
    from_state: str = "",
    to_state: str = "",
    detail: dict[str, object] | None = None,
) -> None:
    session.add(
        AuditEvent(
            at=at,
            actor_id=actor_id,
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            from_state=from_state,
            to_state=to_state,
            detail=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True),
        )
    )
