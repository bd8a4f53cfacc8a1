"""A screen hidden under another repaints nothing while hidden (widgets/redraw.py), and
shows what changed meanwhile once it is shown again."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Label

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
