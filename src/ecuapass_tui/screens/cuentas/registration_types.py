"""Solicitud del uso (seed 003), from the login screen: the five user types, each with the
seed's description; Enter opens the type's form."""

from __future__ import annotations

from importlib import import_module
from threading import Thread

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import AppScreen, support_breadcrumb, title_bar
from ecuapass_tui.screens.styles import CUENTAS_CSS
from ecuapass_tui.widgets.footer import LocalFooter

TYPES = (
    (
        "representante",
        N_("Solicitud del uso (Representante)"),
        N_(
            "La información de la empresa, del representante y el certificado de autenticación "
            "deben ser aprobados para utilizar los servicios del despacho, como la elaboración "
            "de la declaración aduanera o la consulta del rendimiento de la empresa."
        ),
    ),
    (
        "empleado",
        N_("Solicitud del uso (Empleado)"),
        N_(
            "El empleado de la empresa registra su información. Podrá utilizar los servicios de "
            "la empresa cuando se identifique con el certificado digital de persona jurídica de "
            "la empresa y su Representante le asigne los permisos."
        ),
    ),
    (
        "general",
        N_("Solicitud del uso (General)"),
        N_(
            "El usuario general puede utilizar los servicios de información, como la consulta "
            "de información pública y Mi página."
        ),
    ),
    (
        "representante_entidad",
        N_("Solicitud del uso (Representante de la entidad)"),
        N_(
            "El usuario de la entidad pública debe registrarse para tramitar en la VUE las "
            "operaciones de CO, DDO y DCP."
        ),
    ),
    (
        "entidad",
        N_("Solicitud del uso (Entidad u Organismo Internacional)"),
        N_(
            "Entidades u organismos internacionales sin RUC en el Ecuador que tramitan en la VUE "
            "las operaciones de CO, DDO y DCP."
        ),
    ),
)


class RegistrationTypeScreen(AppScreen):
    CSS_PATH = CUENTAS_CSS
    BINDINGS = [Binding("escape", "app.pop_screen", N_("Volver"), id="back")]

    def compose(self) -> ComposeResult:
        yield title_bar("ECUAPASS · " + _("Solicitud del uso"))
        yield support_breadcrumb(_("Solicitud del uso"))
        yield Static(
            _(
                "Se clasifica el registro de usuario por usuarios del despacho y usuarios de "
                "servicio adicional. Registre según el tipo de usuario que le corresponde; una "
                "vez registrado podrá utilizar los servicios del portal."
            ),
            classes="hint",
        )
        options = []
        for kind, title, description in TYPES:
            prompt = Text(_(title), style="bold")
            prompt.append("\n" + _(description), style="")
            options.append(Option(prompt, id=kind))
        yield OptionList(*options, id="solicitud-types")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one("#solicitud-types", OptionList).focus()
        self.query_one("#solicitud-types", OptionList).highlighted = 0
        self.set_timer(FORMS_DELAY, _load_forms)

    @on(OptionList.OptionSelected, "#solicitud-types")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        from ecuapass_tui.screens.cuentas.registration import RegistrationScreen

        if event.option.id:
            self.app.push_screen(RegistrationScreen(event.option.id))


FORMS_MODULE = "ecuapass_tui.screens.cuentas.registration"
FORMS_DELAY = 0.2  # seconds: after the list's last frames, which the import would slow


def _load_forms() -> None:
    """Import the forms' screen (the form widgets: about 200 ms of imports) in a thread once
    the list is drawn, while the user reads it: the list opens without that wait, and the
    chosen form without most of it."""
    Thread(target=import_module, args=(FORMS_MODULE,), name="load-forms", daemon=True).start()
