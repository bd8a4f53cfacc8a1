"""3.2.3 Modificar información de registro de usuario (seed 002).

The current data by user type -> the user changes what changed, keeps the e-mail or gives a
new one, asks for a security code (sent to the registered e-mail, 15 minutes) -> Modificar:
the form engine and the rules check the values, the code is spent, the data change -> the
convenio is shown and signed with a .p12 (`sign_convenio`): the signature is stored, the data
count as updated this year, and a January disabling is lifted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, func, select

from ecuapass_tui.core.roles import OCE_CLASSES
from ecuapass_tui.forms.engine import Invalid, validate
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.forms.validators import to_phone
from ecuapass_tui.services import audit
from ecuapass_tui.services import mail as mailer
from ecuapass_tui.services.cuentas import auth, codes, january, signing
from ecuapass_tui.services.cuentas.registration_rules import email_taken, personal_checks
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, LoginFailed, NotFound, ServiceError
from ecuapass_tui.services.notices import post_notice
from ecuapass_tui.store.models import AuditEvent, User
from ecuapass_tui.store.models_accounts import SignedConvenio, UserContact, UserPreference

FORM_ID = "actualizacion_datos"
SIGN_WITHIN = timedelta(minutes=30)
SUCCESS = "Su actualización de Datos se ha realizado con éxito"
# form field -> (table, column)
FIELDS = {
    "provincia": ("user", "province_code"),
    "ciudad": ("user", "canton_code"),
    "telefono1": ("user", "phone1"),
    "telefono2": ("user", "phone2"),
    "celular": ("user", "mobile"),
    "direccion": ("contact", "direccion"),
    "fax": ("contact", "fax"),
    "operadora_celular": ("contact", "operadora"),
}


@dataclass(frozen=True)
class Modified:
    changes: tuple[str, ...]  # form field names, e.g. ("direccion", "correo")
    convenio: signing.Convenio


@dataclass(frozen=True)
class Signed:
    fingerprint: str
    subject: str
    signed_at: datetime
    enabled_again: bool
    message: str = SUCCESS


def _user(session: Session, actor: Actor) -> tuple[User, UserContact, UserPreference | None]:
    user = session.get(User, actor.user_id, with_for_update=True)
    if user is None or user.id is None:
        raise NotFound("user_not_found")
    if user.user_class not in OCE_CLASSES:
        raise ServiceError("no_registration_data")
    contact = session.get(UserContact, user.id) or UserContact(
        user_id=user.id, updated_at=user.created_at
    )
    return user, contact, session.get(UserPreference, user.id)


def sign_in_for_update(
    session: Session, *, ruc: str, username: str, password: str, now: datetime
) -> Actor:
    """The login of a user the January rule disabled: only for this flow (the screen keeps
    the actor to itself; the App never gets it). Other refusals are the login's own."""
    try:
        return auth.login(session, ruc=ruc, username=username, password=password, now=now)
    except LoginFailed as refused:
        if refused.code != "disabled" or refused.params.get("reason") != january.REASON:
            raise
    user = session.exec(
        select(User).where(func.lower(User.username) == username.strip().lower())
    ).one()
    return auth.to_actor(user)


def current_values(session: Session, actor: Actor) -> tuple[dict[str, Any], str]:
    """The form's values from the store, and the registered e-mail."""
    user, contact, prefs = _user(session, actor)
    values: dict[str, Any] = {"tipo_usuario": user.user_class, "mantener_correo": "si"}
    for name, (table, column) in FIELDS.items():
        source: Any = user if table == "user" else contact
        values[name] = getattr(source, column) or ""
    values["recibir_sms"] = "recibir" if prefs and prefs.receive_sms else "no_recibir"
    return values, user.email


def request_code(
    session: Session, actor: Actor, *, now: datetime, mail: bool, reveal: bool
) -> codes.CodeSent:
    user, _contact, _prefs = _user(session, actor)
    return codes.issue(session, user, "actualizacion_datos", now=now, mail=mail, reveal=reveal)


def _same(name: str, stored: str, new: str) -> bool:
    """Stored phones may be written as typed ("02-2456789"): compare them as E.164."""
    spec = {f.name: f for f in load_spec(FORM_ID).fields()}[name]
    if spec.type == "phone" and stored:
        converted = to_phone(spec, stored)
        if isinstance(converted, str):
            stored = converted
    return stored == new


def modify(session: Session, actor: Actor, values: dict[str, Any], *, now: datetime) -> Modified:
    user, contact, prefs = _user(session, actor)
    assert user.id is not None
    result = validate(load_spec(FORM_ID), values, now=now)
    rules = personal_checks(values)
    if values.get("tipo_usuario") and values.get("tipo_usuario") != user.user_class:
        rules["tipo_usuario"] = "user_type_mismatch"
    if isinstance(result, Invalid) or rules:
        errors = result.errors if isinstance(result, Invalid) else []
        named = {e.field.split(".")[0] for e in errors}
        raise FieldErrors(errors, {k: v for k, v in rules.items() if k not in named})
    typed = result.values
    new_email = str(typed.get("nuevo_correo") or "") if typed["mantener_correo"] == "no" else ""
    if new_email and email_taken(session, new_email, except_user=user.id):
        raise FieldErrors([], {"nuevo_correo": "email_taken"})
    codes.consume(session, user.id, "actualizacion_datos", str(typed["codigo_seguridad"]), now=now)
    changes: list[str] = []
    for name, (table, column) in FIELDS.items():
        target: Any = user if table == "user" else contact
        new = typed.get(name) or ""
        if not _same(name, getattr(target, column) or "", new):
            setattr(target, column, new or (None if column.endswith("_code") else ""))
            changes.append(name)
    sms = typed.get("recibir_sms") == "recibir"
    if prefs is None:
        prefs = UserPreference(user_id=user.id, updated_at=now)
    if prefs.receive_sms != sms:
        prefs.receive_sms = sms
        changes.append("recibir_sms")
    prefs.updated_at = now
    if new_email and new_email.lower() != user.email.lower():
        old = user.email
        user.email = new_email
        changes.append("correo")
        if old:
            post_notice(
                session,
                user_id=user.id,
                code="email_changed",
                params={"antes": codes.mask(old), "despues": codes.mask(new_email)},
                at=now,
            )
    contact.updated_at = now
    session.add_all([user, contact, prefs])
    audit.record(
        session,
        at=now,
        actor_id=user.id,
        action="data_update",
        entity="user",
        entity_id=user.id,
        detail={"changes": changes},
    )
    return Modified(tuple(changes), signing.convenio())


def _pending_update(session: Session, user_id: int, now: datetime) -> AuditEvent | None:
    """The last Modificar of this user, if recent and not yet followed by a signature."""
    event = session.exec(
        select(AuditEvent)
        .where(AuditEvent.entity == "user", AuditEvent.entity_id == str(user_id))
        .where(col(AuditEvent.action).in_(["data_update", "convenio_signed"]))
        .order_by(col(AuditEvent.id).desc())
        .limit(1)
    ).first()
    if event is None or event.action != "data_update" or event.at < now - SIGN_WITHIN:
        return None
    return event


def sign_convenio(
    session: Session, actor: Actor, p12: bytes, pin: str, *, now: datetime, mail: bool
) -> Signed:
    user, _contact, _prefs = _user(session, actor)
    assert user.id is not None
    pending = _pending_update(session, user.id, now)
    if pending is None:
        raise ServiceError("no_pending_update")
    text = signing.convenio()
    signature = signing.sign_text(p12, pin, text.text, now=now)
    changes = json.loads(pending.detail).get("changes", [])
    session.add(
        SignedConvenio(
            user_id=user.id,
            version=text.version,
            text_sha256=text.sha256,
            algorithm=signature.algorithm,
            signature=signature.signature,
            certificate=signature.certificate,
            fingerprint=signature.fingerprint,
            subject=signature.subject,
            changes_json=json.dumps(changes),
            signed_at=now,
        )
    )
    lifted = january.enable_after_update(session, user, now=now)
    audit.record(
        session,
        at=now,
        actor_id=user.id,
        action="convenio_signed",
        entity="user",
        entity_id=user.id,
        detail={"fingerprint": signature.fingerprint, "version": text.version},
    )
    post_notice(session, user_id=user.id, code="data_updated", at=now)
    if mail and user.email:
        mailer.queue_mail(session, to=user.email, subject=SUCCESS, body=SUCCESS + ".", at=now)
    return Signed(signature.fingerprint, signature.subject, now, lifted)
