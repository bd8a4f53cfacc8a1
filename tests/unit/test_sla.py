"""Business time (Mon-Fri 08:00-17:00 America/Guayaquil, Ecuador's holidays) and SLA targets."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecuapass_tui.core.clock import ECUADOR
from ecuapass_tui.core.resources import read_toml
from ecuapass_tui.services.mesa import sla
from ecuapass_tui.services.mesa.sla import (
    SlaTargets,
    add_business_days,
    add_business_hours,
    business_seconds_between,
    is_business_time,
    remaining_business_seconds,
    targets_for,
)

HOUR = 3600.0


def ec(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=ECUADOR)


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


# ---------------------------------------------------------------- the calendar we rely on


def test_holidays_package_knows_the_dates_the_tests_use() -> None:
    ec_2026 = holidays.country_holidays("EC", years=2026)
    assert date(2026, 1, 1) in ec_2026
    assert date(2026, 2, 16) in ec_2026 and date(2026, 2, 17) in ec_2026  # Carnaval
    assert date(2026, 4, 3) in ec_2026  # Viernes Santo
    assert date(2026, 3, 2) not in ec_2026


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (ec(2026, 3, 2, 10), True),  # Monday
        (ec(2026, 3, 2, 8), True),  # opening is business time
        (ec(2026, 3, 2, 16, 59, 59), True),
        (ec(2026, 3, 2, 17), False),  # closing is not
        (ec(2026, 3, 2, 7, 59, 59), False),
        (ec(2026, 3, 7, 10), False),  # Saturday
        (ec(2026, 3, 8, 10), False),  # Sunday
        (ec(2026, 1, 1, 10), False),  # Año Nuevo (a Thursday)
        (ec(2026, 2, 16, 10), False),  # Carnaval
        (ec(2026, 2, 17, 10), False),
        (ec(2026, 4, 3, 10), False),  # Viernes Santo
    ],
)
def test_is_business_time(moment: datetime, expected: bool) -> None:
    assert is_business_time(moment) is expected
    assert is_business_time(utc(moment)) is expected  # the zone of the argument is irrelevant


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError):
        is_business_time(datetime(2026, 3, 2, 10))
    with pytest.raises(ValueError):
        add_business_hours(datetime(2026, 3, 2, 10), 1)


# ---------------------------------------------------------------- add_business_hours


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        (ec(2026, 3, 2, 9), 4, ec(2026, 3, 2, 13)),
        (ec(2026, 3, 2, 8), 9, ec(2026, 3, 2, 17)),  # a whole day ends at 17:00, not at 08:00
        (ec(2026, 3, 2, 15), 2, ec(2026, 3, 2, 17)),
        (ec(2026, 3, 2, 15), 2.5, ec(2026, 3, 3, 8, 30)),
        (ec(2026, 3, 2, 6), 1, ec(2026, 3, 2, 9)),  # before opening: counts from 08:00
        (ec(2026, 3, 2, 18), 1, ec(2026, 3, 3, 9)),  # after closing: from the next opening
        (ec(2026, 3, 2, 17), 1, ec(2026, 3, 3, 9)),  # at closing exactly: the same
        (ec(2026, 3, 6, 15), 4, ec(2026, 3, 9, 10)),  # Friday afternoon -> Monday
        (ec(2026, 3, 6, 15), 2, ec(2026, 3, 6, 17)),  # ... or Friday's closing
        (ec(2026, 3, 7, 11), 3, ec(2026, 3, 9, 11)),  # Saturday: from Monday's opening
        (ec(2026, 3, 2, 16, 45), 0.5, ec(2026, 3, 3, 8, 15)),  # fractional hours
        (ec(2026, 3, 2, 9), 0.25, ec(2026, 3, 2, 9, 15)),
        (ec(2026, 3, 2, 9), 1 / 3600, ec(2026, 3, 2, 9, 0, 1)),
        (ec(2026, 3, 2, 9), 45, ec(2026, 3, 9, 9)),  # five business days
        (ec(2025, 12, 31, 16), 2, ec(2026, 1, 2, 9)),  # over Año Nuevo
        (ec(2026, 2, 13, 16), 2, ec(2026, 2, 18, 9)),  # over the Carnaval weekend
        (ec(2026, 4, 2, 16), 4, ec(2026, 4, 6, 11)),  # over Viernes Santo
    ],
)
def test_add_business_hours(start: datetime, hours: float, expected: datetime) -> None:
    result = add_business_hours(start, hours)
    assert result == expected
    assert result.tzinfo is UTC


def test_zero_hours() -> None:
    assert add_business_hours(ec(2026, 3, 2, 10), 0) == ec(2026, 3, 2, 10)
    assert add_business_hours(ec(2026, 3, 6, 17), 0) == ec(2026, 3, 9, 8)  # Friday closing
    assert add_business_hours(ec(2026, 2, 16, 12), 0) == ec(2026, 2, 18, 8)  # Carnaval


def test_negative_hours_are_refused() -> None:
    with pytest.raises(ValueError):
        add_business_hours(ec(2026, 3, 2, 10), -1)


# ---------------------------------------------------------------- business_seconds_between


@pytest.mark.parametrize(
    ("a", "b", "hours"),
    [
        (ec(2026, 3, 2, 9), ec(2026, 3, 2, 12), 3),
        (ec(2026, 3, 2, 6), ec(2026, 3, 2, 20), 9),
        (ec(2026, 3, 6, 16), ec(2026, 3, 9, 9), 2),  # Friday to Monday
        (ec(2026, 3, 7, 0), ec(2026, 3, 9, 0), 0),  # a weekend
        (ec(2026, 2, 13, 8), ec(2026, 2, 19, 8), 18),  # Carnaval: Fri + Wed
        (ec(2026, 3, 2, 8), ec(2026, 3, 9, 8), 45),
        (ec(2026, 3, 2, 12), ec(2026, 3, 2, 12), 0),
        (ec(2026, 3, 2, 12), ec(2026, 3, 2, 11), 0),  # b before a
    ],
)
def test_business_seconds_between(a: datetime, b: datetime, hours: float) -> None:
    assert business_seconds_between(a, b) == hours * HOUR
    assert business_seconds_between(utc(a), utc(b)) == hours * HOUR


def test_interval_is_half_open() -> None:
    opening = ec(2026, 3, 2, 8)
    assert business_seconds_between(opening, opening + timedelta(seconds=1)) == 1.0
    closing = ec(2026, 3, 2, 17)
    assert business_seconds_between(closing, closing + timedelta(seconds=1)) == 0.0
    assert business_seconds_between(closing - timedelta(seconds=1), closing) == 1.0


@pytest.mark.parametrize(
    "start",
    [ec(2026, 3, 2, 9, 17, 3), ec(2026, 3, 6, 16, 30), ec(2026, 2, 13, 15), ec(2025, 12, 31, 8)],
)
@pytest.mark.parametrize("hours", [0.1, 0.5, 1, 4, 8.75, 9, 16, 24, 40, 45, 100])
def test_round_trip(start: datetime, hours: float) -> None:
    due = add_business_hours(start, hours)
    assert business_seconds_between(start, due) == pytest.approx(hours * HOUR, abs=1e-6)
    assert remaining_business_seconds(start, due) == pytest.approx(hours * HOUR, abs=1e-6)


# ---------------------------------------------------------------- add_business_days


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (ec(2026, 3, 2, 10), 0, ec(2026, 3, 2, 10)),
        (ec(2026, 3, 2, 10), 1, ec(2026, 3, 3, 10)),
        (ec(2026, 3, 2, 10), 5, ec(2026, 3, 9, 10)),  # a week
        (ec(2026, 3, 6, 16, 30), 1, ec(2026, 3, 9, 16, 30)),  # Friday -> Monday
        (ec(2026, 3, 7, 10), 1, ec(2026, 3, 9, 10)),  # Saturday -> Monday
        (ec(2026, 2, 13, 10), 1, ec(2026, 2, 18, 10)),  # over Carnaval
        (ec(2025, 12, 31, 18, 45), 1, ec(2026, 1, 2, 18, 45)),  # time of day kept, Año Nuevo
        (ec(2026, 2, 12, 9), 5, ec(2026, 2, 23, 9)),
    ],
)
def test_add_business_days(start: datetime, days: int, expected: datetime) -> None:
    result = add_business_days(start, days)
    assert result == expected
    assert result.tzinfo is UTC


def test_add_business_days_refuses_negative() -> None:
    with pytest.raises(ValueError):
        add_business_days(ec(2026, 3, 2, 10), -1)


# ---------------------------------------------------------------- remaining_business_seconds


def test_remaining_is_negative_when_overdue() -> None:
    due = ec(2026, 3, 2, 10)
    assert remaining_business_seconds(ec(2026, 3, 2, 9), due) == HOUR
    assert remaining_business_seconds(due, due) == 0
    assert remaining_business_seconds(ec(2026, 3, 2, 12), due) == -2 * HOUR
    assert remaining_business_seconds(ec(2026, 3, 3, 9), due) == -8 * HOUR  # 7 h + 1 h
    # Overdue over a weekend grows only in business time.
    friday_due = ec(2026, 3, 6, 16)
    assert remaining_business_seconds(ec(2026, 3, 8, 12), friday_due) == -HOUR


# ---------------------------------------------------------------- targets


def test_targets_per_kind() -> None:
    assert targets_for("incidente") == SlaTargets(4.0, 16.0, 5)
    assert targets_for("consulta") == SlaTargets(8.0, 24.0, 5)
    assert targets_for("queja") == SlaTargets(8.0, 40.0, 5)
    assert isinstance(targets_for("queja").decision_days, int)


def test_motive_overrides() -> None:
    assert targets_for("consulta", "clasificacion_arancelaria") == SlaTargets(8.0, 45.0, 5)
    assert targets_for("consulta", "valoracion_aduanera").resolution_hours == 45.0
    assert targets_for("consulta", "registro_oce_usuarios") == SlaTargets(4.0, 16.0, 5)
    assert targets_for("consulta", "desconocido") == targets_for("consulta")
    assert targets_for("incidente", "clasificacion_arancelaria") == targets_for("incidente")
    assert targets_for("consulta", None) == targets_for("consulta")


def test_unknown_kind_raises_key_error() -> None:
    with pytest.raises(KeyError):
        targets_for("reclamo")


def test_every_consultation_motive_has_targets_in_sla_toml() -> None:
    spec = read_toml("forms", "consulta.toml")
    options = [
        option["value"]
        for section in spec["section"]
        for field in section.get("field", [])
        if field["name"] == "motivo"
        for option in field["options"]
    ]
    assert options
    motives = read_toml("sla.toml")["kind"]["consulta"]["motive"]
    assert sorted(motives) == sorted(options)
    for motive in options:
        targets = targets_for("consulta", motive)
        assert targets.first_response_hours <= targets.resolution_hours


def test_bad_sla_toml_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake(text: dict[str, object]) -> None:
        monkeypatch.setattr(sla, "read_toml", lambda *_: text)
        sla._load_targets.cache_clear()

    try:
        fake({"kind": {"incidente": {"first_response_hours": 4, "resolution_hours": 16}}})
        with pytest.raises(sla.SlaConfigError, match="decision_days"):
            targets_for("incidente")
        base = {"first_response_hours": 4, "resolution_hours": 16, "decision_days": 5}
        fake({"kind": {"incidente": base, "consulta": base, "queja": base | {"x": 1}}})
        with pytest.raises(sla.SlaConfigError, match="unknown"):
            targets_for("queja")
        fake({"kind": {"incidente": base | {"decision_days": 1.5}}})
        with pytest.raises(sla.SlaConfigError, match="whole"):
            targets_for("incidente")
        fake({"kind": {"incidente": base}})
        with pytest.raises(sla.SlaConfigError, match="missing"):
            targets_for("incidente")
    finally:
        monkeypatch.undo()
        sla._load_targets.cache_clear()
    assert targets_for("incidente").first_response_hours == 4.0


# ---------------------------------------------------------------- properties

moments = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)
hours_st = st.floats(min_value=0, max_value=300, allow_nan=False, allow_infinity=False)


def _at_closing(moment: datetime) -> bool:
    local = moment.astimezone(ECUADOR)
    return sla.is_business_day(local.date()) and (
        local.hour,
        local.minute,
        local.second,
        local.microsecond,
    ) == (17, 0, 0, 0)


@settings(max_examples=200, deadline=None)
@given(start=moments, h1=hours_st, h2=hours_st)
def test_add_business_hours_is_monotonic_in_hours(start: datetime, h1: float, h2: float) -> None:
    low, high = sorted((h1, h2))
    assert add_business_hours(start, low) <= add_business_hours(start, high)


@settings(max_examples=200, deadline=None)
@given(s1=moments, s2=moments, hours=hours_st)
def test_add_business_hours_is_monotonic_in_start(s1: datetime, s2: datetime, hours: float) -> None:
    early, late = sorted((s1, s2))
    assert add_business_hours(early, hours) <= add_business_hours(late, hours)


@settings(max_examples=300, deadline=None)
@given(start=moments, hours=hours_st)
def test_result_is_business_time_or_a_closing(start: datetime, hours: float) -> None:
    due = add_business_hours(start, hours)
    assert due >= start
    assert is_business_time(due) or _at_closing(due)


@settings(max_examples=300, deadline=None)
@given(start=moments, hours=hours_st)
def test_round_trip_property(start: datetime, hours: float) -> None:
    due = add_business_hours(start, hours)
    assert business_seconds_between(start, due) == pytest.approx(hours * HOUR, abs=1e-6)


@settings(max_examples=200, deadline=None)
@given(a=moments, b=moments, c=moments)
def test_between_is_additive_and_remaining_antisymmetric(
    a: datetime, b: datetime, c: datetime
) -> None:
    a, b, c = sorted((a, b, c))
    total = business_seconds_between(a, c)
    assert business_seconds_between(a, b) + business_seconds_between(b, c) == pytest.approx(
        total, abs=1e-6
    )
    assert remaining_business_seconds(a, c) == total
    assert remaining_business_seconds(c, a) == -total


@settings(max_examples=200, deadline=None)
@given(start=moments, days=st.integers(min_value=0, max_value=30))
def test_add_business_days_lands_on_a_business_day(start: datetime, days: int) -> None:
    result = add_business_days(start, days)
    local, moved = start.astimezone(ECUADOR), result.astimezone(ECUADOR)
    assert moved.time() == local.time()
    if days:
        assert sla.is_business_day(moved.date())
        assert moved > start
