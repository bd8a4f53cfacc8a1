"""The Mesa de Servicios tells the user by e-mail too, when SMTP is configured: the program's
own wiring (`cli._start_mail`) sends through a real SMTP server on loopback after the commit,
without the screen waiting for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.unit.test_mailer import Server, server, wait_for  # noqa: F401
from tests.unit.test_tickets import ACCOUNTS, open_incident

from ecuapass_tui.cli import _start_mail
from ecuapass_tui.config import MailConfig, Settings, load_settings
from ecuapass_tui.paths import Paths
from ecuapass_tui.services.desk import Desk

# The subject here is what is checked, not what a hash costs.
pytestmark = pytest.mark.cheap_hashes


def settings_with_mail(tmp_path: Path, port: int) -> Settings:
    paths = Paths(tmp_path / "d", tmp_path / "c", tmp_path / "l", tmp_path / "etc.toml")
    base = load_settings(paths, environ={})
    return base.with_overrides(mail=MailConfig(host="127.0.0.1", port=port, starttls=False))


def test_ticket_mail_reaches_the_smtp_server(desk: Desk, server: Server, tmp_path: Path) -> None:  # noqa: F811
    worker = _start_mail(settings_with_mail(tmp_path, server.port), desk)
    assert worker is not None and desk.sends_mail
    try:
        check_mail(desk, server)
    finally:
        assert worker.stop()


def check_mail(desk: Desk, server: Server) -> None:  # noqa: F811
    agente = desk.login(ACCOUNTS["agente"][0], "agente", ACCOUNTS["agente"][1], None)
    number = open_incident(desk, agente)
    assert wait_for(lambda: len(server.handler.received) == 1, 10)
    rcpt, message = server.handler.received[0]
    assert rcpt == ["cmoreno@andina.example"]
    assert number in str(message["Subject"])
    assert number in message.get_content()

    analista = desk.login("", "analista", ACCOUNTS["analista"][1], None)
    desk.request_info(analista, number, "Indique la hora exacta de la captura, por favor.")
    assert wait_for(lambda: len(server.handler.received) == 2, 10)
    assert "Indique la hora exacta" in server.handler.received[1][1].get_content()
