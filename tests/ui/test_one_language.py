"""One language per screen: Textual's own texts in Spanish, honest empty menus, 2.6's codes."""

from __future__ import annotations

from tests.ui.flows import login_as_agente_to_home, screen_text, settle
from tests.ui.mesa_user_flows import open_option
from tests.ui.notified import Notified
from textual.command import CommandList
from textual.widgets import DataTable, Input, OptionList, Select

from ecuapass_tui.screens.home import empty_menu_text
from ecuapass_tui.screens.informativos.catalogs import CatalogsScreen
from ecuapass_tui.services.catalogs import CatalogRow
from ecuapass_tui.widgets.footer import LocalFooter


def footer_text(pilot) -> str:  # type: ignore[no-untyped-def]
    footer = pilot.app.screen.query_one(LocalFooter)
    return " ".join(
        str(getattr(key, "description", ""))
        for key in footer.query("FooterKey")
        if getattr(key, "description", None)
    )


async def test_home_palette_and_quit_hint_speak_spanish(make_app) -> None:
    notified = Notified()
    async with make_app().run_test(size=(80, 24), message_hook=notified) as pilot:
        await login_as_agente_to_home(pilot)
        text = screen_text(pilot)
        # The Ventanilla Única lists its options; its link (v) takes the user to them.
        assert "4.1 Documentos de Acompañamiento" in text
        assert "aún no están en esta instalación" not in text
        await pilot.press("v")
        await pilot.pause()
        focused = pilot.app.focused
        assert isinstance(focused, OptionList) and focused.highlighted is not None
        assert str(focused.get_option_at_index(focused.highlighted).id).startswith("4.")

        await pilot.press("ctrl+c")  # users reach for it to quit
        await pilot.pause()
        assert "Pulse ctrl+q para salir de la aplicación." in notified.text()
        assert "quit" not in notified.text()

        await pilot.press("ctrl+p")
        await pilot.pause()
        palette_input = pilot.app.screen.query_one(Input)
        assert palette_input.placeholder == "Buscar opciones por número o palabras…"
        await pilot.press(*"zzzz")
        await pilot.pause(0.8)
        options = pilot.app.screen.query_one(CommandList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("No hay opciones que coincidan" in line for line in shown), shown
        await pilot.press("escape")
        await pilot.pause()


async def test_a_select_list_and_catalogs_speak_spanish(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        await open_option(pilot, "1.3")
        select = pilot.app.screen.query_one("#f-operacion", Select)
        select.focus()
        await pilot.press("enter")  # opens the list
        await pilot.pause()
        assert "Cerrar la lista" in footer_text(pilot)
        assert "Dismiss" not in footer_text(pilot)
        await pilot.press("escape", "escape")
        await settle(pilot)

        await open_option(pilot, "2.6")
        screen = pilot.app.screen
        assert isinstance(screen, CatalogsScreen)
        text = screen_text(pilot)
        assert "AGENTE DE ADUANA" in text
        assert "agente_aduana" not in text  # the program's own key, which no user knows
        long_name = "Cantón con un nombre mucho más largo que su columna"
        screen.fill("cantons", [CatalogRow("9999", long_name, "X")])
        await pilot.pause()
        table = screen.query_one("#table-cantons", DataTable)
        shown = str(table.get_row_at(table.row_count - 1)[1])
        assert shown.endswith("…") and long_name.startswith(shown[:-1])


def test_an_empty_menu_says_why() -> None:
    # Every menu has options here: a menu whose options this installation lacks says so, one
    # whose options the user may not open says that.
    assert empty_menu_text("otro") == "Las opciones de este menú aún no están en esta instalación."
    assert empty_menu_text("vue") == "Ninguna opción de este menú está habilitada para su usuario."
