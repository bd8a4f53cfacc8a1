"""Form drafts: what a user typed, saved while typing, offered back after a crash, a SIGHUP
or a dropped SSH session; removed when the form is submitted or the draft discarded.

Values are kept as typed (JSON: strings, booleans, lists and objects of them); files as
bytes, so that a restored draft has its attachments too. Each user sees only their own.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, delete, select

from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import ServiceError
from ecuapass_tui.store.models import DraftAttachment, FormDraft

MAX_VALUES_BYTES = 1_000_000  # the typed values of one form, as JSON
MAX_FILES_BYTES = 50 * 1024 * 1024  # every file of one draft


@dataclass(frozen=True)
class DraftFile:
    field: str
    name: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class Draft:
    form_id: str
    values: dict[str, object]
    files: tuple[DraftFile, ...]
    updated_at: datetime


def _find(session: Session, actor: Actor, form_id: str) -> FormDraft | None:
    return session.exec(
        select(FormDraft)
        .where(FormDraft.user_id == actor.user_id, FormDraft.form_id == form_id)
        .with_for_update()
    ).first()


def save_draft(
    session: Session,
    actor: Actor,
    form_id: str,
    values: dict[str, object],
    files: list[DraftFile] | tuple[DraftFile, ...] = (),
    *,
    now: datetime,
) -> None:
    """Create or replace the actor's draft of `form_id`. Files are rewritten only when they
    changed, so saving on every keystroke does not copy them again."""
    encoded = json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)
    if len(encoded.encode("utf-8")) > MAX_VALUES_BYTES:
        raise ServiceError("draft_too_large")
    if sum(len(f.content) for f in files) > MAX_FILES_BYTES:
        raise ServiceError("draft_too_large")
    draft = _find(session, actor, form_id)
    if draft is None:
        draft = FormDraft(
            user_id=actor.user_id, form_id=form_id, values_json=encoded, updated_at=now
        )
        session.add(draft)
        session.flush()
        stored: list[tuple[str, str, str]] = []
    else:
        draft.values_json = encoded
        draft.updated_at = now
        session.add(draft)
        stored = [
            (row.field, row.name, row.sha256)
            for row in session.exec(
                select(DraftAttachment)
                .where(DraftAttachment.draft_id == draft.id)
                .order_by(col(DraftAttachment.field), col(DraftAttachment.position))
            ).all()
        ]
    wanted = sorted(((f.field, f.name, f.sha256), i) for i, f in enumerate(files))
    if [key for key, _ in wanted] == sorted(stored):
        return
    assert draft.id is not None
    session.exec(delete(DraftAttachment).where(col(DraftAttachment.draft_id) == draft.id))  # type: ignore[call-overload]
    for position, item in enumerate(files):
        session.add(
            DraftAttachment(
                draft_id=draft.id,
                field=item.field,
                position=position,
                name=item.name,
                size=len(item.content),
                sha256=item.sha256,
                content=item.content,
            )
        )


def load_draft(session: Session, actor: Actor, form_id: str) -> Draft | None:
    draft = session.exec(
        select(FormDraft).where(FormDraft.user_id == actor.user_id, FormDraft.form_id == form_id)
    ).first()
    if draft is None:
        return None
    try:
        values = json.loads(draft.values_json)
    except ValueError:
        values = {}
    rows = session.exec(
        select(DraftAttachment)
        .where(DraftAttachment.draft_id == draft.id)
        .order_by(col(DraftAttachment.position))
    ).all()
    return Draft(
        form_id=form_id,
        values=values if isinstance(values, dict) else {},
        files=tuple(DraftFile(r.field, r.name, r.content) for r in rows),
        updated_at=draft.updated_at,
    )


def discard_draft(session: Session, actor: Actor, form_id: str) -> bool:
    """Remove the draft (on submit or when the user discards it); True when there was one."""
    draft = _find(session, actor, form_id)
    if draft is None:
        return False
    session.exec(delete(DraftAttachment).where(col(DraftAttachment.draft_id) == draft.id))  # type: ignore[call-overload]
    session.delete(draft)
    return True
