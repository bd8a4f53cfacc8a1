"""The tax estimate of a national line, computed by hand (each figure rounded to cents half up
as soon as it is computed: docs/tasas.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors
from ecuapass_tui.services.informativos.rates import Conversion
from ecuapass_tui.services.informativos.taxes import TaxLine, estimate

pytestmark = pytest.mark.cheap_hashes

AGENT = Actor(1, "agente", "representante", "Agente", None, "es")
SHOES = TaxLine("6402.99.90.00", "Los demás calzados", Decimal("10"), None, True)
PERFUME = TaxLine("3303.00.00.00", "Perfumes", Decimal("25"), Decimal("20"), True)


def dollars(amount: Decimal, currency: str, day: date) -> Conversion:
    assert currency == "USD"
    return Conversion(amount, currency, amount, None)


def figures(result) -> dict[str, tuple]:  # type: ignore[no-untyped-def, type-arg]
    return {f.code: (f.base, f.rate, f.amount) for f in result.figures}


def test_cif_in_dollars_after_april_2024() -> None:
    result = estimate(
        SHOES,
        cif=Decimal("1000.00"),
        currency="USD",
        quantity=Decimal("3"),
        day=date(2026, 11, 24),
        convert=dollars,
    )
    # ad valorem 10 % of 1000.00 = 100.00; FODINFA 0.5 % of 1000.00 = 5.00;
    # IVA 15 % of (1000.00 + 100.00 + 5.00 = 1105.00) = 165.75;
    # total 100.00 + 5.00 + 165.75 = 270.75; per unit 270.75 / 3 = 90.25
    assert figures(result) == {
        "cif": (None, None, Decimal("1000.00")),
        "ad_valorem": (Decimal("1000.00"), Decimal("10"), Decimal("100.00")),
        "fodinfa": (Decimal("1000.00"), Decimal("0.5"), Decimal("5.00")),
        "iva": (Decimal("1105.00"), Decimal("15"), Decimal("165.75")),
        "total": (None, None, Decimal("270.75")),
    }
    assert result.per_unit == Decimal("90.25")


def test_fob_with_presumed_insurance_ice_and_iva_before_april_2024() -> None:
    result = estimate(
        PERFUME,
        fob=Decimal("2000"),
        flete=Decimal("150"),
        currency="USD",
        quantity=Decimal("1"),
        day=date(2024, 3, 31),
        convert=dollars,
    )
    # seguro presumed 1 % of FOB 2000 = 20.00; CIF 2000 + 150 + 20 = 2170.00
    # ad valorem 25 % of 2170 = 542.50; FODINFA 0.5 % of 2170 = 10.85
    # ICE 20 % of (2170 + 542.50 + 10.85 = 2723.35) = 544.67
    # IVA 12 % (31/03/2024) of (2723.35 + 544.67 = 3268.02) = 392.1624 -> 392.16
    # total 542.50 + 10.85 + 544.67 + 392.16 = 1490.18
    found = figures(result)
    assert found["seguro"] == (Decimal("2000"), Decimal("1"), Decimal("20.00"))
    assert result.figure("seguro").presumed  # type: ignore[union-attr]
    assert found["cif"][2] == Decimal("2170.00")
    assert found["ad_valorem"][2] == Decimal("542.50")
    assert found["fodinfa"][2] == Decimal("10.85")
    assert found["ice"] == (Decimal("2723.35"), Decimal("20"), Decimal("544.67"))
    assert found["iva"] == (Decimal("3268.02"), Decimal("12"), Decimal("392.16"))
    assert result.total == Decimal("1490.18")


def test_half_cents_round_up() -> None:
    line = TaxLine("0901.21.00.00", "Café tostado", Decimal("5"), None, False)
    result = estimate(
        line,
        cif=Decimal("10.10"),
        currency="USD",
        quantity=Decimal("2"),
        day=date(2026, 1, 5),
        convert=dollars,
    )
    # ad valorem 5 % of 10.10 = 0.505 -> 0.51 (half up; half even would give 0.50)
    # FODINFA 0.5 % of 10.10 = 0.0505 -> 0.05; IVA 15 % of 10.66 = 1.599 -> 1.60
    # total 0.51 + 0.05 + 1.60 = 2.16; per unit 1.08
    assert [f.amount for f in result.figures] == [
        Decimal(v) for v in ("10.10", "0.51", "0.05", "1.60", "2.16")
    ]
    assert result.per_unit == Decimal("1.08")


def test_typed_values_in_euros_use_the_days_rate(desk: Desk) -> None:
    typed = {"mode": "fob", "fob": "1.000,00", "flete": "0", "seguro": "", "currency": "EUR"}
    typed |= {"quantity": "1", "day": "02/11/2026"}
    result = desk.estimate_taxes(AGENT, SHOES, typed)
    # 1000 EUR / 0.895095 EUR per USD (30/10/2026) = 1117.2004... -> 1117.20; flete 0.00;
    # seguro 1 % of 1117.20 = 11.172 -> 11.17; CIF 1128.37
    assert result.figure("cif").amount == Decimal("1128.37")  # type: ignore[union-attr]
    assert result.conversions[0].rate.day == date(2026, 10, 30)  # type: ignore[union-attr]


def test_bad_fields_are_each_named(desk: Desk) -> None:
    typed = {"mode": "cif", "cif": "abc", "currency": "COP", "quantity": "0", "day": ""}
    with pytest.raises(FieldErrors) as bad:
        desk.estimate_taxes(AGENT, SHOES, typed)
    assert bad.value.rules == {
        "cif": "rate_amount_invalid",
        "quantity": "tax_quantity_invalid",
        "day": "required",
    }
    typed |= {"cif": "10", "quantity": "1", "day": "01/11/2026"}
    with pytest.raises(FieldErrors) as missing:
        desk.estimate_taxes(AGENT, SHOES, typed)
    assert missing.value.rules == {"currency": "rate_not_found"}
