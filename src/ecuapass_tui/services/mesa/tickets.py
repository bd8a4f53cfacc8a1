"""Mesa de Servicios, the user's side (seed 000): report an incident or ask a question. The
forms' values become a ticket: numbered, routed, with its due times and files. Following a
ticket is in my_tickets, the user's answers to it in user_actions.

Every use case checks what the actor may do, changes the store in the caller's transaction
(the Desk opens one per call) and returns plain data. The values of a form are checked again
here with the form engine: a screen that skipped the check still cannot store a bad ticket.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from ecuapass_tui.core.menus import registry
from ecuapass_tui.core.roles import OCE_CLASSES
from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.forms.engine import FieldError, Invalid, validate
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.services import access, drafts
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, NotFound, PermissionDenied, ServiceError
from ecuapass_tui.services.mesa import sla
from ecuapass_tui.services.mesa import ticket_store as ts
from ecuapass_tui.services.mesa.routing import routing
from ecuapass_tui.services.mesa.ticket_dto import (
    Channel,
    Opened,
    TicketKind,
    TicketState,
)
from ecuapass_tui.store import counters
from ecuapass_tui.store.models import (
    Company,
    OceRegistration,
    Ticket,
    User,
)

FORMS = {TicketKind.INCIDENTE: "incidente", TicketKind.CONSULTA: "consulta"}
MIN_TEXT = 10  # replies, reasons, quejas: at least this many characters
MAX_TEXT = 4000


def check_text(value: str, field: str = "texto", *, minimum: int = MIN_TEXT) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        raise FieldErrors(rules={field: "required"})
    if len(cleaned) < minimum:
        raise FieldErrors(rules={field: f"text_min_{minimum}"})
    if len(cleaned) > MAX_TEXT:
        raise FieldErrors(rules={field: "text_too_long"})
    return cleaned


# ---------------------------------------------------------------- the forms


def document_number(value: object) -> str:
    if isinstance(value, dict):
        return str(value.get("number") or "")
    return str(value or "")


def contact_prefill(session: Session, actor: Actor) -> dict[str, object]:
    """The contact block of both forms, from the account (the user may correct it)."""
    user = session.get(User, actor.user_id)
    if user is None:
        raise NotFound("user_not_found")
    company = session.get(Company, user.company_id) if user.company_id else None
    values: dict[str, object] = {
        "nombres": user.full_name,
        "tipo_persona": company.tipo_persona if company else "natural_ecuatoriana",
        "documento": (
            {"type": user.id_doc_type or "cedula", "number": user.id_doc_number}
            if user.id_doc_number
            else {"type": "ruc", "number": company.ruc if company else ""}
        ),
        "correo": user.email,
        "telefono": user.phone1 or user.mobile,
    }
    if actor.oce_code:
        oce = session.exec(
            select(OceRegistration).where(OceRegistration.code == actor.oce_code)
        ).first()
        if oce is not None:
            values["tipo_oce"] = oce.oce_type_code
    return values


def _subject(kind: str, typed: dict[str, Any]) -> str:
    if kind == TicketKind.CONSULTA or typed.get("asunto"):
        return str(typed["asunto"])[:200]
    # An incident has no asunto of its own: the option where it happened and the start of the
    # account, so that a list or a mailbox line says which incident it is.
    option = str(typed.get("opcion_sistema") or "")
    found = registry().option(option) if option else None
    where = found.label("es") if found else str(typed.get("nombre_pantalla") or option)
    account = " ".join(str(typed.get("descripcion") or "").split())
    subject = f"{where}: {account}" if account else where
    return subject if len(subject) <= 120 else subject[:119].rstrip() + "…"


def _files(spec_id: str, typed: dict[str, Any]) -> list[tuple[str, Attachment]]:
    spec = load_spec(spec_id)
    return [
        (f.name, item)
        for f in spec.fields()
        if f.type == "attachments"
        for item in (typed.get(f.name) or [])
    ]


def _plain(typed: dict[str, Any]) -> str:
    """The form's values as JSON, files left out (they are rows of their own)."""
    kept = {
        k: (v.isoformat() if isinstance(v, datetime) else v)
        for k, v in typed.items()
        if not (isinstance(v, list) and v and isinstance(v[0], Attachment))
    }
    return json.dumps(kept, ensure_ascii=False, sort_keys=True, default=str)


def validated(kind: str, values: dict[str, object], now: datetime) -> dict[str, Any]:
    if kind not in FORMS:
        raise ServiceError("invalid_input")
    spec = load_spec(FORMS[TicketKind(kind)])
    result = validate(spec, values, now=now)
    if isinstance(result, Invalid):
        raise FieldErrors(result.errors)
    typed = result.values
    if kind == TicketKind.CONSULTA:
        motive = str(typed.get("motivo") or "")
        if routing().attachments_required(kind, motive) and not typed.get("documentos"):
            field = spec.field("documentos")
            labels = (field.label_es, field.label_en) if field else ("", "")
            raise FieldErrors([FieldError("documentos", "required", {}, *labels)])
    return typed


def ticket_fields(kind: str, typed: dict[str, Any], now: datetime) -> dict[str, Any]:
    """What a new ticket's row holds from its form alone: routed, with its due times. No
    database: the Desk works it out before it takes the write lock."""
    motive = str(typed.get("motivo") or "") or None
    targets = sla.targets_for(kind, motive)
    event_at = typed.get("fecha_evento")
    return {
        "kind": kind,
        "state": TicketState.REGISTRADO,
        "contact_name": str(typed.get("nombres") or ""),
        "contact_document": document_number(typed.get("documento")),
        "contact_email": str(typed.get("correo") or ""),
        "contact_phone": str(typed.get("telefono") or ""),
        "tipo_persona": str(typed.get("tipo_persona") or ""),
        "oce_type_code": str(typed.get("tipo_oce") or ""),
        "district_code": str(typed["distrito"]) if typed.get("distrito") else None,
        "motive": motive or "",
        "system_option": str(typed.get("opcion_sistema") or typed.get("nombre_pantalla") or ""),
        "related_document": str(typed.get("documento_relacionado") or ""),
        "event_at": event_at if isinstance(event_at, datetime) else None,
        "subject": _subject(kind, typed),
        "description": str(typed.get("descripcion") or ""),
        "values_json": _plain(typed),
        "queue_code": routing().route(kind, motive).queue,
        "created_at": now,
        "updated_at": now,
        "first_response_due": sla.add_business_hours(now, targets.first_response_hours),
        "resolution_due": sla.add_business_hours(now, targets.resolution_hours),
    }


def create(
    session: Session,
    *,
    kind: str,
    typed: dict[str, Any],
    files: list[tuple[str, Attachment]],
    now: datetime,
    requester: User | None,
    created_by: Actor,
    channel: str = Channel.EN_LINEA,
    parent: Ticket | None = None,
    first_event: str = "",
    mail: bool = False,
    fields: dict[str, Any] | None = None,
) -> Ticket:
    """One new ticket: numbered, routed, with its due times, files, history, audit event and
    the notice that gives the user its number, all in the caller's transaction. `fields`:
    `ticket_fields(kind, typed, now)` when the caller worked them out already. The number is
    taken last (the counter's row is a queue for every submit: store/counters.py)."""
    with counters.numbered(session, ts.numbering(now)) as slot:
        ticket = Ticket(
            **(fields or ticket_fields(kind, typed, now)),
            number=slot.mark,
            channel=channel,
            requester_id=requester.id if requester else None,
            company_id=requester.company_id if requester else None,
            created_by_id=created_by.user_id,
            parent_id=parent.id if parent else None,
            version=ts.FIRST_VERSION,
        )
        session.add(ticket)
        session.flush()
        created = ts.event(
            session, ticket, created_by, "created", at=now, body=first_event, first=True
        )
        ts.store_files(session, ticket, files, created.id)
        ts.tell_requester(
            session,
            ticket,
            code="ticket_registered",
            params={"numero": slot.mark, "asunto": ticket.subject},
            at=now,
            mail=mail,
        )
    return ticket


@dataclass(frozen=True)
class CheckedTicket:
    """A form's values checked by the form engine, ready to be filed."""

    kind: str
    typed: dict[str, Any]
    files: list[tuple[str, Attachment]]
    fields: dict[str, Any]  # ticket_fields(kind, typed, now)


def _may_open(session: Session, actor: Actor, kind: str) -> None:
    if actor.user_class not in OCE_CLASSES:
        raise PermissionDenied()
    access.require_option(session, actor, "3.9.1" if kind == "incidente" else "3.9.2")


def check_ticket(
    session: Session,
    actor: Actor,
    kind: str,
    values: dict[str, object],
    attachments: dict[str, list[Attachment]] | None = None,
    *,
    now: datetime,
) -> CheckedTicket:
    """Who may send it, then the form's values; no write. The Desk runs this before the write
    transaction, so that the database is held only while the ticket is stored."""
    _may_open(session, actor, kind)
    merged: dict[str, object] = {**values, **(attachments or {})}
    typed = validated(kind, merged, now)
    files = _files(FORMS[TicketKind(kind)], typed)
    return CheckedTicket(kind, typed, files, ticket_fields(kind, typed, now))


def file_ticket(
    session: Session, actor: Actor, checked: CheckedTicket, *, now: datetime, mail: bool = False
) -> Opened:
    """Store a checked Reporte de incidente or Consulta (the permission checked again)."""
    _may_open(session, actor, checked.kind)
    requester = session.get(User, actor.user_id)
    drafts.discard_draft(session, actor, FORMS[TicketKind(checked.kind)])
    ticket = create(
        session,
        kind=checked.kind,
        typed=checked.typed,
        files=checked.files,
        now=now,
        requester=requester,
        created_by=actor,
        mail=mail,
        fields=checked.fields,
    )
    return Opened(ticket.id or 0, ticket.number)


def open_ticket(
    session: Session,
    actor: Actor,
    kind: str,
    values: dict[str, object],
    attachments: dict[str, list[Attachment]] | None = None,
    *,
    now: datetime,
    mail: bool = False,
) -> Opened:
    """Reporte de incidente or Consulta, from Soporte al Cliente > Mesa de Servicios, checked
    and stored in one transaction."""
    checked = check_ticket(session, actor, kind, values, attachments, now=now)
    return file_ticket(session, actor, checked, now=now, mail=mail)
