"""SENAE: the Mesa de Servicios' contact data and hours (seed 000)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import AppScreen, title_bar
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.safe import safe


def senae_text() -> str:
    return "\n".join(
        (
            _("Servicio Nacional de Aduana del Ecuador (SENAE)"),
            "",
            _("Mesa de Servicios"),
            "  " + _("Correo electrónico: mesadeservicios@aduana.gob.ec"),
            "  " + _("Teléfono: 1800-ADUANA (1800-238262)"),
            "",
            _("Registro de requerimientos: 24 horas al día, 7 días a la semana."),
            _("Atención: lunes a viernes de 08h00 a 17h00 (hora de Ecuador)."),
            "",
            _(
                "Las consultas simples por teléfono se absuelven de inmediato; las de mayor "
                "complejidad se registran en el Portal de Mesa de Servicios con el formulario "
                "que corresponda."
            ),
            "",
            _("Jefatura de Atención al Usuario: mesadeservicios@aduana.gob.ec, 1800-238262."),
            _("El trámite no tiene costo."),
        )
    )


class SenaeScreen(AppScreen):
    BINDINGS = [Binding("escape", "app.pop_screen", N_("Volver"), id="back")]

    def compose(self) -> ComposeResult:
        yield title_bar("SENAE · " + _("Contacto y horario de atención"))
        with VerticalScroll(classes="section"):
            yield Static(safe(senae_text()), id="senae-text")
        yield LocalFooter()
