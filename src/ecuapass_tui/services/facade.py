"""One object the screens hold: each method opens one short transaction and calls a service.

Screens call these from thread workers; nothing here imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ecuapass_tui.services import accounts, auth, catalogs, demo, drafts, notify, suggestions
from ecuapass_tui.services.clock import Clock
from ecuapass_tui.services.dto import (
    Actor,
    DemoAccount,
    Notice,
    OceTypeChoice,
    Profile,
    UserSummary,
)
from ecuapass_tui.services.lookup import RucLookup, lookup_ruc
from ecuapass_tui.store.engine import Database


@dataclass
class Desk:
    db: Database
    clock: Clock = field(default_factory=Clock)
    demo_mode: bool = False

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        return self.clock.today()

    # -- session
    def login(self, ruc: str, username: str, password: str, language: str | None) -> Actor:
        # A refusal still commits: the failure count, the lock and the alert must persist.
        with self.db.write() as s:
            try:
                return auth.login(
                    s,
                    ruc=ruc,
                    username=username,
                    password=password,
                    now=self.now(),
                    language=language,
                )
            except auth.LoginFailed as refused:
                failure = refused
        raise failure

    def logout(self, actor: Actor) -> None:
        with self.db.write() as s:
            auth.logout(s, actor, now=self.now())

    def set_language(self, actor: Actor, language: str) -> Actor:
        with self.db.write() as s:
            return auth.set_language(s, actor, language)

    def needs_first_admin(self) -> bool:
        if self.demo_mode:
            return False
        with self.db.read() as s:
            return auth.user_count(s) == 0

    def create_first_admin(self, **values: str) -> Actor:
        with self.db.write() as s:
            return auth.create_first_admin(s, now=self.now(), **values)

    def demo_accounts(self) -> list[DemoAccount]:
        return demo.demo_accounts() if self.demo_mode else []

    # -- OCE
    def oce_choices(self, actor: Actor) -> list[OceTypeChoice]:
        with self.db.read() as s:
            return accounts.oce_choices(s, actor, today=self.today())

    def choose_oce(self, actor: Actor, code: str) -> Actor:
        with self.db.read() as s:
            return accounts.choose_oce(s, actor, code, today=self.today())

    # -- mailbox
    def notices(self, actor: Actor) -> list[Notice]:
        with self.db.read() as s:
            return notify.list_notices(s, actor)

    def open_notice(self, actor: Actor, notice_id: int) -> Notice:
        with self.db.write() as s:
            return notify.open_notice(s, actor, notice_id, at=self.now())

    # -- Mi menú
    def favourites(self, actor: Actor) -> dict[int, str]:
        with self.db.read() as s:
            return accounts.favourites(s, actor)

    def add_favourite(self, actor: Actor, number: str) -> int:
        with self.db.write() as s:
            return accounts.add_favourite(s, actor, number, now=self.now())

    def remove_favourite(self, actor: Actor, number: str) -> None:
        with self.db.write() as s:
            accounts.remove_favourite(s, actor, number, now=self.now())

    # -- options
    def profile(self, actor: Actor) -> Profile:
        with self.db.read() as s:
            return accounts.profile(s, actor, today=self.today())

    def catalog(self, name: str, language: str) -> list[catalogs.CatalogRow]:
        with self.db.read() as s:
            if name == "oce_types":
                return catalogs.oce_types(s, language)
            if name == "districts":
                return catalogs.districts(s)
            if name == "provinces":
                return catalogs.provinces(s)
            return catalogs.cantons(s)

    def lookup_ruc(self, actor: Actor, ruc: str) -> RucLookup:
        with self.db.read() as s:
            return lookup_ruc(s, actor, ruc, today=self.today())

    def locked_users(self, actor: Actor) -> list[UserSummary]:
        with self.db.read() as s:
            return auth.list_locked_users(s, actor)

    def unlock_user(self, actor: Actor, user_id: int) -> None:
        with self.db.write() as s:
            auth.unlock_user(s, actor, user_id, now=self.now())

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

    # -- 3.8 Sugerencias
    def submit_suggestion(self, actor: Actor, values: dict[str, object]) -> int:
        with self.db.write() as s:
            return suggestions.submit_suggestion(s, actor, values, now=self.now())

    def suggestions(self, actor: Actor) -> list[suggestions.SuggestionRow]:
        with self.db.read() as s:
            return suggestions.list_suggestions(s, actor)
