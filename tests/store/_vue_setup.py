"""The people of the VUE tests: two companies with an OCE code each, their Representantes, and
one officer per institution (AGROCALIDAD, ARCSA, MIPRO). Shared with the concurrency workers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlmodel import Session

from ecuapass_tui.services.catalogs import load_catalogs
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import Company, OceRegistration, User
from ecuapass_tui.store.models_vue import VueInstitutionMember

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA"


@dataclass(frozen=True)
class People:
    company: Actor  # Importadora del Pacífico's Representante, OCE 41700215
    other: Actor  # another company's Representante
    agro: Actor  # AGROCALIDAD (101)
    arcsa: Actor  # ARCSA (130)
    mipro: Actor  # MIPRO (132)


def _user(session: Session, name: str, user_class: str, company_id: int | None) -> Actor:
    user = User(
        username=name,
        user_class=user_class,
        company_id=company_id,
        full_name=name.upper(),
        email=f"{name}@example.com",
        password_hash=HASH,
        created_at=NOW,
    )
    session.add(user)
    session.flush()
    assert user.id is not None
    return Actor(user.id, name, user_class, user.full_name, company_id, "es")


def _company(session: Session, ruc: str, name: str, oce: str) -> int:
    company = Company(ruc=ruc, razon_social=name, tipo_persona="juridica", created_at=NOW)
    session.add(company)
    session.flush()
    assert company.id is not None
    session.add(
        OceRegistration(
            company_id=company.id,
            code=oce,
            oce_type_code="importador_exportador",
            start=date(2020, 1, 1),
            end=date(9999, 12, 31),
        )
    )
    return company.id


def people(db: Database) -> People:
    with db.write() as s:
        load_catalogs(s)
        first = _company(s, "0993456780001", "IMPORTADORA DEL PACÍFICO", "41700215")
        second = _company(s, "1792060346001", "AGENCIA ANDINA", "03907058")
        officers = {}
        for name, code in (("agro", "101"), ("arcsa", "130"), ("mipro", "132")):
            officers[name] = _user(s, name, "entidad", None)
            s.add(VueInstitutionMember(user_id=officers[name].user_id, institution_code=code))
        return People(
            company=_user(s, "jalvarado", "representante", first).with_oce("41700215"),
            other=_user(s, "cmoreno", "representante", second).with_oce("03907058"),
            **officers,
        )
