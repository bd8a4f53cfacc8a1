"""Figures of the Mesa de Servicios: the monthly series SENAE publishes (seeds 000 and 001,
shipped in `data/stats/`) and the same two volumes counted from this installation's tickets.

Volumen de Atenciones: incidents and consultations registered in the month, any channel, not
anulado. Volumen de Quejas: quejas registered in the month, not anulado. Months are Ecuador's
(America/Guayaquil). Staff only.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from sqlalchemy import and_, case, func, select
from sqlmodel import Session, col

from ecuapass_tui.core.clock import ECUADOR
from ecuapass_tui.core.resources import data_file
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.mesa.ticket_dto import TicketKind, TicketState
from ecuapass_tui.services.mesa.ticket_store import require_staff
from ecuapass_tui.store.models import Ticket

# Series name -> file in data/stats/.
SERIES = {"mesa": "mesa_servicios.csv", "tracking": "senae_tracking.csv"}


@dataclass(frozen=True)
class MonthFigure:
    month: str  # YYYY-MM
    quejas: int
    atenciones: int
    # Counted here only (the published series has none): the average satisfaction rating of
    # the month's rated tickets, and the share (0-1) of its answered tickets answered within
    # their resolution due time.
    rating: float | None = None
    on_time: float | None = None


@cache
def _published(series: str) -> tuple[MonthFigure, ...]:
    text = data_file("stats", SERIES[series]).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return tuple(
        MonthFigure(month=row["mes"], quejas=int(row["quejas"]), atenciones=int(row["atenciones"]))
        for row in csv.DictReader(io.StringIO("\n".join(lines)))
    )


def published(series: str) -> list[MonthFigure]:
    """SENAE's published monthly figures, oldest first. `series`: "mesa" or "tracking"."""
    if series not in SERIES:
        raise ValueError(f"unknown series {series!r}")
    return list(_published(series))


def month_starts(now: datetime, months: int) -> list[datetime]:
    """The UTC instants at which the last `months` Ecuador months began, oldest first, and
    the start of the next month (months + 1 boundaries)."""
    local = now.astimezone(ECUADOR)
    year, month = local.year, local.month
    starts: list[datetime] = []
    for back in range(months - 1, -2, -1):
        index = year * 12 + (month - 1) - back
        start = datetime(index // 12, index % 12 + 1, 1, tzinfo=ECUADOR)
        starts.append(start.astimezone(UTC))
    return starts


def desk_figures(
    session: Session, actor: Actor, *, now: datetime, months: int = 18
) -> list[MonthFigure]:
    """This installation's last `months` months, oldest first (the current month included).

    One query over the range of the created_at index, grouped by a CASE on the month
    boundaries computed here: the same SQL on SQLite and PostgreSQL.
    """
    require_staff(actor)
    bounds = month_starts(now, months)
    created = col(Ticket.created_at)
    month_of = case(
        *((created < bounds[i + 1], i) for i in range(months - 1)), else_=months - 1
    ).label("m")
    rows = select(
        month_of,
        col(Ticket.kind).label("kind"),
        col(Ticket.rating).label("rating"),
        col(Ticket.answered_at).label("answered_at"),
        col(Ticket.resolution_due).label("due"),
    ).where(
        created >= bounds[0],
        created < bounds[-1],
        col(Ticket.state) != TicketState.ANULADO.value,
    )
    sub = rows.subquery()
    service = (TicketKind.INCIDENTE.value, TicketKind.CONSULTA.value)
    answered = sub.c.answered_at.is_not(None)
    query = select(
        sub.c.m,
        func.sum(case((sub.c.kind.in_(service), 1), else_=0)),
        func.sum(case((sub.c.kind == TicketKind.QUEJA.value, 1), else_=0)),
        func.avg(sub.c.rating),
        func.sum(case((answered, 1), else_=0)),
        func.sum(case((and_(answered, sub.c.answered_at <= sub.c.due), 1), else_=0)),
    ).group_by(sub.c.m)
    counted = {int(r[0]): r for r in session.execute(query).all()}
    figures = []
    for index in range(months):
        label = bounds[index].astimezone(ECUADOR).strftime("%Y-%m")
        row = counted.get(index)
        if row is None:
            figures.append(MonthFigure(month=label, quejas=0, atenciones=0))
            continue
        _m, atenciones, quejas, rating, n_answered, n_on_time = row
        figures.append(
            MonthFigure(
                month=label,
                quejas=int(quejas or 0),
                atenciones=int(atenciones or 0),
                rating=None if rating is None else float(rating),
                on_time=(int(n_on_time or 0) / int(n_answered)) if n_answered else None,
            )
        )
    return figures
