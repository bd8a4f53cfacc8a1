"""Desk methods for accounts (issue 5): Solicitud del uso, approvals, permissions, Buscar ID,
3.2.3, the January rule, Mi página; mixed into `Desk`.

Each method opens one short transaction (`self.db.read()` / `self.db.write()`) and calls one
service function with `now=self.now()`."""

from __future__ import annotations

from datetime import date, datetime

from ecuapass_tui.services.clock import Clock
from ecuapass_tui.store.engine import Database


class AccountsDesk:
    db: Database
    clock: Clock

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        return self.clock.today()
