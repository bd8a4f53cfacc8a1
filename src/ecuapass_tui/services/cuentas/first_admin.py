"""The first administrator of a real installation (the app asks for one while no user exists)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, func, select

from ecuapass_tui.core.identity import check_cedula, check_email, check_password
from ecuapass_tui.core.roles import UserClass
from ecuapass_tui.services import audit
from ecuapass_tui.services.cuentas.auth import hash_password, to_actor
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, ServiceError
from ecuapass_tui.store.models import User


def user_count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(User)).one()


def create_first_admin(
    session: Session,
    *,
    username: str,
    full_name: str,
    cedula: str,
    email: str,
    password: str,
    confirmation: str,
    now: datetime,
) -> Actor:
    """The first administrator of a real installation; refused once any user exists."""
    if user_count(session) > 0:
        raise ServiceError("admin_exists")
    errors: dict[str, str] = {}
    username = username.strip()
    if not (3 <= len(username) <= 40) or not username.replace("_", "").replace(".", "").isalnum():
        errors["username"] = "invalid_username"
    if len(full_name.strip()) < 3:
        errors["full_name"] = "required"
    if (code := check_cedula(cedula)) is not None:
        errors["cedula"] = code
    if (code := check_email(email)) is not None:
        errors["email"] = code
    if (code := check_password(password, username=username, name=full_name)) is not None:
        errors["password"] = code
    if password != confirmation:
        errors["confirmation"] = "password_mismatch"
    if errors:
        raise FieldErrors(rules=errors)
    user = User(
        username=username,
        user_class=UserClass.ADMINISTRADOR,
        id_doc_type="cedula",
        id_doc_number=cedula.strip(),
        full_name=full_name.strip(),
        email=email.strip(),
        password_hash=hash_password(password),
        created_at=now,
        data_updated_at=now.date(),
    )
    session.add(user)
    session.flush()
    audit.record(
        session, at=now, actor_id=user.id, action="create_admin", entity="user", entity_id=user.id
    )
    return to_actor(user)
