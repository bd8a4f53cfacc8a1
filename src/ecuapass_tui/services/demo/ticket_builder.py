"""The event queue that runs the demo tickets' lives in time order, with what the steps share:
the actors, the moments a staff member or a user acts, the contact block of the forms and the
files a user attaches."""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from ecuapass_tui.core.clock import local
from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.services.demo.sample_files import pdf_file, png_file
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.mesa import sla, tickets
from ecuapass_tui.services.mesa.ticket_dto import TicketKind
from ecuapass_tui.store.models import Ticket, User

OCE_OF = {"agente": "03907058", "empleado": "03907058", "importador": "41700215",
          "mtorres": "41812207", "entidad": "60100017"}  # fmt: skip

# A ticket's life: each value it yields is the moment of its next step.
Script = Iterator[datetime]


@dataclass(order=True)
class Step:
    at: datetime
    seq: int
    script: Iterator[datetime] = field(compare=False)


class Builder:
    """The demo tickets' run: the users and staff as actors, the event queue of the tickets'
    steps in time order, the moment of the step that runs, and the files the users attach."""

    def __init__(
        self, session: Session, users: Mapping[str, User], now: datetime, rng: random.Random
    ) -> None:
        self.session = session
        self.now = now
        self.rng = rng
        self.at = now
        self.queue: list[Step] = []
        self.seq = 0
        self.actors = {name: self._actor(u) for name, u in users.items()}
        self.users = dict(users)
        self.analista = self.actors["analista"]
        self.supervisor = self.actors["supervisor"]
        self.last_incident: str | None = None
        self.files = 0
        self.ids: dict[str, int] = {}
        self.contacts: dict[str, dict[str, object]] = {}

    def _actor(self, user: User) -> Actor:
        assert user.id is not None
        oce = OCE_OF.get(user.username)
        return Actor(
            user.id, user.username, user.user_class, user.full_name, user.company_id, "es", oce
        )

    # -- scheduling
    def spawn(self, script: Script) -> None:
        try:
            first = next(script)
        except StopIteration:
            return
        self._push(first, script)

    def _push(self, at: datetime, script: Script) -> None:
        at = at.replace(microsecond=0)
        if at > self.now:
            return  # the rest of this ticket's life has not happened yet
        self.seq += 1
        heapq.heappush(self.queue, Step(at, self.seq, script))

    def run(self, checkpoint: Callable[[], None] | None = None) -> None:
        while self.queue:
            step = heapq.heappop(self.queue)
            self.at = step.at
            try:
                following: datetime | None = next(step.script)
            except StopIteration:
                following = None
            if checkpoint is not None:
                checkpoint()  # after a whole step, never in the middle of one
            if following is not None:
                self._push(max(following, step.at), step.script)

    # -- time
    def work(self, start: datetime, low: float, high: float) -> datetime:
        """A staff moment: `low`..`high` business hours after `start`."""
        return sla.add_business_hours(start, self.rng.uniform(low, high))

    def later(self, start: datetime, low_h: float, high_h: float) -> datetime:
        """A user's moment: wall-clock hours after `start`, moved into 07:00-22:00 local."""
        moment = local(start + timedelta(hours=self.rng.uniform(low_h, high_h)))
        if moment.hour < 7:
            moment = moment.replace(hour=7 + self.rng.randrange(3), minute=self.rng.randrange(60))
        elif moment.hour >= 22:
            moment = (moment + timedelta(days=1)).replace(hour=8, minute=self.rng.randrange(60))
        return moment.astimezone(UTC)

    def staff_for(self, ticket: Ticket) -> Actor:
        if ticket.queue_code == "tecnica_aduanera" and ticket.assignee_id != self.analista.user_id:
            return self.supervisor
        if ticket.kind == TicketKind.QUEJA:
            return self.supervisor if self.rng.random() < 0.7 else self.analista
        return self.analista if self.rng.random() < 0.75 else self.supervisor

    def prefill(self, username: str) -> dict[str, object]:
        """The contact block the form offers this user (read once per user)."""
        if username not in self.contacts:
            self.contacts[username] = tickets.contact_prefill(self.session, self.actors[username])
        return dict(self.contacts[username])

    def ticket(self, number: str) -> Ticket:
        """The ticket row, from the session's identity map (no query)."""
        found = self.session.get(Ticket, self.ids[number])
        assert found is not None
        return found

    def known(self, number: str, ticket_id: int | None) -> str:
        assert ticket_id is not None
        self.ids[number] = ticket_id
        return number

    # -- files
    def screenshot(self, number_hint: str, where: str) -> Attachment:
        self.files += 1
        stamp = local(self.at).strftime("%d/%m/%Y %H:%M")
        if self.rng.random() < 0.5:
            return Attachment(f"captura_{self.files:03d}.png", png_file(self.files))
        lines = ["ECUAPASS - Captura de pantalla", where, f"Fecha y hora: {stamp}", number_hint]
        return Attachment(f"capturas_{self.files:03d}.pdf", pdf_file(lines))

    def document(self, title: str) -> Attachment:
        self.files += 1
        lines = [title, f"Documento de respaldo {self.files:03d}", local(self.at).strftime("%x")]
        return Attachment(f"respaldo_{self.files:03d}.pdf", pdf_file(lines))
