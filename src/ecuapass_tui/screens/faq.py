"""3.3 Preguntas y respuestas."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Collapsible, Static

from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.services.faq import faq
from ecuapass_tui.widgets.safe import safe


class FaqScreen(OptionScreen):
    OPTION_NUMBER = "3.3"

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with VerticalScroll(id="faq"):
            for index, entry in enumerate(faq(self.actor.language)):
                with Collapsible(title=entry.question, collapsed=index != 0):
                    yield Static(safe(entry.answer))
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query(Collapsible).first().query_one("CollapsibleTitle").focus()
