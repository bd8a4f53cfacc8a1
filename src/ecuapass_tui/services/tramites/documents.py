"""E-documents (1.3, 1.6, 2.7): stored signed, listed for their company, exported to a file,
and a file checked against the store.

Signature: the SHA-256 of the content (UTF-8) is stored, and an Ed25519 signature over the
content made with the installation's key (`cryptography`, in requirements/runtime.lock). The
key lives in the database (table `signing_key`): whoever can write the database can forge, so
the check proves a file matches what this installation stored, not more. cryptography is
imported when a document is signed (`cuentas/signing.py` says why).
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from ecuapass_tui.core.roles import is_staff
from ecuapass_tui.services import audit
from ecuapass_tui.services.access import require_option
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import NotFound, PermissionDenied
from ecuapass_tui.store.models_tracking import EDocument, SigningKey

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

FORMAT = "ecuapass-tui/e-documento/1"
MAX_FILE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class DocumentRow:
    id: int
    doc_type: str
    title: str
    direction: str
    operation_type: str
    delivery_number: str
    delivered_at: datetime
    transmission_state: str
    document_state: str


@dataclass(frozen=True)
class DocumentDetail:
    row: DocumentRow
    content: str
    sha256: str
    notifications: tuple[DocumentRow, ...]


# ---------------------------------------------------------------- signing


def _raw(key: Ed25519PrivateKey) -> tuple[bytes, bytes]:
    from cryptography.hazmat.primitives import serialization

    private = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return private, public


def signing_key(session: Session, *, now: datetime) -> SigningKey:
    """The installation's active key, created on first use."""
    row = session.exec(
        select(SigningKey)
        .where(col(SigningKey.retired_at).is_(None))
        .order_by(col(SigningKey.id).desc())
    ).first()
    if row is None:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        private, public = _raw(Ed25519PrivateKey.generate())
        row = SigningKey(private_key=private, public_key=public, created_at=now)
        session.add(row)
        session.flush()
    return row


def fingerprint(public_key: bytes) -> str:
    return hashlib.sha256(public_key).hexdigest()[:16]


def store_document(
    session: Session,
    *,
    company_id: int,
    cargo_id: int | None,
    doc_type: str,
    title: str,
    direction: str,
    operation_type: str,
    delivery_number: str,
    at: datetime,
    transmission_state: str,
    document_state: str,
    content: str,
    parent_id: int | None = None,
) -> EDocument:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = signing_key(session, now=at)
    data = content.encode("utf-8")
    private = Ed25519PrivateKey.from_private_bytes(key.private_key)
    assert key.id is not None
    row = EDocument(
        company_id=company_id,
        cargo_id=cargo_id,
        parent_id=parent_id,
        direction=direction,
        operation_type=operation_type,
        doc_type=doc_type,
        title=title,
        delivery_number=delivery_number,
        delivered_at=at,
        transmission_state=transmission_state,
        document_state=document_state,
        content=content,
        sha256=hashlib.sha256(data).hexdigest(),
        signature=base64.b64encode(private.sign(data)).decode("ascii"),
        key_id=key.id,
    )
    session.add(row)
    session.flush()
    return row


# ---------------------------------------------------------------- reading


def to_row(doc: EDocument) -> DocumentRow:
    assert doc.id is not None
    return DocumentRow(
        id=doc.id,
        doc_type=doc.doc_type,
        title=doc.title,
        direction=doc.direction,
        operation_type=doc.operation_type,
        delivery_number=doc.delivery_number,
        delivered_at=doc.delivered_at,
        transmission_state=doc.transmission_state,
        document_state=doc.document_state,
    )


def require_documents(session: Session, actor: Actor) -> None:
    """1.3 or 1.6 granted is enough for an Empleado to read the company's e-documents."""
    try:
        require_option(session, actor, "1.3")
    except PermissionDenied:
        require_option(session, actor, "1.6")


def load(session: Session, actor: Actor, document_id: int) -> EDocument:
    """The document if it is the actor's company's (staff: any); otherwise 'not found'."""
    require_documents(session, actor)
    doc = session.get(EDocument, document_id)
    if doc is None or not (is_staff(actor.user_class) or doc.company_id == actor.company_id):
        raise NotFound("trk_document_not_found")
    return doc


def detail(session: Session, actor: Actor, document_id: int) -> DocumentDetail:
    doc = load(session, actor, document_id)
    children = session.exec(
        select(EDocument).where(EDocument.parent_id == doc.id).order_by(col(EDocument.id))
    ).all()
    return DocumentDetail(to_row(doc), doc.content, doc.sha256, tuple(to_row(c) for c in children))


def export_bytes(session: Session, actor: Actor, document_id: int, *, now: datetime) -> bytes:
    """The file a user keeps: metadata, content, hash and signature, as JSON (UTF-8)."""
    doc = load(session, actor, document_id)
    key = session.get(SigningKey, doc.key_id)
    assert key is not None
    envelope = {
        "formato": FORMAT,
        "id": doc.id,
        "tipo": doc.doc_type,
        "titulo": doc.title,
        "numero_entrega": doc.delivery_number,
        "fecha_hora_entrega": doc.delivered_at.isoformat(),
        "sha256": doc.sha256,
        "firma_ed25519": doc.signature,
        "clave": fingerprint(key.public_key),
        "contenido": doc.content,
    }
    audit.record(
        session,
        at=now,
        actor_id=actor.user_id,
        action="export",
        entity="e_document",
        entity_id=doc.id,
    )
    return (json.dumps(envelope, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def export_name(row: DocumentRow) -> str:
    number = row.delivery_number or f"{row.id:08d}"
    return f"{row.doc_type}-{number}-{row.id}.json"
