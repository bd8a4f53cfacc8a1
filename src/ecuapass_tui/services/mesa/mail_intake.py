"""Tickets by e-mail (channel Correo): one received message, decided and stored in one
transaction with its audit event.

The order of the decision (docs/mail.md): too large; unreadable (no single From address);
delivered before (its Message-ID was received already: a retry after a lost answer opens no
second ticket); sent by a program (Auto-Submitted, Precedence bulk/list/junk, list headers, the
null sender) or one of ours (our Message-IDs, our own address): never answered; a burst (more
than RATE_PER_HOUR from one address in the last hour, counted in `mail_intake` so it holds
across processes); a reply to a ticket (`[MS-YYYY-NNNNNN]` in the subject, or In-Reply-To /
References naming a mail we sent about it) is added only when its sender is the ticket's
requester; a sender with no account gets one answer saying how to register; otherwise a new
ticket. A database that cannot take the message raises `TryLater`: nothing was stored, and
the mail server keeps the message and delivers it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from ecuapass_tui.core.roles import OCE_CLASSES
from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.services import audit
from ecuapass_tui.services import mail as mailer
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.mesa import mail_replies as replies
from ecuapass_tui.services.mesa import ticket_store as ts
from ecuapass_tui.services.mesa import user_actions
from ecuapass_tui.services.mesa.mail_message import (
    MAX_MESSAGE_BYTES,
    Incoming,
    parse,
    without_quote,
)
from ecuapass_tui.services.mesa.ticket_dto import Channel, TicketKind, TicketState
from ecuapass_tui.services.mesa.tickets import MAX_TEXT, MIN_TEXT, create
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.faults import database_fault
from ecuapass_tui.store.models import Company, Ticket, User
from ecuapass_tui.store.models_mail import MailIntake, MailThread

RATE_PER_HOUR = 10
CLOSED = (TicketState.CERRADO, TicketState.ANULADO)


class TryLater(Exception):
    """The database could not take the message (busy, offline, full, read-only): retry."""

    def __init__(self, fault: str) -> None:
        super().__init__(fault)
        self.fault = fault


@dataclass(frozen=True)
class Received:
    outcome: str  # ticket_opened, reply_added, reply_refused, unknown_sender, ... (docs/mail.md)
    ticket_number: str = ""


@dataclass
class _Context:
    session: Session
    mail: Incoming
    now: datetime
    sends_mail: bool
    recipient: str
    detail: dict[str, object]
    left_out: list[str] = field(default_factory=list)


def receive(
    db: Database,
    raw: bytes,
    *,
    now: datetime,
    sends_mail: bool,
    recipient: str = "",
    envelope_sender: str | None = None,
    own_address: str = "",
) -> Received:
    """Decide what one message is and store it, with its audit event, in one transaction."""
    if len(raw) > MAX_MESSAGE_BYTES:
        incoming = Incoming(sender="", subject="", text="")
    else:
        try:
            incoming = parse(raw, envelope_sender=envelope_sender)
        except Exception:  # a message the parser cannot read is refused, never a crash
            incoming = Incoming(sender="", subject="", text="")
    try:
        with db.write() as session:
            context = _Context(session, incoming, now, sends_mail, recipient, {"size": len(raw)})
            outcome, user, number = _decide(context, len(raw), own_address)
            _record(context, outcome, user, number)
    except Exception as exc:
        fault = database_fault(exc)
        if fault is None:
            raise
        raise TryLater(fault) from exc
    return Received(outcome, number)


def _decide(context: _Context, size: int, own_address: str) -> tuple[str, User | None, str]:
    mail, session = context.mail, context.session
    if size > MAX_MESSAGE_BYTES:
        return "too_large", None, ""
    if not mail.sender:
        return "unreadable", None, ""
    if mail.message_id and _seen(session, mail.message_id):
        return "duplicate", None, ""
    if mail.automatic:
        context.detail["reason"] = mail.automatic
        return "automatic", None, ""
    if mailer.is_ours(session, mail.message_id) or (own_address and mail.sender == own_address):
        return "own_message", None, ""
    if _recent(session, mail.sender, context.now) >= RATE_PER_HOUR:
        return "rate_limited", None, ""
    user, known = _user_of(session, mail.sender)
    ticket = _ticket_named(session, mail)
    if ticket is not None and ticket.state not in CLOSED:
        if user is None or ticket.requester_id != user.id:
            context.detail["reason"] = "not_requester"
            return "reply_refused", user, ticket.number
        return _add_reply(context, user, ticket), user, ticket.number
    if user is None:
        return _unknown(context, known), None, ""
    opened = _open(context, user, parent=ticket)
    return "ticket_opened", user, opened.number


# ---------------------------------------------------------------- what is known


def _seen(session: Session, message_id: str) -> bool:
    query = select(MailIntake.id).where(MailIntake.message_id == message_id)
    return session.exec(query).first() is not None


def _recent(session: Session, sender: str, now: datetime) -> int:
    query = select(func.count()).where(
        MailIntake.sender == sender, col(MailIntake.received_at) >= now - timedelta(hours=1)
    )
    return int(session.exec(query).one())


def _user_of(session: Session, sender: str) -> tuple[User | None, bool]:
    """The active OCE user whose registered e-mail is `sender`; and whether any account (staff,
    inactive) has it."""
    users = session.exec(
        select(User).where(func.lower(User.email) == sender).order_by(col(User.id))
    ).all()
    for user in users:
        if user.user_class in OCE_CLASSES and user.state == "activo":
            return user, True
    return None, bool(users)


def _ticket_named(session: Session, mail: Incoming) -> Ticket | None:
    if mail.ticket_tag:
        found = session.exec(select(Ticket).where(Ticket.number == mail.ticket_tag)).first()
        if found is not None:
            return found
    if not mail.references:
        return None
    query = select(MailThread.ticket_id).where(col(MailThread.message_id).in_(mail.references))
    ticket_id = session.exec(query).first()
    return session.get(Ticket, ticket_id) if ticket_id is not None else None


def _actor(user: User) -> Actor:
    return Actor(
        user_id=user.id or 0,
        username=user.username,
        user_class=user.user_class,
        full_name=user.full_name,
        company_id=user.company_id,
        language=user.language,
    )


# ---------------------------------------------------------------- what is done


def _files(context: _Context) -> list[Attachment]:
    """The files that pass the forms' checks (kind by content, sizes, count), one by one; the
    others are named to the sender."""
    kept: list[Attachment] = []
    for item in context.mail.attachments:
        accepted, errors = ts.later_files([*kept, item], context.now)
        if errors:
            context.left_out.append(item.name)
        else:
            kept = accepted
    context.detail["files"] = len(kept)
    if context.left_out:
        context.detail["files_left_out"] = len(context.left_out)
    return kept


def _tell_files_left_out(context: _Context, number: str) -> None:
    if context.left_out and context.sends_mail:
        replies.send(
            context.session,
            replies.FILES_LEFT_OUT,
            to=context.mail.sender,
            at=context.now,
            numero=number,
            archivos="\n".join(f"- {name}" for name in context.left_out),
        )


def _text(value: str, empty: str) -> str:
    text = value.strip() or empty
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rstrip() + "…"


def _kind(recipient: str) -> str:
    """A message to an address whose name says "incidente" (incidentes@..., or
    mesadeservicios+incidente@...) is an incident report; any other, a consulta."""
    local = recipient.rpartition("@")[0].lower()
    return TicketKind.INCIDENTE if "incidente" in local else TicketKind.CONSULTA


def _open(context: _Context, user: User, *, parent: Ticket | None) -> Ticket:
    session, mail = context.session, context.mail
    company = session.get(Company, user.company_id) if user.company_id else None
    typed: dict[str, object] = {
        "nombres": user.full_name,
        "tipo_persona": company.tipo_persona if company else "natural_ecuatoriana",
        "documento": {"type": user.id_doc_type or "cedula", "number": user.id_doc_number},
        "correo": mail.sender,
        "telefono": user.phone1 or user.mobile,
        "asunto": _text(mail.subject, "(sin asunto)")[:200],
        "descripcion": _text(mail.text, "(mensaje sin texto)"),
    }
    files = _files(context)
    ticket = create(
        session,
        kind=_kind(context.recipient),
        typed=typed,
        files=[("correo", item) for item in files],
        now=context.now,
        requester=user,
        created_by=_actor(user),
        channel=Channel.CORREO,
        parent=parent,
        first_event="Registrado por correo electrónico.",
        mail=context.sends_mail,
    )
    if parent is not None:
        context.detail["parent"] = parent.number
    _tell_files_left_out(context, ticket.number)
    return ticket


def _add_reply(context: _Context, user: User, ticket: Ticket) -> str:
    text = _text(without_quote(context.mail.text), "")
    if len(text) < MIN_TEXT:
        if context.sends_mail:
            replies.send(
                context.session,
                replies.REPLY_TOO_SHORT,
                to=context.mail.sender,
                at=context.now,
                numero=ticket.number,
                asunto=context.mail.subject,
                minimo=MIN_TEXT,
            )
        context.detail["reason"] = "too_short"
        return "reply_refused"
    files = _files(context)
    actor = _actor(user)
    if ticket.state == TicketState.PENDIENTE_INFORMACION:
        user_actions.reply(context.session, actor, ticket.number, text, files, now=context.now)
        context.detail["answer"] = True
    else:
        row = ts.event(context.session, ticket, actor, "user_reply", at=context.now, body=text)
        ts.store_files(context.session, ticket, [("respuesta", f) for f in files], row.id)
    _tell_files_left_out(context, ticket.number)
    return "reply_added"


def _unknown(context: _Context, known: bool) -> str:
    """One answer per address: how to register, or to call 1800-ADUANA."""
    if known:
        context.detail["reason"] = "not_an_oce_account"
        return "sender_refused"
    session, mail = context.session, context.mail
    answered = session.exec(
        select(MailIntake.id).where(
            MailIntake.sender == mail.sender, MailIntake.outcome == "unknown_sender"
        )
    ).first()
    if answered is not None:
        return "unknown_sender_again"
    if context.sends_mail:
        replies.send(
            session,
            replies.UNKNOWN_SENDER,
            to=mail.sender,
            at=context.now,
            asunto=mail.subject or "(sin asunto)",
            correo=mail.sender,
        )
    return "unknown_sender"


def _record(context: _Context, outcome: str, user: User | None, number: str) -> None:
    mail = context.mail
    row = MailIntake(
        received_at=context.now,
        message_id=mail.message_id,
        sender=mail.sender,
        outcome=outcome,
        ticket_number=number,
    )
    context.session.add(row)
    context.session.flush()
    audit.record(
        context.session,
        at=context.now,
        actor_id=user.id if user else None,
        action=f"mail_{outcome}",
        entity="mail_intake",
        entity_id=row.id,
        detail={**context.detail, "sender": mail.sender, "ticket": number},
    )
