"""Mesa de Servicios, staff: option MS.1."""

from __future__ import annotations

from textual.app import ComposeResult

from ecuapass_tui.screens.base import OptionScreen


class QueueScreen(OptionScreen):
    OPTION_NUMBER = "MS.1"

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield from self.compose_footer()
