"""Snapshots of SENAE Tracking's timeline and of 1.3 Estado de Trámite Integral at 80x24
(theme textual-dark, clock frozen on 24/11/2026).

Update with `pytest tests/snapshots/test_tracking_snapshots.py --snapshot-update` and look at
the SVG first."""

from __future__ import annotations

from tests.ui.flows import login_as_agente_to_home, settle
from tests.ui.mesa_user_flows import open_option
from textual.widgets import Input


def test_tracking_timeline(snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
    async def to_timeline(pilot) -> None:  # type: ignore[no-untyped-def]
        await login_as_agente_to_home(pilot)
        await open_option(pilot, "2.11")
        field = pilot.app.screen.query_one("#tracking-query", Input)
        field.focus()
        field.value = "HLXU3382210"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")  # into the timeline: the current stage is highlighted
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=to_timeline)


def test_estado_tramite_integral(snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
    async def to_results(pilot) -> None:  # type: ignore[no-untyped-def]
        await login_as_agente_to_home(pilot)
        await open_option(pilot, "1.3")
        pilot.app.screen.query_one("#f-periodo").value = "mes"
        await settle(pilot)
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=to_results)
