"""Mesa de Servicios, the user's side (seed 000): report an incident or ask a question, follow
the ticket, answer a request for information, accept or reject the answer, file a queja.

Every use case checks what the actor may do, changes the store in the caller's transaction
(the Desk opens one per call) and returns plain data. The values of a form are checked again
here with the form engine: a screen that skipped the check still cannot store a bad ticket.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from ecuapass_tui.core.menus import registry
from ecuapass_tui.core.roles import OCE_CLASSES, is_staff
from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.forms.engine import FieldError, Invalid, validate
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.services import drafts
from ecuapass_tui.services.cuentas import permissions
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, NotFound, PermissionDenied, ServiceError
from ecuapass_tui.services.mesa import sla
from ecuapass_tui.services.mesa import ticket_store as ts
from ecuapass_tui.services.mesa.routing import routing
from ecuapass_tui.services.mesa.ticket_dto import (
    Action,
    Channel,
    Closure,
    Opened,
    TicketDetail,
    TicketKind,
    TicketPage,
    TicketState,
)
from ecuapass_tui.store.models import (
    Company,
    OceRegistration,
    Ticket,
    TicketAttachment,
    TicketLink,
    User,
)

FORMS = {TicketKind.INCIDENTE: "incidente", TicketKind.CONSULTA: "consulta"}
MIN_TEXT = 10  # replies, reasons, quejas: at least this many characters
MAX_TEXT = 4000


class TicketInvalid(ServiceError):
    """The form's values do not pass: the field errors, to show beside their fields."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("invalid_input")
        self.errors = errors


def check_text(value: str, field: str = "texto", *, minimum: int = MIN_TEXT) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        raise FieldErrors({field: "required"})
    if len(cleaned) < minimum:
        raise FieldErrors({field: f"text_min_{minimum}"})
    if len(cleaned) > MAX_TEXT:
        raise FieldErrors({field: "text_too_long"})
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
        raise TicketInvalid(result.errors)
    typed = result.values
    if kind == TicketKind.CONSULTA:
        motive = str(typed.get("motivo") or "")
        if routing().attachments_required(kind, motive) and not typed.get("documentos"):
            field = spec.field("documentos")
            labels = (field.label_es, field.label_en) if field else ("", "")
            raise TicketInvalid([FieldError("documentos", "required", {}, *labels)])
    return typed


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
) -> Ticket:
    """One new ticket: numbered, routed, with its due times, files, history, audit event and
    the notice that gives the user its number, all in the caller's transaction."""
    motive = str(typed.get("motivo") or "") or None
    targets = sla.targets_for(kind, motive)
    queue = routing().route(kind, motive).queue
    event_at = typed.get("fecha_evento")
    ticket = Ticket(
        number=ts.next_number(session, now),
        kind=kind,
        channel=channel,
        state=TicketState.REGISTRADO,
        requester_id=requester.id if requester else None,
        company_id=requester.company_id if requester else None,
        created_by_id=created_by.user_id,
        contact_name=str(typed.get("nombres") or ""),
        contact_document=document_number(typed.get("documento")),
        contact_email=str(typed.get("correo") or ""),
        contact_phone=str(typed.get("telefono") or ""),
        tipo_persona=str(typed.get("tipo_persona") or ""),
        oce_type_code=str(typed.get("tipo_oce") or ""),
        district_code=str(typed["distrito"]) if typed.get("distrito") else None,
        motive=motive or "",
        system_option=str(typed.get("opcion_sistema") or typed.get("nombre_pantalla") or ""),
        related_document=str(typed.get("documento_relacionado") or ""),
        event_at=event_at if isinstance(event_at, datetime) else None,
        subject=_subject(kind, typed),
        description=str(typed.get("descripcion") or ""),
        values_json=_plain(typed),
        queue_code=queue,
        parent_id=parent.id if parent else None,
        created_at=now,
        updated_at=now,
        first_response_due=sla.add_business_hours(now, targets.first_response_hours),
        resolution_due=sla.add_business_hours(now, targets.resolution_hours),
    )
    session.add(ticket)
    session.flush()
    created = ts.event(session, ticket, created_by, "created", at=now, body=first_event)
    ts.store_files(session, ticket, files, created.id)
    ts.tell_requester(
        session,
        ticket,
        code="ticket_registered",
        params={"numero": ticket.number, "asunto": ticket.subject},
        at=now,
        mail=mail,
    )
    return ticket


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
    """Reporte de incidente or Consulta, from Soporte al Cliente > Mesa de Servicios."""
    if actor.user_class not in OCE_CLASSES:
        raise PermissionDenied()
    permissions.require_option(session, actor, "3.9.1" if kind == "incidente" else "3.9.2")
    merged: dict[str, object] = {**values, **(attachments or {})}
    typed = validated(kind, merged, now)
    requester = session.get(User, actor.user_id)
    ticket = create(
        session,
        kind=kind,
        typed=typed,
        files=_files(FORMS[TicketKind(kind)], typed),
        now=now,
        requester=requester,
        created_by=actor,
        mail=mail,
    )
    drafts.discard_draft(session, actor, FORMS[TicketKind(kind)])
    return Opened(ticket.id or 0, ticket.number)


# ---------------------------------------------------------------- following a ticket


def my_tickets(
    session: Session,
    actor: Actor,
    *,
    now: datetime,
    after: str | None = None,
    limit: int = 50,
) -> TicketPage:
    """The actor's tickets, newest first (a Representante also sees his company's)."""
    permissions.require_option(session, actor, "3.9.3")
    query = select(Ticket)
    if actor.user_class == "representante" and actor.company_id is not None:
        query = query.where(
            (col(Ticket.requester_id) == actor.user_id)
            | (col(Ticket.company_id) == actor.company_id)
        )
    else:
        query = query.where(col(Ticket.requester_id) == actor.user_id)
    if after:
        stamp, _, last_id = after.rpartition("|")
        at = datetime.fromisoformat(stamp)
        query = query.where(
            (col(Ticket.created_at) < at)
            | ((col(Ticket.created_at) == at) & (col(Ticket.id) < int(last_id)))
        )
    rows = list(
        session.exec(
            query.order_by(col(Ticket.created_at).desc(), col(Ticket.id).desc()).limit(limit + 1)
        ).all()
    )
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = f"{rows[-1].created_at.isoformat()}|{rows[-1].id}" if more and rows else None
    return TicketPage(ts.to_rows(session, rows, now), cursor)


def _numbers(session: Session, ids: list[int]) -> tuple[str, ...]:
    if not ids:
        return ()
    rows = session.exec(
        select(Ticket.number).where(col(Ticket.id).in_(ids)).order_by(col(Ticket.id))
    ).all()
    return tuple(rows)


def actions_for(session: Session, actor: Actor, ticket: Ticket) -> frozenset[str]:
    state = ticket.state
    if is_staff(actor.user_class):
        if state in (TicketState.CERRADO, TicketState.ANULADO):
            return frozenset({Action.NOTE, Action.LINK})
        acts = {Action.NOTE, Action.LINK, Action.ASSIGN, Action.CANCEL, Action.MERGE}
        if ticket.assignee_id != actor.user_id:
            acts.add(Action.TAKE)
        if state in (TicketState.REGISTRADO, TicketState.EN_ANALISIS):
            acts |= {Action.ASK, Action.ANSWER}
        if state == TicketState.RESPONDIDO:
            acts -= {Action.MERGE}
        return frozenset(acts)
    if ticket.requester_id != actor.user_id:
        return frozenset()
    if state == TicketState.PENDIENTE_INFORMACION:
        return frozenset({Action.REPLY})
    if state == TicketState.RESPONDIDO:
        return frozenset({Action.ACCEPT, Action.REJECT})
    if state == TicketState.CERRADO and ticket.kind != TicketKind.QUEJA:
        return frozenset({Action.QUEJA})
    return frozenset()


def detail(session: Session, actor: Actor, number: str, *, now: datetime) -> TicketDetail:
    ticket = ts.load(session, actor, number)
    staff = is_staff(actor.user_class)
    children = session.exec(select(Ticket.id).where(Ticket.parent_id == ticket.id)).all()
    link_rows = session.exec(
        select(TicketLink).where(
            (col(TicketLink.ticket_id) == ticket.id) | (col(TicketLink.other_id) == ticket.id)
        )
    ).all()
    linked = [r.other_id if r.ticket_id == ticket.id else r.ticket_id for r in link_rows]
    parent = session.get(Ticket, ticket.parent_id) if ticket.parent_id else None
    merged = session.get(Ticket, ticket.merged_into_id) if ticket.merged_into_id else None
    form_id, form = ts.form_entries(ticket)
    return TicketDetail(
        row=ts.to_rows(session, [ticket], now)[0],
        contact_name=ticket.contact_name,
        contact_document=ticket.contact_document,
        contact_email=ticket.contact_email,
        contact_phone=ticket.contact_phone,
        tipo_persona=ticket.tipo_persona,
        oce_type_code=ticket.oce_type_code,
        motive=ticket.motive,
        system_option=ticket.system_option,
        related_document=ticket.related_document,
        event_at=ticket.event_at,
        description=ticket.description,
        outcome=ticket.outcome,
        rating=ticket.rating,
        rating_comment=ticket.rating_comment,
        answered_at=ticket.answered_at,
        closed_at=ticket.closed_at,
        parent_number=parent.number if parent else None,
        merged_into_number=merged.number if merged else None,
        follow_ups=_numbers(session, [i for i in children if i is not None]),
        linked=_numbers(session, linked) if staff else (),
        history=ts.history(session, ticket, internal=staff),
        attachments=ts.attachments(session, ticket),
        actions=actions_for(session, actor, ticket),
        form_id=form_id,
        form=form,
    )


def attachment_content(session: Session, actor: Actor, attachment_id: int) -> tuple[str, bytes]:
    row = session.get(TicketAttachment, attachment_id)
    ticket = session.get(Ticket, row.ticket_id) if row else None
    if row is None or ticket is None or not ts.can_see(session, actor, ticket):
        raise NotFound("attachment_not_found")
    return row.name, row.content


def _own(session: Session, actor: Actor, number: str) -> Ticket:
    ticket = ts.load(session, actor, number, lock=True)
    if ticket.requester_id != actor.user_id:
        raise PermissionDenied()
    return ticket


def reply(
    session: Session,
    actor: Actor,
    number: str,
    text: str,
    files: list[Attachment] | None = None,
    *,
    now: datetime,
) -> None:
    """The user answers a request for information: back to En análisis, the clock runs again
    (the time it was paused is added to the due time)."""
    ticket = _own(session, actor, number)
    ts.require_state(ticket, TicketState.PENDIENTE_INFORMACION)
    body = check_text(text)
    files, errors = ts.later_files(files, now)
    if errors:
        raise TicketInvalid(errors)
    if ticket.paused_at is not None:
        paused = sla.business_seconds_between(ticket.paused_at, now) / 3600
        ticket.resolution_due = sla.add_business_hours(ticket.resolution_due, paused)
        ticket.paused_at = None
    row = ts.event(
        session, ticket, actor, "user_reply", at=now, body=body, to_state=TicketState.EN_ANALISIS
    )
    ts.store_files(session, ticket, [("respuesta", f) for f in files], row.id)


def accept(
    session: Session, actor: Actor, number: str, rating: int, comment: str = "", *, now: datetime
) -> None:
    """Aceptar: closed, conforme, with a 1-5 satisfaction rating."""
    ticket = _own(session, actor, number)
    ts.require_state(ticket, TicketState.RESPONDIDO)
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise FieldErrors({"calificacion": "rating_range"})
    comment = (comment or "").strip()
    if len(comment) > 500:
        raise FieldErrors({"comentario": "text_too_long"})
    ticket.rating, ticket.rating_comment = rating, comment
    ticket.closure, ticket.closed_at = Closure.CONFORME, now
    ts.event(
        session,
        ticket,
        actor,
        "accepted",
        at=now,
        body=f"Calificación {rating}/5" + (f": {comment}" if comment else ""),
        to_state=TicketState.CERRADO,
    )


def reject(
    session: Session,
    actor: Actor,
    number: str,
    reason: str,
    files: list[Attachment] | None = None,
    *,
    now: datetime,
    mail: bool = False,
) -> Opened:
    """No conforme: this ticket closes as no conforme and a new one opens with the same data
    and files, plus the files the user adds now (a new screenshot), linked to it (seed 000:
    "deberá registrar otro ticket"), in one transaction."""
    ticket = _own(session, actor, number)
    ts.require_state(ticket, TicketState.RESPONDIDO)
    why = check_text(reason, "motivo")
    files, errors = ts.later_files(files, now)
    if errors:
        raise TicketInvalid(errors)
    ticket.closure, ticket.closed_at = Closure.NO_CONFORME, now
    ts.event(session, ticket, actor, "rejected", at=now, body=why, to_state=TicketState.CERRADO)
    typed: dict[str, Any] = json.loads(ticket.values_json or "{}")
    if ticket.event_at is not None:
        typed["fecha_evento"] = ticket.event_at
    typed.setdefault("asunto", ticket.subject)
    typed["descripcion"] = ticket.description
    old_files = session.exec(
        select(TicketAttachment).where(
            TicketAttachment.ticket_id == ticket.id, col(TicketAttachment.event_id).is_not(None)
        )
    ).all()
    kept = [(f.field, Attachment(f.name, f.content)) for f in old_files if f.field != "respuesta"]
    added = [("no_conforme", item) for item in files]
    new = create(
        session,
        kind=ticket.kind,
        typed=typed,
        files=kept + added,
        now=now,
        requester=session.get(User, actor.user_id),
        created_by=actor,
        channel=ticket.channel,
        parent=ticket,
        first_event=f"No conforme con la respuesta del ticket {ticket.number}: {why}",
        mail=mail,
    )
    return Opened(new.id or 0, new.number)


def file_queja(
    session: Session, actor: Actor, number: str, text: str, *, now: datetime, mail: bool = False
) -> Opened:
    """A complaint about the service of a closed ticket: to the Jefatura de Atención al
    Usuario, counted as a queja in the figures."""
    ticket = _own(session, actor, number)
    ts.require_state(ticket, TicketState.CERRADO)
    if ticket.kind == TicketKind.QUEJA:
        raise ServiceError("ticket_wrong_state", state=ticket.state)
    body = check_text(text, minimum=20)
    typed = {
        "nombres": ticket.contact_name,
        "documento": {"type": "cedula", "number": ticket.contact_document},
        "correo": ticket.contact_email,
        "telefono": ticket.contact_phone,
        "tipo_persona": ticket.tipo_persona,
        "asunto": f"Queja sobre la atención del ticket {ticket.number}",
        "descripcion": body,
    }
    new = create(
        session,
        kind=TicketKind.QUEJA,
        typed=typed,
        files=[],
        now=now,
        requester=session.get(User, actor.user_id),
        created_by=actor,
        parent=ticket,
        mail=mail,
    )
    return Opened(new.id or 0, new.number)
