"""What every part of the Desk stands on: the database, the clock, the e-mail wake-up and the
write that commits a refusal.

Each part (`mesa/desk.py`, `tramites/desk.py`, `cuentas/desk.py`, `informativos/desk.py`)
inherits `DeskBase`; `services/desk.py` composes them into the one `Desk` the App holds. A Desk
method opens one short transaction (`self.db.read()` / `self.db.write()`) and calls one service
function with `now=self.now()`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar

from sqlmodel import Session

from ecuapass_tui.core.clock import Clock
from ecuapass_tui.services.errors import ServiceError
from ecuapass_tui.store.engine import Database

T = TypeVar("T")


@dataclass
class DeskBase:
    db: Database
    clock: Clock = field(default_factory=Clock)
    demo_mode: bool = False
    # Set when SMTP is configured: called after a commit that queued e-mail (wakes the sender).
    mail_sent: Callable[[], None] | None = None

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        return self.clock.today()

    @property
    def sends_mail(self) -> bool:
        """SMTP is configured: services queue an e-mail beside the Buzón notice."""
        return self.mail_sent is not None

    def wake_mail(self) -> None:
        """After a commit that may have queued e-mail: the sender looks at its queue now."""
        if self.mail_sent is not None:
            self.mail_sent()

    def write_keeping_refusal(
        self, refusals: tuple[type[ServiceError], ...], work: Callable[[Session], T]
    ) -> T:
        """Run `work` in one write that commits even when it raises one of `refusals`, then
        raise that refusal: a wrong password or security code is counted, and the count, the
        lock and the alert must persist."""
        with self.db.write() as s:
            try:
                return work(s)
            except refusals as refused:
                failure = refused
        raise failure
