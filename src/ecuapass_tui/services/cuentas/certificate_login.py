"""Iniciar sesión con certificado (seed 003): RUC, ID. Usuario, a .p12 file and its PIN.

The rule (docs/login_security.md): the file's key signs a fresh random challenge and the
signature is verified with the certificate registered for the user; the certificate must be
that user's latest registered one and valid today. The rest (throttle, lock, states, audit,
messages) is the password login's: `auth.sign_in`. The PIN opens the file in memory and goes
nowhere else: not to a log, the audit, the database or an error's parameters.

A user's registered certificates: the "Identificación única de certificado digital" of the
Solicitud del uso (its SHA-256, kept in the request's values) and the certificates that signed
the convenio of 3.2.3 (kept whole). The latest is the one registered; an older one counts as
replaced.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from ecuapass_tui.services.cuentas import auth, signing
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import LoginFailed
from ecuapass_tui.store.models import User
from ecuapass_tui.store.models_accounts import AccountRequest, SignedConvenio

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

CHALLENGE_BYTES = 32


@dataclass(frozen=True)
class Registered:
    fingerprint: str  # SHA-256 of the certificate (DER), lower-case hex
    certificate: bytes | None  # DER when it was stored whole (a signed convenio)
    at: datetime


def registered_certificates(session: Session, user_id: int) -> list[Registered]:
    """The user's registered certificates, the latest first."""
    found: list[Registered] = []
    request = session.exec(select(AccountRequest).where(AccountRequest.user_id == user_id)).first()
    if request is not None:
        identity = json.loads(request.values_json).get("certificado_id")
        if isinstance(identity, str) and identity.strip():
            found.append(Registered(identity.strip().lower(), None, request.created_at))
    convenios = session.exec(select(SignedConvenio).where(SignedConvenio.user_id == user_id)).all()
    found += [Registered(c.fingerprint.lower(), c.certificate, c.signed_at) for c in convenios]
    return sorted(found, key=lambda r: r.at, reverse=True)


def possesses(key: PrivateKeyTypes, certificate_der: bytes) -> bool:
    """Does `key` sign a fresh random challenge that `certificate_der`'s public key verifies?"""
    challenge = secrets.token_bytes(CHALLENGE_BYTES)
    try:
        algorithm, signature = signing.sign_message(key, challenge)
    except signing.SignRefused:
        raise LoginFailed("key_unsupported") from None
    return signing.verify_message(certificate_der, algorithm, signature, challenge)


@dataclass(frozen=True)
class CertificateProof:
    """The .p12 proves the user (`auth.Proof`)."""

    session: Session
    p12: bytes
    pin: str
    now: datetime
    method: str = "certificate"

    def check(self, user: User | None) -> LoginFailed | None:
        try:
            key, cert = signing.open_p12(self.p12, self.pin)
        except signing.SignRefused as refused:
            if refused.code == "wrong_pin":
                return LoginFailed("wrong_pin")
            raise LoginFailed(refused.code) from None  # not a .p12: said beside the file
        der = signing.der_of(cert)
        fingerprint = hashlib.sha256(der).hexdigest()
        registered = registered_certificates(self.session, user.id) if user and user.id else []
        match = next((r for r in registered if r.fingerprint == fingerprint), None)
        if match is None:
            return LoginFailed("cert_foreign")
        if match is not registered[0]:
            return LoginFailed("cert_replaced", since=registered[0].at)
        # Only its id registered: the file's certificate is the one with that SHA-256.
        if not possesses(key, match.certificate or der):
            return LoginFailed("cert_not_proven")
        if cert.not_valid_after_utc < self.now:
            return LoginFailed("cert_expired", until=cert.not_valid_after_utc)
        if cert.not_valid_before_utc > self.now:
            return LoginFailed("cert_not_yet_valid", since=cert.not_valid_before_utc)
        return None

    def spend(self) -> None:
        """A refused attempt opens nothing."""

    def signed_in(self, user: User) -> None:
        """Nothing to renew."""


def login(
    session: Session,
    *,
    ruc: str,
    username: str,
    p12: bytes,
    pin: str,
    now: datetime,
    language: str | None = None,
    source: str | None = None,
) -> Actor:
    """Log in with a certificate; LoginFailed (its own code for each refusal) otherwise."""
    proof = CertificateProof(session, p12, pin, now)
    return auth.sign_in(session, ruc, username, proof, now=now, language=language, source=source)
