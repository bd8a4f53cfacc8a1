"""2.1.1 Consulta de arancel at 80x24: a word search, a subpartida's national lines with the
demo's sample mark and the source of the texts; the tree opens a level at a time."""

from __future__ import annotations

from tests.ui.flows import login_as_agente_to_home, screen_text, settle
from tests.ui.mesa_user_flows import open_option
from textual.widgets import DataTable, Input, Tree

SIZE = (80, 24)


async def test_search_cafe_open_a_line_see_sample_and_source(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await login_as_agente_to_home(pilot)
        await open_option(pilot, "2.1.1")
        await settle(pilot)
        tree = pilot.app.screen.query_one("#tariff-tree", Tree)
        assert "ANIMALES VIVOS" in str(tree.root.children[0].label)
        field = pilot.app.screen.query_one("#tariff-query", Input)
        field.focus()
        field.value = "cafe"
        await pilot.press("enter")
        await settle(pilot)
        hits = pilot.app.screen.query_one("#tariff-hits", DataTable)
        assert "0901.11" in screen_text(pilot) and hits.row_count > 5
        row = next(i for i in range(hits.row_count) if str(hits.get_row_at(i)[0]) == "0901.11")
        hits.move_cursor(row=row)
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(pilot)
        assert "0901.11.90.00 0000 0000" in text
        assert "MUESTRA DE DEMOSTRACIÓN — no válida para declarar" in text
        assert "Nomenclatura Combinada 2026" in text
        assert "AGROCALIDAD: Permiso fitosanitario" in text
        # the line replaced on 01/09/2023 is not in force on the frozen day
        assert "anterior a la reforma" not in text
        await pilot.press("e")  # the tax estimate of the highlighted line
        await settle(pilot)
        assert "Estimación de tributos" in screen_text(pilot)
