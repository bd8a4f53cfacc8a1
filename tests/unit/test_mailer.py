"""services.mailer against a real SMTP server on loopback (aiosmtpd) and a real SQLite file."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from ecuapass_tui.config import ConfigError, MailConfig, load_settings
from ecuapass_tui.core.clock import FixedClock
from ecuapass_tui.paths import Paths
from ecuapass_tui.services import mail as mailer
from ecuapass_tui.services.mail import (
    BACKOFF,
    MAX_ATTEMPTS,
    MailSettings,
    MailWorker,
    deliver_pending,
    mail_settings,
    queue_mail,
)
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import OutboxMail

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
SECRET = "s3cr3t-Contraseña"
ASCII_SECRET = "s3cr3t-Clave"


class Recorder:
    """An aiosmtpd handler that keeps what it accepts, or refuses with `refuse`."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], EmailMessage]] = []
        self.refuse: str | None = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            return self.refuse
        raw = envelope.original_content.replace(b"\r\n", b"\n")  # the wire's line ends
        parsed = message_from_bytes(raw, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        with self.lock:
            self.received.append((list(envelope.rcpt_tos), parsed))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    def __init__(self) -> None:
        self.handler = Recorder()
        self.port = free_port()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def settings(self) -> MailSettings:
        return MailSettings(host="127.0.0.1", port=self.port, starttls=False)


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    srv.start()
    yield srv
    srv.stop()


def queue(
    db: Database, *, to: str = "agente@example.ec", subject: str = "Ticket", body: str = ""
) -> None:
    with db.write() as session:
        queue_mail(session, to=to, subject=subject, body=body or "Cuerpo", at=NOW)


def rows(db: Database) -> list[OutboxMail]:
    with db.read() as session:
        return list(session.exec(select(OutboxMail).order_by(OutboxMail.id)).all())  # type: ignore[arg-type]


def wait_for(condition: Callable[[], bool], seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


# ---------------------------------------------------------------- delivering


def test_mail_is_delivered_with_to_subject_and_utf8_body(any_db: Database, server: Server) -> None:
    body = "Estimado usuario:\nSu ticket MS-2026-000001 fue respondido. Año, acción, ñandú €."
    queue(any_db, to="usuaria@example.ec", subject="Ticket MS-2026-000001 — Respondido", body=body)

    assert deliver_pending(any_db, server.settings, now=NOW) == 1

    [(rcpt, message)] = server.handler.received
    assert rcpt == ["usuaria@example.ec"]
    assert message["To"] == "usuaria@example.ec"
    assert message["From"] == "mesadeservicios@aduana.gob.ec"
    assert message["Subject"] == "Ticket MS-2026-000001 — Respondido"
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message.get_content().rstrip("\n") == body
    [row] = rows(any_db)
    assert row.sent_at == NOW and row.attempts == 1 and row.last_error == ""
    # Nothing is due any more: a second round sends nothing.
    assert deliver_pending(any_db, server.settings, now=NOW + timedelta(hours=2)) == 0
    assert len(server.handler.received) == 1


def test_queue_mail_belongs_to_the_callers_transaction(sqlite_db: Database) -> None:
    with pytest.raises(RuntimeError):
        with sqlite_db.write() as session:
            queue_mail(session, to="a@example.ec", subject="x", body="y", at=NOW)
            raise RuntimeError("the change failed")
    assert rows(sqlite_db) == []


def test_not_due_yet_is_not_sent(sqlite_db: Database, server: Server) -> None:
    queue(sqlite_db)
    assert deliver_pending(sqlite_db, server.settings, now=NOW - timedelta(seconds=1)) == 0
    assert server.handler.received == []


def test_refused_mail_is_retried_later_and_sent_once(any_db: Database, server: Server) -> None:
    queue(any_db)
    server.handler.refuse = "451 4.3.0 Try again later"

    assert deliver_pending(any_db, server.settings, now=NOW) == 0
    [row] = rows(any_db)
    assert row.sent_at is None and row.attempts == 1
    assert "451" in row.last_error and "Try again later" in row.last_error
    assert row.next_attempt_at == NOW + BACKOFF[0]

    server.handler.refuse = None
    # Before the retry time nothing happens; after it the mail goes out exactly once.
    assert deliver_pending(any_db, server.settings, now=NOW + timedelta(seconds=30)) == 0
    assert deliver_pending(any_db, server.settings, now=NOW + timedelta(minutes=2)) == 1
    assert deliver_pending(any_db, server.settings, now=NOW + timedelta(hours=3)) == 0
    assert len(server.handler.received) == 1
    [row] = rows(any_db)
    assert row.sent_at == NOW + timedelta(minutes=2) and row.attempts == 2 and row.last_error == ""


def test_server_down_then_back(sqlite_db: Database, server: Server) -> None:
    queue(sqlite_db, subject="uno")
    queue(sqlite_db, subject="dos")
    server.stop()

    assert deliver_pending(sqlite_db, server.settings, now=NOW) == 0
    for row in rows(sqlite_db):
        assert row.sent_at is None and row.attempts == 1 and row.last_error
        assert row.next_attempt_at > NOW

    server.start()
    assert deliver_pending(sqlite_db, server.settings, now=NOW + timedelta(minutes=1)) == 2
    assert deliver_pending(sqlite_db, server.settings, now=NOW + timedelta(minutes=9)) == 0
    assert sorted(str(m["Subject"]) for _, m in server.handler.received) == ["dos", "uno"]


def test_backoff_then_give_up_after_six_attempts(sqlite_db: Database, server: Server) -> None:
    queue(sqlite_db)
    server.handler.refuse = "451 busy"
    now = NOW
    waits = []
    for attempt in range(1, MAX_ATTEMPTS + 1):
        assert deliver_pending(sqlite_db, server.settings, now=now) == 0
        [row] = rows(sqlite_db)
        assert row.attempts == attempt
        waits.append(row.next_attempt_at - now)
        now = row.next_attempt_at
    minutes = [int(w.total_seconds() // 60) for w in waits]
    assert minutes[:4] == [1, 5, 15, 60]
    server.handler.refuse = None
    assert deliver_pending(sqlite_db, server.settings, now=now + timedelta(days=1)) == 0
    [row] = rows(sqlite_db)
    assert row.sent_at is None and row.attempts == MAX_ATTEMPTS and "451 busy" in row.last_error
    assert server.handler.received == []


def test_limit_and_order(sqlite_db: Database, server: Server) -> None:
    for n in range(5):
        queue(sqlite_db, subject=f"m{n}")
    assert deliver_pending(sqlite_db, server.settings, now=NOW, limit=3) == 3
    assert deliver_pending(sqlite_db, server.settings, now=NOW, limit=3) == 2
    assert [str(m["Subject"]) for _, m in server.handler.received] == [f"m{n}" for n in range(5)]


def test_two_deliverers_at_once_send_each_mail_once(any_db: Database, server: Server) -> None:
    # On PostgreSQL the claim's FOR UPDATE SKIP LOCKED keeps them apart.
    for n in range(30):
        queue(any_db, subject=f"m{n}")
    other = Database(any_db.url)
    counts: list[int] = []

    def run(db: Database) -> None:
        total = 0
        for _ in range(10):
            total += deliver_pending(db, server.settings, now=NOW, limit=4)
        counts.append(total)

    threads = [threading.Thread(target=run, args=(db,)) for db in (any_db, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    other.dispose()
    assert sum(counts) == 30
    subjects = sorted(str(m["Subject"]) for _, m in server.handler.received)
    assert subjects == sorted(f"m{n}" for n in range(30))


# ---------------------------------------------------------------- header injection


def test_crlf_in_subject_and_address_is_neutralised(sqlite_db: Database, server: Server) -> None:
    queue(
        sqlite_db,
        to="usuario@example.ec",
        subject="Hola\r\nBcc: intruso@example.com\r\n\r\nCuerpo falso",
        body="Línea 1\r\nLínea 2\x1b[31m\x00",
    )
    with pytest.raises(ValueError):
        queue(sqlite_db, to="a@example.ec\r\nBcc: intruso@example.com")
    with pytest.raises(ValueError):
        queue(sqlite_db, to="a@example.ec, b@example.ec")

    assert deliver_pending(sqlite_db, server.settings, now=NOW) == 1
    [(rcpt, message)] = server.handler.received
    assert rcpt == ["usuario@example.ec"]
    assert message["Bcc"] is None
    assert "\n" not in str(message["Subject"]) and "\r" not in str(message["Subject"])
    assert str(message["Subject"]).startswith("Hola Bcc: intruso@example.com")
    content = message.get_content()
    assert "\x1b" not in content and "\x00" not in content
    assert content.startswith("Línea 1\nLínea 2[31m")


def test_long_subject_is_cut_to_the_column(sqlite_db: Database) -> None:
    queue(sqlite_db, subject="x" * 500)
    [row] = rows(sqlite_db)
    assert len(row.subject) == 300


# ---------------------------------------------------------------- settings and password


def test_password_never_in_repr_or_str() -> None:
    settings = MailSettings(host="smtp.example.ec", user="mesa", password=SECRET)
    assert SECRET not in repr(settings) and SECRET not in str(settings)
    assert settings.password == SECRET
    worker = MailWorker(Database("sqlite://"), settings, FixedClock(NOW))
    assert SECRET not in repr(worker)


def test_mail_settings_none_without_host() -> None:
    assert mail_settings(MailConfig()) is None
    assert mail_settings(MailConfig(user="mesa")) is None


def test_mail_settings_password_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ecuapass_tui.services.keyring_store._real_backend", lambda: None)
    config = MailConfig(host="smtp.example.ec", port=2525, starttls=False, user="mesa")
    settings = mail_settings(config, environ={"ECUAPASS_SMTP_PASSWORD": SECRET})
    assert settings == MailSettings(
        host="smtp.example.ec", port=2525, starttls=False, user="mesa", password=SECRET
    )
    assert mail_settings(config, environ={}) == MailSettings(
        host="smtp.example.ec", port=2525, starttls=False, user="mesa"
    )


def test_mail_settings_password_from_a_real_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[str, str]] = []

    class Backend:
        def get_password(self, service: str, username: str) -> str:
            asked.append((service, username))
            return "from-keyring"

    monkeypatch.setattr("ecuapass_tui.services.keyring_store._real_backend", lambda: Backend())
    config = MailConfig(host="smtp.example.ec", user="mesa")
    settings = mail_settings(config, environ={"ECUAPASS_SMTP_PASSWORD": "from-env"})
    assert settings is not None and settings.password == "from-keyring"
    assert asked == [("ecuapass-tui-smtp", "mesa")]


def _paths(tmp_path: Path) -> Paths:
    config = tmp_path / "config"
    config.mkdir(parents=True, exist_ok=True)
    return Paths(
        data_dir=tmp_path / "data",
        config_dir=config,
        log_dir=tmp_path / "log",
        system_config=tmp_path / "system.toml",
    )


def test_config_reads_the_mail_table_key_by_key(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    paths.system_config.write_text(
        '[mail]\nhost = "smtp.aduana.gob.ec"\nuser = "mesa"\nstarttls = true\n', encoding="utf-8"
    )
    paths.user_config.write_text("[mail]\nport = 2525\n", encoding="utf-8")
    loaded = load_settings(paths, environ={})
    assert loaded.mail == MailConfig(host="smtp.aduana.gob.ec", port=2525, user="mesa")
    assert load_settings(_paths(tmp_path / "none"), environ={}).mail == MailConfig()
    settings = mail_settings(loaded, environ={"ECUAPASS_SMTP_PASSWORD": SECRET})
    assert settings is not None and settings.host == "smtp.aduana.gob.ec"


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ('[mail]\nport = "x"\n', "port"),
        ("[mail]\nport = 70000\n", "port"),
        ('[mail]\nstarttls = "yes"\n', "starttls"),
        ("[mail]\nhost = 3\n", "host"),
        ('[mail]\nhost = "h"\npassword = "p"\n', "password"),
        ('mail = "h"\n', "table"),
    ],
)
def test_config_refuses_a_bad_mail_table(tmp_path: Path, text: str, match: str) -> None:
    paths = _paths(tmp_path)
    paths.user_config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=match) as info:
        load_settings(paths, environ={})
    assert str(paths.user_config) in str(info.value)
    assert '"p"' not in str(info.value)


# ---------------------------------------------------------------- the worker


def test_worker_delivers_after_wake(sqlite_db: Database, server: Server) -> None:
    worker = MailWorker(sqlite_db, server.settings, FixedClock(NOW), poll_seconds=60)
    worker.start()
    try:
        assert wait_for(lambda: worker.running)
        time.sleep(0.1)  # let the first (empty) round pass, so only wake() can deliver
        queue(sqlite_db, subject="despertado")
        worker.wake()
        assert wait_for(lambda: len(server.handler.received) == 1)
        assert str(server.handler.received[0][1]["Subject"]) == "despertado"
        assert wait_for(lambda: worker.sent == 1)
    finally:
        assert worker.stop(timeout=5)
    assert not worker.running


def test_worker_polls_without_wake(sqlite_db: Database, server: Server) -> None:
    queue(sqlite_db, subject="sondeo")
    worker = MailWorker(sqlite_db, server.settings, FixedClock(NOW), poll_seconds=0.05)
    worker.start()
    try:
        assert wait_for(lambda: len(server.handler.received) == 1)
    finally:
        assert worker.stop(timeout=5)


def test_worker_swallows_and_records_errors(tmp_path: Path, server: Server) -> None:
    broken = Database(f"sqlite:///{tmp_path / 'empty.db'}")  # no outbox_mail table
    worker = MailWorker(broken, server.settings, FixedClock(NOW), poll_seconds=0.05)
    worker.start()
    try:
        worker.wake()
        assert wait_for(lambda: worker.errors >= 2)
        assert "outbox_mail" in worker.last_error
        assert worker.running
    finally:
        assert worker.stop(timeout=5)
        broken.dispose()


def test_worker_stop_without_start_and_wake_are_harmless(sqlite_db: Database) -> None:
    worker = MailWorker(sqlite_db, MailSettings(host="127.0.0.1"), FixedClock(NOW))
    worker.wake()
    assert worker.stop(timeout=1)


def test_module_has_no_textual() -> None:
    assert "textual" not in mailer.__dict__


# ---------------------------------------------------------------- STARTTLS and login


def _self_signed(folder: Path) -> tuple[Path, Path]:
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec as curves
    from cryptography.x509.oid import NameOID

    key = curves.generate_private_key(curves.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_starttls_and_login(
    sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ssl

    from aiosmtpd.smtp import AuthResult

    cert, key = _self_signed(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(
        server: Any, session: Any, envelope: Any, _mechanism: str, data: Any
    ) -> AuthResult:
        logins.append((data.login, data.password))
        return AuthResult(success=data.password == ASCII_SECRET.encode())

    handler = Recorder()
    port = free_port()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        tls_context=server_tls,
        require_starttls=True,
        authenticator=authenticator,
        auth_require_tls=True,
    )
    controller.start()
    original = ssl.create_default_context
    monkeypatch.setattr(ssl, "create_default_context", lambda *a, **k: original(cafile=str(cert)))
    try:
        queue(sqlite_db, subject="cifrado")
        good = MailSettings(host="127.0.0.1", port=port, user="mesa", password=ASCII_SECRET)
        assert deliver_pending(sqlite_db, good, now=NOW) == 1
        # smtplib cannot send a non-ASCII password: the row waits, the error quotes none of it.
        queue(sqlite_db, subject="no enviado")
        accented = MailSettings(host="127.0.0.1", port=port, user="mesa", password=SECRET)
        assert deliver_pending(sqlite_db, accented, now=NOW) == 0
        [_, row] = rows(sqlite_db)
        assert row.sent_at is None and row.attempts == 1 and "not ASCII" in row.last_error
        assert "\xf1" not in row.last_error and "ñ" not in row.last_error
    finally:
        controller.stop()
    assert [str(m["Subject"]) for _, m in handler.received] == ["cifrado"]
    assert logins == [(b"mesa", ASCII_SECRET.encode())]
