"""Snapshot of 2.1.1 Consulta de arancel at 80x24 (theme textual-dark, clock frozen on
24/11/2026): a demo subpartida's national lines, the sample mark and the source.

Update with `pytest tests/snapshots/test_tariff_snapshots.py --snapshot-update` and look at
the SVG first."""

from __future__ import annotations

from tests.ui.flows import login_as_agente_to_home, settle
from tests.ui.mesa_user_flows import open_option
from textual.widgets import Input


def test_tariff_lines_of_a_subpartida(snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
    async def to_lines(pilot) -> None:  # type: ignore[no-untyped-def]
        await login_as_agente_to_home(pilot)
        await open_option(pilot, "2.1.1")
        field = pilot.app.screen.query_one("#tariff-query", Input)
        field.focus()
        field.value = "0901.11"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")  # the subpartida 0901.11, first of the hits
        await settle(pilot)
        await pilot.press("down")  # its second line
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=to_lines)


def test_tariff_word_search(snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
    async def to_hits(pilot) -> None:  # type: ignore[no-untyped-def]
        await login_as_agente_to_home(pilot)
        await open_option(pilot, "2.1.1")
        field = pilot.app.screen.query_one("#tariff-query", Input)
        field.focus()
        field.value = "motores"
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=to_hits)
