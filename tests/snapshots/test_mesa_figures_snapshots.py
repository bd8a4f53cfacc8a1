"""Snapshot of MS.7 Cifras de la Mesa de Servicios at 80x24 (theme textual-dark, clock frozen):
the supervisor's view of this installation's last 18 months and SENAE's published series."""

from __future__ import annotations

from tests.ui.flows import login, settle

from ecuapass_tui.screens.registry import open_option


async def to_figures(pilot) -> None:  # type: ignore[no-untyped-def]
    await login(pilot, "", "supervisor", "Supervisor2026ec")
    open_option(pilot.app, "MS.7")
    await settle(pilot)


def test_mesa_figures_screen(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=to_figures)
