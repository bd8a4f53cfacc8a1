"""One object the screens hold: each method opens one short transaction and calls a service.

Each domain's methods live in that domain's folder (`mesa/desk.py`, `tramites/desk.py`,
`cuentas/desk.py`, `informativos/desk.py`), all on `desk_base.DeskBase`; `Desk` composes them and
adds what every domain shares: the demo accounts, the Buzón, catalogs and form drafts.

Screens call these from thread workers; nothing here imports Textual.
"""

from __future__ import annotations

from ecuapass_tui.services import catalogs, drafts
from ecuapass_tui.services import notices as notify
from ecuapass_tui.services.changes import ChangesDesk
from ecuapass_tui.services.cuentas.desk import AccountsDesk
from ecuapass_tui.services.demo import login_list
from ecuapass_tui.services.dto import Actor, DemoAccount, Notice
from ecuapass_tui.services.informativos.desk import InformativosDesk
from ecuapass_tui.services.informativos.rates_desk import RatesDesk
from ecuapass_tui.services.informativos.tariff_desk import TariffDesk
from ecuapass_tui.services.mesa.desk import MesaDesk
from ecuapass_tui.services.tramites.desk import TrackingDesk
from ecuapass_tui.services.vue.desk import VueDesk
from ecuapass_tui.services.vue_signed import VueSignedDesk


class Desk(
    MesaDesk,
    TrackingDesk,
    AccountsDesk,
    InformativosDesk,
    RatesDesk,
    TariffDesk,
    VueDesk,
    VueSignedDesk,
    ChangesDesk,
):
    def demo_accounts(self) -> list[DemoAccount]:
        return login_list.demo_accounts() if self.demo_mode else []

    # -- Buzón Electrónico
    def notices(self, actor: Actor) -> list[Notice]:
        with self.db.read() as s:
            return notify.list_notices(s, actor)

    def open_notice(self, actor: Actor, notice_id: int) -> Notice:
        with self.db.write() as s:
            return notify.open_notice(s, actor, notice_id, at=self.now())

    # -- catalogs
    def catalog(self, name: str, language: str) -> list[catalogs.CatalogRow]:
        with self.db.read() as s:
            if name == "oce_types":
                return catalogs.oce_types(s, language)
            if name == "districts":
                return catalogs.districts(s)
            if name == "provinces":
                return catalogs.provinces(s)
            return catalogs.cantons(s)

    # -- form drafts
    def save_draft(
        self,
        actor: Actor,
        form_id: str,
        values: dict[str, object],
        files: tuple[drafts.DraftFile, ...] = (),
    ) -> None:
        with self.db.write() as s:
            drafts.save_draft(s, actor, form_id, values, files, now=self.now())

    def load_draft(self, actor: Actor, form_id: str) -> drafts.Draft | None:
        with self.db.read() as s:
            return drafts.load_draft(s, actor, form_id)

    def discard_draft(self, actor: Actor, form_id: str) -> bool:
        with self.db.write() as s:
            return drafts.discard_draft(s, actor, form_id)
