"""Snapshots of the Ventanilla Única at 80x24 (theme textual-dark, clock frozen on 24/11/2026):
the home with the VUE menu open, 4.4 Estado de procesamiento and the institution's queue 4.6.

Update with `pytest tests/snapshots/test_vue_snapshots.py --snapshot-update` and look at the
SVG first."""

from __future__ import annotations

from tests.ui.flows import login_as_agente_to_home, settle
from tests.ui.vue_flows import IMPORTADOR, login_as_institution, login_to_home

from ecuapass_tui.screens.registry import open_option


def test_vue_menu(snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
    async def to_menu(pilot) -> None:  # type: ignore[no-untyped-def]
        await login_as_agente_to_home(pilot)
        await pilot.press("v")  # the VUE link: the Ventanilla Única menu
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=to_menu)


def test_vue_estado_de_procesamiento(snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
    async def to_list(pilot) -> None:  # type: ignore[no-untyped-def]
        await login_to_home(pilot, IMPORTADOR)
        open_option(pilot.app, "4.4")
        await settle(pilot)
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=to_list)


def test_vue_institution_queue(snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
    async def to_queue(pilot) -> None:  # type: ignore[no-untyped-def]
        await login_as_institution(pilot)
        open_option(pilot.app, "4.6")
        await settle(pilot)
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=to_queue)
