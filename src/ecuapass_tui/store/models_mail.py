"""E-mail intake tables: every message received (its outcome, the per-sender rate, repeated
deliveries) and the Message-IDs of the mails sent about a ticket (replies find it by them).
Times are aware UTC."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class MailIntake(SQLModel, table=True):
    """One message received by `mail ingest` or `mail serve`, with what was done with it.
    The rows of one sender in the last hour are its rate (they hold across processes)."""

    __tablename__ = "mail_intake"
    __table_args__ = (Index("ix_mail_intake_sender_received", "sender", "received_at"),)
    id: int | None = Field(default=None, primary_key=True)
    received_at: datetime
    message_id: str = Field(default="", index=True, max_length=250)
    sender: str = Field(default="", max_length=254)
    outcome: str = Field(max_length=40)
    ticket_number: str = Field(default="", max_length=20)


class MailThread(SQLModel, table=True):
    """The Message-ID of a mail sent about a ticket: a reply naming it in In-Reply-To or
    References belongs to that ticket."""

    __tablename__ = "mail_thread"
    message_id: str = Field(primary_key=True, max_length=250)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    created_at: datetime
