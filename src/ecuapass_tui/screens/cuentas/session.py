"""What the App does for accounts when a session begins: the theme saved in 3.11.2 (the
high-contrast one is registered here) and the January rule's warning on the home screen."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.theme import Theme

from ecuapass_tui.i18n import _

HIGH_CONTRAST = Theme(
    name="ecuapass-alto-contraste",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FF00FF",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    success="#00FF00",
    warning="#FFFF00",
    error="#FF6060",
    dark=True,
)


def apply_theme(app: App[Any], name: str) -> None:
    if name == HIGH_CONTRAST.name and name not in app.available_themes:
        app.register_theme(HIGH_CONTRAST)
    if name in app.available_themes:
        app.theme = name


def january_warning(app: App[Any]) -> None:
    """Shown on the home screen in January to an OCE user not yet updated this year."""
    app.notify(
        _(
            "Resolución SENAE-DGN-2016-0364-RE: actualice los datos de su registro en 3.2.3 "
            "antes del 31 de enero; si no lo hace, su ID. USUARIO quedará inhabilitado."
        ),
        title=_("Actualización anual de datos"),
        severity="warning",
        timeout=20,
        markup=False,
    )
