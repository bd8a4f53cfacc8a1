"""Demo tickets of the Mesa de Servicios, built by `demo.build_demo`.

Every ticket goes through the real use cases (`tickets.create` after the form check,
`desk.take`, `desk.answer`, `user_actions.accept`...), each called with the historical time the
script chose, so numbers come from the counter, routing and due times from the rules, and the
history, the audit trail and the mailbox notices are what the program itself would have
written. The steps of all tickets run in time order (a small event queue), so the numbers grow
with the registration time and a follow-up opened by "No conforme" gets the number of its day.

The reference moment (`now`) is where the demo stands: tickets spread over the 18 months
before it, a few open ones overdue and a few due on its day. It is, in order: the `now`
argument; `today` in the `[tickets]` table of `data/demo/demo.toml` (10:00 in Guayaquil of
that day); the real clock when the demo is built (`reference_now()`, which tests replace).
No step is ever later than it. The data set is the same for the same reference and seed.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlmodel import Session, col, select

from ecuapass_tui.core.clock import ECUADOR, local
from ecuapass_tui.services.demo.ticket_builder import Builder
from ecuapass_tui.services.demo.ticket_lives import Plan, phone_call, ticket_life
from ecuapass_tui.services.demo.ticket_texts import texts
from ecuapass_tui.services.mesa import sla
from ecuapass_tui.services.mesa import ticket_store as ts
from ecuapass_tui.services.mesa.ticket_dto import TicketKind
from ecuapass_tui.store.models import MailboxNotice, Ticket, User

DEFAULT_SEED = 20240601
DEFAULT_COUNT = 100  # tickets opened by scripts; follow-ups, duplicates and quejas come on top
DEFAULT_MONTHS = 18
OCE_USERS = ("agente", "empleado", "importador", "mtorres", "entidad", "organismo", "ciudadano")

# Who opens the scripted tickets (a name twice: twice as many tickets).
REQUESTERS = ("agente", "agente", "agente", "empleado", "empleado", "importador", "importador",
              "mtorres", "mtorres", "entidad", "organismo", "ciudadano")  # fmt: skip
# Open tickets at the reference moment, the trainer's working queue: the fate, registered
# about so many business hours before, and what else happens on the way.
OPEN_AT_REFERENCE: tuple[tuple[str, float, dict[str, Any]], ...] = (
    ("open_registrado", 1.5, {}), ("open_registrado", 3, {}),
    ("open_registrado", 30, {}), ("open_registrado", 48, {}),  # overdue
    ("open_en_analisis", 4, {}), ("open_en_analisis", 12, {"note": True}),
    ("open_en_analisis", 40, {"speed": 1}), ("open_en_analisis", 70, {"note": True}),
    ("open_en_analisis", 55, {}),  # overdue
    ("open_pendiente", 10, {"ask": True}), ("open_pendiente", 20, {"ask": True}),
    ("open_pendiente", 30, {"ask": True}),
    ("open_respondido", 9, {}), ("open_respondido", 18, {}), ("open_respondido", 28, {}),
)  # fmt: skip


def reference_now() -> datetime:
    """The real clock (tests replace it to build the demo at a frozen time)."""
    return datetime.now(UTC)


def _due_today_start(now: datetime, hours: float) -> datetime | None:
    """A registration moment whose resolution falls due on `now`'s local day (later than
    `now` when the day still allows it), or None on a day without business hours."""
    today = local(now).date()
    if not sla.is_business_day(today):
        return None
    close = datetime.combine(today, time(17, 0), ECUADOR).astimezone(UTC)
    target = min(now + timedelta(hours=2), close - timedelta(minutes=20))
    low, high = now - timedelta(days=30), now
    for _ in range(40):
        mid = low + (high - low) / 2
        if sla.add_business_hours(mid, hours) <= target:
            low = mid
        else:
            high = mid
    if local(sla.add_business_hours(low, hours)).date() != today:
        return None
    return low.replace(microsecond=0)


def _business_ago(now: datetime, hours: float) -> datetime:
    """A moment `hours` business hours or so before `now` (whole days back, same hour)."""
    moment = now
    while hours > 0:
        moment -= timedelta(hours=1)
        if sla.is_business_time(moment):
            hours -= 1
    return moment


def _plans(rng: random.Random, now: datetime, count: int, months: int) -> list[tuple[str, Plan]]:
    span = timedelta(days=months * 30.4)
    motives = list(texts().consultas)
    out: list[tuple[str, Plan]] = []

    def plan(fate: str, created: datetime, kind: str | None = None, **extra: Any) -> Plan:
        kind = kind or (TicketKind.INCIDENTE if rng.random() < 0.45 else TicketKind.CONSULTA)
        motive = rng.choice(motives) if kind == TicketKind.CONSULTA else ""
        return Plan(
            rng.choice(REQUESTERS), kind, created, fate, motive, rng.randrange(1000), **extra
        )

    for fate, hours_ago, extra in OPEN_AT_REFERENCE:
        one = plan(fate, _business_ago(now, hours_ago), **extra)
        if fate in ("open_pendiente", "open_respondido"):
            one.speed = 0.3  # the desk's steps come soon after registration
        out.append(("life", one))
    for kind in (TicketKind.INCIDENTE, TicketKind.CONSULTA):
        motive_hours = sla.targets_for(kind, "tramites_ecuapass" if kind == "consulta" else None)
        start = _due_today_start(now, motive_hours.resolution_hours)
        if start is not None:
            one = plan("open_en_analisis" if kind == "consulta" else "open_registrado", start, kind)
            if kind == TicketKind.CONSULTA:
                one.motive = "tramites_ecuapass"
            out.append(("life", one))
    out.append(
        ("phone", Plan("anon", "consulta", _business_ago(now, 6), "open_en_analisis", "", 0))
    )
    # The history: closed, cancelled and merged tickets over the months before.
    fates = (["conforme"] * 40 + ["no_conforme"] * 12 + ["sin_respuesta"] * 12
             + ["anulado"] * 6 + ["fusionado"] * 5 + ["phone"] * 15)  # fmt: skip
    for _ in range(max(count - len(out), 0)):
        created = (
            now
            - span
            + timedelta(seconds=rng.uniform(0, (span - timedelta(days=8)).total_seconds()))
        )
        local_created = local(created)
        if local_created.hour < 7 or local_created.hour > 21:
            created += timedelta(hours=10)
        fate = rng.choice(fates)
        if fate == "phone":
            created = sla.add_business_hours(created, 0.1)
            who = rng.choice((*REQUESTERS, "anon", "anon"))
            fate = "llamada" if rng.random() < 0.65 else "analisis"
            out.append(("phone", Plan(who, "consulta", created, fate, "", rng.randrange(1000))))
            continue
        one = plan(
            fate,
            created,
            ask=rng.random() < 0.25,
            note=rng.random() < 0.35,
            reroute=rng.random() < 0.1,
            queja=fate != "anulado" and rng.random() < 0.12,
            speed=rng.choice((0.5, 0.8, 1.0, 1.0, 1.3, 2.0)),
        )
        out.append(("life", one))
    return out


def build_demo_tickets(
    session: Session,
    users: Mapping[str, User] | None = None,
    *,
    params: Mapping[str, Any] | None = None,
    now: datetime | None = None,
    checkpoint: Callable[[], None] | None = None,
) -> int:
    """Add the demo tickets (the ticket tables must be empty: `demo._clear` empties them).
    `params` is the `[tickets]` table of demo.toml: `seed`, `count`, `months`, `today`.
    `checkpoint` is called after each step of a ticket's life. Returns the number of
    tickets."""
    params = params or {}
    if now is None:
        today = params.get("today")
        if isinstance(today, date):
            now = datetime.combine(today, time(10, 0), ECUADOR).astimezone(UTC)
        else:
            now = reference_now()
    now = now.astimezone(UTC).replace(microsecond=0)
    if users is None:
        users = {u.username: u for u in session.exec(select(User)).all()}
    rng = random.Random(int(params.get("seed", DEFAULT_SEED)))  # noqa: S311  (demo data)
    builder = Builder(session, users, now, rng)
    for how, plan in _plans(rng, now, int(params.get("count", DEFAULT_COUNT)),
                            int(params.get("months", DEFAULT_MONTHS))):  # fmt: skip
        builder.spawn(phone_call(builder, plan) if how == "phone" else ticket_life(builder, plan))
    with session.no_autoflush:  # the services flush where they need to; fewer round trips
        builder.run(checkpoint)
    session.flush()
    _read_old_notices(session, now)
    total = session.exec(select(Ticket.id)).all()
    return len(total)


def _read_old_notices(session: Session, now: datetime) -> None:
    """The users have read the desk's notices of more than a week ago (the mailbox shows the
    recent ones as new)."""
    rows = session.exec(
        select(MailboxNotice).where(
            col(MailboxNotice.sender) == ts.SENDER,
            col(MailboxNotice.created_at) < now - timedelta(days=7),
            col(MailboxNotice.read_at).is_(None),
        )
    ).all()
    for row in rows:
        row.read_at = row.created_at + timedelta(hours=3)
        session.add(row)
    session.flush()


__all__ = ["build_demo_tickets", "reference_now"]
