"""Being woken when what a screen shows changed: the Buzón's notices, Mis tickets, the queue.

One `ChangeFeed` per Desk holds one listener (`store/changes.py`: a PostgreSQL connection that
LISTENs, or inotify on the SQLite file) and one daemon thread blocked on it, from the first
`watch` until the last one is closed: nothing runs while nothing changes. Each `Watch` says
which changes concern its screen (a notice for its user; a ticket of its user or of his
company; any ticket for the queue) and calls its `changed` function, from the feed's thread,
for each of them. That function must not block: a screen posts itself a message and reads its
stamp (`mailbox_stamp`, `tickets_stamp`) in a worker, and re-reads its page only when the stamp
moved. SQLite's changes carry no detail: every Watch is called, and the stamp decides."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from ecuapass_tui.core.roles import UserClass
from ecuapass_tui.services import notices
from ecuapass_tui.services.desk_base import DeskBase
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.store.changes import (
    ANYTHING,
    NOTICE_CHANNEL,
    TICKET_CHANNEL,
    Change,
    Listener,
    PollListener,
    open_listener,
)


class Topic(StrEnum):
    MAILBOX = "mailbox"  # the user's Buzón notices
    MY_TICKETS = "my_tickets"  # the user's tickets (a Representante's: his company's too)
    QUEUE = "queue"  # any ticket (the staff's queue)


@dataclass(frozen=True)
class Interest:
    topic: Topic
    user_id: int
    company_id: int | None = None

    def concerns(self, change: Change) -> bool:
        if change.channel is None:
            return True
        if self.topic is Topic.MAILBOX:
            return change.channel == NOTICE_CHANNEL and change.user_id == self.user_id
        if change.channel != TICKET_CHANNEL:
            return False
        if self.topic is Topic.QUEUE:
            return True
        mine = change.user_id == self.user_id
        return mine or (self.company_id is not None and change.company_id == self.company_id)


class Watch:
    """One screen's interest; `close()` it when the screen goes (no call after that)."""

    def __init__(self, feed: ChangeFeed, interest: Interest, changed: Callable[[], object]) -> None:
        self.interest = interest
        self.changed = changed
        self._feed = feed

    def close(self) -> None:
        self._feed.forget(self)


class ChangeFeed:
    """The listener and its thread, shared by the Watches of one session."""

    def __init__(self, open_: Callable[[], Listener]) -> None:
        self._open = open_
        self._lock = threading.Lock()
        self._watches: set[Watch] = set()
        self._listener: Listener | None = None

    def watch(self, interest: Interest, changed: Callable[[], object]) -> Watch:
        """Call `changed()` after each change that concerns `interest`. No I/O here: the
        listener connects in its own thread."""
        watch = Watch(self, interest, changed)
        with self._lock:
            self._watches.add(watch)
            if self._listener is None:
                self._listener = self._open()
                threading.Thread(
                    target=self._run, args=(self._listener,), name="ecuapass-changes", daemon=True
                ).start()
        return watch

    def forget(self, watch: Watch) -> None:
        """Stop calling `watch`; the listener closes with the last one."""
        with self._lock:
            self._watches.discard(watch)
            listener = self._listener if not self._watches else None
            if listener is not None:
                self._listener = None
        if listener is not None:
            listener.close()

    def close(self) -> None:
        with self._lock:
            self._watches.clear()
            listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()

    def _run(self, listener: Listener) -> None:
        while True:
            try:
                changes = listener.wait()
            except Exception:  # an unforeseen fault: poll rather than stop
                changes = [ANYTHING]
                listener = self._replace(listener)
            if changes is None:
                return
            self._tell(changes)

    def _replace(self, broken: Listener) -> Listener:
        """A listener that failed in an unforeseen way gives way to the poll."""
        with contextlib.suppress(Exception):
            broken.close()
        with self._lock:
            replacement = PollListener()
            if self._listener is broken:
                self._listener = replacement
            else:
                replacement.close()  # the feed closed meanwhile: the next wait ends
        return replacement

    def _tell(self, changes: list[Change]) -> None:
        with self._lock:
            concerned = [w for w in self._watches if any(w.interest.concerns(c) for c in changes)]
        for watch in concerned:
            # A screen closing while it is told (its app gone) must not end the feed.
            with contextlib.suppress(Exception):
                watch.changed()


class ChangesDesk(DeskBase):
    """The Desk's part for the screens that show what others write."""

    @cached_property
    def change_feed(self) -> ChangeFeed:
        return ChangeFeed(lambda: open_listener(self.db))

    def watch(self, actor: Actor, topic: Topic, changed: Callable[[], object]) -> Watch:
        """`changed()` (from another thread; it must not block) after each change of `topic`
        that concerns `actor`; close the Watch when the screen goes."""
        company = None
        if topic is Topic.MY_TICKETS and actor.user_class == UserClass.REPRESENTANTE:
            company = actor.company_id
        return self.change_feed.watch(Interest(topic, actor.user_id, company), changed)

    def mailbox_stamp(self, actor: Actor) -> str:
        """Moves when a notice of `actor`'s arrives, is read or goes."""
        with self.db.read() as s:
            return notices.mailbox_stamp(s, actor)
