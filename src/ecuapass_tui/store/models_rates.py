"""Consulta de tasa de moneda tables: daily exchange rates as units of a currency per US dollar.

A rate is kept as an integer number of millionths (`units_per_usd_micros`: 0.913575 EUR per
USD is 913575), exact on SQLite and PostgreSQL alike. `source` is "ecb" for the European
Central Bank's reference rates shipped with the program (reloaded when the database is built
or upgraded), or the name of the official table an administrator imported."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

ECB_SOURCE = "ecb"


class ExchangeRate(SQLModel, table=True):
    """One currency's rate on one day; the day's latest source wins (an import replaces the
    ECB's row of the same currency and day)."""

    __tablename__ = "exchange_rate"
    __table_args__ = (UniqueConstraint("currency", "day", name="uq_exchange_rate_currency_day"),)
    id: int | None = Field(default=None, primary_key=True)
    currency: str = Field(max_length=3)
    day: date
    units_per_usd_micros: int = Field(sa_column=Column(BigInteger, nullable=False))
    source: str = Field(max_length=120)
