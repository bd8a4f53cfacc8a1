"""Steps of the tracking Pilot tests: log in as the supervisor."""

from __future__ import annotations

from tests.ui.flows import login, settle
from textual.pilot import Pilot

SUPERVISOR = ("", "supervisor", "Supervisor2026ec")


async def as_supervisor(pilot: Pilot) -> None:
    await login(pilot, *SUPERVISOR)
    await settle(pilot)
