"""Terminal sizes: at 80x24 nothing a user needs is cut, at 200x50 the text columns take the
room, at 60x20 home still shows its four menus."""

from __future__ import annotations

from tests.ui.flows import login, login_as_agente_to_home, settle
from tests.ui.mesa_user_flows import open_option
from textual.pilot import Pilot
from textual.widgets import Input

from ecuapass_tui.screens.registry import open_option as open_staff_option
from ecuapass_tui.widgets.columns import share


def drawn(pilot: Pilot) -> str:
    """The screen as the terminal shows it, one line per row."""
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def test_text_columns_share_the_room() -> None:
    assert share(10, [(5, 20, 1)]) == [10]
    assert share(20, [(5, 8, 1), (5, 30, 1)]) == [8, 12]  # the first is satisfied at 8
    assert share(50, [(5, 8, 1), (5, 9, 1)]) == [41, 9]  # what nobody wants goes to the first
    assert share(50, [(5, 8, 1), (5, 9, 4)]) == [8, 42]  # ... or to the heaviest
    assert share(14, [(5, 30, 3), (5, 30, 1)]) == [8, 6]  # weights
    assert share(4, [(5, 30, 1), (5, 30, 1)]) == [5, 5]  # never under the minimum


async def test_mailbox_at_80_60_and_200_columns(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        screen = drawn(pilot)
        # A registered and an answered notice of one ticket no longer look the same.
        assert "Ticket MS-2026-000073 respondido" in screen
        assert "Ticket MS-2026-000073 registrado:" in screen
        assert "23/11/2026 13:32" in screen

        await pilot.resize_terminal(200, 50)
        await settle(pilot)
        screen = drawn(pilot)
        assert "Ticket MS-2026-000072: se requiere información adicional" in screen
        assert "BUZON PERSONAL" in screen  # the Destinatario is back

        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        home = pilot.app.screen
        for box in home.query(".menu-box"):
            region = box.region
            assert region.height >= 3 and region.bottom <= 19, box.id  # above the footer
        await pilot.press("u")
        assert "Ventanilla Única" in drawn(pilot)
        await pilot.press("c")
        assert pilot.app.focused is not None and pilot.app.focused.id == "menu-soporte"


async def test_tracking_at_80x24_shows_the_dai_its_amount_and_the_observation(
    make_app,
) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        await open_option(pilot, "2.11")
        field = pilot.app.screen.query_one("#tracking-query", Input)
        field.focus()
        field.value = "HLXU3382210"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = drawn(pilot)
        assert "DAI 028-2026-10-00000004" in screen
        assert "USD 3.876,33" in screen or "USD 3,876.33" in screen
        assert "al declarante" in screen  # the end of the stage's observation
        assert "TORRES VALDIVIESO MARÍA JOSÉ" not in screen  # cut at 80 columns, with "…"
        assert "TORRES VALDIVIESO" in screen

        await pilot.resize_terminal(200, 50)
        await settle(pilot)
        assert "TORRES VALDIVIESO MARÍA JOSÉ" in drawn(pilot)


async def test_staff_queue_and_unlock_list_fit(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login(pilot, "", "supervisor", "Supervisor2026ec")
        # The staff header wraps instead of cutting the user's class.
        assert "Supervisor de la Mesa de Servicios" in " ".join(drawn(pilot).split())

        open_staff_option(pilot.app, "MS.9")
        await settle(pilot)
        screen = drawn(pilot)
        assert "ROBERTO CARLOS ZAMBRANO MERA" in screen
        assert "inhabilitado  —" in screen  # the state and the time, whole
        assert "Representante · RUC 0993456780001" in screen  # under the table
        await pilot.press("escape")
        await settle(pilot)

        await pilot.resize_terminal(200, 50)
        open_staff_option(pilot.app, "MS.1")
        await settle(pilot)
        subject = pilot.app.screen.query_one("#staff-queue").columns["asunto"]
        assert subject.width > 60
        assert "Corrección de una DAI ya aceptada" in drawn(pilot)
