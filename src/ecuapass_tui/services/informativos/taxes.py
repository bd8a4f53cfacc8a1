"""The tax estimate of a national tariff line (what the portal does not give): an estimate,
never an official liquidación.

Figures, each rounded to cents half up as soon as it is computed (docs/tasas.md):
- each value typed in another currency is converted to US dollars by `convert` (the 2.1.2
  rate on the day: `rates.to_usd`);
- seguro: when none is declared, 1 % of FOB is presumed (DOMAIN.md: insurance 1 % presumed);
- valor en aduana = CIF = FOB + flete + seguro (or the CIF typed);
- ad valorem = CIF x the line's rate; FODINFA = CIF x 0.5 %;
- ICE (lines that have it) = (CIF + ad valorem + FODINFA) x the line's ICE rate;
- IVA = (CIF + ad valorem + FODINFA + ICE) x 15 % (12 % before 1 April 2024, by the day);
- total = ad valorem + FODINFA + ICE + IVA; per unit = total / quantity."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ecuapass_tui.services.informativos.rates import CENTS, Conversion

FODINFA = Decimal("0.5")
PRESUMED_INSURANCE = Decimal("1")
IVA_BEFORE = Decimal("12")
IVA_NOW = Decimal("15")
IVA_NOW_FROM = date(2024, 4, 1)
HUNDRED = Decimal(100)

Convert = Callable[[Decimal, str, date], Conversion]


@dataclass(frozen=True)
class TaxLine:
    """What the estimate needs of a national line (built by the Consulta de arancel)."""

    code: str  # the subpartida as shown, e.g. "6402.99.90.00"
    description: str
    ad_valorem: Decimal  # percent
    ice_rate: Decimal | None  # percent; None when the line has no ICE
    sample: bool  # a line of the demo's sample, not valid to declare


@dataclass(frozen=True)
class Figure:
    """One line of the estimate: `code` names it (fob, flete, seguro, cif, ad_valorem,
    fodinfa, ice, iva, total); `base` and `rate` (percent) are None where it has none."""

    code: str
    amount: Decimal
    base: Decimal | None = None
    rate: Decimal | None = None
    presumed: bool = False


@dataclass(frozen=True)
class TaxEstimate:
    line: TaxLine
    day: date
    currency: str
    quantity: Decimal
    figures: tuple[Figure, ...]
    total: Decimal
    per_unit: Decimal
    conversions: tuple[Conversion, ...]  # the values converted to dollars, in input order

    def figure(self, code: str) -> Figure | None:
        return next((f for f in self.figures if f.code == code), None)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENTS, rounding=ROUND_HALF_UP)


def percent_of(base: Decimal, rate: Decimal) -> Decimal:
    return cents(base * rate / HUNDRED)


def iva_rate(day: date) -> Decimal:
    return IVA_NOW if day >= IVA_NOW_FROM else IVA_BEFORE


def _customs_value(
    cif: Decimal | None,
    fob: Decimal | None,
    flete: Decimal | None,
    seguro: Decimal | None,
    usd: Callable[[Decimal], Conversion],
) -> tuple[list[Figure], list[Conversion], Decimal]:
    if cif is not None:
        converted = usd(cif)
        return [Figure("cif", converted.usd)], [converted], converted.usd
    if fob is None or flete is None:
        raise ValueError("a CIF value, or FOB and flete, is needed")
    conversions = [usd(fob), usd(flete)]
    fob_usd, flete_usd = conversions[0].usd, conversions[1].usd
    if seguro is None:
        insurance = Figure(
            "seguro", percent_of(fob_usd, PRESUMED_INSURANCE), fob_usd, PRESUMED_INSURANCE, True
        )
    else:
        conversions.append(usd(seguro))
        insurance = Figure("seguro", conversions[-1].usd)
    value = fob_usd + flete_usd + insurance.amount
    figures = [Figure("fob", fob_usd), Figure("flete", flete_usd), insurance, Figure("cif", value)]
    return figures, conversions, value


def estimate(
    line: TaxLine,
    *,
    cif: Decimal | None = None,
    fob: Decimal | None = None,
    flete: Decimal | None = None,
    seguro: Decimal | None = None,
    currency: str,
    quantity: Decimal,
    day: date,
    convert: Convert,
) -> TaxEstimate:
    """The estimate for a CIF value, or FOB + flete (+ seguro, presumed when None), typed in
    `currency`, on `day`. `convert` raises what it raises (FieldErrors when no rate)."""
    figures, conversions, value = _customs_value(
        cif, fob, flete, seguro, lambda amount: convert(amount, currency, day)
    )
    ad_valorem = percent_of(value, line.ad_valorem)
    fodinfa = percent_of(value, FODINFA)
    figures += [
        Figure("ad_valorem", ad_valorem, value, line.ad_valorem),
        Figure("fodinfa", fodinfa, value, FODINFA),
    ]
    ice = Decimal("0.00")
    if line.ice_rate is not None:
        ice_base = value + ad_valorem + fodinfa
        ice = percent_of(ice_base, line.ice_rate)
        figures.append(Figure("ice", ice, ice_base, line.ice_rate))
    iva_base = value + ad_valorem + fodinfa + ice
    iva = percent_of(iva_base, iva_rate(day))
    figures.append(Figure("iva", iva, iva_base, iva_rate(day)))
    total = ad_valorem + fodinfa + ice + iva
    figures.append(Figure("total", total))
    return TaxEstimate(
        line=line,
        day=day,
        currency=currency,
        quantity=quantity,
        figures=tuple(figures),
        total=total,
        per_unit=cents(total / quantity),
        conversions=tuple(conversions),
    )
