"""What every part of the Desk stands on: the database, the clock, the e-mail wake-up and the
write that commits a refusal.

Each part (`mesa/desk.py`, `tramites/desk.py`, `cuentas/desk.py`, `informativos/desk.py`)
inherits `DeskBase`; `services/desk.py` composes them into the one `Desk` the App holds. A Desk
method opens one short transaction (`self.db.read()` / `self.db.write()`) and calls one service
function with `now=self.now()`.

A guest (no account, `Actor.guest`) is refused by every Desk method that takes an `actor`,
unless `GUEST_METHODS` names it with its option and menus.toml marks that option `public`: a
method added later refuses guests until someone decides otherwise."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from sqlmodel import Session

from ecuapass_tui.core.clock import Clock
from ecuapass_tui.core.menus import is_public
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import PermissionDenied, ServiceError
from ecuapass_tui.store.engine import Database

T = TypeVar("T")
# What a guest may call: Desk method -> the public option it serves (menus.toml `public`).
# The one list of the guest's reach in the services; a method not named here refuses him.
GUEST_METHODS = {
    "verify_document": "2.7",
    "tariff_children": "2.1.1",
    "tariff_search": "2.1.1",
    "tariff_lines": "2.1.1",
    "estimate_taxes": "2.1.1",
    "exchange_rates": "2.1.2",
    "convert_to_usd": "2.1.2",
}


def _refusing_guests(method: Callable[..., Any]) -> Callable[..., Any]:
    """`method` (which takes an `actor`) raising PermissionDenied("guest_not_allowed") for a
    guest, unless it serves a public option (`GUEST_METHODS`)."""
    signature = inspect.signature(method)
    number = GUEST_METHODS.get(method.__name__)

    @functools.wraps(method)
    def checked(*args: Any, **kwargs: Any) -> Any:
        actor = signature.bind(*args, **kwargs).arguments.get("actor")
        if isinstance(actor, Actor) and actor.is_guest:
            if number is None or not is_public(number):
                raise PermissionDenied("guest_not_allowed")
        return method(*args, **kwargs)

    return checked


@dataclass
class DeskBase:
    db: Database
    clock: Clock = field(default_factory=Clock)
    demo_mode: bool = False
    # Set when SMTP is configured: called after a commit that queued e-mail (wakes the sender).
    mail_sent: Callable[[], None] | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Every public method of a Desk part that takes an `actor` refuses a guest."""
        super().__init_subclass__(**kwargs)
        for name, member in list(vars(cls).items()):
            if name.startswith("_") or not inspect.isfunction(member):
                continue
            if "actor" in inspect.signature(member).parameters:
                setattr(cls, name, _refusing_guests(member))

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
