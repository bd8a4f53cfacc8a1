"""Servicios de uso frecuente (seed 003's login page): the options that `data/menus.toml` marks
`public`, opened without an account. The login screen makes the App's actor a guest
(`Actor.guest`) before this screen opens; Escape here ends that and goes back to the login.

The list is the registry's: the guest's options (`options_for`) grouped by menu. The services
refuse a guest everything else (services/desk_base.py, services/access.py).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ecuapass_tui.core.menus import options_for, visible_menus
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import AppScreen, title_bar
from ecuapass_tui.screens.registry import AVAILABLE, open_option
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.safe import safe


class PublicServicesScreen(AppScreen):
    BINDINGS = [Binding("escape", "back", N_("Volver"), id="public-back")]

    def compose(self) -> ComposeResult:
        actor = self.actor
        language = actor.language
        options = options_for(actor, AVAILABLE)
        entries: list[Option | None] = []
        for menu in visible_menus(actor):
            in_menu = [o for o in options if o.menu == menu.id]
            if not in_menu:
                continue
            if entries:
                entries.append(None)  # a separator line between menus
            entries.append(Option(safe(menu.title(language), single_line=True), disabled=True))
            entries += [
                Option(safe("  " + o.label(language), single_line=True), id=o.number)
                for o in in_menu
            ]
        yield title_bar(_("ECUAPASS · Servicios de uso frecuente"))
        yield Static(
            _("Sin iniciar sesión. Enter abre la opción; Esc vuelve al inicio de sesión."),
            classes="breadcrumb",
        )
        yield OptionList(*entries, id="public-options")
        yield LocalFooter()

    def on_mount(self) -> None:
        options = self.query_one("#public-options", OptionList)
        options.focus()
        options.action_first()

    @on(OptionList.OptionSelected)
    def option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            open_option(self.app, event.option.id)

    def action_back(self) -> None:
        self.ecuapass.actor = None
        self.app.pop_screen()
