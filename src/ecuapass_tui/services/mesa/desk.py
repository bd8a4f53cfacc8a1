"""Desk methods for the Mesa de Servicios: the user's tickets, the staff's queue and actions,
phone intake, Sugerencias (3.8) and the Cifras (MS.7); a part of `Desk`."""

from __future__ import annotations

import time

from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.services.desk_base import DeskBase
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.mesa import (
    figures,
    my_tickets,
    phone,
    queue,
    staff,
    suggestions,
    ticket_store,
    tickets,
    user_actions,
)
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

SWEEP_SECONDS = 60.0


class MesaDesk(DeskBase):
    # When the lists last ran the sweep (time.monotonic()); set per Desk on the first sweep.
    _swept_at: float = float("-inf")

    # -- 3.8 Sugerencias
    def submit_suggestion(self, actor: Actor, values: dict[str, object]) -> int:
        with self.db.write() as s:
            return suggestions.submit_suggestion(s, actor, values, now=self.now())

    def suggestions(self, actor: Actor) -> list[suggestions.SuggestionRow]:
        with self.db.read() as s:
            return suggestions.list_suggestions(s, actor)

    # -- the user's side
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
        now = self.now()
        with self.db.read() as s:  # checked before the write: it holds the database
            checked = tickets.check_ticket(s, actor, kind, values, attachments, now=now)
        with self.db.write() as s:
            opened = tickets.file_ticket(s, actor, checked, now=now, mail=self.sends_mail)
        self.wake_mail()
        return opened

    def my_tickets(self, actor: Actor, after: str | None = None, limit: int = 50) -> TicketPage:
        self._sweep_now_and_then()
        with self.db.read() as s:
            return my_tickets.my_tickets(s, actor, now=self.now(), after=after, limit=limit)

    def ticket(self, actor: Actor, number: str) -> TicketDetail:
        with self.db.read() as s:
            return my_tickets.detail(s, actor, number, now=self.now())

    def attachment(self, actor: Actor, attachment_id: int) -> tuple[str, bytes]:
        with self.db.read() as s:
            return my_tickets.attachment_content(s, actor, attachment_id)

    def reply_ticket(
        self, actor: Actor, number: str, text: str, files: list[Attachment] | None = None
    ) -> None:
        with self.db.write() as s:
            user_actions.reply(s, actor, number, text, files, now=self.now())

    def accept_ticket(self, actor: Actor, number: str, rating: int, comment: str = "") -> None:
        with self.db.write() as s:
            user_actions.accept(s, actor, number, rating, comment, now=self.now())

    def reject_ticket(
        self, actor: Actor, number: str, reason: str, files: list[Attachment] | None = None
    ) -> Opened:
        with self.db.write() as s:
            opened = user_actions.reject(
                s, actor, number, reason, files, now=self.now(), mail=self.sends_mail
            )
        self.wake_mail()
        return opened

    def file_queja(self, actor: Actor, number: str, text: str) -> Opened:
        with self.db.write() as s:
            opened = user_actions.file_queja(
                s, actor, number, text, now=self.now(), mail=self.sends_mail
            )
        self.wake_mail()
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
            if not staff.unanswered_due(s, now=self.now()):
                return 0
        with self.db.write() as s:
            return staff.close_unanswered(s, now=self.now())

    # -- the staff's side
    def queue_page(
        self, actor: Actor, filters: QueueFilter, after: str | None = None, limit: int = 50
    ) -> TicketPage:
        self._sweep_now_and_then()
        with self.db.read() as s:
            return queue.queue_page(s, actor, filters, now=self.now(), after=after, limit=limit)

    def queues(self, actor: Actor) -> list[QueueInfo]:
        with self.db.read() as s:
            return queue.queues(s, actor, actor.language)

    def analysts(self, actor: Actor) -> list[AnalystInfo]:
        with self.db.read() as s:
            return queue.analysts(s, actor)

    def canned_answers(self, actor: Actor, kind: str | None = None) -> list[CannedAnswer]:
        return staff.canned_answers(actor, kind)

    def take_ticket(self, actor: Actor, number: str) -> None:
        with self.db.write() as s:
            staff.take(s, actor, number, now=self.now())

    def assign_ticket(
        self,
        actor: Actor,
        number: str,
        reason: str,
        assignee_id: int | None = None,
        queue: str | None = None,
    ) -> None:
        with self.db.write() as s:
            staff.assign(
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
            staff.request_info(s, actor, number, text, now=self.now(), mail=self.sends_mail)
        self.wake_mail()

    def answer_ticket(self, actor: Actor, number: str, outcome: str, text: str) -> None:
        with self.db.write() as s:
            staff.answer(s, actor, number, outcome, text, now=self.now(), mail=self.sends_mail)
        self.wake_mail()

    def add_note(self, actor: Actor, number: str, text: str) -> None:
        with self.db.write() as s:
            staff.add_note(s, actor, number, text, now=self.now())

    def link_tickets(self, actor: Actor, number: str, other: str) -> None:
        with self.db.write() as s:
            staff.link(s, actor, number, other, now=self.now())

    def merge_ticket(self, actor: Actor, number: str, into: str) -> None:
        with self.db.write() as s:
            staff.merge(s, actor, number, into, now=self.now(), mail=self.sends_mail)
        self.wake_mail()

    def cancel_ticket(self, actor: Actor, number: str, reason: str) -> None:
        with self.db.write() as s:
            staff.cancel(s, actor, number, reason, now=self.now(), mail=self.sends_mail)
        self.wake_mail()

    def find_callers(self, actor: Actor, query: str) -> list[Caller]:
        with self.db.read() as s:
            return phone.find_callers(s, actor, query)

    def phone_intake(
        self, actor: Actor, values: dict[str, object], caller_id: int | None = None
    ) -> Opened:
        with self.db.write() as s:
            opened = phone.phone_intake(
                s, actor, values, now=self.now(), caller_id=caller_id, mail=self.sends_mail
            )
        self.wake_mail()
        return opened

    # -- MS.7 Cifras de la Mesa de Servicios
    def mesa_figures(self, actor: Actor, months: int = 18) -> list[figures.MonthFigure]:
        with self.db.read() as s:
            return figures.desk_figures(s, actor, now=self.now(), months=months)

    def published_figures(self, series: str) -> list[figures.MonthFigure]:
        """SENAE's published series (public figures, read from the package: no transaction)."""
        return figures.published(series)
