"""2.4.1 Puntos de vista de RUC: is a RUC valid, what kind, and who holds it here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from ecuapass_tui.core.identity import check_ruc, ruc_kind
from ecuapass_tui.services import access
from ecuapass_tui.services.companies import oce_codes
from ecuapass_tui.services.dto import Actor, OceCode
from ecuapass_tui.services.errors import FieldErrors
from ecuapass_tui.store.models import Company


@dataclass(frozen=True)
class RucLookup:
    ruc: str
    kind: str  # natural, publica, privada
    registered: bool
    razon_social: str = ""
    tipo_persona: str = ""
    oce_codes: tuple[OceCode, ...] = ()


def lookup_ruc(session: Session, actor: Actor, ruc: str, *, today: date) -> RucLookup:
    """Public information only: razón social, tipo de persona and active OCE codes."""
    access.require_option(session, actor, "2.4.1")
    ruc = ruc.strip()
    if (code := check_ruc(ruc)) is not None:
        raise FieldErrors(rules={"ruc": code})
    company = session.exec(select(Company).where(Company.ruc == ruc)).first()
    if company is None or company.id is None:
        return RucLookup(ruc=ruc, kind=ruc_kind(ruc), registered=False)
    return RucLookup(
        ruc=ruc,
        kind=ruc_kind(ruc),
        registered=True,
        razon_social=company.razon_social,
        tipo_persona=company.tipo_persona,
        oce_codes=tuple(oce_codes(session, company.id, actor.language, today)),
    )
