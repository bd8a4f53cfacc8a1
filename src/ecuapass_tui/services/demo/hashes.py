"""The argon2 hashes of the demo's passwords and security answers, computed once and shipped in
`data/demo/hashes.toml`: hashing them while the demo database is built took most of its time
(each hash costs as much as a login), and the first login waited for it.

The secrets are the demo's published passwords (listed on the demo login screen) and its
sample answers; a hash that is missing (a secret added to demo.toml later) is computed as
before, so a stale file only costs time. Regenerate the file with

    .venv/bin/python -m ecuapass_tui.services.demo.hashes
"""

from __future__ import annotations

from functools import cache

from ecuapass_tui.core.resources import data_file, read_toml
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


def demo_secrets() -> list[str]:
    """Every secret the demo build hashes: the users' passwords, the sample security answers
    (as stored: normalised), the password of the pending registrations."""
    from ecuapass_tui.services.cuentas.registration_rules import normalise_answer
    from ecuapass_tui.services.demo.accounts import DEMO_ANSWERS, PENDING_PASSWORD
    from ecuapass_tui.services.demo.build import demo_spec

    secrets = [str(user["password"]) for user in demo_spec()["user"]]
    secrets += [normalise_answer(answer) for _question, answer in DEMO_ANSWERS]
    secrets.append(PENDING_PASSWORD)
    return list(dict.fromkeys(secrets))


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_hashes() -> str:
    lines = [
        "# argon2 hashes of the demo's published passwords and sample answers (see",
        "# services/demo_hashes.py); regenerate: python -m ecuapass_tui.services.demo.hashes",
        "[hash]",
    ]
    lines += [f"{_toml_string(s)} = {_toml_string(hash_password(s))}" for s in demo_secrets()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    from pathlib import Path

    target = Path(str(data_file(*HASHES_FILE)))
    target.write_text(render_hashes(), encoding="utf-8")
    print(f"{target}: {len(demo_secrets())} hashes")
