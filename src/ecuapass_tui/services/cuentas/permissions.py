"""3.2.5 Permisos de empleados: the Representante grants or revokes menu options to each
Empleado of the company. The check itself (`require_option`) lives in `services/access.py`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from ecuapass_tui.core.menus import registry
from ecuapass_tui.core.roles import UserClass, UserState
from ecuapass_tui.services import audit
from ecuapass_tui.services.access import ALWAYS_ALLOWED, granted_numbers
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import NotFound, PermissionDenied
from ecuapass_tui.store.models import User
from ecuapass_tui.store.models_accounts import EmployeePermission


@dataclass(frozen=True)
class EmployeeGrants:
    user_id: int
    username: str
    full_name: str
    state: str
    granted: frozenset[str]


def grantable_options() -> list[tuple[str, str, str]]:
    """(number, title_es, title_en) of the options an Empleado may be granted."""
    return [
        (o.number, o.title_es, o.title_en)
        for o in registry().options
        if o.allowed(UserClass.EMPLEADO) and o.number not in ALWAYS_ALLOWED
    ]


def _require_representative(actor: Actor) -> int:
    if actor.user_class != UserClass.REPRESENTANTE or actor.company_id is None:
        raise PermissionDenied()
    return actor.company_id


def _employee(session: Session, actor: Actor, employee_id: int) -> User:
    company_id = _require_representative(actor)
    user = session.get(User, employee_id)
    if user is None or user.user_class != UserClass.EMPLEADO or user.company_id != company_id:
        raise NotFound("user_not_found")
    return user


def employees(session: Session, actor: Actor) -> list[EmployeeGrants]:
    """The Empleados of the Representante's company with what each may use."""
    company_id = _require_representative(actor)
    users = session.exec(
        select(User)
        .where(
            User.company_id == company_id,
            User.user_class == UserClass.EMPLEADO,
            col(User.state).in_([UserState.ACTIVO, UserState.BLOQUEADO, UserState.INHABILITADO]),
        )
        .order_by(col(User.full_name))
    ).all()
    return [
        EmployeeGrants(
            user_id=u.id or 0,
            username=u.username,
            full_name=u.full_name,
            state=u.state,
            granted=granted_numbers(session, u.id or 0),
        )
        for u in users
    ]


def set_permission(
    session: Session, actor: Actor, employee_id: int, number: str, *, grant: bool, now: datetime
) -> None:
    """Grant or revoke one option; granting twice or revoking what was not granted is a
    no-op."""
    user = _employee(session, actor, employee_id)
    if number not in {n for n, _es, _en in grantable_options()}:
        raise NotFound("option_not_grantable")
    row = session.exec(
        select(EmployeePermission).where(
            EmployeePermission.user_id == user.id, EmployeePermission.option_number == number
        )
    ).first()
    if grant and row is None:
        assert user.id is not None
        session.add(
            EmployeePermission(
                user_id=user.id, option_number=number, granted_by_id=actor.user_id, granted_at=now
            )
        )
    elif not grant and row is not None:
        session.delete(row)
    else:
        return
    audit.record(
        session,
        at=now,
        actor_id=actor.user_id,
        action="permission_grant" if grant else "permission_revoke",
        entity="user",
        entity_id=employee_id,
        detail={"option": number},
    )
