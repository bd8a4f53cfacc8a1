"""For the spec check: whether a min_value or max_value suits its field's type, and whether
the two are in order. The converters read bounds the same way (`number_bound`, `date_bound`)."""

from __future__ import annotations

from datetime import UTC, datetime

from ecuapass_tui.forms.dates import compare_key, date_bound
from ecuapass_tui.forms.numbers import number_bound


def is_bound(kind: str, value: object) -> bool:
    """A whole number (integer), a finite number or numeric text (decimal), or "today" or an
    ISO date, and for date-time fields an ISO date-time (dates)."""
    if isinstance(value, bool):
        return False
    if kind == "integer":
        return isinstance(value, int)
    if kind == "decimal":
        number = number_bound(value) if isinstance(value, int | float | str) else None
        return number is not None and number.is_finite()
    if not isinstance(value, str):
        return False
    with_time = kind == "datetime"
    return value == "today" or date_bound(value, datetime.now(UTC), with_time=with_time) is not None


def bound_order_ok(kind: str, low: object, high: object) -> bool:
    """For the spec check: min_value <= max_value ("today" is never out of order)."""
    if kind in ("integer", "decimal"):
        a, b = number_bound(low), number_bound(high)
        return a is None or b is None or a <= b
    if low == "today" or high == "today":
        return True
    now = datetime.now(UTC)
    a2 = date_bound(low, now, with_time=kind == "datetime")
    b2 = date_bound(high, now, with_time=kind == "datetime")
    if a2 is None or b2 is None:
        return True
    x, y = compare_key(a2, b2)
    return bool(x <= y)  # type: ignore[operator]
