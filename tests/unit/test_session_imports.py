"""What a session holds: the libraries only some sessions need are loaded when used.

A session on a shared host (forty analysts, one process each) pays every imported module in
resident memory; cryptography (about 8 MB) is loaded by signing and checking signatures, and
keyring (2-3 MB) only where it could find a backend (docs/many_sessions.md).
"""

from __future__ import annotations

import os
import subprocess
import sys

SESSION = """
import sys
import ecuapass_tui.app, ecuapass_tui.screens.home, ecuapass_tui.services.desk
import ecuapass_tui.services.setup
from ecuapass_tui.services.keyring_store import detect
assert detect().available is False
from ecuapass_tui.services.setup import open_database
from ecuapass_tui.store.models import User
from sqlmodel import select
db = open_database("sqlite:///" + sys.argv[1])
with db.read() as session:
    session.exec(select(User)).first()
heavy = ("cryptography", "keyring")
print(",".join(sorted(m for m in heavy if m in sys.modules)))
"""

SIGNING = """
import sys
from ecuapass_tui.services.demo.certificate import make_demo_p12
from ecuapass_tui.services.cuentas.signing import sign_text, verify
from datetime import UTC, datetime
signed = sign_text(make_demo_p12("1234"), "1234", "convenio", now=datetime.now(UTC))
assert verify(signed.certificate, signed.algorithm, signed.signature, "convenio")
print("cryptography" in sys.modules)
"""


def _run(code: str, *args: str, **env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    environ.pop("PYTHON_KEYRING_BACKEND", None)
    environ.update(env)
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=environ, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_a_session_loads_neither_cryptography_nor_keyring(tmp_path) -> None:
    database = str(tmp_path / "ecuapass.sqlite")
    # A headless host: no D-Bus session, no keyring configured.
    assert _run(SESSION, database, XDG_CONFIG_HOME=str(tmp_path)) == ""
    # Told there is no backend: the same.
    named = "keyring.backends.null.Keyring"
    assert (
        _run(SESSION, database, XDG_CONFIG_HOME=str(tmp_path), PYTHON_KEYRING_BACKEND=named) == ""
    )


def test_signing_still_signs_and_verifies() -> None:
    assert _run(SIGNING) == "True"
