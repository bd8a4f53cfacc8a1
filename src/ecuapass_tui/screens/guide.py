"""Guía del uso: keys and flows, built from the menu registry."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ecuapass_tui.core.menus import options_for, registry
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import AppScreen, title_bar
from ecuapass_tui.screens.registry import AVAILABLE
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.safe import safe


class GuideScreen(AppScreen):
    BINDINGS = [Binding("escape", "app.pop_screen", N_("Volver"), id="back")]

    def guide_text(self) -> str:
        actor = self.actor
        language = actor.language
        lines = [
            _("Cómo se usa"),
            "  " + _("1. Inicie sesión con RUC, ID. Usuario y contraseña."),
            "  " + _("2. Elija el tipo de OCE y, si su empresa tiene varios, el código."),
            "  "
            + _("3. En la pantalla principal revise su Buzón Electrónico y abra las opciones."),
            "",
            _("Teclas"),
            "  Tab / Shift+Tab   " + _("pasar de un panel a otro"),
            "  ↑ ↓ Enter         " + _("moverse en una lista y abrir"),
            "  Ctrl+P            "
            + _("Consultar: buscar una opción por número (2.6) o por palabras"),
            "  b                 " + _("Buzón Electrónico"),
            "  t i c u           "
            + _("ir a Trámites, Informativos, Soporte al Cliente, Ventanilla Única"),
            "  1 … 6             " + _("abrir la opción guardada en Mi menú"),
            "  + / -             " + _("agregar o quitar la opción elegida de Mi menú"),
            "  s / v / g         " + _("SENAE, VUE, Guía del uso"),
            "  x                 " + _("Cerrar sesión"),
            "  Esc               " + _("volver"),
            "  Ctrl+Q            " + _("salir del programa"),
            "",
            _("Opciones disponibles para su usuario"),
        ]
        options = options_for(actor, AVAILABLE)
        for menu in registry().menus:
            in_menu = [o for o in options if o.menu == menu.id]
            if in_menu:
                lines.append("  " + menu.title(language))
                lines.extend("    " + o.label(language) for o in in_menu)
        return "\n".join(lines)

    def compose(self) -> ComposeResult:
        yield title_bar(_("Guía del uso"))
        with VerticalScroll(classes="section"):
            yield Static(safe(self.guide_text()), id="guide-text")
        yield LocalFooter()
