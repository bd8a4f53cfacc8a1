"""The argon2 hashes of the demo's passwords and security answers, computed once and shipped in
`data/demo/hashes.toml`: hashing them while the demo database is built took most of its time
(each hash costs as much as a login), and the first login waited for it.

The secrets are the demo's published passwords (listed on the demo login screen) and its
sample answers; a hash that is missing (a secret added to demo.toml later) is computed as
before, so a stale file only costs time. `hashes_file.py` regenerates the file.
"""

from __future__ import annotations

from functools import cache

from ecuapass_tui.core.resources import read_toml
from ecuapass_tui.services.cuentas.auth import hash_password

HASHES_FILE = ("demo", "hashes.toml")


@cache
def _hashes() -> dict[str, str]:
    try:
        table = read_toml(*HASHES_FILE).get("hash", {})
    except FileNotFoundError:
        return {}
    return {str(k): str(v) for k, v in table.items()}


def demo_hash(secret: str) -> str:
    """The hash of one demo secret: the shipped one, or a new one when it is not shipped."""
    return _hashes().get(secret) or hash_password(secret)
