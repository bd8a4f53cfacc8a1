"""2.1.2 Consulta de tasa de moneda: the ECB's rates crossed to units per dollar (computed by
hand below), the latest rate on or before a day, the converter's field errors, and the
official table's importer (all or nothing, bad lines by number)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import delete
from sqlmodel import col, func, select

from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, PermissionDenied
from ecuapass_tui.services.informativos.rates import rate_on, to_usd
from ecuapass_tui.services.informativos.rates_ecb import cross_rates, ecb_rows, load_ecb_rates
from ecuapass_tui.services.informativos.rates_import import RatesRefused, import_rates
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models_rates import ECB_SOURCE, ExchangeRate
from ecuapass_tui.texts import text

pytestmark = pytest.mark.cheap_hashes

AGENT = Actor(1, "agente", "representante", "Agente", None, "es")
ADMIN = Actor(2, "admin", "administrador", "Administrador", None, "es")


def test_cross_rates_by_hand() -> None:
    # One ECB line (units per EUR): 1 EUR = 1.25 USD = 0.80 GBP = 150 JPY; CYP not quoted.
    rates = cross_rates(["USD", "GBP", "JPY", "CYP"], ["1.25", "0.80", "150", "N/A"])
    # EUR per USD = 1 / 1.25 = 0.8; GBP per USD = 0.80 / 1.25 = 0.64; JPY = 150 / 1.25 = 120
    assert rates == {"EUR": 800_000, "GBP": 640_000, "JPY": 120_000_000}
    # Rounded to 6 decimals half up: 1 / 1.1172 = 0.89509488... -> 0.895095;
    # 175.68 / 1.1172 = 157.25026852... -> 157.250269
    odd = cross_rates(["USD", "JPY"], ["1.1172", "175.68"])
    assert odd == {"EUR": 895_095, "JPY": 157_250_269}
    assert cross_rates(["USD", "JPY"], ["N/A", "175.68"]) == {}


def test_ecb_window_keeps_the_last_years() -> None:
    lines = ["Date,USD,JPY,", "2026-01-02,1.25,150,", "2025-12-31,1.25,150,", "2023-12-29,1,1,"]
    rows = ecb_rows(lines, years=2)
    assert {day for _, day, _ in rows} == {date(2026, 1, 2), date(2025, 12, 31)}


def test_built_database_has_the_ecb_rates(demo_db: Database) -> None:
    with demo_db.read() as s:
        count = s.exec(select(func.count()).select_from(ExchangeRate)).one()
        eur = rate_on(s, "EUR", date(2026, 10, 30))
    assert count > 20_000
    assert eur is not None and eur.source == ECB_SOURCE
    assert eur.units_per_usd == Decimal("0.895095")  # 1 / 1.1172, the file's last day


def test_rate_on_a_weekend_is_fridays_and_to_usd_rounds_to_cents(demo_db: Database) -> None:
    with demo_db.write() as s:
        s.exec(delete(ExchangeRate))  # type: ignore[call-overload]
        load_ecb_rates(s, rows=[("EUR", date(2026, 10, 30), 895_095)])  # a Friday
        sunday = date(2026, 11, 1)
        rate = rate_on(s, "eur", sunday)
        assert rate is not None and rate.day == date(2026, 10, 30)
        assert rate_on(s, "EUR", date(2026, 10, 29)) is None
        # 100 / 0.895095 = 111.72004... -> 111.72; 0.01 / 0.895095 = 0.011172 -> 0.01
        assert to_usd(s, Decimal("100"), "EUR", sunday).usd == Decimal("111.72")
        assert to_usd(s, Decimal("0.01"), "EUR", sunday).usd == Decimal("0.01")
        assert to_usd(s, Decimal("12.345"), "USD", sunday).usd == Decimal("12.35")
        with pytest.raises(FieldErrors) as missing:
            to_usd(s, Decimal("1"), "COP", sunday)
    assert missing.value.rules == {"currency": "rate_not_found"}


def test_converter_says_each_bad_field(desk: Desk) -> None:
    with pytest.raises(FieldErrors) as bad:
        desk.convert_to_usd(AGENT, "-3", "EURO", "31/02/2026")
    assert bad.value.rules == {
        "amount": "rate_amount_invalid",
        "currency": "rate_currency_format",
        "day": "rate_day_invalid",
    }
    done = desk.convert_to_usd(AGENT, "1.000,00", "eur", "01/11/2026")
    assert done.usd == Decimal("1117.20")  # 1000 / 0.895095 = 1117.2004...
    assert done.rate is not None and done.rate.day == date(2026, 10, 30)


CSV = (
    "fecha,moneda,unidades_por_usd,fuente\n"
    "02/11/2026,COP,4000.5,Banco de la República (Colombia)\n"
    "02/11/2026,XXZ,3.7,Banco Central de Reserva del Perú\n"
    "2026-11-02,PEN,cero,Banco Central de Reserva del Perú\n"
    "02/11/2026,COP,4001,Banco de la República (Colombia)\n"
    "02/11/2026,EUR,0.9,Tabla oficial\n"
)


def test_importer_is_all_or_nothing_with_bad_lines_by_number(demo_db: Database) -> None:
    with pytest.raises(RatesRefused) as refused, demo_db.write() as s:
        import_rates(s, ADMIN, CSV.encode())
    problems = [(p.line, p.code) for p in refused.value.problems]
    assert problems == [(3, "rates_csv_currency"), (4, "rates_csv_rate"), (5, "rates_csv_repeated")]
    assert text("rates_csv_repeated", **refused.value.problems[2].params) == (
        "La moneda y la fecha ya están en la línea 2."
    )
    with demo_db.read() as s:
        assert rate_on(s, "COP", date(2026, 11, 2)) is None
    good = "\n".join(CSV.splitlines()[i] for i in (0, 1, 5)).encode()
    with demo_db.write() as s:
        done = import_rates(s, ADMIN, good)
    assert (done.rates, done.currencies) == (2, ("COP", "EUR"))
    with demo_db.read() as s:
        cop = rate_on(s, "COP", date(2026, 11, 30))
        eur = rate_on(s, "EUR", date(2026, 11, 2))
        sources = s.exec(select(col(ExchangeRate.source)).where(ExchangeRate.currency == "EUR"))
        assert "Tabla oficial" in set(sources.all())
    assert cop is not None and cop.units_per_usd == Decimal("4000.5")
    assert eur is not None and eur.source == "Tabla oficial"


def test_importer_refuses_a_header_without_its_columns(demo_db: Database) -> None:
    with pytest.raises(RatesRefused) as refused, demo_db.write() as s:
        import_rates(s, ADMIN, b"fecha;moneda\n02/11/2026;COP\n")
    assert text("rates_csv_header", **refused.value.problems[0].params) == (
        "Encabezado: faltan las columnas unidades_por_usd, fuente."
    )


def test_only_administradores_and_supervisores_import(desk: Desk) -> None:
    with pytest.raises(PermissionDenied):
        desk.import_exchange_rates(AGENT, CSV.encode())
