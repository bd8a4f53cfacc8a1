"""`ecuapass-tui mail ingest` and `ecuapass-tui mail serve --lmtp HOST:PORT`: tickets by
e-mail (docs/mail.md).

`ingest` reads one message on standard input, as Postfix (`mailbox_command`, a pipe
transport) or Exim (a pipe transport) hand it to a program. Exit status, as sysexits.h says
and mail servers read it: 0 the message was taken (a ticket, a reply, or a recorded refusal),
75 (EX_TEMPFAIL) the database could not take it (the server keeps it and retries), 65
(EX_DATAERR) larger than the limit (the server bounces it), 2 bad usage.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

from ecuapass_tui.config import DEFAULT_SENDER, Settings
from ecuapass_tui.core.clock import Clock
from ecuapass_tui.i18n import _
from ecuapass_tui.services.mail import MailSettings, MailWorker, deliver_pending, mail_settings
from ecuapass_tui.services.mesa.mail_intake import Received, TryLater, receive
from ecuapass_tui.services.mesa.mail_message import MAX_MESSAGE_BYTES
from ecuapass_tui.services.setup import open_database
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.faults import database_fault
from ecuapass_tui.subcommands.mail_lmtp import start_lmtp

HELP = "correo de la Mesa de Servicios: ingest (un mensaje por stdin), serve --lmtp HOST:PUERTO"
EX_DATAERR = 65
EX_TEMPFAIL = 75


def _host_port(value: str) -> tuple[str, int]:
    host, _sep, port = value.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(
            _("use HOST:PUERTO, por ejemplo 127.0.0.1:2424 (recibió {valor!r})").format(valor=value)
        )
    return host.strip("[]"), int(port)


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="mail_command", required=True, parser_class=type(parser))
    ingest = sub.add_parser("ingest", help=_("recibir un mensaje por la entrada estándar"))
    ingest.add_argument(
        "--recipient", default="", help=_("destinatario del sobre (Postfix: ${original_recipient})")
    )
    ingest.add_argument(
        "--sender", default=None, help=_("remitente del sobre (Postfix: ${sender}); vacío = aviso")
    )
    serve = sub.add_parser("serve", help=_("servidor LMTP para el servidor de correo"))
    serve.add_argument("--lmtp", required=True, type=_host_port, metavar="HOST:PUERTO")


def run(settings: Settings, args: argparse.Namespace) -> int:
    if args.mail_command == "ingest":
        return ingest(settings, sys.stdin.buffer.read(MAX_MESSAGE_BYTES + 1), args)
    return serve(settings, *args.lmtp)


def _open(settings: Settings) -> Database | None:
    """The database, or None (and one line on stderr) when it cannot be opened now."""
    try:
        return open_database(settings.database_url)
    except Exception as exc:
        fault = database_fault(exc) or type(exc).__name__
        print(_tempfail_line(fault), file=sys.stderr)
        return None


def _tempfail_line(fault: str) -> str:
    return "ecuapass-tui: " + _(
        "la base de datos no puede recibir el mensaje ahora ({falla}); el servidor de correo "
        "lo guardará y lo entregará de nuevo."
    ).format(falla=fault)


def ingest(settings: Settings, raw: bytes, args: argparse.Namespace) -> int:
    """One message from standard input; the exit status a mail server reads."""
    if len(raw) > MAX_MESSAGE_BYTES:
        print(
            "ecuapass-tui: "
            + _("mensaje demasiado grande (más de {mb} MB).").format(
                mb=MAX_MESSAGE_BYTES // 1024 // 1024
            ),
            file=sys.stderr,
        )
        return EX_DATAERR
    db = _open(settings)
    if db is None:
        return EX_TEMPFAIL
    mail = mail_settings(settings)
    clock = Clock()
    try:
        received = _receive(db, mail, clock, raw, args.recipient, args.sender)
        if mail is not None:
            _send_now(db, mail, clock)
    except TryLater as busy:
        print(_tempfail_line(busy.fault), file=sys.stderr)
        return EX_TEMPFAIL
    finally:
        db.dispose()
    return EX_DATAERR if received.outcome == "too_large" else 0


def _receive(
    db: Database,
    mail: MailSettings | None,
    clock: Clock,
    raw: bytes,
    recipient: str,
    sender: str | None,
) -> Received:
    return receive(
        db,
        raw,
        now=clock.now(),
        sends_mail=mail is not None,
        recipient=recipient,
        envelope_sender=sender,
        own_address=(mail.sender if mail else DEFAULT_SENDER).lower(),
    )


def _send_now(db: Database, mail: MailSettings, clock: Clock) -> None:
    """The answers this message queued leave now; what cannot leave stays in the outbox for
    the next delivery (any process with [mail] host sends it)."""
    try:
        deliver_pending(db, mail, now=clock.now())
    except Exception as exc:
        if database_fault(exc) is None:
            raise


def serve(settings: Settings, host: str, port: int) -> int:
    """The LMTP server, until SIGTERM or SIGINT."""
    db = open_database(settings.database_url)
    mail = mail_settings(settings)
    clock = Clock()
    worker = MailWorker(db, mail, clock) if mail is not None else None

    def deliver(raw: bytes, recipient: str, sender: str) -> Received:
        received = _receive(db, mail, clock, raw, recipient, sender)
        if worker is not None:
            worker.wake()
        return received

    stop = threading.Event()

    def ask_stop(_signal: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, ask_stop)
    signal.signal(signal.SIGINT, ask_stop)
    if worker is not None:
        worker.start()
    controller = start_lmtp(deliver, host, port)
    print(_("Recibiendo correo por LMTP en {host}:{puerto}").format(host=host, puerto=port))
    try:
        stop.wait()
    finally:
        controller.stop()
        if worker is not None:
            worker.stop()
        db.dispose()
    return 0
