"""Throwaway PKCS#12 files for the signing tests, made with `cryptography` (self-signed)."""

from __future__ import annotations

from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

PIN = "1234abcd"


def make_p12(
    now: datetime,
    *,
    pin: str = PIN,
    valid_days: int = 365,
    start_days: int = -30,
    kind: str = "rsa",
    name: str = "CARLOS ANDRES MORENO VEGA",
) -> bytes:
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    if kind == "rsa":
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    else:
        key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "SECURITY DATA (PRUEBA)"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "EC"),
        ]
    )
    start = now + timedelta(days=start_days)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=valid_days))
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        b"firma", key, cert, None, serialization.BestAvailableEncryption(pin.encode())
    )
