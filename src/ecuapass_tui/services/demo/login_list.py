"""The demo accounts listed on the login screen (read from `data/demo/demo.toml`), and where
the demo's sample certificate is kept (demo/certificate.py writes it).

Apart from the demo builders, so that the login screen can draw them before the database layer
(SQLAlchemy, Alembic, argon2) is imported.
"""

from __future__ import annotations

from pathlib import Path

from ecuapass_tui.core.resources import read_toml
from ecuapass_tui.services.dto import DemoAccount


def demo_accounts() -> list[DemoAccount]:
    return [
        DemoAccount(
            ruc=user.get("ruc", ""),
            username=user["username"],
            password=user["password"],
            user_class=user["user_class"],
            note=user.get("note", ""),
        )
        for user in read_toml("demo", "demo.toml")["user"]
    ]


DEMO_CERTIFICATE_FILE = "certificado-demo.p12"
DEMO_CERTIFICATE_PIN = "Muestra2026"
# The demo user whose Solicitud del uso registered the sample certificate (demo/accounts.py).
DEMO_CERTIFICATE_USER = "agente"


def demo_certificate_path(data_dir: Path) -> Path:
    """The sample .p12 of the demo, in the user's data folder."""
    return data_dir / DEMO_CERTIFICATE_FILE
