"""Business time and the Mesa de Servicios' service-level targets.

Business time is Monday to Friday, 08:00 to 17:00 America/Guayaquil, without Ecuador's public
holidays (the `holidays` package, as it lists them, observed days included). A business day
is the half-open interval [08:00, 17:00): 17:00 itself is not business time, but a deadline
that uses up a day's last second lands at 17:00 of that day, not at 08:00 of the next.

Every function takes aware datetimes (any zone) and returns aware UTC datetimes. Arithmetic is
done in whole microseconds, so adding hours and measuring them back gives the same figure.
Targets per kind (and per consultation motive) come from `data/sla.toml`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any

from ecuapass_tui.core.clock import ECUADOR
from ecuapass_tui.core.resources import read_toml

OPENING = time(8, 0)
CLOSING = time(17, 0)
KINDS = ("incidente", "consulta", "queja")
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class SlaTargets:
    first_response_hours: float  # business hours to the first staff response
    resolution_hours: float  # business hours to an answer (Respondido)
    decision_days: int  # business days to accept/reject a Respondido ticket


class SlaConfigError(ValueError):
    """data/sla.toml does not have the expected shape."""


# ---------------------------------------------------------------- targets


def _targets_from(raw: Any, base: SlaTargets | None, where: str) -> SlaTargets:
    if not isinstance(raw, dict):
        raise SlaConfigError(f"sla.toml: {where} is not a table")
    names = {f.name for f in fields(SlaTargets)}
    unknown = set(raw) - names - {"motive"}
    if unknown:
        raise SlaConfigError(f"sla.toml: {where} has unknown keys {sorted(unknown)}")
    values: dict[str, Any] = {} if base is None else {n: getattr(base, n) for n in names}
    for name in names:
        if name not in raw:
            if base is None:
                raise SlaConfigError(f"sla.toml: {where} lacks {name}")
            continue
        value = raw[name]
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise SlaConfigError(f"sla.toml: {where}.{name} must be a positive number")
        if name == "decision_days" and not isinstance(value, int):
            raise SlaConfigError(f"sla.toml: {where}.decision_days must be a whole number")
        values[name] = value if name == "decision_days" else float(value)
    return SlaTargets(**values)


@cache
def _load_targets() -> dict[tuple[str, str | None], SlaTargets]:
    data = read_toml("sla.toml")
    kinds = data.get("kind")
    if not isinstance(kinds, dict):
        raise SlaConfigError("sla.toml: no [kind.*] tables")
    table: dict[tuple[str, str | None], SlaTargets] = {}
    for kind, raw in kinds.items():
        base = _targets_from(raw, None, f"kind.{kind}")
        table[(kind, None)] = base
        motives = raw.get("motive", {})
        if not isinstance(motives, dict):
            raise SlaConfigError(f"sla.toml: kind.{kind}.motive is not a table")
        for motive, override in motives.items():
            if isinstance(override, dict) and "motive" in override:
                raise SlaConfigError(f"sla.toml: kind.{kind}.motive.{motive} nests motives")
            table[(kind, motive)] = _targets_from(override, base, f"kind.{kind}.motive.{motive}")
    missing = [kind for kind in KINDS if (kind, None) not in table]
    if missing:
        raise SlaConfigError(f"sla.toml: kinds {missing} are missing")
    return table


def targets_for(kind: str, motive: str | None = None) -> SlaTargets:
    """The targets of a ticket kind, with the motive's overrides when it has any.

    An unknown kind raises KeyError; an unknown (or absent) motive gets the kind's defaults.
    """
    table = _load_targets()
    if (kind, None) not in table:
        raise KeyError(kind)
    if motive is not None and (kind, motive) in table:
        return table[(kind, motive)]
    return table[(kind, None)]


# ---------------------------------------------------------------- calendar


@cache
def _holidays(year: int) -> frozenset[date]:
    import holidays

    return frozenset(holidays.country_holidays("EC", years=year).keys())


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def _local(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("business time needs an aware datetime")
    return moment.astimezone(ECUADOR)


def _opening(day: date) -> datetime:
    return datetime.combine(day, OPENING, ECUADOR)


def _closing(day: date) -> datetime:
    return datetime.combine(day, CLOSING, ECUADOR)


def _next_business_day(day: date) -> date:
    day += _DAY
    while not is_business_day(day):
        day += _DAY
    return day


def _next_business_moment(local: datetime) -> datetime:
    """`local` itself when it is business time, else the next opening."""
    day = local.date()
    if is_business_day(day):
        if local < _opening(day):
            return _opening(day)
        if local < _closing(day):
            return local
    return _opening(_next_business_day(day))


def is_business_time(moment: datetime) -> bool:
    local = _local(moment)
    return is_business_day(local.date()) and OPENING <= local.time() < CLOSING


# ---------------------------------------------------------------- arithmetic


def _micros(delta: timedelta) -> int:
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def add_business_hours(start: datetime, hours: float) -> datetime:
    """`start` plus `hours` business hours; a start outside business time counts from the
    next opening. A deadline that ends exactly at a closing stays at 17:00 of that day."""
    if hours < 0:
        raise ValueError("hours must not be negative")
    left = round(hours * 3_600_000_000)  # microseconds
    cursor = _next_business_moment(_local(start))
    while True:
        available = _micros(_closing(cursor.date()) - cursor)
        if left <= available:
            return (cursor + timedelta(microseconds=left)).astimezone(UTC)
        left -= available
        cursor = _opening(_next_business_day(cursor.date()))


def _business_micros(a: datetime, b: datetime) -> int:
    if b <= a:
        return 0
    first, last = _local(a), _local(b)
    total = 0
    day = first.date()
    while day <= last.date():
        if is_business_day(day):
            low = max(first, _opening(day))
            high = min(last, _closing(day))
            if high > low:
                total += _micros(high - low)
        day += _DAY
    return total


def business_seconds_between(a: datetime, b: datetime) -> float:
    """Business seconds in [a, b); 0 when b <= a."""
    return _business_micros(a, b) / 1_000_000


def add_business_days(start: datetime, days: int) -> datetime:
    """The same local time of day, `days` business days later (weekends and holidays
    skipped); 0 days gives `start` back."""
    if days < 0:
        raise ValueError("days must not be negative")
    local = _local(start)
    day = local.date()
    for _ in range(days):
        day = _next_business_day(day)
    moved = datetime.combine(day, local.time(), ECUADOR)
    return moved.astimezone(UTC)


def remaining_business_seconds(now: datetime, due: datetime) -> float:
    """Business seconds from `now` to `due`; negative (business seconds past due) when
    overdue."""
    if now <= due:
        return business_seconds_between(now, due)
    return -business_seconds_between(due, now)
