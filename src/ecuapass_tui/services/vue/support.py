"""Documentos de Soporte: a register of supporting PDFs (factura comercial, lista de empaque,
documento de transporte, póliza de seguro, certificado de origen) with their número, fecha,
emisor and SHA-256, checked by content. Linked to a DAI or a VUE request, a document cannot
change: a correction is a new row that supersedes it."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlmodel import Session, col, select

from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.forms.engine import Invalid, validate
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.services import audit
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, NotFound
from ecuapass_tui.services.vue import records
from ecuapass_tui.services.vue.dto import SupportDoc
from ecuapass_tui.services.vue.records import VueRefused
from ecuapass_tui.store.models_tracking import Declaration
from ecuapass_tui.store.models_vue import VueRequest, VueSupportDoc

SPEC = "vue_soporte"


def _row(session: Session, doc: VueSupportDoc) -> SupportDoc:
    assert doc.id is not None
    request = session.get(VueRequest, doc.request_id) if doc.request_id else None
    return SupportDoc(
        id=doc.id,
        kind=doc.kind,
        number=doc.number,
        issued_on=doc.issued_on,
        issuer=doc.issuer,
        sha256=doc.sha256,
        file_name=doc.file_name,
        dai_number=doc.dai_number,
        request_number=request.number if request else "",
        linked_at=doc.linked_at,
        superseded_by=doc.superseded_by,
    )


def _checked(
    values: dict[str, object], attachments: dict[str, list[Attachment]] | None, now: datetime
) -> tuple[dict[str, object], Attachment]:
    result = validate(load_spec(SPEC), values, attachments, now=now)
    if isinstance(result, Invalid):
        raise FieldErrors(result.errors)
    typed = result.values
    files = typed["archivo"]
    assert isinstance(files, list) and files
    return typed, files[0]


def _new(
    session: Session,
    actor: Actor,
    company_id: int,
    typed: dict[str, object],
    file: Attachment,
    now: datetime,
) -> VueSupportDoc:
    doc = VueSupportDoc(
        company_id=company_id,
        kind=str(typed["tipo"]),
        number=str(typed["numero"]),
        issued_on=typed["fecha"],  # type: ignore[arg-type]
        issuer=str(typed["emisor"]),
        sha256=hashlib.sha256(file.data).hexdigest(),
        file_name=file.name,
        content=file.data,
        created_at=now,
        created_by=actor.user_id,
    )
    session.add(doc)
    session.flush()
    audit.record(
        session,
        at=now,
        actor_id=actor.user_id,
        action="vue_support_registered",
        entity="vue_support_doc",
        entity_id=doc.id,
        detail={"sha256": doc.sha256},
    )
    return doc


def _load(session: Session, actor: Actor, doc_id: int, *, lock: bool = False) -> VueSupportDoc:
    company_id = records.company_actor(session, actor, records.OPTION_SOPORTE)
    query = select(VueSupportDoc).where(VueSupportDoc.id == doc_id)
    doc = session.exec(query.with_for_update() if lock else query).first()
    if doc is None or doc.company_id != company_id:
        raise NotFound("vue_support_not_found")
    return doc


def documents(session: Session, actor: Actor) -> list[SupportDoc]:
    company_id = records.company_actor(session, actor, records.OPTION_SOPORTE)
    rows = session.exec(
        select(VueSupportDoc)
        .where(VueSupportDoc.company_id == company_id)
        .order_by(col(VueSupportDoc.id).desc())
    ).all()
    return [_row(session, doc) for doc in rows]


def register(
    session: Session,
    actor: Actor,
    values: dict[str, object],
    attachments: dict[str, list[Attachment]] | None,
    *,
    now: datetime,
) -> SupportDoc:
    company_id = records.company_actor(session, actor, records.OPTION_SOPORTE)
    typed, file = _checked(values, attachments, now)
    return _row(session, _new(session, actor, company_id, typed, file, now))


def link(
    session: Session,
    actor: Actor,
    doc_id: int,
    *,
    dai_number: str = "",
    request_number: str = "",
    now: datetime,
) -> SupportDoc:
    doc = _load(session, actor, doc_id, lock=True)
    if doc.superseded_by is not None:
        raise VueRefused("vue_support_superseded")
    if doc.linked_at is not None:
        raise VueRefused("vue_support_linked")
    dai_number, request_number = dai_number.strip().upper(), request_number.strip().upper()
    if bool(dai_number) == bool(request_number):
        raise FieldErrors(rules={"dai": "vue_link_one"})
    if dai_number:
        found = session.exec(
            select(Declaration.id).where(
                Declaration.dai_number == dai_number, Declaration.company_id == doc.company_id
            )
        ).first()
        if found is None:
            raise FieldErrors(rules={"dai": "vue_dai_not_found"})
        doc.dai_number = dai_number
    else:
        doc.request_id = records.load(session, actor, request_number).id
    doc.linked_at = now
    session.add(doc)
    audit.record(
        session,
        at=now,
        actor_id=actor.user_id,
        action="vue_support_linked",
        entity="vue_support_doc",
        entity_id=doc.id,
        detail={"dai": dai_number, "request": request_number},
    )
    return _row(session, doc)


def supersede(
    session: Session,
    actor: Actor,
    doc_id: int,
    values: dict[str, object],
    attachments: dict[str, list[Attachment]] | None,
    *,
    now: datetime,
) -> SupportDoc:
    """A new document in place of `doc_id`, linked where the old one was."""
    old = _load(session, actor, doc_id, lock=True)
    if old.superseded_by is not None:
        raise VueRefused("vue_support_superseded")
    typed, file = _checked(values, attachments, now)
    new = _new(session, actor, old.company_id, typed, file, now)
    if old.linked_at is not None:
        new.dai_number, new.request_id, new.linked_at = old.dai_number, old.request_id, now
        session.add(new)
    old.superseded_by = new.id
    session.add(old)
    return _row(session, new)


def file(session: Session, actor: Actor, doc_id: int) -> tuple[str, bytes]:
    doc = _load(session, actor, doc_id)
    return doc.file_name, doc.content
