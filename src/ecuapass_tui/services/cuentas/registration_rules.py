"""The checks of a Solicitud del uso that the form engine cannot make alone: the password
policy, different security questions, the canton of the province, names and addresses
already taken, the company and its OCE codes. Each returns {field: error code}."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session, col, delete, func, select, update

from ecuapass_tui.core.identity import check_password
from ecuapass_tui.core.text import fold
from ecuapass_tui.store.models import Company, MailboxNotice, OceRegistration, User
from ecuapass_tui.store.models_accounts import (
    AccountRequest,
    LoginThrottle,
    RequestFile,
    SecurityAnswer,
    SecurityCode,
    UserContact,
    UserPreference,
)

END_OF_TIME = date(9999, 12, 31)
# A request whose e-mail was not confirmed lapses: its ID and e-mail are free again.
UNCONFIRMED_LAPSE = timedelta(hours=24)
COMPANY_RUC_FIELD = {
    "representante": "ruc_empresa",
    "empleado": "ruc_empresa",
    "representante_entidad": "ruc_entidad",
}


def normalise_answer(answer: str) -> str:
    """Answers are compared without case, accents or extra spaces (then hashed)."""
    return " ".join(fold(answer).split())


def username_taken(session: Session, username: str) -> bool:
    wanted = username.strip().lower()
    return (
        session.exec(select(User.id).where(func.lower(User.username) == wanted)).first() is not None
    )


def email_taken(session: Session, email: str, *, except_user: int | None = None) -> bool:
    wanted = email.strip().lower()
    query = select(User.id).where(func.lower(User.email) == wanted)
    if except_user is not None:
        query = query.where(User.id != except_user)
    return session.exec(query).first() is not None


def company_by_ruc(session: Session, ruc: str) -> Company | None:
    return session.exec(select(Company).where(Company.ruc == ruc.strip())).first()


def month_year(value: object) -> date | None:
    """'9/2002' -> 1 September 2002 (the seed's Inicio column)."""
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    month, _, year = text.partition("/")
    try:
        return date(int(year), int(month), 1)
    except ValueError:
        return None


def personal_checks(raw: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    password = raw.get("contrasena")
    if isinstance(password, str) and password:
        problem = check_password(
            password,
            username=str(raw.get("id_usuario") or ""),
            name=str(raw.get("nombre_usuario") or ""),
        )
        if problem is not None:
            errors["contrasena"] = problem
    seen: set[str] = set()
    for n in (1, 2, 3):
        question = raw.get(f"pregunta_clave{n}")
        if question and question in seen:
            errors[f"pregunta_clave{n}"] = "question_repeated"
        if question:
            seen.add(str(question))
    province, canton = raw.get("provincia"), raw.get("ciudad")
    if province and canton and not str(canton).startswith(str(province)):
        errors["ciudad"] = "canton_province"
    return errors


def kind_checks(kind: str, raw: dict[str, Any]) -> dict[str, str]:
    """The entity's RUC must be a public entity's (third digit 6)."""
    ruc = str(raw.get("ruc_entidad") or "").strip()
    if kind == "representante_entidad" and len(ruc) == 13 and ruc.isdigit() and ruc[2] != "6":
        return {"ruc_entidad": "ruc_not_public"}
    return {}


def representative_rule(session: Session, kind: str, ruc: str) -> str | None:
    """A company has one Representante: a request is refused while it has one (active, or
    disabled until its yearly update) or one waits for SENAE's approval. (A public entity may
    have several Representantes de la entidad.)"""
    if kind != "representante":
        return None
    company = company_by_ruc(session, ruc)
    if company is not None and company.id is not None:
        holder = session.exec(
            select(User.id).where(
                User.company_id == company.id,
                User.user_class == "representante",
                col(User.state).in_(["activo", "inhabilitado", "bloqueado"]),
            )
        ).first()
        if holder is not None:
            return "company_has_representative"
    waiting = session.exec(
        select(AccountRequest.id).where(
            AccountRequest.company_ruc == ruc.strip(),
            AccountRequest.kind == "representante",
            AccountRequest.state == "pendiente",
        )
    ).first()
    return "company_request_waiting" if waiting is not None else None


def store_checks(session: Session, kind: str, typed: dict[str, Any], today: date) -> dict[str, str]:
    """Checks against what the store holds, on values the form engine already typed."""
    errors: dict[str, str] = {}
    if username_taken(session, str(typed["id_usuario"])):
        errors["id_usuario"] = "username_taken"
    if email_taken(session, str(typed["correo"])):
        errors["correo"] = "email_taken"
    ruc_field = COMPANY_RUC_FIELD.get(kind)
    if ruc_field and (rule := representative_rule(session, kind, str(typed[ruc_field]))):
        errors[ruc_field] = rule
    company = company_by_ruc(session, str(typed[ruc_field])) if ruc_field else None
    if kind == "empleado" and company is None:
        errors["ruc_empresa"] = "company_unknown"
    rows = typed.get("tipos_oce") or []
    for row in rows:
        start = month_year(row.get("inicio"))
        if start is None or start > today:
            errors.setdefault("tipos_oce", "oce_start")
            continue
        held = session.exec(
            select(OceRegistration).where(OceRegistration.code == row["codigo"])
        ).first()
        if kind == "empleado":
            if company is not None and (held is None or held.company_id != company.id):
                errors.setdefault("tipos_oce", "oce_not_of_company")
        elif held is not None and (company is None or held.company_id != company.id):
            errors.setdefault("tipos_oce", "oce_taken")
    if kind == "empleado" and not rows:
        errors["tipos_oce"] = "oce_required"
    return errors


def purge_unconfirmed(session: Session, *, now: datetime) -> int:
    """Remove the requests (and their pending accounts) whose e-mail was not confirmed within
    `UNCONFIRMED_LAPSE`; returns how many."""
    rows = session.exec(
        select(AccountRequest).where(
            AccountRequest.state == "correo_pendiente",
            col(AccountRequest.created_at) < now - UNCONFIRMED_LAPSE,
        )
    ).all()
    for request in rows:
        discard_request(session, request)
    return len(rows)


def abandoned_request(session: Session, username: str, email: str) -> AccountRequest | None:
    """A request of this very ID and e-mail whose e-mail code was never confirmed."""
    return session.exec(
        select(AccountRequest)
        .join(User, col(User.id) == col(AccountRequest.user_id))
        .where(
            AccountRequest.state == "correo_pendiente",
            func.lower(User.username) == username.strip().lower(),
            func.lower(User.email) == email.strip().lower(),
        )
    ).first()


def discard_request(session: Session, request: AccountRequest) -> None:
    """A request whose e-mail was never confirmed goes with its pending account: the ID and
    the e-mail are free again."""
    user_id = request.user_id
    session.exec(delete(RequestFile).where(col(RequestFile.request_id) == request.id))  # type: ignore[call-overload]
    session.delete(request)
    session.exec(delete(SecurityAnswer).where(col(SecurityAnswer.user_id) == user_id))  # type: ignore[call-overload]
    session.exec(delete(SecurityCode).where(col(SecurityCode.user_id) == user_id))  # type: ignore[call-overload]
    session.exec(delete(MailboxNotice).where(col(MailboxNotice.user_id) == user_id))  # type: ignore[call-overload]
    session.exec(
        update(LoginThrottle).where(col(LoginThrottle.user_id) == user_id).values(user_id=None)  # type: ignore[call-overload]
    )
    for row in (session.get(UserContact, user_id), session.get(UserPreference, user_id)):
        if row is not None:
            session.delete(row)
    session.flush()
    user = session.get(User, user_id)
    if user is not None and user.state == "pendiente":
        session.delete(user)
    session.flush()
