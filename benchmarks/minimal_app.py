"""The baseline: the smallest Textual app with the same kind of screen (Header, Input, Footer).

Textual's defaults are kept on purpose (a blinking Input cursor among them): this is what any
Textual program costs, against which ecuapass-tui is compared.

`--push` (screen_open.py): the first screen has no Input; the key `o` pushes a screen with one
Input (Escape pops it), the baseline for opening a screen.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

PLACEHOLDER = "Escriba aquí"
PUSH_KEY = "o"


class InputScreen(Screen[None]):
    BINDINGS = [("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=PLACEHOLDER)
        yield Footer()


class MinimalApp(App[None]):
    TITLE = "Minimal"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=PLACEHOLDER)
        yield Footer()


class PushApp(App[None]):
    TITLE = "Minimal"
    BINDINGS = [(PUSH_KEY, "open", "Open")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Press o")
        yield Footer()

    def action_open(self) -> None:
        self.push_screen(InputScreen())


if __name__ == "__main__":
    (PushApp() if "--push" in sys.argv else MinimalApp()).run()
