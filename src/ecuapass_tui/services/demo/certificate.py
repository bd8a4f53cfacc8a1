"""The demo's sample certificate: a real PKCS#12 file (.p12) with a self-signed certificate,
written into the user's data folder (0600) when the demo database opens, so that a trainer can
sign 3.2.3's convenio and finish the certificate step of the Solicitud del uso with nothing
from outside. Its path and PIN are listed on the demo login screen. A sample: its certificate
is issued by nobody and is worth nothing outside the demo.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from ecuapass_tui.paths import private_dir, write_private
from ecuapass_tui.services.demo.login_list import DEMO_CERTIFICATE_PIN, demo_certificate_path

# Valid whatever day `--today` sets the demo clock to.
VALID_FROM = datetime(2020, 1, 1, tzinfo=UTC)
VALID_UNTIL = datetime(2099, 12, 31, 23, 59, 59, tzinfo=UTC)
SUBJECT = "CERTIFICADO DE MUESTRA ECUAPASS-TUI"


def make_demo_p12(pin: str = DEMO_CERTIFICATE_PIN) -> bytes:
    """A new PKCS#12 file: an ECDSA P-256 key (made in about a millisecond) and its
    self-signed certificate, encrypted with `pin`."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, SUBJECT),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "SOLO PARA DEMOSTRACIONES, SIN VALIDEZ"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "EC"),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(VALID_FROM)
        .not_valid_after(VALID_UNTIL)
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        b"ecuapass-tui demo", key, cert, None, serialization.BestAvailableEncryption(pin.encode())
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
