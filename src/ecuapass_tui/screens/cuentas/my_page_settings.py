"""3.11.2 Configurar mi página: language, theme (high contrast and ansi included), Mi menú and
the notification preferences (SMS to the registered mobile, e-mail)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, OptionList, Select, Static
from textual.widgets.option_list import Option

from ecuapass_tui import i18n
from ecuapass_tui.core.menus import options_for, registry
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.cuentas.session import apply_theme
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.registry import AVAILABLE
from ecuapass_tui.screens.styles import CUENTAS_CSS
from ecuapass_tui.services.cuentas.my_page import Preferences
from ecuapass_tui.services.errors import FieldErrors, ServiceError
from ecuapass_tui.texts import error_text, text
from ecuapass_tui.widgets.safe import safe

THEMES = (
    ("textual-dark", N_("Oscuro")),
    ("textual-light", N_("Claro")),
    ("ecuapass-alto-contraste", N_("Alto contraste")),
    ("ansi-dark", N_("ANSI oscuro (16 colores del terminal)")),
    ("ansi-light", N_("ANSI claro (16 colores del terminal)")),
)


class MyPageSettingsScreen(OptionScreen):
    OPTION_NUMBER = "3.11.2"
    CSS_PATH = CUENTAS_CSS
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Volver"), id="back"),
        Binding("ctrl+s", "save", N_("Guardar"), id="prefs-save"),
        Binding("delete", "remove_favourite", N_("Quitar de Mi menú"), id="prefs-remove"),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with VerticalScroll(classes="cuentas-scroll", id="prefs"):
            with Horizontal(classes="field-row"):
                yield Static(_("Idioma"), classes="field-label")
                yield Select(
                    [("Español", "es"), ("English", "en")],
                    allow_blank=False,
                    compact=True,
                    id="prefs-language",
                )
            with Horizontal(classes="field-row"):
                yield Static(_("Tema"), classes="field-label")
                yield Select(
                    [(_(label), name) for name, label in THEMES],
                    allow_blank=False,
                    compact=True,
                    id="prefs-theme",
                )
            yield Checkbox(
                _("Recibir mensajes SMS en el celular registrado"), compact=True, id="prefs-sms"
            )
            yield Checkbox(
                _("Recibir las notificaciones también por correo electrónico"),
                compact=True,
                id="prefs-mail",
            )
            yield Static("", id="prefs-contact", classes="hint")
            yield Button(_("Guardar (Ctrl+S)"), id="prefs-go", variant="primary", compact=True)
            yield Static(_("Mi menú (Supr: quitar la opción elegida)"), classes="hint")
            yield OptionList(id="prefs-mi-menu")
            with Horizontal(classes="field-row"):
                yield Static(_("Agregar opción"), classes="field-label")
                yield Select([], prompt=_("Elija una opción"), compact=True, id="prefs-add")
                yield Button(_("Agregar"), id="prefs-add-go", compact=True)
            yield Static("", id="prefs-note", classes="cuentas-note")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        language = self.actor.language
        choices = [(o.label(language), o.number) for o in options_for(self.actor, AVAILABLE)]
        self.query_one("#prefs-add", Select).set_options(choices)
        self.query_one("#prefs-language", Select).focus()
        self.load()

    def load(self, note: str = "") -> None:
        actor = self.actor
        run_job(
            self,
            lambda: (self.desk.preferences(actor), self.desk.favourites(actor)),
            lambda loaded: self.loaded(*loaded, note),
            name="prefs-load",
            refused=lambda error: self.loaded(None, {}, error_text(error)),
        )

    def loaded(self, prefs: Preferences | None, favourites: dict[int, str], note: str) -> None:
        if prefs is not None:
            self.query_one("#prefs-language", Select).value = prefs.language
            theme = prefs.theme or self.app.theme
            if theme in {name for name, _label in THEMES}:
                self.query_one("#prefs-theme", Select).value = theme
            self.query_one("#prefs-sms", Checkbox).value = prefs.receive_sms
            self.query_one("#prefs-mail", Checkbox).value = prefs.notify_email
            contact = _("Celular: {celular} · Correo: {correo} (se cambian en 3.2.3)").format(
                celular=prefs.mobile or "—", correo=prefs.email or "—"
            )
            self.query_one("#prefs-contact", Static).update(safe(contact))
        box = self.query_one("#prefs-mi-menu", OptionList)
        box.clear_options()
        for slot in range(1, 7):
            number = favourites.get(slot)
            option = registry().option(number) if number else None
            label = option.label(self.actor.language) if option else "·"
            box.add_option(
                Option(safe(f"[{slot}] {label}", single_line=True), id=number or f"empty-{slot}")
            )
        self.query_one("#prefs-note", Static).update(safe(note))

    @on(Button.Pressed, "#prefs-go")
    def action_save(self) -> None:
        self.save(
            {
                "language": self.query_one("#prefs-language", Select).value,
                "theme": self.query_one("#prefs-theme", Select).value,
                "receive_sms": self.query_one("#prefs-sms", Checkbox).value,
                "notify_email": self.query_one("#prefs-mail", Checkbox).value,
            }
        )

    def save(self, values: dict[str, Any]) -> None:
        actor = self.actor
        run_job(
            self,
            lambda: self.desk.save_preferences(actor, **values),
            lambda saved: self._applied(saved, str(values["theme"])),
            name="prefs-save",
            refused=self._save_refused,
        )

    def _save_refused(self, error: ServiceError) -> None:
        if isinstance(error, FieldErrors):
            self.loaded(None, {}, " ".join(text(c) for c in error.rules.values()))
        else:
            self.loaded(None, {}, error_text(error))

    def _applied(self, actor: Any, theme: str) -> None:
        self.ecuapass.actor = replace(self.actor, language=actor.language)
        i18n.set_language(actor.language)
        apply_theme(self.app, theme)
        self.load(_("Preferencias guardadas."))

    @on(Button.Pressed, "#prefs-add-go")
    def _add(self) -> None:
        number = self.query_one("#prefs-add", Select).value
        if isinstance(number, str):
            self.favourite(number, add=True)

    def action_remove_favourite(self) -> None:
        box = self.query_one("#prefs-mi-menu", OptionList)
        if box.highlighted is None:
            return
        number = box.get_option_at_index(box.highlighted).id
        if number and not number.startswith("empty-"):
            self.favourite(number, add=False)

    def favourite(self, number: str, *, add: bool) -> None:
        actor = self.actor
        change = self.desk.add_favourite if add else self.desk.remove_favourite
        run_job(
            self,
            lambda: change(actor, number),
            lambda _done: self.load(_("Mi menú actualizado.")),
            name="prefs-favourite",
            refused=lambda error: self.load(error_text(error)),
        )
