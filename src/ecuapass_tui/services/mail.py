"""E-mail of the Mesa de Servicios: queued in the change's transaction, sent after the commit.

`queue_mail()` inserts an `OutboxMail` row in the caller's transaction, so a mail exists if and
only if the change it tells about was committed. `deliver_pending()` sends what is due in short
transactions: claim (attempt counted, row leased for a while), send with no transaction open,
then mark it sent or schedule a retry (1, 5, 15, 60 min; after 6 attempts the row stays unsent
with its last error). On PostgreSQL the claim uses FOR UPDATE SKIP LOCKED; on SQLite the
claim's BEGIN IMMEDIATE serialises it. Either way two processes never claim one row at once.
`MailWorker` runs it in a daemon thread, woken after a commit and every 30 s.
"""

from __future__ import annotations

import logging
import os
import re
import smtplib
import ssl
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from sqlmodel import Session, col, select

from ecuapass_tui.config import DEFAULT_SENDER, MailConfig, Settings
from ecuapass_tui.core.clock import Clock
from ecuapass_tui.core.text import clean
from ecuapass_tui.services.keyring_store import stored_secret
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import OutboxMail

log = logging.getLogger(__name__)

KEYRING_SERVICE = "ecuapass-tui-smtp"
PASSWORD_ENV = "ECUAPASS_SMTP_PASSWORD"  # noqa: S105 (the variable's name)
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15), timedelta(hours=1))
MAX_ATTEMPTS = 6
# A claimed row is not due again for this long: enough for a batch to time out row by row.
LEASE = timedelta(minutes=15)
SMTP_TIMEOUT = 30.0
POLL_SECONDS = 30.0
SUBJECT_MAX = 300
ERROR_MAX = 300
MESSAGE_ID_DOMAIN = "ecuapass-tui"
_ADDRESS = re.compile(r"[^@\s,;<>\"()\[\]\\]+@[^@\s,;<>\"()\[\]\\]+\.[^@\s,;<>\"()\[\]\\]+")


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int = 587
    starttls: bool = True
    user: str = ""
    sender: str = DEFAULT_SENDER
    password: str = field(default="", repr=False)  # never logged, never in repr/str


def mail_settings(
    config: Settings | MailConfig, *, environ: Mapping[str, str] | None = None
) -> MailSettings | None:
    """The SMTP settings, or None when no `[mail] host` is configured.

    The password comes from the keyring (service "ecuapass-tui-smtp", the user as username)
    where a real backend exists, otherwise from ECUAPASS_SMTP_PASSWORD.
    """
    mail = config.mail if isinstance(config, Settings) else config
    if not mail.host:
        return None
    env = os.environ if environ is None else environ
    stored = stored_secret(KEYRING_SERVICE, mail.user) if mail.user else None
    password = stored or env.get(PASSWORD_ENV, "")
    return MailSettings(
        host=mail.host,
        port=mail.port,
        starttls=mail.starttls,
        user=mail.user,
        sender=mail.sender or DEFAULT_SENDER,
        password=password,
    )


# ---------------------------------------------------------------- queueing


def _address(value: str) -> str:
    address = clean(value, single_line=True).strip()
    if len(address) > 254 or not _ADDRESS.fullmatch(address):
        raise ValueError(f"not one e-mail address: {address!r}")
    return address


def _subject(value: str) -> str:
    return " ".join(clean(value, single_line=True).split())[:SUBJECT_MAX]


def new_message_id() -> str:
    """A Message-ID of ours: `<...@ecuapass-tui>`, so that a message that comes back is known
    as ours by its form even before it is looked up (`is_ours`)."""
    return make_msgid(idstring="mesa", domain=MESSAGE_ID_DOMAIN)


def queue_mail(session: Session, *, to: str, subject: str, body: str, at: datetime) -> str:
    """Queue one mail in the caller's transaction (sent after the commit); its Message-ID.

    Raises ValueError when `to` is not one plain address; subject and body are cleaned of
    control characters (the subject is one line, at most 300 characters).
    """
    if at.utcoffset() is None:
        raise ValueError("at must be an aware datetime")
    message_id = new_message_id()
    session.add(
        OutboxMail(
            created_at=at,
            to_addr=_address(to),
            subject=_subject(subject),
            body=clean(body),
            attempts=0,
            next_attempt_at=at,
            message_id=message_id,
        )
    )
    return message_id


def is_ours(session: Session, message_id: str) -> bool:
    """The Message-ID is one we sent (a bounce or an auto-reply that quotes it whole)."""
    wanted = message_id.strip()
    if not wanted:
        return False
    if wanted.endswith(f"@{MESSAGE_ID_DOMAIN}>"):
        return True
    found = session.exec(select(OutboxMail.id).where(OutboxMail.message_id == wanted)).first()
    return found is not None


# ---------------------------------------------------------------- delivering


@dataclass(frozen=True)
class _Claimed:
    id: int
    to_addr: str
    subject: str
    body: str
    attempts: int
    message_id: str


def _claim(db: Database, *, now: datetime, limit: int) -> list[_Claimed]:
    with db.write() as session:
        query = (
            select(OutboxMail)
            .where(
                col(OutboxMail.sent_at).is_(None),
                col(OutboxMail.attempts) < MAX_ATTEMPTS,
                col(OutboxMail.next_attempt_at) <= now,
            )
            .order_by(col(OutboxMail.next_attempt_at), col(OutboxMail.id))
            .limit(limit)
        )
        if db.dialect == "postgresql":
            query = query.with_for_update(skip_locked=True)
        claimed = []
        for row in session.exec(query).all():
            row.attempts += 1
            row.next_attempt_at = now + LEASE
            session.add(row)
            assert row.id is not None
            claimed.append(
                _Claimed(row.id, row.to_addr, row.subject, row.body, row.attempts, row.message_id)
            )
        return claimed


def _message(settings: MailSettings, mail: _Claimed) -> EmailMessage:
    message = EmailMessage()
    message["From"] = _address(settings.sender)
    message["To"] = _address(mail.to_addr)
    message["Subject"] = _subject(mail.subject)
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = mail.message_id or new_message_id()
    # RFC 3834: what we send is automatic; a well-behaved responder does not answer it.
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(clean(mail.body), charset="utf-8")
    return message


def _connect(settings: MailSettings) -> smtplib.SMTP:
    conn = smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT)
    try:
        conn.ehlo()
        if settings.starttls:
            conn.starttls(context=ssl.create_default_context())
            conn.ehlo()
        if settings.user:
            conn.login(settings.user, settings.password)
    except BaseException:
        conn.close()
        raise
    return conn


def _describe(exc: BaseException) -> str:
    if isinstance(exc, UnicodeError):
        # smtplib encodes the login as ASCII; the error would quote a piece of the password.
        return "UnicodeError: the SMTP user or password is not ASCII"
    if isinstance(exc, smtplib.SMTPResponseException):
        reply = exc.smtp_error
        text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
        detail = f"{exc.smtp_code} {text}"
    elif isinstance(exc, smtplib.SMTPRecipientsRefused):
        detail = "; ".join(
            f"{code} {msg.decode('utf-8', 'replace') if isinstance(msg, bytes) else msg}"
            for code, msg in exc.recipients.values()
        )
    else:
        detail = str(exc)
    text = clean(f"{type(exc).__name__}: {detail}", single_line=True)
    return " ".join(text.split())[:ERROR_MAX]


def _send_all(settings: MailSettings, mails: list[_Claimed]) -> dict[int, str | None]:
    """Send each mail; the error text per id (None when sent)."""
    results: dict[int, str | None] = {}
    conn: smtplib.SMTP | None = None
    try:
        for index, mail in enumerate(mails):
            if conn is None:
                try:
                    conn = _connect(settings)
                except (OSError, smtplib.SMTPException, ValueError) as exc:
                    error = _describe(exc)  # no server: the rest of the batch waits too
                    for rest in mails[index:]:
                        results[rest.id] = error
                    break
            try:
                conn.send_message(_message(settings, mail))
                results[mail.id] = None
            except (OSError, smtplib.SMTPException, ValueError) as exc:
                results[mail.id] = _describe(exc)
                if isinstance(exc, OSError | smtplib.SMTPServerDisconnected):
                    _close(conn)
                    conn = None
    finally:
        if conn is not None:
            try:
                conn.quit()
            except (OSError, smtplib.SMTPException):
                _close(conn)
    return results


def _close(conn: smtplib.SMTP) -> None:
    try:
        conn.close()
    except OSError:
        pass


def _record(db: Database, results: dict[int, str | None], *, now: datetime) -> int:
    sent = 0
    with db.write() as session:
        for mail_id, error in results.items():
            row = session.get(OutboxMail, mail_id)
            if row is None:
                continue
            if error is None:
                row.sent_at = now
                row.last_error = ""
                sent += 1
            else:
                row.last_error = error
                step = min(row.attempts, len(BACKOFF)) - 1
                row.next_attempt_at = now + BACKOFF[max(step, 0)]
                if row.attempts >= MAX_ATTEMPTS:
                    log.warning(
                        "mail %s given up after %s attempts: %s", mail_id, row.attempts, error
                    )
            session.add(row)
    return sent


def deliver_pending(db: Database, settings: MailSettings, *, now: datetime, limit: int = 20) -> int:
    """Send the due unsent mails (at most `limit`); the number sent."""
    mails = _claim(db, now=now, limit=limit)
    if not mails:
        return 0
    results = _send_all(settings, mails)
    return _record(db, results, now=now)


# ---------------------------------------------------------------- the worker


class MailWorker:
    """A daemon thread running `deliver_pending`: after `wake()` and every 30 s.

    Errors are swallowed and recorded (`last_error`, `errors`); nothing raises into the caller.
    """

    def __init__(
        self,
        db: Database,
        settings: MailSettings,
        clock: Clock,
        *,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock
        self.poll_seconds = poll_seconds
        self.sent = 0
        self.errors = 0
        self.last_error = ""
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        return f"MailWorker(host={self.settings.host!r}, sent={self.sent}, errors={self.errors})"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="ecuapass-mail", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Deliver now (called after a commit that queued mail); never blocks."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> bool:
        """Ask the thread to end and wait up to `timeout` s; True when it has ended."""
        self._stop.set()
        self._wake.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return not self.running

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            more = self._round()
            if more and not self._stop.is_set():
                continue
            self._wake.wait(self.poll_seconds)

    def _round(self) -> bool:
        """One delivery; True when a full batch went out (more may be waiting)."""
        limit = 20
        try:
            sent = deliver_pending(self.db, self.settings, now=self.clock.now(), limit=limit)
        except Exception as exc:
            self.errors += 1
            self.last_error = _describe(exc)
            log.warning("mail delivery failed: %s", self.last_error)
            return False
        self.sent += sent
        return sent == limit
