"""What every ticket use case shares: numbering, visibility, loading, history, notices and the
conversion to plain data. The use cases are in `tickets.py`, `my_tickets.py` and
`user_actions.py` (the user's side), `staff.py`, `queue.py` and `phone.py` (the staff's side)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from ecuapass_tui.core.clock import local
from ecuapass_tui.core.roles import UNLOCKERS, UserClass, is_staff
from ecuapass_tui.forms.attachments import MEDIA_TYPES, Attachment, sniff
from ecuapass_tui.forms.engine import FieldError, Invalid, validate
from ecuapass_tui.forms.fields import FieldSpec, FormSpec, Section
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.services import audit
from ecuapass_tui.services import mail as mailer
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import NotFound, PermissionDenied, ServiceError
from ecuapass_tui.services.mesa.ticket_dto import (
    WORKING_STATES,
    AttachmentInfo,
    Channel,
    FormEntry,
    HistoryEntry,
    TicketRow,
)
from ecuapass_tui.services.notices import notice_text, post_notice
from ecuapass_tui.store import counters
from ecuapass_tui.store.models import (
    QueueMember,
    Ticket,
    TicketAttachment,
    TicketCounter,
    TicketEvent,
    User,
)
from ecuapass_tui.store.models_mail import MailThread

SENDER = "MESA DE SERVICIOS"
FIRST_VERSION = 2  # a new ticket's row: version 1, and its "created" event
PHONE_FORM = "atencion_telefonica"
FORM_OF_KIND = {"incidente": "incidente", "consulta": "consulta"}


class TicketRefused(ServiceError):
    """A transition that the ticket's state does not allow (`code` says which)."""


def numbering(at: datetime) -> counters.Numbering:
    """MS-YYYY-NNNNNN from the year's counter row, taken as the last write of the ticket's
    transaction (`counters.numbered`): unique, and a rolled-back submit leaves no gap."""
    year = local(at).year
    return counters.Numbering(TicketCounter, {"year": year}, f"MS-{year}-", 6)


# ---------------------------------------------------------------- who sees what


def is_supervisor(actor: Actor) -> bool:
    return actor.user_class in UNLOCKERS


def require_staff(actor: Actor) -> None:
    if not is_staff(actor.user_class):
        raise PermissionDenied()


def member_queues(session: Session, actor: Actor) -> set[str]:
    rows = session.exec(
        select(QueueMember.queue_code).where(QueueMember.user_id == actor.user_id)
    ).all()
    return set(rows)


def can_see(session: Session, actor: Actor, ticket: Ticket) -> bool:
    if is_supervisor(actor):
        return True
    if actor.user_class == UserClass.ANALISTA:
        if ticket.assignee_id == actor.user_id:
            return True
        return ticket.queue_code in member_queues(session, actor)
    if ticket.requester_id == actor.user_id:
        return True
    return (
        actor.user_class == UserClass.REPRESENTANTE
        and actor.company_id is not None
        and ticket.company_id == actor.company_id
    )


def load(session: Session, actor: Actor, number: str, *, lock: bool = False) -> Ticket:
    """The ticket if the actor may see it; another's ticket is simply 'not found'."""
    query = select(Ticket).where(Ticket.number == number.strip().upper())
    if lock:
        query = query.with_for_update()
    ticket = session.exec(query).first()
    if ticket is None or not can_see(session, actor, ticket):
        raise NotFound("ticket_not_found")
    return ticket


def require_state(ticket: Ticket, *states: str) -> None:
    if ticket.state not in states:
        raise TicketRefused("ticket_wrong_state", state=ticket.state)


# ---------------------------------------------------------------- changes


def event(
    session: Session,
    ticket: Ticket,
    actor: Actor | None,
    kind: str,
    *,
    at: datetime,
    body: str = "",
    public: bool = True,
    to_state: str | None = None,
    first: bool = False,
) -> TicketEvent:
    """Append a history entry, move the state when `to_state` is given, and write the audit
    event: one call per change, so no change goes unrecorded. `first`: the event that
    creates the ticket, whose row was written with it counted (`FIRST_VERSION`, updated at
    `at`): no UPDATE of the new row."""
    before = ticket.state
    if to_state is not None:
        ticket.state = to_state
    if not first:
        ticket.updated_at = at
        ticket.version += 1
    session.add(ticket)
    row = TicketEvent(
        ticket_id=ticket.id or 0,
        at=at,
        actor_id=actor.user_id if actor else None,
        kind=kind,
        public=public,
        from_state=before if to_state is not None else "",
        to_state=ticket.state if to_state is not None else "",
        body=body,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        at=at,
        actor_id=actor.user_id if actor else None,
        action=f"ticket_{kind}",
        entity="ticket",
        entity_id=ticket.number,
        from_state=before,
        to_state=ticket.state,
        detail={"public": public, "length": len(body)},
    )
    return row


def store_files(
    session: Session,
    ticket: Ticket,
    files: Iterable[tuple[str, Attachment]],
    event_id: int | None = None,
) -> int:
    count = 0
    for field, item in files:
        session.add(
            TicketAttachment(
                ticket_id=ticket.id or 0,
                event_id=event_id,
                field=field,
                name=item.name,
                media_type=MEDIA_TYPES.get(sniff(item.data) or "", "application/octet-stream"),
                size=len(item.data),
                sha256=hashlib.sha256(item.data).hexdigest(),
                content=item.data,
            )
        )
        count += 1
    return count


# Files added to a reply or a No conforme: the kinds and sizes the ticket forms take.
LATER_FILES = FormSpec(
    id="archivos",
    title_es="Adjuntos",
    title_en="Attachments",
    sections=(
        Section(
            id="archivos",
            title_es="Adjuntos",
            title_en="Attachments",
            fields=(
                FieldSpec(
                    name="archivo",
                    type="attachments",
                    label_es="Adjuntos",
                    label_en="Attachments",
                    max_files=10,
                    max_file_kb=5120,
                ),
            ),
        ),
    ),
    max_total_kb=20480,
)


def later_files(
    files: list[Attachment] | None, now: datetime
) -> tuple[list[Attachment], list[FieldError]]:
    """Files added after the form, checked as the forms check theirs (type by content, sizes,
    count): the files with safe names, or what is wrong with them."""
    result = validate(LATER_FILES, {"archivo": list(files or [])}, now=now)
    if isinstance(result, Invalid):
        return [], result.errors
    return list(result.values.get("archivo") or []), []


def tell_requester(
    session: Session,
    ticket: Ticket,
    *,
    code: str,
    params: dict[str, str | int],
    at: datetime,
    mail: bool,
) -> None:
    """A notice in the requester's Buzón Electrónico (read in the reader's language, see
    services/notice_texts.py), and an e-mail in Spanish (sent after the commit) when SMTP is
    configured and the ticket has a contact address."""
    if ticket.requester_id is not None:
        post_notice(
            session,
            user_id=ticket.requester_id,
            code=code,
            params=params,
            at=at,
            sender=SENDER,
        )
    subject, body = notice_text(code, params)
    if mail and ticket.contact_email:
        sent = mailer.queue_mail(
            session, to=ticket.contact_email, subject=subject, body=body, at=at
        )
        # A reply to this mail (In-Reply-To, References) is found to be about this ticket.
        session.add(MailThread(message_id=sent, ticket_id=ticket.id or 0, created_at=at))


# ---------------------------------------------------------------- plain data


def overdue(ticket: Ticket, now: datetime) -> bool:
    if ticket.paused_at is not None or ticket.state not in WORKING_STATES:
        return False
    return ticket.resolution_due < now


def names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.exec(select(User.id, User.full_name).where(col(User.id).in_(wanted))).all()
    return {uid: name for uid, name in rows if uid is not None}


def to_rows(session: Session, tickets: list[Ticket], now: datetime) -> tuple[TicketRow, ...]:
    people = names(session, [t.assignee_id for t in tickets] + [t.requester_id for t in tickets])
    return tuple(
        TicketRow(
            id=t.id or 0,
            number=t.number,
            kind=t.kind,
            channel=t.channel,
            state=t.state,
            closure=t.closure,
            subject=t.subject,
            queue_code=t.queue_code,
            assignee_name=people.get(t.assignee_id or 0, ""),
            requester_name=people.get(t.requester_id or 0, t.contact_name),
            district_code=t.district_code or "",
            created_at=t.created_at,
            updated_at=t.updated_at,
            first_response_due=t.first_response_due,
            resolution_due=t.resolution_due,
            decision_due=t.decision_due,
            paused=t.paused_at is not None,
            overdue=overdue(t, now),
        )
        for t in tickets
    )


def history(session: Session, ticket: Ticket, *, internal: bool) -> tuple[HistoryEntry, ...]:
    query = select(TicketEvent).where(TicketEvent.ticket_id == ticket.id)
    if not internal:
        query = query.where(col(TicketEvent.public).is_(True))
    rows = session.exec(query.order_by(col(TicketEvent.id))).all()
    people = names(session, [r.actor_id for r in rows])
    return tuple(
        HistoryEntry(
            id=r.id or 0,
            at=r.at,
            actor_name=people.get(r.actor_id or 0, SENDER if r.actor_id is None else ""),
            kind=r.kind,
            public=r.public,
            from_state=r.from_state,
            to_state=r.to_state,
            body=r.body,
        )
        for r in rows
    )


def form_of(ticket: Ticket) -> str:
    """The form a ticket was opened with: the phone form for a call, else its kind's form."""
    if ticket.channel == Channel.TELEFONICO:
        return PHONE_FORM
    return FORM_OF_KIND.get(ticket.kind, "")


def form_entries(ticket: Ticket) -> tuple[str, tuple[FormEntry, ...]]:
    """Every field of the ticket's form that was filled, in the form's order (files are
    rows of their own and left out)."""
    form_id = form_of(ticket)
    if not form_id:
        return "", ()
    try:
        stored = json.loads(ticket.values_json or "{}")
    except ValueError:
        return form_id, ()
    entries: list[FormEntry] = []
    for spec in load_spec(form_id).fields():
        value = stored.get(spec.name) if isinstance(stored, dict) else None
        if isinstance(value, dict):  # an identity document: {"type": ..., "number": ...}
            value = value.get("number")
        if spec.type == "attachments" or value in (None, "", [], {}):
            continue
        entries.append(FormEntry(spec.name, str(value)))
    return form_id, tuple(entries)


def attachments(session: Session, ticket: Ticket) -> tuple[AttachmentInfo, ...]:
    # The content column is left out: a list of files never loads their bytes.
    columns = (
        TicketAttachment.id,
        TicketAttachment.name,
        TicketAttachment.media_type,
        TicketAttachment.size,
        TicketAttachment.sha256,
        TicketAttachment.event_id,
    )
    rows = session.execute(
        select(*columns)  # type: ignore[call-overload]
        .where(col(TicketAttachment.ticket_id) == ticket.id)
        .order_by(col(TicketAttachment.id))
    ).all()
    return tuple(AttachmentInfo(i or 0, n, m, s, h, e) for i, n, m, s, h, e in rows)


def change_stamp(session: Session) -> str:
    """Changes to any ticket move this: the screens compare it every few seconds and reload
    their page only when it moved (nothing is redrawn otherwise)."""
    top, newest = session.exec(select(func.max(Ticket.id), func.max(Ticket.updated_at))).one()
    events = session.exec(select(func.max(TicketEvent.id))).one()
    return f"{top}|{newest}|{events}"
