"""widgets/redraw.py: a screen hidden under another repaints nothing while hidden, and shows
what changed meanwhile once it is shown again; a table that gains or loses the focus repaints
its cursor's line, not every line."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label

from ecuapass_tui.screens.styles import APP_CSS
from ecuapass_tui.widgets.footer import LocalFooter


class Lower(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Label("antes", id="lower-label")
        yield LocalFooter()


class Upper(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Label("encima", id="upper-label")


class Stack(App[None]):
    def on_mount(self) -> None:
        self.push_screen(Lower())


@pytest.mark.every_frame  # the hidden screen's frames are what is measured
async def test_a_hidden_screen_shows_its_changes_once_shown_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with Stack().run_test(size=(40, 6)) as pilot:
        lower = pilot.app.screen
        pilot.app.push_screen(Upper())
        await pilot.pause()
        painted: list[object] = []
        display = pilot.app._display

        def record(screen: Screen[Any], renderable: object) -> None:
            painted.append(renderable)
            display(screen, renderable)  # type: ignore[arg-type]

        monkeypatch.setattr(pilot.app, "_display", record)
        lower.query_one("#lower-label", Label).update("después")
        await pilot.pause(0.1)  # the hidden screen's update timer has run
        assert [p for p in painted if p is not None] == []  # nothing written to the terminal
        pilot.app.pop_screen()
        await pilot.pause()
        shown = pilot.app.export_screenshot()
        assert "después" in shown
        assert "encima" not in shown


class TableAndField(App[None]):
    CSS_PATH = APP_CSS

    def compose(self) -> ComposeResult:
        yield Input(id="field")
        table: DataTable[str] = DataTable(cursor_type="row")
        table.add_columns("Número", "Estado")
        table.add_rows([(f"{n:04}", "Pendiente") for n in range(12)])
        yield table


@pytest.mark.every_frame  # the lines written on a focus change are what is measured
async def test_a_table_gaining_or_losing_the_focus_repaints_its_cursor_line_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with TableAndField().run_test(size=(40, 16)) as pilot:
        await pilot.pause()
        lines: set[int] = set()
        display = pilot.app._display

        def record(screen: Screen[Any], renderable: object) -> None:
            lines.update(y for y, _start, _end in getattr(renderable, "spans", []))
            display(screen, renderable)  # type: ignore[arg-type]

        monkeypatch.setattr(pilot.app, "_display", record)
        for key in ("tab", "shift+tab"):
            lines.clear()
            await pilot.press(key)
            await pilot.pause(0.1)
            # the field's line (0-2) and the table's cursor (its first row, under the header)
            assert lines <= {0, 1, 2, 4}, key
        assert isinstance(pilot.app.focused, Input)
        text = pilot.app.export_screenshot()
        assert "0000" in text and "0011" in text
