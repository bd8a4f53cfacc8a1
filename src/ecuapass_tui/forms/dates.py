"""Converters of dates (dd/mm/aaaa or ISO) and date-times (dd/mm/aaaa hh:mm, in Ecuador's
time), checked against their bounds ("today" or an ISO date) and `not_future` by the clock's
`now`."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from ecuapass_tui.core.clock import ECUADOR
from ecuapass_tui.forms.fields import FieldSpec
from ecuapass_tui.forms.values import EMPTY, Converted, Problem, text_value

_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})", re.ASCII)
_DATETIME = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\s+([0-9]{1,2}):([0-9]{2})", re.ASCII)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_ISO_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?", re.ASCII)


def local_now(now: object) -> datetime:
    """`now` in America/Guayaquil (a naive one is taken as UTC; anything else is the clock)."""
    if not isinstance(now, datetime):
        now = datetime.now(UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return now.astimezone(ECUADOR)


def date_value(raw: object) -> Converted:
    if raw is None:
        return EMPTY
    if isinstance(raw, datetime):
        return Problem("date_format")
    if isinstance(raw, date):
        return raw
    text = text_value(raw)
    if not isinstance(text, str):
        return text if text is EMPTY else Problem("date_format")
    try:
        if match := _DATE.fullmatch(text):
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day)
        if _ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        return Problem("date_invalid")
    return Problem("date_format")


def datetime_value(raw: object) -> Converted:
    if raw is None:
        return EMPTY
    if isinstance(raw, datetime):
        try:
            if raw.tzinfo is None:
                return raw.replace(tzinfo=ECUADOR)
            return raw.astimezone(ECUADOR)
        except (OverflowError, ValueError):
            return Problem("datetime_format")
    text = text_value(raw)
    if not isinstance(text, str):
        return text if text is EMPTY else Problem("datetime_format")
    try:
        if match := _DATETIME.fullmatch(text):
            day, month, year, hour, minute = (int(part) for part in match.groups())
            return datetime(year, month, day, hour, minute, tzinfo=ECUADOR)
        if _ISO_DATETIME.fullmatch(text):
            return datetime.fromisoformat(text).replace(tzinfo=ECUADOR)
    except ValueError:
        return Problem("date_invalid")
    return Problem("datetime_format")


def date_bound(bound: object, now: datetime, *, with_time: bool) -> date | datetime | None:
    """A min/max bound: "today" (a date), an ISO date, or (datetime fields) an ISO date-time."""
    if not isinstance(bound, str):
        return None
    if bound == "today":
        return local_now(now).date()
    try:
        if with_time and ("T" in bound or " " in bound):
            moment = datetime.fromisoformat(bound)
            return moment.replace(tzinfo=ECUADOR) if moment.tzinfo is None else moment
        return date.fromisoformat(bound)
    except ValueError:
        return None


def compare_key(value: date, bound: date | datetime) -> tuple[object, object]:
    """Dates compare with dates; a date-time compares with a date bound by its local day."""
    if isinstance(value, datetime) and not isinstance(bound, datetime):
        return value.astimezone(ECUADOR).date(), bound
    if isinstance(bound, datetime) and not isinstance(value, datetime):
        return value, bound.astimezone(ECUADOR).date()
    return value, bound


def date_rules(spec: FieldSpec, value: date, now: datetime) -> Converted:
    with_time = isinstance(value, datetime)
    low = date_bound(spec.min_value, now, with_time=with_time)
    high = date_bound(spec.max_value, now, with_time=with_time)
    if low is not None:
        a, b = compare_key(value, low)
        if a < b:  # type: ignore[operator]
            return Problem("too_small", {"min": low})
    if high is not None:
        a, b = compare_key(value, high)
        if a > b:  # type: ignore[operator]
            return Problem("too_large", {"max": high})
    if spec.not_future:
        current = local_now(now)
        limit: date = current if with_time else current.date()
        if value > limit:  # type: ignore[operator]
            return Problem("not_future", {"now": limit})
    return value


def to_date(spec: FieldSpec, raw: object, now: datetime) -> Converted:
    value = date_value(raw)
    return date_rules(spec, value, now) if isinstance(value, date) else value


def to_datetime(spec: FieldSpec, raw: object, now: datetime) -> Converted:
    value = datetime_value(raw)
    return date_rules(spec, value, now) if isinstance(value, datetime) else value
