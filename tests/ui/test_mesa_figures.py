"""MS.7 Cifras de la Mesa de Servicios in Pilot: a supervisor reaches it through the Mesa de
Servicios menu, sees this installation's months and SENAE's published figures, and switches
the published series."""

from __future__ import annotations

from tests.ui.flows import highlight_option, login, screen_text, settle
from textual.widgets import DataTable

from ecuapass_tui.screens.mesa.figures import MesaFiguresScreen

SUPERVISOR = ("", "supervisor", "Supervisor2026ec")


async def to_figures(pilot) -> MesaFiguresScreen:  # type: ignore[no-untyped-def]
    await login(pilot, *SUPERVISOR)
    await highlight_option(pilot, "m", "MS.7")
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, MesaFiguresScreen)
    return screen


def row(table: DataTable, month: str) -> list[str]:  # type: ignore[type-arg]
    return [str(cell) for cell in table.get_row(month)]


async def test_supervisor_sees_the_figures_and_switches_series(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await to_figures(pilot)
        text = screen_text(pilot)
        assert "Esta instalación (últimos 18 meses)" in text
        local = screen.query_one("#figures-local", DataTable)
        assert local.row_count == 18
        # Counts are grouped as Spanish writes them (4.503), as every other number.
        # The frozen clock is 2026-11-24: the newest month first, 18 months back to 2025-06.
        assert str(local.get_row_at(0)[0]) == "2026-11"
        assert str(local.get_row_at(17)[0]) == "2025-06"
        november = screen.local[-1]
        assert row(local, "2026-11")[1:3] == [
            f"{november.atenciones:,}".replace(",", "."),
            f"{november.quejas:,}".replace(",", "."),
        ]

        published = screen.query_one("#figures-published", DataTable)
        assert "Mesa de Servicios, 2020-01 a 2025-02" in screen_text(pilot)
        assert published.row_count == 62
        assert row(published, "2024-08")[1:3] == ["4.503", "65"]
        assert row(published, "2021-01")[3] == "█" * 36  # the series' largest month

        await pilot.press("s")
        await pilot.pause()
        assert "SENAE Tracking, 2020-01 a 2025-02" in screen_text(pilot)
        assert row(published, "2024-12")[1:3] == ["301.780", "0"]
        assert row(published, "2024-12")[3] == "█" * 36  # the series' largest month
        await pilot.press("s")
        await pilot.pause()
        assert row(published, "2024-08")[1:3] == ["4.503", "65"]


async def test_an_agente_has_no_figures_option(make_app) -> None:
    from tests.ui.flows import login_as_agente_to_home

    from ecuapass_tui.screens.registry import open_option

    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        assert not open_option(pilot.app, "MS.7")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, MesaFiguresScreen)
