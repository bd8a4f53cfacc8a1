"""Snapshots of login and home at 80x24 and 120x40 (theme textual-dark, clock frozen).

Update with `pytest tests/snapshots --snapshot-update` and look at the report before committing.
"""

from __future__ import annotations

import pytest
from tests.ui.flows import fill_login, login, login_as_agente_to_home, settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.mark.parametrize("size", SIZES)
def test_login_screen(snap_compare, make_app, size) -> None:
    async def wait(pilot) -> None:
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=wait)


@pytest.mark.parametrize("size", SIZES)
def test_home_screen(snap_compare, make_app, size) -> None:
    async def to_home(pilot) -> None:
        await login_as_agente_to_home(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=to_home)


def test_login_with_errors(snap_compare, make_app) -> None:
    async def bad_input(pilot) -> None:
        await fill_login(pilot, "17920", "", "")
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=bad_input)


def test_oce_code_selection(snap_compare, make_app) -> None:
    async def to_codes(pilot) -> None:
        await login(pilot, "1792060346001", "agente", "Aduana2026ec")
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=to_codes)
