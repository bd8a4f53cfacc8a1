"""Mesa de Servicios, staff: option MS.2."""

from __future__ import annotations

from textual.app import ComposeResult

from ecuapass_tui.screens.base import OptionScreen


class PhoneIntakeScreen(OptionScreen):
    OPTION_NUMBER = "MS.2"

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield from self.compose_footer()
