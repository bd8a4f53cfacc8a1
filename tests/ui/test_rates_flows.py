"""2.1.2 Consulta de tasa de moneda and the tax estimate of a national line, as a user sees
them: the day's table with its source, the converter, the estimate's figures, a bad field
said beside it; once in English."""

from __future__ import annotations

from decimal import Decimal

from tests.helpers import frozen_clock
from tests.ui.flows import AGENTE, screen_text, settle
from textual.widgets import Input

from ecuapass_tui import i18n
from ecuapass_tui.app import EcuapassApp
from ecuapass_tui.core.menus import registry, search
from ecuapass_tui.screens.informativos.rates import RatesScreen
from ecuapass_tui.screens.informativos.tax_estimate import TaxEstimateScreen
from ecuapass_tui.screens.registry import open_option
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.informativos.taxes import TaxLine
from ecuapass_tui.services.keyring_store import Remembered

SHOES = TaxLine("6402.99.90.00", "Los demás calzados", Decimal("10"), None, True)


async def at_home(pilot, language: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """The agente at home without typing the login (the login has its own tests)."""
    app = pilot.app
    actor = app.desk.choose_oce(app.desk.login(*AGENTE, language), "03907058")
    if language:
        i18n.set_language(language)
    app.enter_home(actor)
    await settle(pilot)


def set_inputs(pilot, values: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    for name, value in values.items():
        pilot.app.screen.query_one(f"#{name}", Input).value = value


def test_the_palette_finds_the_rates_by_number_and_words() -> None:
    options = registry().options
    for words in ("2.1.2", "tasa", "moneda", "cambio", "divisa", "exchange"):
        assert "2.1.2" in [o.number for o in search(options, words, "es")], words


async def test_rates_of_the_day_and_the_converter(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await at_home(pilot)
        assert open_option(pilot.app, "2.1.2")
        await settle(pilot)
        assert isinstance(pilot.app.screen, RatesScreen)
        shown = screen_text(pilot)
        # 24/11/2026 (the frozen clock): the ECB's last rate on or before it, 30/10/2026.
        assert "EUR euro 0,895095 30/10/2026 [1]" in shown
        assert "[1] Banco Central Europeo (ECB), tasas de referencia" in shown
        set_inputs(pilot, {"amount": "1.000,00", "currency": "COP", "day": "24/11/2026"})
        pilot.app.screen.query_one("#amount").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "No hay una tasa de esta moneda en esa fecha ni antes." in screen_text(pilot)
        assert pilot.app.focused is pilot.app.screen.query_one("#currency")
        set_inputs(pilot, {"currency": "eur"})
        await pilot.press("enter")
        await settle(pilot)
        shown = screen_text(pilot)
        assert "1.000,00 EUR = USD 1.117,20" in shown  # 1000 / 0.895095
        assert "Tasa: 0,895095 EUR por USD del 30/10/2026." in shown
        assert "No hay una tasa" not in shown
        set_inputs(pilot, {"table_day": "31/13/2026"})
        pilot.app.screen.query_one("#table_day").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "Escriba la fecha como dd/mm/aaaa." in screen_text(pilot)


async def test_the_tax_estimate_of_a_line(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await at_home(pilot)
        pilot.app.push_screen(TaxEstimateScreen(SHOES))
        await settle(pilot)
        assert "MUESTRA DE DEMOSTRACIÓN — no válida para declarar" in screen_text(pilot)
        set_inputs(pilot, {"cif": "1000", "quantity": "0"})
        pilot.app.screen.query_one("#cif").focus()
        await pilot.press("enter")
        await settle(pilot)
        shown = screen_text(pilot)
        assert "Escriba una cantidad mayor que cero (hasta 4 decimales)." in shown
        assert "Total de tributos" not in shown
        set_inputs(pilot, {"quantity": "3"})
        await pilot.press("enter")
        await settle(pilot)
        shown = screen_text(pilot)
        assert "Ad valorem 1.000,00 10 % 100,00" in shown
        assert "FODINFA 1.000,00 0,5 % 5,00" in shown
        assert "IVA 1.105,00 15 % 165,75" in shown
        assert "Total: USD 270,75 (estimación, no es una liquidación oficial)." in shown
        assert "Por unidad (3): USD 90,25." in shown
        assert "cantidad mayor que cero" not in shown


async def test_in_english(ui_db) -> None:
    app = EcuapassApp(
        Desk(ui_db, clock=frozen_clock(), demo_mode=True),
        language="en",
        language_explicit=True,
        theme="textual-dark",
        remembered=Remembered(None),
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await at_home(pilot, "en")
        assert open_option(pilot.app, "2.1.2")
        await settle(pilot)
        shown = screen_text(pilot)
        assert "EUR Euro 0.895095 30/10/2026 [1]" in shown  # babel's English name and digits
