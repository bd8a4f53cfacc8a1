"""Desk methods for the Servicios Informativos: Consulta de RUC; a part of `Desk`."""

from __future__ import annotations

from ecuapass_tui.services.desk_base import DeskBase
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.informativos.ruc_lookup import RucLookup, lookup_ruc


class InformativosDesk(DeskBase):
    def lookup_ruc(self, actor: Actor, ruc: str) -> RucLookup:
        with self.db.read() as s:
            return lookup_ruc(s, actor, ruc, today=self.today())
