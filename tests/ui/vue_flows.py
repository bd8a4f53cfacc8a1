"""Steps of the VUE Pilot tests and snapshots: a valid request of form 101-002 (its product's
subpartida is in the demo tariff; the bad values are each test's own), the signing dialog
filled with a throwaway .p12."""

from __future__ import annotations

from pathlib import Path

from tests.p12 import PIN, make_p12
from tests.ui.flows import settle
from textual.pilot import Pilot

from ecuapass_tui.screens.vue.signing import SignScreen
from ecuapass_tui.widgets.inputs import Field

PRODUCT = {
    "subpartida": "0901119000",
    "complementario": "0000",
    "suplementario": "0000",
    "descripcion": "Café sin tostar",
    "cantidad": "100",
    "unidad": "kg",
    "peso_neto": "100",
    "fob": "250,00",
    "cif": "300,00",
}
REQUEST = {
    "ciudad": "Quito",
    "fecha_solicitud": "24/11/2026",
    "tipo_documento": "inscripcion",
    "clasificacion": "Jurídica Privada",
    "identificacion": {"type": "ruc", "number": "1792060346001"},
    "razon_social": "Agencia de Aduanas Andina S.A.",
    "provincia": "17",
    "canton": "1701",
    "direccion": "Av. Amazonas N34-12",
    "representante": "Carlos Moreno",
    "telefono": "022345678",
    "correo": "tramites@andina.example.ec",
    "operacion": "importacion",
    "operador_ruc": "1792060346001",
    "operador_nombre": "Agencia de Aduanas Andina S.A.",
    "regimen": "10",
    "pais_origen": "Chile",
    "pais_embarque": "Chile",
    "via_transporte": "maritima",
    "puerto": "Guayaquil",
    "fabricante_nombre": "Viña del Sur Ltda.",
    "fabricante_pais": "Chile",
    "productos": [PRODUCT],
}


async def sign_in_dialog(pilot: Pilot, folder: Path, pin: str = PIN) -> None:
    """Fill the signing dialog with a fresh .p12 and its PIN, and press Enter."""
    screen = pilot.app.screen
    assert isinstance(screen, SignScreen), screen
    p12 = folder / "firma.p12"
    p12.write_bytes(make_p12(pilot.app.desk.now(), kind="ec"))  # type: ignore[attr-defined]
    screen.query_one("#sign-file", Field).value = str(p12)
    screen.query_one("#sign-pin", Field).value = pin
    screen.query_one("#sign-pin", Field).focus()
    await pilot.press("enter")
    await settle(pilot)


ENTIDAD = ("1760001550001", "entidad", "Entidad2026ec")  # AGROCALIDAD's user in the demo
IMPORTADOR = ("0993456780001", "importador", "Pacifico2026ec")  # the demo's VUE requests


async def login_to_home(pilot: Pilot, account: tuple[str, str, str]) -> None:
    """Log in and go home, past the OCE type and code when the account has several."""
    from tests.ui.flows import login

    await login(pilot, *account)
    for _ in range(2):
        if type(pilot.app.screen).__name__ == "HomeScreen":
            return
        await pilot.press("enter")
        await settle(pilot)


async def login_as_institution(pilot: Pilot) -> None:
    await login_to_home(pilot, ENTIDAD)


DJO = {
    "empresa_ruc": "0993456780001",
    "empresa_nombre": "Pacífico Export S.A.",
    "empresa_direccion": "Km 10 vía a Daule, Guayaquil",
    "empresa_telefono": "042345678",
    "empresa_correo": "origen@pacifico.example.ec",
    "producto": "Café en grano",
    "subpartida": "0901119000",
    "unidad": "kg",
    "instrumento": "ninguno",
    "materiales_nacionales": [
        {"descripcion": "Café", "subpartida": "0901119000", "origen": "Ecuador", "valor": "80"}
    ],
    "costo_materiales": "80",
    "mano_obra": "15",
    "gastos_fabrica": "5",
    "valor_fabrica": "100",
    "proceso": "Fermentado, secado y clasificado.",
    "caracteristicas": "Grano fino de aroma.",
    "aplicaciones": "Chocolatería.",
    "valor_agregado": "100",
    "acuerdo": "ue",
    "criterio": "Totalmente obtenido",
    "representante_nombre": "María Torres",
    "representante_identificacion": {"type": "cedula", "number": "1714307103"},
    "representante_cargo": "Gerente",
    "declaracion": True,
}
CERTIFICATE = {
    "acuerdo": "ue",
    "pais_destino": "España",
    "importador_destino": "Chocolates Ibéricos S.L.",
    "factura": "001-001-000123",
    "fecha_factura": "20/11/2026",
    "productos": [
        {
            "subpartida": "0901119000",
            "descripcion": "Café en grano",
            "cantidad": "1000",
            "unidad": "kg",
            "fob": "3500",
        }
    ],
}
