"""The baseline: the smallest Textual app with the same kind of screen (Header, Input, Footer).

Textual's defaults are kept on purpose (a blinking Input cursor among them): this is what any
Textual program costs, against which ecuapass-tui is compared.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input

PLACEHOLDER = "Escriba aquí"


class MinimalApp(App[None]):
    TITLE = "Minimal"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=PLACEHOLDER)
        yield Footer()


if __name__ == "__main__":
    MinimalApp().run()
