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

from sqlmodel import Session, col, select

from ecuapass_tui.core.clock import ECUADOR
from ecuapass_tui.core.resources import data_file
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.mesa.ticket_store import require_staff
from ecuapass_tui.store.models_figures import TicketMonthFigure

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
    """This installation's last `months` months, oldest first (the current month included),
    read from the sums the database keeps per month (`store/month_figures.py`)."""
    require_staff(actor)
    labels = [b.astimezone(ECUADOR).strftime("%Y-%m") for b in month_starts(now, months)]
    month = col(TicketMonthFigure.month)
    rows = session.exec(
        select(TicketMonthFigure).where(month >= labels[0], month < labels[-1])
    ).all()
    counted = {row.month: row for row in rows}
    figures = []
    for label in labels[:-1]:
        row = counted.get(label)
        if row is None:
            figures.append(MonthFigure(month=label, quejas=0, atenciones=0))
            continue
        figures.append(
            MonthFigure(
                month=label,
                quejas=row.quejas,
                atenciones=row.atenciones,
                rating=row.rating_sum / row.rating_count if row.rating_count else None,
                on_time=row.on_time / row.answered if row.answered else None,
            )
        )
    return figures
