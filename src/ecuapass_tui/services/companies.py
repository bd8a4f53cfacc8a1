"""What every domain reads about a company: its OCE codes in force."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from ecuapass_tui.services.dto import OceCode
from ecuapass_tui.store.models import OceRegistration, OceType


def oce_codes(session: Session, company_id: int, language: str, today: date) -> list[OceCode]:
    rows = session.exec(
        select(OceRegistration, OceType)
        .join(OceType, col(OceRegistration.oce_type_code) == col(OceType.code))
        .where(OceRegistration.company_id == company_id)
        .order_by(col(OceRegistration.code))
    ).all()
    return [
        OceCode(
            code=reg.code,
            oce_type_code=reg.oce_type_code,
            oce_type_name=kind.name_en if language == "en" else kind.name_es,
            start=reg.start,
            end=reg.end,
            state=reg.state,
        )
        for reg, kind in rows
        if reg.state == "activo" and reg.start <= today <= reg.end
    ]
