"""The Textual App: holds the Desk (services), the session's Actor, and little else."""

from __future__ import annotations

import os
import signal
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from ecuapass_tui import i18n
from ecuapass_tui.i18n import N_
from ecuapass_tui.screens.commands import MenuCommands
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.facade import Desk

if TYPE_CHECKING:
    from ecuapass_tui.config import Settings
    from ecuapass_tui.services.remember import Remembered

ANSI_THEME = "ansi-dark"
DEFAULT_THEME = "textual-dark"


def choose_theme(configured: str | None, color_system: str | None, environ: dict[str, str]) -> str:
    """NO_COLOR always gets the ansi theme; a configured theme wins next; a 16-colour
    terminal (TERM=xterm) gets the ansi theme; otherwise the default."""
    if environ.get("NO_COLOR"):
        return ANSI_THEME
    if configured:
        return configured
    if color_system in (None, "standard", "windows"):
        return ANSI_THEME
    return DEFAULT_THEME


class EcuapassApp(App[None]):
    TITLE = "ECUAPASS"
    CSS_PATH = "styles/app.tcss"
    COMMANDS = {MenuCommands}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS = [
        # Priority: focus moves when the key arrives, so keys typed right after Tab (a burst
        # over a slow SSH link) land in the next field instead of the one being left.
        Binding("tab", "focus_next", N_("Siguiente"), show=False, priority=True, id="next"),
        Binding(
            "shift+tab", "focus_previous", N_("Anterior"), show=False, priority=True, id="previous"
        ),
        Binding("ctrl+p", "command_palette", N_("Consultar"), id="consultar", priority=True),
        # Shown in the login footer (LoginScreen); on other screens the footer has no room.
        Binding("ctrl+q", "quit", N_("Salir"), id="quit", priority=True, show=False),
    ]

    def __init__(
        self,
        desk: Desk,
        *,
        settings: Settings | None = None,
        language: str = "es",
        theme: str | None = None,
        remembered: Remembered | None = None,
    ) -> None:
        super().__init__()
        self.desk = desk
        self.settings = settings
        self.actor: Actor | None = None
        self.remembered = remembered
        self.start_language = language
        self.requested_theme = theme
        self.animation_level = "none"
        i18n.set_language(language)

    def on_mount(self) -> None:
        self.theme = choose_theme(self.requested_theme, self.console.color_system, dict(os.environ))
        try:
            import asyncio

            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.exit)
        except (NotImplementedError, RuntimeError, ValueError):
            pass
        from ecuapass_tui.screens.admin_create import AdminCreateScreen
        from ecuapass_tui.screens.login import LoginScreen

        if self.desk.needs_first_admin():
            self.push_screen(AdminCreateScreen())
        else:
            self.push_screen(LoginScreen())

    # -- session
    def start_session(self, actor: Actor) -> None:
        from ecuapass_tui.screens.home import HomeScreen
        from ecuapass_tui.screens.oce_select import OceSelectScreen

        self.actor = actor
        i18n.set_language(actor.language)
        if actor.company_id is not None:
            self.switch_screen(OceSelectScreen())
        else:
            self.switch_screen(HomeScreen())

    def enter_home(self, actor: Actor) -> None:
        from ecuapass_tui.screens.home import HomeScreen

        self.actor = actor
        self.switch_screen(HomeScreen())

    def end_session(self) -> None:
        from ecuapass_tui.screens.login import LoginScreen

        actor, self.actor = self.actor, None
        if actor is not None:
            self.run_worker(lambda: self.desk.logout(actor), thread=True, name="logout")
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(LoginScreen())
