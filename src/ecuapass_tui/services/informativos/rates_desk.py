"""Desk methods for 2.1.2 Consulta de tasa de moneda and the tax estimate of a national line;
a part of `Desk`."""

from __future__ import annotations

from collections.abc import Mapping

from ecuapass_tui.services.desk_base import DeskBase
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.informativos.rates import Conversion, RatesTable, convert, list_rates
from ecuapass_tui.services.informativos.rates_import import RatesImported, import_rates
from ecuapass_tui.services.informativos.tax_form import estimate_typed
from ecuapass_tui.services.informativos.taxes import TaxEstimate, TaxLine


class RatesDesk(DeskBase):
    def exchange_rates(self, actor: Actor, day: str | None = None) -> RatesTable:
        """The table on the day typed (today's when None)."""
        with self.db.read() as s:
            return list_rates(s, actor, self.today() if day is None else day)

    def convert_to_usd(self, actor: Actor, amount: str, currency: str, day: str) -> Conversion:
        with self.db.read() as s:
            return convert(s, actor, amount, currency, day)

    def estimate_taxes(self, actor: Actor, line: TaxLine, typed: Mapping[str, str]) -> TaxEstimate:
        with self.db.read() as s:
            return estimate_typed(s, actor, line, typed)

    def import_exchange_rates(self, actor: Actor, content: bytes) -> RatesImported:
        """All or nothing: RatesRefused rolls the transaction back."""
        with self.db.write() as s:
            return import_rates(s, actor, content)
