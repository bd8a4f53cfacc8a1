"""Code run in child processes by test_store_concurrency (imported by name, so that the
"spawn" start method can find it whatever pytest's import mode is)."""

from __future__ import annotations

from multiprocessing.synchronize import Event

from sqlmodel import select

from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import User


def increment(url: str, user_id: int, times: int, for_update: bool, start: Event) -> None:
    """Read-modify-write one counter `times` times, one short transaction each."""
    db = Database(url)
    try:
        if not start.wait(30):
            raise TimeoutError("the other workers never started")
        query = select(User).where(User.id == user_id)
        if for_update:
            query = query.with_for_update()
        for _ in range(times):
            with db.write() as session:
                user = session.exec(query).one()
                user.failed_attempts += 1
    finally:
        db.dispose()
