"""Snapshots at 80x24 of 2.1.2 Consulta de tasa de moneda (the day's table and a conversion)
and of the tax estimate of a sample line (its figures and the estimate's label)."""

from __future__ import annotations

from tests.ui.flows import settle
from tests.ui.test_rates_flows import SHOES, at_home, set_inputs

from ecuapass_tui.screens.informativos.tax_estimate import TaxEstimateScreen
from ecuapass_tui.screens.registry import open_option


def test_rates(snap_compare, make_app) -> None:
    async def converted(pilot) -> None:
        await at_home(pilot)
        open_option(pilot.app, "2.1.2")
        await settle(pilot)
        set_inputs(pilot, {"amount": "250", "currency": "GBP"})
        pilot.app.screen.query_one("#currency").focus()
        await pilot.press("enter")
        await settle(pilot)
        pilot.app.screen.query_one("#rates").focus()
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=converted)


def test_tax_estimate(snap_compare, make_app) -> None:
    async def estimated(pilot) -> None:
        await at_home(pilot)
        pilot.app.push_screen(TaxEstimateScreen(SHOES))
        await settle(pilot)
        pilot.app.screen.query_one("#mode-fob").value = True
        await settle(pilot)
        set_inputs(pilot, {"fob": "1500", "flete": "120,50", "currency": "EUR", "quantity": "4"})
        pilot.app.screen.query_one("#fob").focus()
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=estimated)
