"""What a user typed in the tax estimate's form, read into `taxes.estimate`'s arguments; every
bad field said at once, beside its field (FieldErrors.rules: field -> code)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal

from sqlmodel import Session

from ecuapass_tui.core.numbers import parse_decimal
from ecuapass_tui.services import access
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors
from ecuapass_tui.services.informativos.rates import (
    currency_code,
    to_usd,
    typed_amount,
    typed_day,
)
from ecuapass_tui.services.informativos.taxes import TaxEstimate, TaxLine, estimate

# The tax estimate belongs to 2.1.1 Consulta de arancel (it opens from a national line).
OPTION = "2.1.1"
QUANTITY_PLACES = Decimal("0.0001")
MAX_QUANTITY = Decimal("999999999")


def typed_quantity(raw: str, lang: str) -> Decimal:
    if not raw.strip():
        raise FieldErrors(rules={"quantity": "required"})
    value = parse_decimal(raw, lang)
    if value is None or value <= 0 or value > MAX_QUANTITY:
        raise FieldErrors(rules={"quantity": "tax_quantity_invalid"})
    if value != value.quantize(QUANTITY_PLACES):
        raise FieldErrors(rules={"quantity": "tax_quantity_invalid"})
    return value


def _checks(typed: Mapping[str, str], lang: str) -> dict[str, Callable[[], object]]:
    def amount(name: str, *, zero: bool = False) -> Callable[[], Decimal]:
        return lambda: typed_amount(typed.get(name, ""), lang, name, zero=zero)

    checks: dict[str, Callable[[], object]] = {}
    if typed.get("mode") == "fob":
        checks["fob"] = amount("fob")
        checks["flete"] = amount("flete", zero=True)
        if typed.get("seguro", "").strip():
            checks["seguro"] = amount("seguro", zero=True)
    else:
        checks["cif"] = amount("cif")
    checks["currency"] = lambda: currency_code(typed.get("currency", ""))
    checks["quantity"] = lambda: typed_quantity(typed.get("quantity", ""), lang)
    checks["day"] = lambda: typed_day(typed.get("day", ""))
    return checks


def estimate_typed(
    session: Session, actor: Actor, line: TaxLine, typed: Mapping[str, str]
) -> TaxEstimate:
    """`typed`: mode ("cif" or "fob"), cif | fob, flete, seguro (empty: presumed), currency,
    quantity, day, as the user wrote them in his language."""
    access.require_option(session, actor, OPTION)
    values: dict[str, object] = {}
    rules: dict[str, str] = {}
    for name, check in _checks(typed, actor.language).items():
        try:
            values[name] = check()
        except FieldErrors as error:
            rules.update(error.rules)
    if rules:
        raise FieldErrors(rules=rules)
    day, currency, quantity = values.pop("day"), values.pop("currency"), values.pop("quantity")
    assert isinstance(day, date) and isinstance(currency, str)
    assert isinstance(quantity, Decimal)
    amounts = {name: value for name, value in values.items() if isinstance(value, Decimal)}
    return estimate(
        line,
        **amounts,
        currency=currency,
        quantity=quantity,
        day=day,
        convert=lambda amount, code, on: to_usd(session, amount, code, on),
    )
