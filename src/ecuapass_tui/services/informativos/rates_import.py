"""An official table of exchange rates for the currencies the ECB does not publish (COP, PEN,
CLP, ARS...): all or nothing. Columns (docs/tasas.md): fecha, moneda, unidades_por_usd,
fuente. Every line is checked first; when any is wrong nothing is stored and each wrong line
is reported by its number. A line replaces the stored rate of the same currency and day."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import list_currencies
from sqlalchemy import and_, delete, insert, or_
from sqlmodel import Session, col

from ecuapass_tui.core.roles import UNLOCKERS
from ecuapass_tui.core.text import clean, fold
from ecuapass_tui.forms.dates import date_value
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import PermissionDenied, ServiceError
from ecuapass_tui.services.informativos.rates import MICROS, USD, to_micros
from ecuapass_tui.store.models_rates import ECB_SOURCE, ExchangeRate

COLUMNS = ("fecha", "moneda", "unidades_por_usd", "fuente")
MAX_BYTES = 5 * 1024 * 1024
MAX_LINES = 100_000
MAX_PROBLEMS = 200
MAX_RATE = Decimal("999999999999")
MAX_SOURCE = 120


@dataclass(frozen=True)
class RateProblem:
    line: int  # 1 is the header; 0 the whole file
    code: str
    params: dict[str, Any] = field(default_factory=dict)


class RatesRefused(ServiceError):
    """Nothing was imported; `problems` lists each wrong line."""

    def __init__(self, problems: list[RateProblem]) -> None:
        super().__init__("rates_import_refused", count=len(problems))
        self.problems = problems


@dataclass(frozen=True)
class RatesImported:
    rates: int
    currencies: tuple[str, ...]
    first: date
    last: date


def _reader(content: bytes) -> csv.DictReader[str]:
    if len(content) > MAX_BYTES:
        raise RatesRefused([RateProblem(0, "rates_csv_too_large")])
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RatesRefused([RateProblem(0, "rates_csv_encoding")]) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [fold(name or "").strip() for name in reader.fieldnames or []]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        params = {"missing": ", ".join(missing)}
        raise RatesRefused([RateProblem(1, "rates_csv_header", params)])
    reader.fieldnames = header
    return reader


def _line(values: dict[str, Any]) -> tuple[str, date, int, str] | str:
    """The line's rate, or the code of what is wrong with it."""
    if None in values or any(value is None for value in values.values()):
        return "rates_csv_columns"
    found_day = date_value(values["fecha"])
    if not isinstance(found_day, date):
        return "rates_csv_date"
    currency = values["moneda"].strip().upper()
    if currency == USD or currency not in list_currencies():
        return "rates_csv_currency"
    try:
        rate = Decimal(values["unidades_por_usd"].strip().replace(",", "."))
    except InvalidOperation:
        return "rates_csv_rate"
    if not rate.is_finite() or rate <= 0 or rate > MAX_RATE or rate != rate.quantize(MICROS):
        return "rates_csv_rate"
    source = clean(values["fuente"], single_line=True).strip()
    if not source or len(source) > MAX_SOURCE or fold(source) == ECB_SOURCE:
        return "rates_csv_source"
    return currency, found_day, to_micros(rate), source


def read_rates(content: bytes) -> list[tuple[str, date, int, str]]:
    """Every line of the file, checked; raises RatesRefused listing each wrong line."""
    reader = _reader(content)
    rows: list[tuple[str, date, int, str]] = []
    seen: dict[tuple[str, date], int] = {}
    problems: list[RateProblem] = []
    for values in reader:
        line = reader.line_num
        if not any((value or "").strip() for value in values.values() if isinstance(value, str)):
            continue
        found = _line(values)
        if isinstance(found, str):
            problems.append(RateProblem(line, found))
        elif (key := (found[0], found[1])) in seen:
            problems.append(RateProblem(line, "rates_csv_repeated", {"first": seen[key]}))
        else:
            seen[key] = line
            rows.append(found)
        if len(problems) >= MAX_PROBLEMS or len(rows) > MAX_LINES:
            break
    if len(rows) > MAX_LINES:
        raise RatesRefused([RateProblem(0, "rates_csv_too_many", {"max": MAX_LINES})])
    if problems:
        raise RatesRefused(problems)
    if not rows:
        raise RatesRefused([RateProblem(0, "rates_csv_empty")])
    return rows


def import_rates(session: Session, actor: Actor, content: bytes) -> RatesImported:
    """Store every rate of the file or none (the caller's transaction rolls back on
    RatesRefused). Administradores and supervisores only (`ecuapass-tui tasas import`)."""
    if actor.user_class not in UNLOCKERS:
        raise PermissionDenied()
    rows = read_rates(content)
    keys = [(currency, day) for currency, day, _, _ in rows]
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        session.exec(  # type: ignore[call-overload]
            delete(ExchangeRate).where(
                or_(
                    *(
                        and_(col(ExchangeRate.currency) == c, col(ExchangeRate.day) == d)
                        for c, d in chunk
                    )
                )
            )
        )
    values = [
        {"currency": currency, "day": day, "units_per_usd_micros": micros, "source": source}
        for currency, day, micros, source in rows
    ]
    session.connection().execute(insert(ExchangeRate.__table__), values)  # type: ignore[attr-defined]
    days = [day for _, day in keys]
    return RatesImported(
        rates=len(rows),
        currencies=tuple(sorted({currency for currency, _ in keys})),
        first=min(days),
        last=max(days),
    )
