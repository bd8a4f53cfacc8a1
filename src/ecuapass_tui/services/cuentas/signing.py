"""Signing the convenio with a certificate file (PKCS#12, .p12) and its PIN.

The .p12 is read in memory (never written anywhere); the convenio's UTF-8 text is signed
with the certificate's key (RSA PKCS#1 v1.5, ECDSA or Ed25519, SHA-256), and the signature,
the certificate (DER) and its SHA-256 fingerprint are stored. `verify()` checks a stored
signature with the certificate's public key.

cryptography is imported by the functions that open, sign or verify, not by this module: it
holds about 8 MB in every process that loads it, and most sessions never sign
(docs/many_sessions.md).

Refusals, each with its own message: `not_certificate` (not a PKCS#12 file, or one without a
key and certificate), `wrong_pin`, `cert_expired`, `cert_not_yet_valid`, `key_unsupported`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING

from ecuapass_tui.core.resources import read_toml
from ecuapass_tui.services.errors import ServiceError

if TYPE_CHECKING:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

MAX_P12_BYTES = 64 * 1024


class SignRefused(ServiceError):
    pass


@dataclass(frozen=True)
class Convenio:
    version: str
    title: str
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Signature:
    algorithm: str
    signature: bytes
    certificate: bytes  # DER
    fingerprint: str  # SHA-256 of the DER certificate, hex
    subject: str


@cache
def convenio() -> Convenio:
    data = read_toml("convenio.toml")
    return Convenio(str(data["version"]), str(data["title"]), str(data["text"]))


def _looks_like_pkcs12(data: bytes) -> bool:
    """A DER SEQUENCE whose first element is INTEGER 3 (the PFX version)."""
    if len(data) < 8 or data[0] != 0x30:
        return False
    first = data[1]
    offset = 2 if first < 0x80 else 2 + (first & 0x7F)
    return data[offset : offset + 3] == b"\x02\x01\x03"


def open_p12(data: bytes, pin: str) -> tuple[PrivateKeyTypes, x509.Certificate]:
    """The key and certificate of a .p12 file, whatever their dates."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    if len(data) > MAX_P12_BYTES or not _looks_like_pkcs12(data):
        raise SignRefused("not_certificate")
    try:
        key, cert, _chain = pkcs12.load_key_and_certificates(data, pin.encode("utf-8"))
    except ValueError as error:
        raise SignRefused("wrong_pin") from error
    if key is None or cert is None:
        raise SignRefused("not_certificate")
    return key, cert


def load_certificate(
    data: bytes, pin: str, *, now: datetime
) -> tuple[PrivateKeyTypes, x509.Certificate]:
    key, cert = open_p12(data, pin)
    if cert.not_valid_after_utc < now:
        raise SignRefused("cert_expired", until=cert.not_valid_after_utc)
    if cert.not_valid_before_utc > now:
        raise SignRefused("cert_not_yet_valid", since=cert.not_valid_before_utc)
    return key, cert


def der_of(cert: x509.Certificate) -> bytes:
    """The certificate in DER form (what is stored and fingerprinted)."""
    from cryptography.hazmat.primitives import serialization

    return cert.public_bytes(serialization.Encoding.DER)


def certificate_identity(data: bytes, pin: str, *, now: datetime) -> tuple[str, str]:
    """The certificate's unique identification (SHA-256 of its DER form) and its subject, for
    the Solicitud del uso's [Buscar]; the same checks as signing."""
    _key, cert = load_certificate(data, pin, now=now)
    der = der_of(cert)
    return hashlib.sha256(der).hexdigest(), cert.subject.rfc4514_string()[:300]


def sign_message(key: PrivateKeyTypes, message: bytes) -> tuple[str, bytes]:
    """The algorithm's name and the signature of `message` with `key` (SHA-256)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa

    if isinstance(key, rsa.RSAPrivateKey):
        return "rsa-pkcs1v15-sha256", key.sign(message, padding.PKCS1v15(), hashes.SHA256())
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return "ecdsa-sha256", key.sign(message, ec.ECDSA(hashes.SHA256()))
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return "ed25519", key.sign(message)
    raise SignRefused("key_unsupported")


def sign_text(data: bytes, pin: str, text: str, *, now: datetime) -> Signature:
    key, cert = load_certificate(data, pin, now=now)
    algorithm, signature = sign_message(key, text.encode("utf-8"))
    der = der_of(cert)
    return Signature(
        algorithm=algorithm,
        signature=signature,
        certificate=der,
        fingerprint=hashlib.sha256(der).hexdigest(),
        subject=cert.subject.rfc4514_string()[:300],
    )


def verify(certificate_der: bytes, algorithm: str, signature: bytes, text: str) -> bool:
    """Does `signature` sign `text` with the key of this certificate?"""
    return verify_message(certificate_der, algorithm, signature, text.encode("utf-8"))


def verify_message(
    certificate_der: bytes, algorithm: str, signature: bytes, message: bytes
) -> bool:
    """Does `signature` sign `message` with the key of this certificate (DER)?"""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa

    public = x509.load_der_x509_certificate(certificate_der).public_key()
    try:
        if algorithm == "rsa-pkcs1v15-sha256" and isinstance(public, rsa.RSAPublicKey):
            public.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
        elif algorithm == "ecdsa-sha256" and isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(signature, message, ec.ECDSA(hashes.SHA256()))
        elif algorithm == "ed25519" and isinstance(public, ed25519.Ed25519PublicKey):
            public.verify(signature, message)
        else:
            return False
    except InvalidSignature:
        return False
    return True
