"""Approvals of Solicitudes del uso: SENAE staff (administrador) decide on Representante and
entity requests, a company's Representante on its Empleados'. The decision reaches the
applicant in the Buzón Electrónico and, when SMTP is configured, by e-mail."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from ecuapass_tui.core.clock import local
from ecuapass_tui.core.identity import ruc_kind
from ecuapass_tui.core.roles import UserClass, UserState
from ecuapass_tui.services import audit
from ecuapass_tui.services import mail as mailer
from ecuapass_tui.services.cuentas.registration import APPROVER
from ecuapass_tui.services.cuentas.registration_rules import END_OF_TIME, company_by_ruc, month_year
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, NotFound, PermissionDenied, ServiceError
from ecuapass_tui.services.notices import notice_text, post_notice
from ecuapass_tui.store.models import Company, OceRegistration, User
from ecuapass_tui.store.models_accounts import AccountRequest

SENAE_DECIDERS = frozenset({UserClass.ADMINISTRADOR})
TIPO_PERSONA = {"natural": "natural_ecuatoriana", "publica": "juridica_publica"}


@dataclass(frozen=True)
class PendingRequest:
    id: int
    kind: str
    username: str
    full_name: str
    email: str
    company_ruc: str
    company_name: str
    created_at: datetime
    oce_codes: tuple[str, ...]
    files: int


def _company_ruc(session: Session, actor: Actor) -> str:
    company = session.get(Company, actor.company_id) if actor.company_id else None
    return company.ruc if company else ""


def _may_decide(session: Session, actor: Actor, request: AccountRequest) -> bool:
    if APPROVER.get(request.kind) == "senae":
        return actor.user_class in SENAE_DECIDERS
    if APPROVER.get(request.kind) == "representante":
        return actor.user_class == UserClass.REPRESENTANTE and request.company_ruc == (
            _company_ruc(session, actor)
        )
    return False


def pending(session: Session, actor: Actor) -> list[PendingRequest]:
    """The requests waiting for this actor's decision, oldest first."""
    query = select(AccountRequest, User).join(User, col(User.id) == col(AccountRequest.user_id))
    query = query.where(AccountRequest.state == "pendiente")
    if actor.user_class in SENAE_DECIDERS:
        kinds = [k for k, who in APPROVER.items() if who == "senae"]
        query = query.where(col(AccountRequest.kind).in_(kinds))
    elif actor.user_class == UserClass.REPRESENTANTE:
        query = query.where(
            AccountRequest.kind == "empleado",
            AccountRequest.company_ruc == _company_ruc(session, actor),
        )
    else:
        raise PermissionDenied()
    rows = session.exec(query.order_by(col(AccountRequest.created_at)).limit(200)).all()
    result = []
    for request, user in rows:
        values: dict[str, Any] = json.loads(request.values_json)
        result.append(
            PendingRequest(
                id=request.id or 0,
                kind=request.kind,
                username=user.username,
                full_name=user.full_name,
                email=user.email,
                company_ruc=request.company_ruc,
                company_name=str(
                    values.get("razon_social")
                    or values.get("nombre_entidad")
                    or values.get("nombre_organizacion")
                    or ""
                ),
                created_at=request.created_at,
                oce_codes=tuple(str(r.get("codigo")) for r in values.get("tipos_oce") or []),
                files=len(values.get("adjuntos") or []),
            )
        )
    return result


def _company_for(session: Session, request: AccountRequest, values: dict[str, Any]) -> Company:
    company = company_by_ruc(session, request.company_ruc)
    if company is not None:
        return company
    ruc = request.company_ruc
    company = Company(
        ruc=ruc,
        razon_social=str(values.get("razon_social") or values.get("nombre_entidad") or ""),
        direccion=str(values.get("direccion_empresa") or values.get("direccion_entidad") or ""),
        telefono=str(values.get("telefono_empresa") or values.get("telefono_entidad") or ""),
        tipo_persona=TIPO_PERSONA.get(ruc_kind(ruc), "juridica_privada"),
        created_at=request.created_at,
    )
    session.add(company)
    session.flush()
    return company


def _register_oce(session: Session, company: Company, values: dict[str, Any]) -> None:
    assert company.id is not None
    for row in values.get("tipos_oce") or []:
        code = str(row["codigo"])
        if session.exec(select(OceRegistration).where(OceRegistration.code == code)).first():
            continue
        start = month_year(row.get("inicio")) or local(company.created_at).date()
        end = date.fromisoformat(row["fin"]) if row.get("fin") else END_OF_TIME
        session.add(
            OceRegistration(
                company_id=company.id,
                code=code,
                oce_type_code=str(row["tipo"]),
                start=start,
                end=end,
            )
        )


def decide(
    session: Session,
    actor: Actor,
    request_id: int,
    *,
    approve: bool,
    reason: str = "",
    now: datetime,
    mail: bool,
) -> str:
    """Approve or reject (a reason is required to reject); returns the new state."""
    request = session.get(AccountRequest, request_id, with_for_update=True)
    if request is None or not _may_decide(session, actor, request):
        # A request the actor may not decide is not shown to him either.
        raise NotFound("request_not_found")
    if request.state != "pendiente":
        raise ServiceError("request_decided")
    reason = " ".join(reason.split())
    if not approve and len(reason) < 10:
        raise FieldErrors(rules={"reason": "text_too_short"})
    user = session.get(User, request.user_id)
    assert user is not None and user.id is not None
    values: dict[str, Any] = json.loads(request.values_json)
    if approve:
        if request.kind in ("representante", "representante_entidad"):
            company = _company_for(session, request, values)
            _register_oce(session, company, values)
            user.company_id = company.id
        user.state = UserState.ACTIVO
        user.data_updated_at = local(now).date()
        request.state = "aprobada"
        code, params = "registration_approved", {"usuario": user.username}
    else:
        user.state = UserState.RECHAZADO
        user.disabled_reason = reason[:300]
        request.state = "rechazada"
        code, params = "registration_rejected", {"motivo": reason}
    request.decided_at = now
    request.decided_by_id = actor.user_id
    request.decision_reason = reason[:500]
    session.add(request)
    session.add(user)
    post_notice(session, user_id=user.id, code=code, params=params, at=now)
    if mail and user.email:
        subject, body = notice_text(code, params)
        mailer.queue_mail(session, to=user.email, subject=subject, body=body, at=now)
    audit.record(
        session,
        at=now,
        actor_id=actor.user_id,
        action="registration_decision",
        entity="account_request",
        entity_id=request.id,
        from_state="pendiente",
        to_state=request.state,
        detail={"kind": request.kind, "username": user.username},
    )
    return request.state
