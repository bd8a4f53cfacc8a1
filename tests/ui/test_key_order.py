"""Keys typed in a burst act in the order they were typed (as a terminal delivers them over a
slow link or from a fast typist): Backspace and the arrows are not overtaken by the letters
that follow them."""

from __future__ import annotations

from tests.ui.flows import AGENTE, login, screen_text, settle
from tests.ui.keys_flows import burst

from ecuapass_tui.widgets.inputs import Field


async def test_a_password_corrected_in_one_burst_logs_in(make_app) -> None:
    ruc, username, password = AGENTE
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login(pilot, ruc, username, "bad")
        assert "incorrectos" in screen_text(pilot)
        burst(pilot, ["backspace", "backspace", "backspace", *password, "enter"])
        await settle(pilot)
        await pilot.pause(0.3)
        await settle(pilot)
        assert "Seleccione el tipo de OCE" in screen_text(pilot)


async def test_arrows_and_delete_in_a_burst_edit_where_they_were_typed(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        field = pilot.app.screen.query_one("#username", Field)
        field.focus()
        await pilot.pause()
        burst(pilot, [*"agnte", "left", "left", "left", "e", "end", "backspace", *"es"])
        await pilot.pause(0.2)
        assert field.value == "agentes"
