"""'Consultar': the command palette finds any option by number (`2.6`) or words (`catálogo`)."""

from __future__ import annotations

from functools import partial

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from ecuapass_tui.core.menus import MenuOption, options_for, registry, search
from ecuapass_tui.i18n import _
from ecuapass_tui.screens.base import ecuapass_app
from ecuapass_tui.screens.registry import AVAILABLE, open_option, preload


class MenuCommands(Provider):
    """Every option the logged-in user may open, from the menu registry."""

    def _options(self) -> list[MenuOption]:
        app = ecuapass_app(self.app)
        if app.actor is None:
            return []
        return options_for(app.actor, AVAILABLE)

    def _open(self, number: str) -> None:
        open_option(self.app, number)

    async def discover(self) -> Hits:
        app = ecuapass_app(self.app)
        language = app.actor.language if app.actor else "es"
        for option in self._options():
            menu = next(m for m in registry().menus if m.id == option.menu)
            yield DiscoveryHit(
                option.label(language),
                partial(self._open, option.number),
                help=menu.title(language),
            )

    async def search(self, query: str) -> Hits:
        app = ecuapass_app(self.app)
        language = app.actor.language if app.actor else "es"
        options = self._options()
        found = search(options, query, language)
        if len(found) == 1 or (found and found[0].number == query.strip().upper()):
            preload(found[0].screen)
        matcher = self.matcher(query)
        for rank, option in enumerate(found):
            label = option.label(language)
            score = max(matcher.match(label), 1.0 - rank / (len(found) + 1))
            yield Hit(
                score, matcher.highlight(label), partial(self._open, option.number), text=label
            )


class LocalCommandPalette(CommandPalette):
    """Textual's palette with its own texts in the user's language."""

    def __init__(self) -> None:
        super().__init__(
            placeholder=_("Buscar opciones por número o palabras…"), id="--command-palette"
        )

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own version writes "No matches found" in English.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(_("No hay opciones que coincidan"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
