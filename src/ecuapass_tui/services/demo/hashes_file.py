"""Writes `data/demo/hashes.toml` (see `hashes.py`): a maintainer's command, run when the demo's
passwords or sample answers change:

    .venv/bin/python -m ecuapass_tui.services.demo.hashes_file
"""

from __future__ import annotations

from ecuapass_tui.core.resources import data_file
from ecuapass_tui.services.cuentas.auth import hash_password
from ecuapass_tui.services.cuentas.registration_rules import normalise_answer
from ecuapass_tui.services.demo.accounts import DEMO_ANSWERS, PENDING_PASSWORD
from ecuapass_tui.services.demo.build import demo_spec
from ecuapass_tui.services.demo.hashes import HASHES_FILE


def demo_secrets() -> list[str]:
    """Every secret the demo build hashes: the users' passwords, the sample security answers
    (as stored: normalised), the password of the pending registrations."""
    secrets = [str(user["password"]) for user in demo_spec()["user"]]
    secrets += [normalise_answer(answer) for _question, answer in DEMO_ANSWERS]
    secrets.append(PENDING_PASSWORD)
    return list(dict.fromkeys(secrets))


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_hashes() -> str:
    lines = [
        "# argon2 hashes of the demo's published passwords and sample answers;",
        "# regenerate: python -m ecuapass_tui.services.demo.hashes_file",
        "[hash]",
    ]
    lines += [f"{_toml_string(s)} = {_toml_string(hash_password(s))}" for s in demo_secrets()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    from pathlib import Path

    target = Path(str(data_file(*HASHES_FILE)))
    target.write_text(render_hashes(), encoding="utf-8")
    print(f"{target}: {len(demo_secrets())} hashes")
