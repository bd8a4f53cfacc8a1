"""Catalogs (OCE types, customs districts, provinces and cantons) from `data/catalogs/`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from ecuapass_tui.core.resources import read_csv, read_toml
from ecuapass_tui.store.models import Canton, CustomsDistrict, OceType, Province, TicketQueue


@dataclass(frozen=True)
class CatalogRow:
    code: str
    name: str
    extra: str = ""


def load_catalogs(session: Session) -> dict[str, int]:
    """Insert or update every catalog row from the shipped CSV files; idempotent."""
    counts: dict[str, int] = {}
    specs: list[tuple[str, type, str]] = [
        ("oce_types.csv", OceType, "code"),
        ("districts.csv", CustomsDistrict, "code"),
        ("provinces.csv", Province, "code"),
        ("cantons.csv", Canton, "code"),
    ]
    for filename, model, key in specs:
        rows = read_csv("catalogs", filename)
        for row in rows:
            existing = session.get(model, row[key])
            if existing is None:
                session.add(model(**row))
            else:
                for name, value in row.items():
                    setattr(existing, name, value)
                session.add(existing)
        session.flush()
        counts[filename] = len(rows)
    counts["routing.toml"] = load_queues(session)
    return counts


def load_queues(session: Session) -> int:
    """Insert or update the desk's queues (the `[[queue]]` tables of routing.toml); idempotent."""
    queues = read_toml("routing.toml")["queue"]
    for queue in queues:
        row = session.get(TicketQueue, queue["code"])
        if row is None:
            row = TicketQueue(
                code=queue["code"], name_es=queue["name_es"], name_en=queue["name_en"]
            )
        else:
            row.name_es, row.name_en = queue["name_es"], queue["name_en"]
        session.add(row)
    session.flush()
    return len(queues)


def oce_types(session: Session, language: str) -> list[CatalogRow]:
    rows = session.exec(select(OceType).order_by(col(OceType.name_es))).all()
    return [CatalogRow(r.code, r.name_en if language == "en" else r.name_es) for r in rows]


def districts(session: Session) -> list[CatalogRow]:
    rows = session.exec(select(CustomsDistrict).order_by(col(CustomsDistrict.code))).all()
    return [CatalogRow(r.code, r.name) for r in rows]


def provinces(session: Session) -> list[CatalogRow]:
    rows = session.exec(select(Province).order_by(col(Province.code))).all()
    return [CatalogRow(r.code, r.name, r.iso_code) for r in rows]


def cantons(session: Session, province_code: str | None = None) -> list[CatalogRow]:
    query = select(Canton, Province).join(Province, col(Canton.province_code) == col(Province.code))
    if province_code:
        query = query.where(Canton.province_code == province_code)
    rows = session.exec(query.order_by(col(Canton.code))).all()
    return [CatalogRow(c.code, c.name, p.name) for c, p in rows]
