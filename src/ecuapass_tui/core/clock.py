"""The clock (aware UTC, replaceable in tests and demos with `--today`) and Ecuador's zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

ECUADOR = ZoneInfo("America/Guayaquil")


class Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return self.now().astimezone(ECUADOR).date()


@dataclass
class FixedClock(Clock):
    """A clock that stands still (snapshots, tests) until moved."""

    at: datetime

    def now(self) -> datetime:
        return self.at

    def advance(self, delta: timedelta) -> None:
        self.at = self.at + delta


@dataclass
class ShiftedClock(Clock):
    """Real time moved to another day (demo `--today`): the clock still ticks."""

    offset: timedelta

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    @classmethod
    def to_day(cls, day: date) -> ShiftedClock:
        real = datetime.now(UTC)
        target = datetime.combine(day, real.astimezone(ECUADOR).time(), ECUADOR)
        return cls(offset=target - real)


def local(moment: datetime) -> datetime:
    return moment.astimezone(ECUADOR)


def format_local(moment: datetime | None) -> str:
    """dd/mm/aaaa hh:mm:ss in Ecuador's time, as Ecuapass shows dates."""
    return "" if moment is None else local(moment).strftime("%d/%m/%Y %H:%M:%S")


def start_of_local_day(day: date) -> datetime:
    return datetime.combine(day, time.min, ECUADOR).astimezone(UTC)
