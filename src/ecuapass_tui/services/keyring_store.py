"""'Recordar usuario' through the system keyring, only where a real backend exists.

On a headless SSH host keyring falls back to its 'fail' or 'null' backend: then the option is
hidden, nothing is written anywhere, and nothing raises. Where keyring could find no backend
anyway (Linux without a D-Bus session, no backend named in PYTHON_KEYRING_BACKEND or
keyringrc.cfg), it is not even loaded: its backend discovery holds 2-3 MB in every session.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SERVICE = "ecuapass-tui"
ENTRY = "recordar-usuario"
NO_BACKEND = ("keyring.backends.null.Keyring", "keyring.backends.fail.Keyring")


def _no_keyring_here() -> bool:
    """Would keyring find no backend here? The null or fail backend named in
    PYTHON_KEYRING_BACKEND, or Linux with no D-Bus session (the Secret Service and KWallet need
    one) and no backend chosen by environment or configuration; a keyring this process already
    loaded is always asked."""
    if "keyring" in sys.modules:
        return False
    named = os.environ.get("PYTHON_KEYRING_BACKEND")
    if named:
        return named in NO_BACKEND
    if not sys.platform.startswith("linux") or os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return False
    config_home = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return not (Path(config_home) / "python_keyring" / "keyringrc.cfg").exists()


def _real_backend() -> Any | None:
    if _no_keyring_here():
        return None
    try:
        import keyring
        from keyring.backends import chainer, fail

        backend = keyring.get_keyring()
    except Exception:
        return None
    name = type(backend).__module__ + "." + type(backend).__name__
    if isinstance(backend, fail.Keyring) or "null" in name.lower():
        return None
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return None
    if getattr(backend, "priority", 1) <= 0:
        return None
    return backend


@dataclass
class Remembered:
    backend: Any | None

    @property
    def available(self) -> bool:
        return self.backend is not None

    def load(self) -> tuple[str, str] | None:
        if self.backend is None:
            return None
        try:
            raw = self.backend.get_password(SERVICE, ENTRY)
            if not raw:
                return None
            data = json.loads(raw)
            return str(data.get("ruc", "")), str(data.get("username", ""))
        except Exception:
            return None

    def save(self, ruc: str, username: str) -> bool:
        if self.backend is None:
            return False
        try:
            self.backend.set_password(
                SERVICE, ENTRY, json.dumps({"ruc": ruc, "username": username})
            )
            return True
        except Exception:
            return False

    def forget(self) -> None:
        if self.backend is None:
            return
        try:
            self.backend.delete_password(SERVICE, ENTRY)
        except Exception:
            return


def detect() -> Remembered:
    return Remembered(_real_backend())


def stored_secret(service: str, username: str) -> str | None:
    """A secret kept in the system keyring under `service` and `username` (the SMTP password),
    or None: no real backend, no such entry, or the backend failed."""
    backend = _real_backend()
    if backend is None:
        return None
    try:
        value = backend.get_password(service, username)
    except Exception:
        return None
    return str(value) if value else None


def backend_name() -> str:
    backend = _real_backend()
    if backend is None:
        return "ninguno (sin keyring real: 'Recordar usuario' oculto)"
    return type(backend).__module__ + "." + type(backend).__name__
