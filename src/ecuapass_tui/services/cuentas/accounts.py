"""The logged-in user's own data: OCE codes, profile, Mi menú."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, select

from ecuapass_tui.services import audit
from ecuapass_tui.services.companies import oce_codes
from ecuapass_tui.services.dto import Actor, OceCode, OceTypeChoice, Profile
from ecuapass_tui.services.errors import NotFound, ServiceError
from ecuapass_tui.store.models import (
    Canton,
    Company,
    Favourite,
    Province,
    User,
)

MI_MENU_SLOTS = 6


def oce_choices(session: Session, actor: Actor, *, today: date) -> list[OceTypeChoice]:
    """The OCE types the actor's company holds today, each with its codes (seed 004)."""
    if actor.company_id is None:
        return []
    by_type: dict[str, list[OceCode]] = {}
    names: dict[str, str] = {}
    for code in oce_codes(session, actor.company_id, actor.language, today):
        by_type.setdefault(code.oce_type_code, []).append(code)
        names[code.oce_type_code] = code.oce_type_name
    return [
        OceTypeChoice(code=kind, name=names[kind], codes=tuple(codes))
        for kind, codes in sorted(by_type.items(), key=lambda item: names[item[0]])
    ]


def choose_oce(session: Session, actor: Actor, code: str, *, today: date) -> Actor:
    """Enter with one of the company's OCE codes; any other code is refused."""
    if actor.company_id is None:
        raise ServiceError("no_company")
    held = {c.code for c in oce_codes(session, actor.company_id, actor.language, today)}
    if code not in held:
        raise NotFound("oce_not_held")
    return actor.with_oce(code)


def profile(session: Session, actor: Actor, *, today: date) -> Profile:
    user = session.get(User, actor.user_id)
    if user is None:
        raise NotFound("user_not_found")
    company = session.get(Company, user.company_id) if user.company_id else None
    province = session.get(Province, user.province_code) if user.province_code else None
    canton = session.get(Canton, user.canton_code) if user.canton_code else None
    codes = oce_codes(session, company.id, actor.language, today) if company and company.id else []
    return Profile(
        username=user.username,
        user_class=user.user_class,
        full_name=user.full_name,
        id_doc_type=user.id_doc_type,
        id_doc_number=user.id_doc_number,
        email=user.email,
        phone1=user.phone1,
        mobile=user.mobile,
        province=province.name if province else "",
        canton=canton.name if canton else "",
        company_ruc=company.ruc if company else None,
        company_name=company.razon_social if company else None,
        tipo_persona=company.tipo_persona if company else None,
        state=user.state,
        language=user.language,
        data_updated_at=user.data_updated_at,
        last_login_at=user.last_login_at,
        oce_codes=tuple(codes),
    )


# ---------------------------------------------------------------- Mi menú


def favourites(session: Session, actor: Actor) -> dict[int, str]:
    """Slot (1-6) -> option number."""
    rows = session.exec(
        select(Favourite).where(Favourite.user_id == actor.user_id).order_by(col(Favourite.slot))
    ).all()
    return {row.slot: row.option_number for row in rows}


def add_favourite(session: Session, actor: Actor, option_number: str, *, now: datetime) -> int:
    """Put the option in the first free slot and return it; refused when all six are used."""
    current = favourites(session, actor)
    for slot, number in current.items():
        if number == option_number:
            return slot
    free = [slot for slot in range(1, MI_MENU_SLOTS + 1) if slot not in current]
    if not free:
        raise ServiceError("mi_menu_full")
    session.add(Favourite(user_id=actor.user_id, slot=free[0], option_number=option_number))
    audit.record(
        session,
        at=now,
        actor_id=actor.user_id,
        action="favourite_add",
        entity="user",
        entity_id=actor.user_id,
        detail={"option": option_number, "slot": free[0]},
    )
    return free[0]


def remove_favourite(session: Session, actor: Actor, option_number: str, *, now: datetime) -> None:
    row = session.exec(
        select(Favourite).where(
            Favourite.user_id == actor.user_id, Favourite.option_number == option_number
        )
    ).first()
    if row is None:
        raise NotFound("favourite_not_found")
    session.delete(row)
    audit.record(
        session,
        at=now,
        actor_id=actor.user_id,
        action="favourite_remove",
        entity="user",
        entity_id=actor.user_id,
        detail={"option": option_number},
    )
