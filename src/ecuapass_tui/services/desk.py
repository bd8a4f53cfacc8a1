"""One object the screens hold: each method opens one short transaction and calls a service.

Screens call these from thread workers; nothing here imports Textual.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from ecuapass_tui.core.clock import Clock
from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.services import catalogs, drafts
from ecuapass_tui.services import notices as notify
from ecuapass_tui.services.cuentas import accounts, auth
from ecuapass_tui.services.cuentas.desk import AccountsDesk
from ecuapass_tui.services.demo import build as demo
from ecuapass_tui.services.dto import (
    Actor,
    DemoAccount,
    Notice,
    OceTypeChoice,
    Profile,
    UserSummary,
)
from ecuapass_tui.services.informativos.ruc_lookup import RucLookup, lookup_ruc
from ecuapass_tui.services.mesa import figures as stats
from ecuapass_tui.services.mesa import staff as desk
from ecuapass_tui.services.mesa import suggestions, ticket_store, tickets
from ecuapass_tui.services.mesa.ticket_dto import (
    AnalystInfo,
    Caller,
    CannedAnswer,
    Opened,
    QueueFilter,
    QueueInfo,
    TicketDetail,
    TicketPage,
)
from ecuapass_tui.services.tramites.desk import TrackingDesk
from ecuapass_tui.store.engine import Database

SWEEP_SECONDS = 60.0


@dataclass
class Desk(TrackingDesk, AccountsDesk):
    db: Database
    clock: Clock = field(default_factory=Clock)
    demo_mode: bool = False
    # Set when SMTP is configured: called after a commit that queued e-mail (wakes the sender).
    mail_sent: Callable[[], None] | None = None
    _swept_at: float = field(default=float("-inf"), init=False, repr=False)

    @property
    def mail(self) -> bool:
        return self.mail_sent is not None

    def _mailed(self) -> None:
        if self.mail_sent is not None:
            self.mail_sent()

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
            return auth.list_locked_users(s, actor, now=self.now())

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

    # -- Mesa de Servicios: the user's side
    def ticket_prefill(self, actor: Actor) -> dict[str, object]:
        with self.db.read() as s:
            return tickets.contact_prefill(s, actor)

    def open_ticket(
        self,
        actor: Actor,
        kind: str,
        values: dict[str, object],
        attachments: dict[str, list[Attachment]] | None = None,
    ) -> Opened:
        with self.db.write() as s:
            opened = tickets.open_ticket(
                s, actor, kind, values, attachments, now=self.now(), mail=self.mail
            )
        self._mailed()
        return opened

    def my_tickets(self, actor: Actor, after: str | None = None, limit: int = 50) -> TicketPage:
        self._sweep_now_and_then()
        with self.db.read() as s:
            return tickets.my_tickets(s, actor, now=self.now(), after=after, limit=limit)

    def ticket(self, actor: Actor, number: str) -> TicketDetail:
        with self.db.read() as s:
            return tickets.detail(s, actor, number, now=self.now())

    def attachment(self, actor: Actor, attachment_id: int) -> tuple[str, bytes]:
        with self.db.read() as s:
            return tickets.attachment_content(s, actor, attachment_id)

    def reply_ticket(
        self, actor: Actor, number: str, text: str, files: list[Attachment] | None = None
    ) -> None:
        with self.db.write() as s:
            tickets.reply(s, actor, number, text, files, now=self.now())

    def accept_ticket(self, actor: Actor, number: str, rating: int, comment: str = "") -> None:
        with self.db.write() as s:
            tickets.accept(s, actor, number, rating, comment, now=self.now())

    def reject_ticket(
        self, actor: Actor, number: str, reason: str, files: list[Attachment] | None = None
    ) -> Opened:
        with self.db.write() as s:
            opened = tickets.reject(s, actor, number, reason, files, now=self.now(), mail=self.mail)
        self._mailed()
        return opened

    def file_queja(self, actor: Actor, number: str, text: str) -> Opened:
        with self.db.write() as s:
            opened = tickets.file_queja(s, actor, number, text, now=self.now(), mail=self.mail)
        self._mailed()
        return opened

    def tickets_stamp(self) -> str:
        """Moves when any ticket changes; screens poll it and reload only when it moved."""
        with self.db.read() as s:
            return ticket_store.change_stamp(s)

    def _sweep_now_and_then(self) -> None:
        """Lists run the sweep at most every SWEEP_SECONDS, not on every page."""
        moment = time.monotonic()
        if moment - self._swept_at >= SWEEP_SECONDS:
            self._swept_at = moment
            self.sweep()

    def sweep(self) -> int:
        """Close answered tickets whose decision time passed (sin respuesta)."""
        with self.db.read() as s:
            if not desk.unanswered_due(s, now=self.now()):
                return 0
        with self.db.write() as s:
            return desk.close_unanswered(s, now=self.now())

    # -- Mesa de Servicios: the staff's side
    def queue_page(
        self, actor: Actor, filters: QueueFilter, after: str | None = None, limit: int = 50
    ) -> TicketPage:
        self._sweep_now_and_then()
        with self.db.read() as s:
            return desk.queue_page(s, actor, filters, now=self.now(), after=after, limit=limit)

    def queues(self, actor: Actor) -> list[QueueInfo]:
        with self.db.read() as s:
            return desk.queues(s, actor, actor.language)

    def analysts(self, actor: Actor) -> list[AnalystInfo]:
        with self.db.read() as s:
            return desk.analysts(s, actor)

    def canned_answers(self, actor: Actor, kind: str | None = None) -> list[CannedAnswer]:
        return desk.canned_answers(actor, kind)

    def take_ticket(self, actor: Actor, number: str) -> None:
        with self.db.write() as s:
            desk.take(s, actor, number, now=self.now())

    def assign_ticket(
        self,
        actor: Actor,
        number: str,
        reason: str,
        assignee_id: int | None = None,
        queue: str | None = None,
    ) -> None:
        with self.db.write() as s:
            desk.assign(
                s,
                actor,
                number,
                reason=reason,
                now=self.now(),
                assignee_id=assignee_id,
                queue=queue,
            )

    def request_info(self, actor: Actor, number: str, text: str) -> None:
        with self.db.write() as s:
            desk.request_info(s, actor, number, text, now=self.now(), mail=self.mail)
        self._mailed()

    def answer_ticket(self, actor: Actor, number: str, outcome: str, text: str) -> None:
        with self.db.write() as s:
            desk.answer(s, actor, number, outcome, text, now=self.now(), mail=self.mail)
        self._mailed()

    def add_note(self, actor: Actor, number: str, text: str) -> None:
        with self.db.write() as s:
            desk.add_note(s, actor, number, text, now=self.now())

    def link_tickets(self, actor: Actor, number: str, other: str) -> None:
        with self.db.write() as s:
            desk.link(s, actor, number, other, now=self.now())

    def merge_ticket(self, actor: Actor, number: str, into: str) -> None:
        with self.db.write() as s:
            desk.merge(s, actor, number, into, now=self.now(), mail=self.mail)
        self._mailed()

    def cancel_ticket(self, actor: Actor, number: str, reason: str) -> None:
        with self.db.write() as s:
            desk.cancel(s, actor, number, reason, now=self.now(), mail=self.mail)
        self._mailed()

    def find_callers(self, actor: Actor, query: str) -> list[Caller]:
        with self.db.read() as s:
            return desk.find_callers(s, actor, query)

    def phone_intake(
        self, actor: Actor, values: dict[str, object], caller_id: int | None = None
    ) -> Opened:
        with self.db.write() as s:
            opened = desk.phone_intake(
                s, actor, values, now=self.now(), caller_id=caller_id, mail=self.mail
            )
        self._mailed()
        return opened

    # -- MS.7 Cifras de la Mesa de Servicios
    def mesa_figures(self, actor: Actor, months: int = 18) -> list[stats.MonthFigure]:
        with self.db.read() as s:
            return stats.desk_figures(s, actor, now=self.now(), months=months)

    def published_figures(self, series: str) -> list[stats.MonthFigure]:
        """SENAE's published series (public figures, read from the package: no transaction)."""
        return stats.published(series)
