"""The demo accounts listed on the login screen (read from `data/demo/demo.toml`).

Kept apart from services/demo.py so that the login screen can draw them before the database
layer (SQLAlchemy, Alembic, argon2) is imported.
"""

from __future__ import annotations

from ecuapass_tui.services.dto import DemoAccount
from ecuapass_tui.services.resources import read_toml


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
