"""The products' checks against the tariff tree, when one is loaded: a subpartida must be one
of its national lines; the table is read by name so that the VUE works before a tariff is
imported (then any 10-digit code is taken)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, inspect, text
from sqlmodel import Session

TARIFF_TABLE = "tariff_line"  # store/models_tariff.TariffLine: the national lines


def known_subpartidas(session: Session, codes: set[str]) -> set[str] | None:
    """Which of `codes` the loaded tariff has; None when no tariff is loaded (then any
    10-digit code is taken)."""
    connection = session.connection()
    if not codes or not inspect(connection).has_table(TARIFF_TABLE):
        return None
    if connection.execute(text("SELECT 1 FROM tariff_line LIMIT 1")).first() is None:
        return None
    query = text("SELECT DISTINCT subpartida FROM tariff_line WHERE subpartida IN :codes")
    rows = connection.execute(
        query.bindparams(bindparam("codes", expanding=True)), {"codes": sorted(codes)}
    )
    return {str(row[0]) for row in rows}


def product_rules(session: Session, products: list[dict[str, Any]]) -> dict[str, str]:
    """Field -> code for the products' rules: a subpartida the tariff does not have; a CIF
    below the FOB. (Positive amounts are the spec's own min_value.)"""
    rules: dict[str, str] = {}
    known = known_subpartidas(session, {str(p.get("subpartida")) for p in products})
    for index, product in enumerate(products, start=1):
        if known is not None and product.get("subpartida") not in known:
            rules[f"productos.{index}.subpartida"] = "vue_subpartida_unknown"
        fob, cif = product.get("fob"), product.get("cif")
        if isinstance(fob, Decimal) and isinstance(cif, Decimal) and cif < fob:
            rules[f"productos.{index}.cif"] = "vue_cif_below_fob"
    return rules
