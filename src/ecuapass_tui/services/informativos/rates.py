"""2.1.2 Consulta de tasa de moneda: units of each currency per US dollar, by day, and the one
conversion to dollars that the converter and the tax estimate share.

The rate of a currency on a day is the latest one stored on or before that day (DOMAIN.md:
SENAE's own table is not published; our choice is daily rates, the latest on or before the
date). A rate is kept to 6 decimals (`store/models_rates.py`); a converted amount is rounded
to cents, half up (docs/tasas.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from ecuapass_tui.core.numbers import parse_decimal
from ecuapass_tui.forms.dates import date_value
from ecuapass_tui.services import access
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors
from ecuapass_tui.store.models_rates import ExchangeRate

OPTION = "2.1.2"
USD = "USD"
MICROS = Decimal("0.000001")
CENTS = Decimal("0.01")
# The largest amount the converter and the tax estimate take (a line of a declaration).
MAX_AMOUNT = Decimal("999999999999.99")


@dataclass(frozen=True)
class Rate:
    currency: str
    units_per_usd: Decimal  # 6 decimals
    day: date  # the day the rate was published for (on or before the day asked)
    source: str  # models_rates.ECB_SOURCE or an imported table's name


@dataclass(frozen=True)
class Conversion:
    amount: Decimal  # as given, in `currency`
    currency: str
    usd: Decimal  # amount / units_per_usd, rounded to cents half up
    rate: Rate | None  # None when the amount was already in dollars


def micros_value(micros: int) -> Decimal:
    return Decimal(micros).scaleb(-6).quantize(MICROS)


def to_micros(units_per_usd: Decimal) -> int:
    """A rate rounded to 6 decimals, half up, as the integer the table keeps."""
    return int(units_per_usd.quantize(MICROS, rounding=ROUND_HALF_UP).scaleb(6))


def _rate(row: ExchangeRate) -> Rate:
    return Rate(row.currency, micros_value(row.units_per_usd_micros), row.day, row.source)


def rate_on(session: Session, currency: str, day: date) -> Rate | None:
    """The latest rate of `currency` on or before `day` (None when there is none)."""
    row = session.exec(
        select(ExchangeRate)
        .where(ExchangeRate.currency == currency.upper(), ExchangeRate.day <= day)
        .order_by(col(ExchangeRate.day).desc())
        .limit(1)
    ).first()
    return _rate(row) if row is not None else None


def rates_on(session: Session, day: date) -> list[Rate]:
    """Every currency's latest rate on or before `day`, by currency code (one query: each
    currency's latest day, joined back to its row; the unique (currency, day) index serves
    both)."""
    latest = (
        select(ExchangeRate.currency, func.max(ExchangeRate.day).label("day"))
        .where(ExchangeRate.day <= day)
        .group_by(col(ExchangeRate.currency))
        .subquery()
    )
    rows = session.exec(
        select(ExchangeRate)
        .join(
            latest,
            (col(ExchangeRate.currency) == latest.c.currency)
            & (col(ExchangeRate.day) == latest.c.day),
        )
        .order_by(col(ExchangeRate.currency))
    ).all()
    return [_rate(row) for row in rows]


def to_usd(session: Session, amount: Decimal, currency: str, day: date) -> Conversion:
    """`amount` of `currency` in US dollars at the rate in force on `day`, rounded to cents
    half up. Raises FieldErrors on "currency" when no rate of it is stored on or before
    `day`."""
    code = currency.strip().upper()
    if code == USD:
        return Conversion(amount, USD, amount.quantize(CENTS, rounding=ROUND_HALF_UP), None)
    rate = rate_on(session, code, day)
    if rate is None:
        raise FieldErrors(rules={"currency": "rate_not_found"})
    usd = (amount / rate.units_per_usd).quantize(CENTS, rounding=ROUND_HALF_UP)
    return Conversion(amount, code, usd, rate)


# --- what a user typed -------------------------------------------------------------------------


def typed_day(raw: str, field: str = "day") -> date:
    """A day typed dd/mm/aaaa (or ISO); FieldErrors on `field` otherwise."""
    found = date_value(raw)
    if not isinstance(found, date):
        raise FieldErrors(rules={field: "rate_day_invalid" if raw.strip() else "required"})
    return found


def typed_amount(raw: str, lang: str, field: str = "amount", *, zero: bool = False) -> Decimal:
    """A positive amount (zero allowed with `zero`) typed in the user's language, at most two
    decimals; FieldErrors on `field` otherwise."""
    if not raw.strip():
        raise FieldErrors(rules={field: "required"})
    value = parse_decimal(raw, lang)
    if value is None or value < 0 or (value == 0 and not zero):
        raise FieldErrors(rules={field: "rate_amount_invalid"})
    if value > MAX_AMOUNT or value != value.quantize(CENTS):
        raise FieldErrors(rules={field: "rate_amount_invalid"})
    return value


def currency_code(raw: str, field: str = "currency") -> str:
    code = raw.strip().upper()
    if not code:
        raise FieldErrors(rules={field: "required"})
    if len(code) != 3 or not code.isascii() or not code.isalpha():
        raise FieldErrors(rules={field: "rate_currency_format"})
    return code


@dataclass(frozen=True)
class RatesTable:
    day: date  # the day asked
    rates: list[Rate]


def list_rates(session: Session, actor: Actor, day: str | date) -> RatesTable:
    """Every currency's rate on the day typed (field "table_day") or given."""
    access.require_option(session, actor, OPTION)
    found = day if isinstance(day, date) else typed_day(day, "table_day")
    return RatesTable(found, rates_on(session, found))


def convert(session: Session, actor: Actor, amount: str, currency: str, day: str) -> Conversion:
    """The converter of 2.1.2: what the user typed, every bad field said at once."""
    access.require_option(session, actor, OPTION)
    rules: dict[str, str] = {}
    values: dict[str, object] = {}
    checks = (
        ("amount", lambda: typed_amount(amount, actor.language)),
        ("currency", lambda: currency_code(currency)),
        ("day", lambda: typed_day(day)),
    )
    for name, check in checks:
        try:
            values[name] = check()
        except FieldErrors as error:
            rules.update(error.rules)
    if rules:
        raise FieldErrors(rules=rules)
    found_amount, code, found_day = values["amount"], values["currency"], values["day"]
    assert isinstance(found_amount, Decimal) and isinstance(code, str)
    assert isinstance(found_day, date)
    return to_usd(session, found_amount, code, found_day)
