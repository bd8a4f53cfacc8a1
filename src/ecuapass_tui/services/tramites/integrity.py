"""2.7 Verificar la integridad del documento: an exported file against the store.

Íntegro: the file names a stored document, its content has the stored SHA-256, its signature
verifies with the installation key that signed it, and its metadata match. Alterado: the
document is known but something differs (each difference is listed). Desconocido: the file is
not an e-document exported by this installation, or names no stored document.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlmodel import Session

from ecuapass_tui.core.roles import is_staff
from ecuapass_tui.services import audit
from ecuapass_tui.services.access import require_option
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.tramites.documents import FORMAT, MAX_FILE_BYTES, fingerprint
from ecuapass_tui.store.models_tracking import EDocument, SigningKey


class Verdict(StrEnum):
    INTEGRO = "integro"
    ALTERADO = "alterado"
    DESCONOCIDO = "desconocido"


@dataclass(frozen=True)
class Check:
    code: str  # what was checked, e.g. "hash", "firma", "numero_entrega"
    ok: bool
    expected: str = ""
    found: str = ""


@dataclass(frozen=True)
class IntegrityResult:
    verdict: Verdict
    reason: str  # for Desconocido: not_json, not_ours, too_large, not_found
    title: str
    delivery_number: str
    checks: tuple[Check, ...]


def _unknown(reason: str) -> IntegrityResult:
    return IntegrityResult(Verdict.DESCONOCIDO, reason, "", "", ())


def _signature_ok(public_key: bytes, signature: str, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        raw = base64.b64decode(signature, validate=True)
        Ed25519PublicKey.from_public_bytes(public_key).verify(raw, data)
    except (InvalidSignature, binascii.Error, ValueError):
        return False
    return True


def _checks(envelope: dict[str, Any], doc: EDocument, key: SigningKey) -> list[Check]:
    """The file against the stored document: its content's hash and signature, the key, and
    the fields it declares."""
    text = envelope.get("contenido")
    data = text.encode("utf-8") if isinstance(text, str) else b""
    digest = hashlib.sha256(data).hexdigest()
    signature = str(envelope.get("firma_ed25519") or "")
    checks = [
        Check("hash", digest == doc.sha256, doc.sha256, digest),
        Check(
            "hash_declarado",
            envelope.get("sha256") == doc.sha256,
            doc.sha256,
            str(envelope.get("sha256") or ""),
        ),
        Check("firma", _signature_ok(key.public_key, signature, data)),
        Check(
            "clave",
            envelope.get("clave") == fingerprint(key.public_key),
            fingerprint(key.public_key),
            str(envelope.get("clave") or ""),
        ),
    ]
    for name, stored in (
        ("tipo", doc.doc_type),
        ("numero_entrega", doc.delivery_number),
        ("fecha_hora_entrega", doc.delivered_at.isoformat()),
        ("titulo", doc.title),
    ):
        found = str(envelope.get(name) or "")
        checks.append(Check(name, found == stored, stored, found))
    return checks


def verify_file(
    session: Session, actor: Actor, content: bytes, *, now: datetime
) -> IntegrityResult:
    require_option(session, actor, "2.7")
    if len(content) > MAX_FILE_BYTES:
        return _unknown("too_large")
    try:
        envelope = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return _unknown("not_json")
    if not isinstance(envelope, dict) or envelope.get("formato") != FORMAT:
        return _unknown("not_ours")
    ident = envelope.get("id")
    doc = session.get(EDocument, ident) if isinstance(ident, int) else None
    if doc is None:
        return _unknown("not_found")
    key = session.get(SigningKey, doc.key_id)
    assert key is not None
    checks = _checks(envelope, doc, key)
    own = not actor.is_guest and doc.company_id == actor.company_id
    if not (is_staff(actor.user_class) or own):
        # Another company's document: say what differs, never what the store holds.
        checks = [replace(c, expected="") for c in checks]
    verdict = Verdict.INTEGRO if all(c.ok for c in checks) else Verdict.ALTERADO
    audit.record(
        session,
        at=now,
        actor_id=actor.account_id,
        action="verify",
        entity="e_document",
        entity_id=doc.id,
        to_state=verdict.value,
    )
    # The file's own title and number are shown back; nothing else of the store is revealed.
    return IntegrityResult(
        verdict,
        "",
        str(envelope.get("titulo") or ""),
        str(envelope.get("numero_entrega") or ""),
        tuple(checks),
    )
