"""Who may open a menu option: an Empleado only what his Representante granted (Ecuapass answers
"No está asignado el permiso al usuario"); the personal options and public information always;
a guest (no account) only the options menus.toml marks `public`.

`require_option()` is the check the services of the options call: it reads the store, so a
grant revoked during a session holds at once, whatever screen was reached and however.
"""

from __future__ import annotations

from sqlmodel import Session, select

from ecuapass_tui.core.menus import is_public, registry
from ecuapass_tui.core.roles import UserClass
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import PermissionDenied
from ecuapass_tui.store.models_accounts import EmployeePermission

# Personal options (own profile, own data, own page) and public information (every option
# menus.toml marks `public`, which a guest opens without an account): an Empleado has them
# without a grant.
ALWAYS_ALLOWED = frozenset({"3.2.3", "3.11.1", "3.11.2"}) | frozenset(
    option.number for option in registry().options if option.public
)


def granted_numbers(session: Session, user_id: int) -> frozenset[str]:
    rows = session.exec(
        select(EmployeePermission.option_number).where(EmployeePermission.user_id == user_id)
    ).all()
    return frozenset(rows)


def session_grants(session: Session, actor: Actor) -> Actor:
    """The actor with his grants (an Empleado) for the menus; others unchanged."""
    if actor.user_class != UserClass.EMPLEADO:
        return actor
    return actor.with_granted(granted_numbers(session, actor.user_id) | ALWAYS_ALLOWED)


def require_option(session: Session, actor: Actor, number: str) -> None:
    """Refuse an Empleado an option his Representante has not granted, and a guest any option
    that is not public."""
    if actor.is_guest:
        if not is_public(number):
            raise PermissionDenied("guest_not_allowed")
        return
    if actor.user_class != UserClass.EMPLEADO or number in ALWAYS_ALLOWED:
        return
    found = session.exec(
        select(EmployeePermission.id).where(
            EmployeePermission.user_id == actor.user_id,
            EmployeePermission.option_number == number,
        )
    ).first()
    if found is None:
        raise PermissionDenied()
