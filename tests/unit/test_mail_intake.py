"""Tickets by e-mail: real messages (tests/data/mail/*.eml) on the standard input of
`ecuapass-tui mail ingest` and over loopback LMTP to the running server; the answers reach a
real SMTP server on loopback (aiosmtpd); the assertions are on the database and on the mail
received."""

from __future__ import annotations

import io
import json
import smtplib
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlmodel import col, select
from tests.helpers import FROZEN_NOW
from tests.unit.test_mailer import Server, free_port, server, wait_for  # noqa: F401
from tests.unit.test_tickets import ACCOUNTS

from ecuapass_tui import cli
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.mesa.mail_intake import RATE_PER_HOUR, receive
from ecuapass_tui.services.mesa.mail_message import html_to_text
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import (
    AuditEvent,
    MailboxNotice,
    Ticket,
    TicketAttachment,
    TicketEvent,
)
from ecuapass_tui.store.models_mail import MailIntake, MailThread
from ecuapass_tui.subcommands.mail import EX_TEMPFAIL
from ecuapass_tui.subcommands.mail_lmtp import start_lmtp

pytestmark = pytest.mark.cheap_hashes

MAIL = Path(__file__).parent.parent / "data" / "mail"
AGENTE = "cmoreno@andina.example"


@pytest.fixture
def configured(
    demo_db: Database,
    server: Server,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Database:
    """The program's configuration names the demo copy and the loopback SMTP server."""
    system = tmp_path / "ecuapass.toml"
    system.write_text(
        f'[database]\nurl = "{demo_db.url}"\n\n'
        f'[mail]\nhost = "127.0.0.1"\nport = {server.port}\nstarttls = false\n'
    )
    monkeypatch.setenv("ECUAPASS_SYSTEM_CONFIG", str(system))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.delenv("ECUAPASS_DATABASE_URL", raising=False)
    return demo_db


def eml(name: str, number: str = "") -> bytes:
    raw = (MAIL / name).read_bytes()
    return raw.replace(b"MS-0000-000000", number.encode()) if number else raw


def wire(raw: bytes) -> bytes:
    """The message with the line ends of the wire (smtplib sends bytes as they are)."""
    return raw.replace(b"\n", b"\r\n")


def ingest(raw: bytes, monkeypatch: pytest.MonkeyPatch, *extra: str) -> int:
    """`ecuapass-tui mail ingest` with the message on its standard input."""
    stdin = io.TextIOWrapper(io.BytesIO(raw))
    monkeypatch.setattr("sys.stdin", stdin)
    return cli.main(["mail", "ingest", *extra])


def outcomes(db: Database) -> list[str]:
    with db.read() as s:
        return list(s.exec(select(MailIntake.outcome).order_by(col(MailIntake.id))).all())


def audited(db: Database) -> list[str]:
    with db.read() as s:
        query = select(AuditEvent.action).where(col(AuditEvent.action).startswith("mail_"))
        return list(s.exec(query.order_by(col(AuditEvent.id))).all())


def ticket(db: Database, number: str) -> Ticket:
    with db.read() as s:
        found = s.exec(select(Ticket).where(Ticket.number == number)).one()
    return found


def mails_to(server: Server, address: str) -> list[EmailMessage]:  # noqa: F811
    return [m for rcpt, m in server.handler.received if rcpt == [address]]


def test_a_message_opens_a_ticket_and_a_reply_answers_it(
    configured: Database,
    server: Server,  # noqa: F811
    desk: Desk,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = configured
    assert ingest(eml("new_multipart.eml"), monkeypatch) == 0
    with db.read() as s:
        opened = s.exec(select(Ticket).where(Ticket.channel == "correo")).one()
        files = s.exec(select(TicketAttachment).where(TicketAttachment.ticket_id == opened.id))
        names = [(f.name, f.media_type) for f in files]
        notice = s.exec(
            select(MailboxNotice).where(col(MailboxNotice.subject).contains(opened.number))
        ).one()
    number = opened.number
    # ISO-8859-1 subject and quoted-printable UTF-8 text, the escape sequence cleaned away
    assert opened.subject == "Consulta sobre la declaración aduanera"
    assert "declaración 028-2026-10-00012345" in opened.description
    assert "\x1b" not in opened.description
    assert (opened.kind, opened.queue_code, opened.contact_email) == (
        "consulta",
        "atencion_usuario",
        AGENTE,
    )
    # the PNG passed the forms' checks; the program did not, and the sender is told so
    assert names == [("captura pantalla.png", "image/png")]
    assert notice.user_id == opened.requester_id
    assert wait_for(lambda: len(mails_to(server, AGENTE)) == 2)
    subjects = sorted(str(m["Subject"]) for m in mails_to(server, AGENTE))
    assert any(number in s and "registrado" in s for s in subjects)
    assert any("adjuntos no aceptados" in s for s in subjects)
    assert all(m["Auto-Submitted"] == "auto-generated" for m in mails_to(server, AGENTE))

    analista = desk.login("", "analista", ACCOUNTS["analista"][1], None)
    desk.request_info(analista, number, "Indique la hora exacta de la captura, por favor.")
    # A registered user who is not the requester cannot add to it: refused, logged.
    assert ingest(eml("reply_stranger.eml", number), monkeypatch) == 0
    assert ticket(db, number).state == "pendiente_informacion"
    # The requester's reply (UTF-8 base64 subject and body) is the answer; the quote is left out.
    assert ingest(eml("reply_utf8.eml", number), monkeypatch) == 0
    answered = ticket(db, number)
    assert answered.state == "en_analisis" and answered.paused_at is None
    with db.read() as s:
        bodies = s.exec(
            select(TicketEvent.body).where(
                TicketEvent.ticket_id == answered.id, TicketEvent.kind == "user_reply"
            )
        ).all()
    assert bodies == ["Adjunto la hora exacta: 09h12, y el número de la DAI."]
    assert outcomes(db) == ["ticket_opened", "reply_refused", "reply_added"]
    assert audited(db) == ["mail_ticket_opened", "mail_reply_refused", "mail_reply_added"]
    # The same message delivered again (a lost answer to the mail server) adds nothing.
    assert ingest(eml("reply_utf8.eml", number), monkeypatch) == 0
    assert outcomes(db)[-1] == "duplicate"


def test_a_reply_found_by_in_reply_to(
    configured: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = configured
    assert ingest(eml("new_multipart.eml"), monkeypatch) == 0
    with db.read() as s:
        thread = s.exec(select(MailThread)).one()
    raw = (
        f"From: {AGENTE}\nTo: mesadeservicios@aduana.gob.ec\nSubject: Re: su ticket\n"
        f"Message-ID: <r-9@andina.example>\nIn-Reply-To: {thread.message_id}\n\n"
        "Otro dato: el error aparece solo con el certificado nuevo.\n"
    ).encode()
    assert ingest(raw, monkeypatch) == 0
    assert outcomes(db) == ["ticket_opened", "reply_added"]
    with db.read() as s:
        kinds = s.exec(
            select(TicketEvent.kind).where(TicketEvent.ticket_id == thread.ticket_id)
        ).all()
    assert "user_reply" in kinds


def test_unknown_sender_gets_one_reply_and_loops_get_none(
    configured: Database,
    server: Server,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = configured
    stranger = "desconocido@example.org"
    assert ingest(eml("unknown_sender.eml"), monkeypatch) == 0
    again = eml("unknown_sender.eml").replace(b"desconocido-0005", b"desconocido-0006")
    assert ingest(again, monkeypatch) == 0
    assert wait_for(lambda: len(mails_to(server, stranger)) == 1)
    body = mails_to(server, stranger)[0].get_content()
    assert "Regístrese" in body and "1800-ADUANA" in body
    # An out-of-office answer, a bulk message, a bounce and a message of ours: not answered.
    assert ingest(eml("auto_reply.eml"), monkeypatch) == 0
    bulk = eml("unknown_sender.eml").replace(b"desconocido-0005", b"bulk-1")
    assert ingest(b"Precedence: bulk\n" + bulk, monkeypatch) == 0
    bounce = eml("unknown_sender.eml").replace(b"desconocido-0005", b"bounce-1")
    assert ingest(bounce, monkeypatch, "--sender", "") == 0
    ours = mails_to(server, stranger)[0]["Message-ID"]
    echoed = eml("unknown_sender.eml").replace(b"<desconocido-0005@example.org>", ours.encode())
    assert ingest(echoed, monkeypatch) == 0
    assert outcomes(db) == [
        "unknown_sender",
        "unknown_sender_again",
        "automatic",
        "automatic",
        "automatic",
        "own_message",
    ]
    assert len(server.handler.received) == 1
    with db.read() as s:
        assert s.exec(select(Ticket).where(Ticket.channel == "correo")).first() is None


def test_a_burst_from_one_sender_is_not_answered(demo_db: Database) -> None:
    for n in range(RATE_PER_HOUR + 1):
        raw = f"From: x@example.org\nMessage-ID: <b{n}@example.org>\nSubject: s\n\nhola\n"
        at = FROZEN_NOW + timedelta(minutes=n)
        receive(demo_db, raw.encode(), now=at, sends_mail=True)
    later = FROZEN_NOW + timedelta(hours=2)
    receive(
        demo_db, b"From: x@example.org\nMessage-ID: <late@x>\n\nhola\n", now=later, sends_mail=True
    )
    found = outcomes(demo_db)
    assert found[0] == "unknown_sender" and found[RATE_PER_HOUR] == "rate_limited"
    assert found[-1] == "unknown_sender_again"  # an hour later it counts again, unanswered
    with demo_db.read() as s:
        details = [
            json.loads(d)
            for d in s.exec(
                select(AuditEvent.detail).where(AuditEvent.action == "mail_rate_limited")
            ).all()
        ]
    assert details and details[0]["sender"] == "x@example.org"


@pytest.fixture
def lmtp(configured: Database) -> Iterator[tuple[Database, int]]:
    port = free_port()
    db = configured

    def deliver(raw: bytes, recipient: str, sender: str):  # type: ignore[no-untyped-def]
        return receive(db, raw, now=FROZEN_NOW, sends_mail=False, recipient=recipient)

    controller = start_lmtp(deliver, "127.0.0.1", port)
    yield db, port
    controller.stop()


def test_lmtp_takes_an_html_message_and_one_recipient_per_transaction(
    lmtp: tuple[Database, int],
) -> None:
    db, port = lmtp
    with smtplib.LMTP("127.0.0.1", port) as client:
        refused = client.sendmail(
            "jalvarado@pacifico.example",
            ["incidentes@aduana.gob.ec", "otra@aduana.gob.ec"],
            wire(eml("html_only.eml")),
        )
    assert list(refused) == ["otra@aduana.gob.ec"] and refused["otra@aduana.gob.ec"][0] == 452
    with db.read() as s:
        opened = s.exec(select(Ticket).where(Ticket.channel == "correo")).one()
    # sent to incidentes@: an incident, in the Jefatura de Análisis Funcional's queue
    assert (opened.kind, opened.queue_code) == ("incidente", "analisis_funcional")
    assert opened.subject == "Pregunta sobre el régimen 70"
    assert "¿Cuál es el plazo del régimen 70 [@click=app.quit]?" in opened.description
    assert "<" not in opened.description and "alert" not in opened.description


def test_a_locked_database_keeps_the_message_for_later(
    lmtp: tuple[Database, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, port = lmtp
    monkeypatch.setattr("ecuapass_tui.store.engine.BUSY_TIMEOUT_MS", 50)
    db.dispose()  # connections are opened again with the short wait
    path = db.url.removeprefix("sqlite:///")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        assert ingest(eml("unknown_sender.eml"), monkeypatch) == EX_TEMPFAIL
        with smtplib.LMTP("127.0.0.1", port) as client:
            with pytest.raises(smtplib.SMTPDataError) as refused:
                client.sendmail(
                    AGENTE, ["mesadeservicios@aduana.gob.ec"], wire(eml("new_multipart.eml"))
                )
        assert refused.value.smtp_code == 451
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert outcomes(db) == []
    # once the lock is gone, the mail server's retry is taken
    assert ingest(eml("unknown_sender.eml"), monkeypatch) == 0
    assert outcomes(db) == ["unknown_sender"]


def test_html_to_text_keeps_words_and_drops_markup() -> None:
    text = html_to_text("<div>Uno&nbsp;<i>dos</i></div><script>x()</script><p>tres<br>cuatro</p>")
    assert text == "Uno dos\n\ntres\ncuatro"
