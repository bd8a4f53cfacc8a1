"""Exchange rates on SQLite and PostgreSQL: the ECB's rows and an imported table stored
exactly (integer millionths), the latest rate on or before a day, each currency's latest
in one query, and an imported rate that replaces the ECB's of the same day."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.informativos.rates import rate_on, rates_on, to_usd
from ecuapass_tui.services.informativos.rates_ecb import load_ecb_rates
from ecuapass_tui.services.informativos.rates_import import import_rates
from ecuapass_tui.store import schema
from ecuapass_tui.store.engine import Database

ADMIN = Actor(1, "admin", "administrador", "Administrador", None, "es")
ECB = [
    ("EUR", date(2026, 10, 29), 896_000),
    ("EUR", date(2026, 10, 30), 895_095),  # a Friday
    ("IDR", date(2026, 10, 30), 18_147_853_459),  # 18147.853459: past 2**31 millionths
]
OFFICIAL = (
    "fecha;moneda;unidades_por_usd;fuente\n"
    "30/10/2026;EUR;0,9;Tabla oficial\n"
    "02/11/2026;COP;4000,5;Banco de la República (Colombia)\n"
)


def test_rates_on_each_engine(empty_db: Database) -> None:
    schema.upgrade(empty_db)
    with empty_db.write() as s:
        assert load_ecb_rates(s, rows=ECB) == 3
        import_rates(s, ADMIN, OFFICIAL.encode())
        assert load_ecb_rates(s, rows=ECB) == 2  # the imported EUR of 30/10 is kept
    with empty_db.read() as s:
        sunday = date(2026, 11, 1)
        eur = rate_on(s, "EUR", sunday)
        table = {r.currency: (r.units_per_usd, r.day, r.source) for r in rates_on(s, sunday)}
        assert to_usd(s, Decimal("90"), "EUR", sunday).usd == Decimal("100.00")  # 90 / 0.9
        assert rates_on(s, date(2026, 10, 28)) == []
    assert eur is not None and (eur.day, eur.source) == (date(2026, 10, 30), "Tabla oficial")
    assert table == {
        "EUR": (Decimal("0.900000"), date(2026, 10, 30), "Tabla oficial"),
        "IDR": (Decimal("18147.853459"), date(2026, 10, 30), "ecb"),
    }
