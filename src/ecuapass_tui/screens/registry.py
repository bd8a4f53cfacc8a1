"""Menu option screen key -> screen class. A menu lists an option only when it is here.

One table names each screen by "module:Class"; the module is imported the first time its
screen opens, so importing this table costs nothing and imports no screen."""

from __future__ import annotations

from functools import cache
from importlib import import_module
from threading import Thread
from typing import Any

from textual.app import App
from textual.screen import Screen

from ecuapass_tui.core.menus import can_open, registry
from ecuapass_tui.i18n import _
from ecuapass_tui.screens.base import ecuapass_app
from ecuapass_tui.texts import text

SCREENS = {
    "actualizacion_datos": "cuentas.data_update:DataUpdateScreen",
    "catalogs": "informativos.catalogs:CatalogsScreen",
    "configurar_mi_pagina": "cuentas.my_page_settings:MyPageSettingsScreen",
    "faq": "faq:FaqScreen",
    "mesa_cifras": "mesa.figures:MesaFiguresScreen",
    "mesa_cola": "mesa.queue:QueueScreen",
    "mesa_consulta": "mesa.tickets:ConsultaScreen",
    "mesa_incidente": "mesa.tickets:IncidenteScreen",
    "mesa_mis_tickets": "mesa.my_tickets:MyTicketsScreen",
    "mesa_telefono": "mesa.phone:PhoneIntakeScreen",
    "mi_pagina": "cuentas.my_page:MyPageScreen",
    "permisos_empleados": "cuentas.permissions:PermissionsScreen",
    "rates": "informativos.rates:RatesScreen",
    "ruc_lookup": "informativos.ruc_lookup:RucLookupScreen",
    "solicitudes_empleados": "cuentas.approvals:EmployeeRequestsScreen",
    "solicitudes_registro": "cuentas.approvals:ApprovalsScreen",
    "sugerencias": "mesa.suggestions:SuggestionsScreen",
    "tariff": "informativos.tariff:TariffScreen",
    "suggestions_received": "mesa.suggestions_received:SuggestionsReceivedScreen",
    "senae_tracking": "tramites.tracking:TrackingScreen",
    "tramite_integral": "tramites.estado_tramite:EstadoTramiteScreen",
    "e_documentos": "tramites.e_documents:EDocumentsScreen",
    "facilidades_pago": "tramites.payments:PaymentsScreen",
    "integridad_documento": "tramites.integrity:IntegrityScreen",
    "evento_carga": "tramites.tracking_form:StaffEventScreen",
    "importar_eventos": "tramites.tracking_import:ImportEventsScreen",
    "facilidades_decidir": "tramites.payment_lists:DecideScreen",
    "unlock_users": "cuentas.unlock_users:UnlockUsersScreen",
    "vue_acompanamiento": "vue.acompanamiento:AcompanamientoScreen",
    "vue_soporte": "vue.support:SupportScreen",
    "vue_origen": "vue.origin:OriginScreen",
    "vue_estado": "vue.estado:EstadoScreen",
    "vue_pago": "vue.payments:PagoScreen",
    "vue_cola": "vue.queue:QueueScreen",
}

AVAILABLE = frozenset(SCREENS)
_preloaded: set[str] = set()


@cache
def screen_class(key: str) -> type[Screen[None]] | None:
    """The screen class of `key` (its module imported on first use), None when unknown."""
    target = SCREENS.get(key)
    if target is None:
        return None
    module, name = target.split(":")
    screen: type[Screen[None]] = getattr(import_module(f"ecuapass_tui.screens.{module}"), name)
    return screen


def preload(key: str) -> None:
    """Import the screen module of `key` in a thread, while the user is still choosing (the
    palette found this option): Enter then opens a screen whose module is loaded already."""
    if key in SCREENS and key not in _preloaded:
        _preloaded.add(key)
        Thread(target=screen_class, args=(key,), name=f"preload-{key}", daemon=True).start()


def screen_classes() -> dict[str, type[Screen[None]]]:
    """Every key with its class (imports every screen: for checks, not for the app)."""
    return {key: cls for key in SCREENS if (cls := screen_class(key)) is not None}


def open_option(app: App[Any], number: str) -> bool:
    """Push the option's screen when the actor may open it; False otherwise."""
    actor = ecuapass_app(app).actor
    option = registry().option(number)
    if actor is None or option is None:
        return False
    if not can_open(actor, number):
        app.notify(text("permission_denied"), severity="error", markup=False)
        return False
    opened = screen_class(option.screen)
    if opened is None:
        app.notify(_("La opción no está disponible."), severity="error", markup=False)
        return False
    app.push_screen(opened())
    return True
