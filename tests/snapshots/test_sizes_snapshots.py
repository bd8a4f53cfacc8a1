"""Home, a form with errors (3.9.1), MS.1 and 2.11 at 80x24, 60x20 and 200x50, and at 80x24
with NO_COLOR (theme textual-dark, clock frozen).

Update with `pytest tests/snapshots/test_sizes_snapshots.py --snapshot-update` and look at
each SVG before committing."""

from __future__ import annotations

import pytest
from tests.ui.flows import login, login_as_agente_to_home, settle
from tests.ui.mesa_user_flows import open_option
from textual.widgets import Input

from ecuapass_tui.screens.registry import open_option as open_staff_option

SIZES = [
    pytest.param((80, 24), id="80x24"),
    pytest.param((60, 20), id="60x20"),
    pytest.param((200, 50), id="200x50"),
]


async def home(pilot) -> None:  # type: ignore[no-untyped-def]
    await login_as_agente_to_home(pilot)


async def form_with_errors(pilot) -> None:  # type: ignore[no-untyped-def]
    await login_as_agente_to_home(pilot)
    await open_option(pilot, "3.9.1")
    await pilot.press("ctrl+s")
    await settle(pilot)


async def queue(pilot) -> None:  # type: ignore[no-untyped-def]
    await login(pilot, "", "analista", "Analista2026ec")
    open_staff_option(pilot.app, "MS.1")
    await settle(pilot)


async def tracking(pilot) -> None:  # type: ignore[no-untyped-def]
    await login_as_agente_to_home(pilot)
    await open_option(pilot, "2.11")
    field = pilot.app.screen.query_one("#tracking-query", Input)
    field.focus()
    field.value = "HLXU3382210"
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("enter")  # into the timeline
    await settle(pilot)


SCREENS = [
    pytest.param(home, id="home"),
    pytest.param(form_with_errors, id="form"),
    pytest.param(queue, id="ms1"),
    pytest.param(tracking, id="tracking"),
]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("steps", SCREENS)
def test_screen_sizes(snap_compare, make_app, steps, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=steps)


@pytest.mark.parametrize("steps", SCREENS)
def test_no_color(snap_compare, make_app, steps, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=steps)
