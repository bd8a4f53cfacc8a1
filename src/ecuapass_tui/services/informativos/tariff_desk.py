"""Desk methods of 2.1.1 Consulta de arancel; a part of `Desk`."""

from __future__ import annotations

from ecuapass_tui.services.desk_base import DeskBase
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.informativos import nomenclature, tariff_import, tariff_lines
from ecuapass_tui.services.informativos.tariff_dto import (
    SearchResult,
    SubpartidaLines,
    TariffNodeRow,
)
from ecuapass_tui.services.informativos.tariff_search import search


class TariffDesk(DeskBase):
    def tariff_children(self, actor: Actor, parent: str = "") -> list[TariffNodeRow]:
        with self.db.read() as s:
            return nomenclature.children(s, actor, parent)

    def tariff_search(self, actor: Actor, query: str) -> SearchResult:
        with self.db.read() as s:
            return search(s, actor, query)

    def tariff_lines(self, actor: Actor, subpartida: str, on: str) -> SubpartidaLines:
        """`on`: the consultation date as typed (empty: today, by the Desk's clock)."""
        when = tariff_lines.consultation_date(on, self.today())
        with self.db.read() as s:
            return tariff_lines.lines_on(s, actor, subpartida, when)

    def import_tariff_lines(self, actor: Actor, content: bytes) -> tariff_import.ImportResult:
        with self.db.write() as s:
            return tariff_import.import_lines(s, actor, content)
