"""Steps of the account flows shared by the Pilot tests and the snapshots."""

from __future__ import annotations

from typing import Any

from tests.ui.flows import settle
from textual.pilot import Pilot

from ecuapass_tui.widgets.form_view import FormView


async def open_from_login(pilot: Pilot, key: str) -> None:
    """The login screen's keys: F6 Solicitud del uso, F7 Buscar ID / Reinicio de clave,
    F8 the January update."""
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)


async def fill(pilot: Pilot, values: dict[str, Any]) -> FormView:
    """Put the values in the form on screen (typing each would take ~60 ms a key)."""
    form = pilot.app.screen.query_one(FormView)
    current = form.values()
    current.update(values)
    form.set_values(current, form.files())
    await pilot.pause()
    return form


async def type_keys(pilot: Pilot, text: str) -> None:
    for char in text:
        await pilot.press(char)
