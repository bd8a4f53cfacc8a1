"""The stylesheets of the screens (src/ecuapass_tui/styles/*.tcss), each path named once."""

from __future__ import annotations

from pathlib import Path

STYLES = Path(__file__).resolve().parent.parent / "styles"
APP_CSS = str(STYLES / "app.tcss")
HOME_CSS = str(STYLES / "home.tcss")
CUENTAS_CSS = str(STYLES / "cuentas.tcss")
MESA_CSS = str(STYLES / "mesa.tcss")
TRAMITES_CSS = str(STYLES / "tramites.tcss")
TARIFF_CSS = str(STYLES / "tariff.tcss")
VUE_CSS = str(STYLES / "vue.tcss")

# Read once the database is open, while the login screen waits (EcuapassApp): a screen whose
# stylesheet is not read yet makes Textual parse every stylesheet again and restyle every
# widget of every screen when it first opens (50-120 ms of that opening).
SCREEN_STYLES = (HOME_CSS, CUENTAS_CSS, MESA_CSS, TRAMITES_CSS, TARIFF_CSS, VUE_CSS)
