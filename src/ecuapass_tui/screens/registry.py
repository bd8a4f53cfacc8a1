"""Menu option number -> screen class. A menu lists an option only when it is here."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.screen import Screen

from ecuapass_tui.core.menus import can_open, registry
from ecuapass_tui.screens.base import ecuapass_app


def screen_classes() -> dict[str, type[Screen[None]]]:
    from ecuapass_tui.screens.cuentas.approvals import ApprovalsScreen, EmployeeRequestsScreen
    from ecuapass_tui.screens.cuentas.data_update import DataUpdateScreen
    from ecuapass_tui.screens.cuentas.my_page import MyPageScreen
    from ecuapass_tui.screens.cuentas.my_page_settings import MyPageSettingsScreen
    from ecuapass_tui.screens.cuentas.permissions import PermissionsScreen
    from ecuapass_tui.screens.cuentas.unlock_users import UnlockUsersScreen
    from ecuapass_tui.screens.faq import FaqScreen
    from ecuapass_tui.screens.informativos.catalogs import CatalogsScreen
    from ecuapass_tui.screens.informativos.ruc_lookup import RucLookupScreen
    from ecuapass_tui.screens.mesa.figures import MesaFiguresScreen
    from ecuapass_tui.screens.mesa.my_tickets import MyTicketsScreen
    from ecuapass_tui.screens.mesa.phone import PhoneIntakeScreen
    from ecuapass_tui.screens.mesa.queue import QueueScreen
    from ecuapass_tui.screens.mesa.report import ConsultaScreen, IncidenteScreen
    from ecuapass_tui.screens.mesa.suggestions import SuggestionsScreen
    from ecuapass_tui.screens.mesa.suggestions_received import SuggestionsReceivedScreen
    from ecuapass_tui.screens.tramites.e_documents import EDocumentsScreen
    from ecuapass_tui.screens.tramites.estado_tramite import EstadoTramiteScreen
    from ecuapass_tui.screens.tramites.import_csv import ImportEventsScreen
    from ecuapass_tui.screens.tramites.integrity import IntegrityScreen
    from ecuapass_tui.screens.tramites.payment_lists import DecideScreen
    from ecuapass_tui.screens.tramites.payments import PaymentsScreen
    from ecuapass_tui.screens.tramites.staff_event import StaffEventScreen
    from ecuapass_tui.screens.tramites.tracking import TrackingScreen

    return {
        "actualizacion_datos": DataUpdateScreen,
        "catalogs": CatalogsScreen,
        "configurar_mi_pagina": MyPageSettingsScreen,
        "faq": FaqScreen,
        "mesa_cifras": MesaFiguresScreen,
        "mesa_cola": QueueScreen,
        "mesa_consulta": ConsultaScreen,
        "mesa_incidente": IncidenteScreen,
        "mesa_mis_tickets": MyTicketsScreen,
        "mesa_telefono": PhoneIntakeScreen,
        "mi_pagina": MyPageScreen,
        "permisos_empleados": PermissionsScreen,
        "ruc_lookup": RucLookupScreen,
        "solicitudes_empleados": EmployeeRequestsScreen,
        "solicitudes_registro": ApprovalsScreen,
        "sugerencias": SuggestionsScreen,
        "suggestions_received": SuggestionsReceivedScreen,
        "senae_tracking": TrackingScreen,
        "tramite_integral": EstadoTramiteScreen,
        "e_documentos": EDocumentsScreen,
        "facilidades_pago": PaymentsScreen,
        "integridad_documento": IntegrityScreen,
        "evento_carga": StaffEventScreen,
        "importar_eventos": ImportEventsScreen,
        "facilidades_decidir": DecideScreen,
        "unlock_users": UnlockUsersScreen,
    }


AVAILABLE = frozenset(
    {
        "actualizacion_datos",
        "catalogs",
        "configurar_mi_pagina",
        "faq",
        "mesa_cifras",
        "mesa_cola",
        "mesa_consulta",
        "mesa_incidente",
        "mesa_mis_tickets",
        "mesa_telefono",
        "mi_pagina",
        "permisos_empleados",
        "ruc_lookup",
        "solicitudes_empleados",
        "solicitudes_registro",
        "sugerencias",
        "suggestions_received",
        "senae_tracking",
        "tramite_integral",
        "e_documentos",
        "facilidades_pago",
        "integridad_documento",
        "evento_carga",
        "importar_eventos",
        "facilidades_decidir",
        "unlock_users",
    }
)


def open_option(app: App[Any], number: str) -> bool:
    """Push the option's screen when the actor may open it; False otherwise."""
    from ecuapass_tui.i18n import _
    from ecuapass_tui.texts import text

    actor = ecuapass_app(app).actor
    option = registry().option(number)
    if actor is None or option is None:
        return False
    if not can_open(actor, number):
        app.notify(text("permission_denied"), severity="error", markup=False)
        return False
    screen_class = screen_classes().get(option.screen)
    if screen_class is None:
        app.notify(_("La opción no está disponible."), severity="error", markup=False)
        return False
    app.push_screen(screen_class())
    return True
