"""Solicitud del uso (seed 003): a request for each user type, from the login screen.

The form spec of the type is checked again here with the form engine, then the rules of
`registration_rules` (password policy, questions, canton, taken names, company, OCE codes).
The request, its account (state pendiente: it cannot log in), the hashed security answers,
the files and the e-mail confirmation code commit together. Once the code is confirmed, a
General account is active at once; the others wait for an approval (`approvals.py`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from ecuapass_tui.core.clock import local
from ecuapass_tui.core.identity import check_email, check_ruc
from ecuapass_tui.core.roles import UserClass, UserState
from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.forms.engine import Invalid, validate
from ecuapass_tui.forms.fields import FormSpec
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.services import audit
from ecuapass_tui.services.cuentas import codes
from ecuapass_tui.services.cuentas.auth import hash_password
from ecuapass_tui.services.cuentas.registration_rules import (
    COMPANY_RUC_FIELD,
    abandoned_request,
    company_by_ruc,
    discard_request,
    email_taken,
    kind_checks,
    normalise_answer,
    personal_checks,
    purge_unconfirmed,
    representative_rule,
    store_checks,
    username_taken,
)
from ecuapass_tui.services.errors import FieldErrors, NotFound, ServiceError
from ecuapass_tui.services.notices import post_notice
from ecuapass_tui.store.models import Company, User
from ecuapass_tui.store.models_accounts import (
    AccountRequest,
    RequestFile,
    SecurityAnswer,
    UserContact,
    UserPreference,
)

KINDS = ("representante", "empleado", "general", "representante_entidad", "entidad")
# Who decides: SENAE staff, the company's Representante, or nobody (General).
APPROVER = {
    "representante": "senae",
    "representante_entidad": "senae",
    "entidad": "senae",
    "empleado": "representante",
    "general": "",
}
SECRET_FIELDS = frozenset(
    {
        "contrasena",
        "contrasena__confirm",
        "respuesta_clave1",
        "respuesta_clave2",
        "respuesta_clave3",
    }
)


@dataclass(frozen=True)
class Submitted:
    request_id: int
    username: str
    sent: codes.CodeSent


@dataclass(frozen=True)
class CompanyInfo:
    ruc: str
    razon_social: str
    direccion: str
    telefono: str


def form_spec(kind: str) -> FormSpec:
    if kind not in KINDS:
        raise NotFound("request_kind")
    return load_spec(f"solicitud_{kind}")


@dataclass(frozen=True)
class CompanyLookup:
    """[Consultar]: `case` is found; company_has_representative or company_request_waiting
    (found, but a Representante may not register for it); unknown; or the RUC's fault:
    required, ruc_format, ruc_invalid, ruc_not_public."""

    case: str
    info: CompanyInfo | None = None


def company_info(session: Session, ruc: str) -> CompanyInfo | None:
    """The company's data known to the store (public: as in 2.4.1)."""
    company = company_by_ruc(session, ruc)
    if company is None:
        return None
    return CompanyInfo(company.ruc, company.razon_social, company.direccion, company.telefono)


def company_lookup(session: Session, kind: str, ruc: str) -> CompanyLookup:
    """[Consultar] on the RUC of a request of `kind`: which case it is, and the data if known."""
    ruc = ruc.strip()
    if (fault := check_ruc(ruc)) is not None:
        return CompanyLookup(fault)
    if kind_checks(kind, {"ruc_entidad": ruc}):
        return CompanyLookup("ruc_not_public")
    info = company_info(session, ruc)
    if info is None:
        return CompanyLookup("unknown")
    return CompanyLookup(representative_rule(session, kind, ruc) or "found", info)


def username_available(session: Session, username: str) -> bool:
    return bool(username.strip()) and not username_taken(session, username)


def email_available(session: Session, email: str) -> bool:
    if check_email(email) is not None:
        raise ServiceError("email_invalid")
    return not email_taken(session, email)


def _jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value if not isinstance(v, Attachment)]
    return value


def _checked(
    session: Session,
    kind: str,
    values: dict[str, Any],
    files: dict[str, list[Attachment]] | None,
    now: datetime,
) -> dict[str, Any]:
    """The form's values, typed, once the form's checks and the rules of the store pass."""
    spec = form_spec(kind)
    result = validate(spec, values, files, now=now)
    rules = personal_checks(values) | kind_checks(kind, values)
    if isinstance(result, Invalid):
        # One message a field: the engine's (e.g. too short) before the rule's.
        named = {e.field.split(".")[0] for e in result.errors}
        raise FieldErrors(result.errors, {k: v for k, v in rules.items() if k not in named})
    typed = result.values
    today = local(now).date()
    purge_unconfirmed(session, now=now)
    # The same person again (the code dialog was left, the link dropped): the request that
    # was never confirmed gives way to this one.
    if (
        old := abandoned_request(session, str(typed["id_usuario"]), str(typed["correo"]))
    ) is not None:
        discard_request(session, old)
    rules.update(store_checks(session, kind, typed, today))
    if rules:
        raise FieldErrors([], rules)
    return typed


def _new_user(
    session: Session, kind: str, typed: dict[str, Any], company: Company | None, now: datetime
) -> User:
    """The applicant's account, pending, with its security answers, contact and preferences."""
    document = typed["documento"]
    user = User(
        username=str(typed["id_usuario"]),
        user_class=UserClass(kind),
        company_id=company.id if company is not None and kind == "empleado" else None,
        id_doc_type=document["type"],
        id_doc_number=document["number"],
        full_name=str(typed["nombre_usuario"]).upper(),
        email=str(typed["correo"]),
        phone1=str(typed.get("telefono1") or ""),
        phone2=str(typed.get("telefono2") or ""),
        mobile=str(typed.get("celular") or ""),
        province_code=typed.get("provincia"),
        canton_code=typed.get("ciudad"),
        password_hash=hash_password(str(typed["contrasena"])),
        state=UserState.PENDIENTE,
        created_at=now,
    )
    session.add(user)
    session.flush()
    assert user.id is not None
    for n in (1, 2, 3):
        session.add(
            SecurityAnswer(
                user_id=user.id,
                position=n,
                question=str(typed[f"pregunta_clave{n}"]),
                answer_hash=hash_password(normalise_answer(str(typed[f"respuesta_clave{n}"]))),
            )
        )
    session.add(
        UserContact(
            user_id=user.id,
            direccion=str(typed.get("direccion") or ""),
            fax=str(typed.get("fax") or ""),
            operadora=str(typed.get("operadora_celular") or ""),
            posicion=str(typed.get("posicion") or ""),
            senae_correo=str(typed.get("senae_correo") or ""),
            updated_at=now,
        )
    )
    session.add(
        UserPreference(
            user_id=user.id,
            receive_sms=typed.get("recibir_sms") == "recibir" and bool(user.mobile),
            sms_operator=str(typed.get("operadora_celular") or ""),
            updated_at=now,
        )
    )
    return user


def _new_request(
    session: Session, kind: str, typed: dict[str, Any], user: User, now: datetime
) -> AccountRequest:
    """The request the approver sees: the form's values (no secrets) and the attached files."""
    assert user.id is not None
    ruc_field = COMPANY_RUC_FIELD.get(kind)
    kept = {k: _jsonable(v) for k, v in typed.items() if k not in SECRET_FIELDS}
    request = AccountRequest(
        kind=kind,
        user_id=user.id,
        company_ruc=str(typed[ruc_field]) if ruc_field else "",
        state="correo_pendiente",
        values_json=json.dumps(kept, ensure_ascii=False, sort_keys=True),
        created_at=now,
    )
    session.add(request)
    session.flush()
    assert request.id is not None
    for item in typed.get("adjuntos") or []:
        session.add(
            RequestFile(
                request_id=request.id,
                name=item.name,
                size=item.size,
                sha256=hashlib.sha256(item.data).hexdigest(),
                content=item.data,
            )
        )
    return request


def submit(
    session: Session,
    kind: str,
    values: dict[str, Any],
    files: dict[str, list[Attachment]] | None,
    *,
    now: datetime,
    mail: bool,
    reveal: bool,
) -> Submitted:
    """A Solicitud del uso: the account and its request wait, pending, for the code sent to
    the e-mail address."""
    typed = _checked(session, kind, values, files, now)
    ruc_field = COMPANY_RUC_FIELD.get(kind)
    company = company_by_ruc(session, str(typed[ruc_field])) if ruc_field else None
    user = _new_user(session, kind, typed, company, now)
    request = _new_request(session, kind, typed, user, now)
    assert request.id is not None
    sent = codes.issue(session, user, "confirmar_correo", now=now, mail=mail, reveal=reveal)
    audit.record(
        session,
        at=now,
        actor_id=None,
        action="registration_request",
        entity="account_request",
        entity_id=request.id,
        to_state="correo_pendiente",
        detail={"kind": kind, "username": user.username},
    )
    return Submitted(request.id, user.username, sent)


def _request(session: Session, request_id: int) -> tuple[AccountRequest, User]:
    request = session.get(AccountRequest, request_id, with_for_update=True)
    user = session.get(User, request.user_id) if request else None
    if request is None or user is None:
        raise NotFound("request_not_found")
    return request, user


def resend_code(
    session: Session, request_id: int, *, now: datetime, mail: bool, reveal: bool
) -> codes.CodeSent:
    request, user = _request(session, request_id)
    if request.state != "correo_pendiente":
        raise ServiceError("email_already_confirmed")
    return codes.issue(session, user, "confirmar_correo", now=now, mail=mail, reveal=reveal)


def cancel_request(session: Session, request_id: int, *, now: datetime) -> bool:
    """The applicant left the e-mail code dialog: a request not confirmed yet is removed at
    once, and its ID and e-mail are free again. False when there was nothing to remove."""
    request = session.get(AccountRequest, request_id, with_for_update=True)
    if request is None or request.state != "correo_pendiente":
        return False
    discard_request(session, request)
    audit.record(
        session,
        at=now,
        actor_id=None,
        action="registration_cancelled",
        entity="account_request",
        entity_id=request_id,
        from_state="correo_pendiente",
        detail={"kind": request.kind},
    )
    return True


def confirm_email(session: Session, request_id: int, code: str, *, now: datetime) -> str:
    """Accept the e-mail code; return the request's new state (aprobada for General,
    pendiente for those that wait for an approval)."""
    request, user = _request(session, request_id)
    if request.state != "correo_pendiente":
        raise ServiceError("email_already_confirmed")
    assert user.id is not None
    codes.consume(session, user.id, "confirmar_correo", code, now=now)
    request.email_confirmed_at = now
    if APPROVER[request.kind]:
        request.state = "pendiente"
        post_notice(
            session,
            user_id=user.id,
            code=(
                "registration_waiting_senae"
                if APPROVER[request.kind] == "senae"
                else "registration_waiting_representative"
            ),
            at=now,
        )
    else:
        request.state = "aprobada"
        request.decided_at = now
        user.state = UserState.ACTIVO
        user.data_updated_at = local(now).date()
        post_notice(
            session,
            user_id=user.id,
            code="registration_welcome",
            at=now,
        )
    session.add(request)
    session.add(user)
    audit.record(
        session,
        at=now,
        actor_id=None,
        action="registration_email_confirmed",
        entity="account_request",
        entity_id=request.id,
        from_state="correo_pendiente",
        to_state=request.state,
    )
    return request.state
