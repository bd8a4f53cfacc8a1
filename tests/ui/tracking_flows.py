"""Steps shared by the tracking Pilot tests and snapshots: log in, open a tramites screen."""

from __future__ import annotations

from tests.ui.flows import login, login_as_agente_to_home, settle
from textual.pilot import Pilot

SUPERVISOR = ("", "supervisor", "Supervisor2026ec")
IMPORTADOR = ("0993456780001", "importador", "Pacifico2026ec")


async def as_agente(pilot: Pilot) -> None:
    await login_as_agente_to_home(pilot)


async def as_supervisor(pilot: Pilot) -> None:
    await login(pilot, *SUPERVISOR)
    await settle(pilot)


async def push(pilot: Pilot, screen: object) -> None:
    await pilot.app.push_screen(screen)  # type: ignore[arg-type]
    await settle(pilot)
    await settle(pilot)
