"""The MS.7 figures kept per Ecuador month: one row per month of ticket creation, changed by
the database's own triggers (`store/month_figures.py`) in the transaction that changes a
ticket, so that reading eighteen months never scans the tickets."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class TicketMonthFigure(SQLModel, table=True):
    """What the tickets created in one month (Ecuador's), not anulados, add up to."""

    __tablename__ = "ticket_month_figure"
    month: str = Field(primary_key=True, max_length=7)  # YYYY-MM
    atenciones: int = Field(default=0)  # incidentes and consultas
    quejas: int = Field(default=0)
    rating_sum: int = Field(default=0)
    rating_count: int = Field(default=0)
    answered: int = Field(default=0)
    on_time: int = Field(default=0)  # answered at or before the resolution due time
