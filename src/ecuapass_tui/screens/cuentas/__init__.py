"""Accounts: Solicitud del uso, Buscar ID / Reinicio de clave, 3.2.3 and the
convenio, approvals, employee permissions, 3.11.2 Configurar mi página."""

from __future__ import annotations

from typing import Any

from textual.app import App


def open_from_login(app: App[Any], which: str) -> None:
    """The login screen's keys (imported when pressed: the login screen stays light)."""
    if which == "solicitud":
        from ecuapass_tui.screens.cuentas.registration_types import RegistrationTypeScreen

        app.push_screen(RegistrationTypeScreen())
    elif which == "recovery":
        from ecuapass_tui.screens.cuentas.recovery import RecoveryScreen

        app.push_screen(RecoveryScreen())
    elif which == "update":
        from ecuapass_tui.screens.cuentas.data_update import YearlyUpdateLoginScreen

        app.push_screen(YearlyUpdateLoginScreen())
