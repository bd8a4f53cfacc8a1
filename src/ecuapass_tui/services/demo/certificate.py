"""The demo's sample certificate: a real PKCS#12 file (.p12) with a self-signed certificate,
written into the user's data folder (0600) when the demo database opens, so that a trainer can
sign 3.2.3's convenio, finish the certificate step of the Solicitud del uso and log in with a
certificate (as `DEMO_CERTIFICATE_USER`, for whom the demo registers it) with nothing from
outside. Its path and PIN are listed on the demo login screen. A sample: its certificate is
issued by nobody and is worth nothing outside the demo.

Its key and certificate are the same in every demo (an Ed25519 key derived from a fixed,
public text; Ed25519 signatures are deterministic), so the demo database can register its
identification before the file is written; only the file's encryption differs. A start
that finds the file does not load cryptography (`cuentas/signing.py` says why).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ecuapass_tui.paths import private_dir, write_private
from ecuapass_tui.services.cuentas.signing import der_of
from ecuapass_tui.services.demo.login_list import DEMO_CERTIFICATE_PIN, demo_certificate_path

if TYPE_CHECKING:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ed25519

# Valid whatever day `--today` sets the demo clock to.
VALID_FROM = datetime(2020, 1, 1, tzinfo=UTC)
VALID_UNTIL = datetime(2099, 12, 31, 23, 59, 59, tzinfo=UTC)
SUBJECT = "CERTIFICADO DE MUESTRA ECUAPASS-TUI"


# Public on purpose: the sample's key protects nothing.
_KEY_SEED = b"ecuapass-tui: certificado de muestra, sin validez"


def _demo_key() -> ed25519.Ed25519PrivateKey:
    from cryptography.hazmat.primitives.asymmetric import ed25519

    return ed25519.Ed25519PrivateKey.from_private_bytes(hashlib.sha256(_KEY_SEED).digest())


@cache
def demo_certificate() -> x509.Certificate:
    """The sample's self-signed certificate: the same bytes every time."""
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    key = _demo_key()
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, SUBJECT),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "SOLO PARA DEMOSTRACIONES, SIN VALIDEZ"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "EC"),
        ]
    )
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(2026)
        .not_valid_before(VALID_FROM)
        .not_valid_after(VALID_UNTIL)
        .sign(key, None)
    )


def demo_certificate_id() -> str:
    """The sample's "Identificación única de certificado digital" (SHA-256 of its DER)."""
    der = der_of(demo_certificate())
    return hashlib.sha256(der).hexdigest()


def make_demo_p12(pin: str = DEMO_CERTIFICATE_PIN) -> bytes:
    """The sample as a PKCS#12 file encrypted with `pin`."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    return pkcs12.serialize_key_and_certificates(
        b"ecuapass-tui demo",
        _demo_key(),
        demo_certificate(),
        None,
        serialization.BestAvailableEncryption(pin.encode()),
    )


def ensure_demo_certificate(data_dir: Path) -> Path:
    """Write the sample .p12 into `data_dir` unless it is already there; returns its path."""
    path = demo_certificate_path(data_dir)
    if not path.exists():
        private_dir(data_dir)
        try:
            write_private(path, make_demo_p12())
        except FileExistsError:
            pass  # another session wrote it first
    return path
