"""Being told that the database changed, instead of asking it again and again.

A `Listener` blocks in `wait()` (no CPU) until the database changes and returns what changed:

- PostgreSQL: a connection of its own LISTENs on the channels that the triggers of
  `change_channels.py` NOTIFY when a Buzón notice (payload: the recipient's user id) or a
  ticket (payload: the requester's and the company's ids) changes. TCP keepalives find a
  link that died silently; while the server cannot be reached, `wait()` returns "anything
  may have changed" every POLL_SECONDS and tries to connect again.
- SQLite on Linux: inotify on the database's folder. Every commit of every process writes the
  database file or its `-wal`; the change carries no detail, so it is "anything may have
  changed" and the caller compares a cheap stamp.
- SQLite elsewhere (no inotify: another system, inotify_simple missing, the user's inotify
  watches used up) or a database that is not a plain file: every POLL_SECONDS.

The first `wait()` returns "anything may have changed" once the listening has begun (the
connection made, the watch added), as does every reconnection: what was written before it is
not missed. `close()` may be called from any thread: it wakes the `wait()` in progress, which
then returns None and lets go of the connection or the inotify descriptor.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from ecuapass_tui.store.change_channels import NOTICE_CHANNEL, TICKET_CHANNEL
from ecuapass_tui.store.engine import Database, sqlite_path

POLL_SECONDS = 5.0  # without inotify, or while PostgreSQL cannot be reached
SETTLE_SECONDS = 0.05  # one commit writes several pages: they make one change
# A dead link is noticed by the kernel's keepalives within about a minute, at no CPU cost to us.
KEEPALIVES = {
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
}


@dataclass(frozen=True)
class Change:
    """What changed. `channel` None: anything may have (no detail, or a link was down)."""

    channel: str | None = None
    user_id: int | None = None
    company_id: int | None = None


ANYTHING = Change()


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def parse_payload(channel: str, payload: str) -> Change:
    """A notification's payload: "user_id" for a notice, "requester_id company_id" (either
    may be empty) for a ticket."""
    user, _, company = payload.partition(" ")
    return Change(channel, _number(user), _number(company))


class Listener(ABC):
    """Blocks until the database changes; see the module's text."""

    def __init__(self) -> None:
        self._stop_read, self._stop_write = os.pipe()
        self._closed = False

    def close(self) -> None:
        """Wake the `wait()` in progress (or the next one): it returns None."""
        if not self._closed:
            self._closed = True
            with contextlib.suppress(OSError):
                os.write(self._stop_write, b"x")

    @abstractmethod
    def wait(self) -> list[Change] | None:
        """The changes since the last call, once there is at least one; None once closed."""

    def _pause(self, seconds: float) -> bool:
        """Sleep `seconds` unless closed meanwhile; True when closed."""
        ready, _, _ = select.select([self._stop_read], [], [], seconds)
        return bool(ready) or self._closed

    def _poll_once(self) -> list[Change] | None:
        """After POLL_SECONDS, "anything may have changed"; None when closed meanwhile."""
        if self._pause(POLL_SECONDS):
            self._release()
            return None
        return [ANYTHING]

    def _release(self) -> None:
        for fd in (self._stop_read, self._stop_write):
            with contextlib.suppress(OSError):
                os.close(fd)


class PollListener(Listener):
    """Every POLL_SECONDS, "anything may have changed"."""

    def wait(self) -> list[Change] | None:
        return self._poll_once()


class InotifyListener(Listener):
    """Writes to the SQLite file or its -wal, by any process (Linux)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._folder = path.parent
        self._names = {path.name, f"{path.name}-wal"}
        self._inotify: Any = None

    def _watch(self) -> Any:
        import inotify_simple

        inotify = inotify_simple.INotify()
        wanted = inotify_simple.flags
        inotify.add_watch(
            str(self._folder), wanted.MODIFY | wanted.CREATE | wanted.MOVED_TO | wanted.DELETE
        )
        return inotify

    def wait(self) -> list[Change] | None:
        if self._inotify is None:
            try:
                self._inotify = self._watch()
            except (ImportError, OSError):  # no inotify here, or no watch left: poll
                self._inotify = False
            return [ANYTHING]  # what was written before the watch began
        if self._inotify is False:
            return self._poll_once()
        while True:
            ready, _, _ = select.select([self._inotify, self._stop_read], [], [])
            if self._stop_read in ready or self._closed:
                self._inotify.close()
                self._release()
                return None
            names = {event.name for event in self._inotify.read(timeout=0)}
            # The rest of the commit's writes (and of a burst of commits) join this change.
            while select.select([self._inotify], [], [], SETTLE_SECONDS)[0]:
                names |= {event.name for event in self._inotify.read(timeout=0)}
            if names & self._names:
                return [ANYTHING]


class PostgresListener(Listener):
    """LISTEN on the notice and ticket channels through a connection of its own."""

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self._engine = engine
        self._conn: Any = None
        self._was_down = True  # the first connection reports what was written before it

    def _connect(self) -> Any:
        cargs, cparams = self._engine.dialect.create_connect_args(self._engine.url)
        conn = self._engine.dialect.loaded_dbapi.connect(
            *cargs, **{**cparams, **KEEPALIVES, "autocommit": True}
        )
        for channel in (NOTICE_CHANNEL, TICKET_CHANNEL):
            conn.execute(f"LISTEN {channel}")
        return conn

    def _drop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
            self._conn = None
        self._was_down = True

    def wait(self) -> list[Change] | None:
        import psycopg

        while True:
            if self._conn is None:
                try:
                    self._conn = self._connect()
                except psycopg.Error:
                    if self._pause(POLL_SECONDS):
                        break
                    return [ANYTHING]  # the slow poll, only while the link is down
                if self._was_down:
                    self._was_down = False
                    return [ANYTHING]  # what was written before it, or while it was down
            ready, _, _ = select.select([self._conn.fileno(), self._stop_read], [], [])
            if self._stop_read in ready or self._closed:
                break
            try:
                notes = list(self._conn.notifies(timeout=0))
            except psycopg.Error:
                self._drop()
                return [ANYTHING]
            if notes:
                return [parse_payload(n.channel, n.payload) for n in notes]
        self._drop()
        self._release()
        return None


def open_listener(db: Database) -> Listener:
    """The listener that suits `db`'s engine and this system (see the module's text)."""
    if db.dialect == "postgresql":
        return PostgresListener(db.engine)
    path = sqlite_path(db.url)
    if sys.platform.startswith("linux") and path is not None and not str(path).startswith("file:"):
        return InotifyListener(path.resolve())
    return PollListener()
