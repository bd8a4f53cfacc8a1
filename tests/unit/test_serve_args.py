"""`ecuapass-tui serve`'s arguments, checked before anything listens: a bad port or public URL
is one line and status 2; a host beyond loopback is warned about; the command each browser
runs carries the same database settings (a --db URL in the environment, not on a command line).
"""

from __future__ import annotations

import argparse
import logging
import socket
import sys
from pathlib import Path

import pytest

from ecuapass_tui import cli
from ecuapass_tui.subcommands import serve


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, folder in (("HOME", ""), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config")):
        monkeypatch.setenv(name, str(tmp_path / folder))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("ECUAPASS_SYSTEM_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.delenv("ECUAPASS_DATABASE_URL", raising=False)
    # serve sets up the process's logging before it listens; the test process keeps its own
    monkeypatch.setattr(logging.root, "handlers", list(logging.root.handlers))
    monkeypatch.setattr(logging.root, "level", logging.root.level)
    return tmp_path


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["serve", "--port", "99999"],
            "ecuapass-tui: --port: '99999' no es un puerto (1 a 65535).",
        ),
        (["serve", "--port", "ocho"], "ecuapass-tui: --port: 'ocho' no es un puerto (1 a 65535)."),
        (
            ["serve", "--public-url", "ftp://x"],
            "ecuapass-tui: --public-url: 'ftp://x' no es una dirección http:// o https://.",
        ),
    ],
)
def test_a_bad_argument_is_one_line(
    home: Path, capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    assert cli.main(argv) == 2
    assert capsys.readouterr().err.strip() == said


def test_beyond_loopback_is_warned_about_and_a_taken_port_is_one_line(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status = cli.main(["--lang", "en", "serve", "--host", "0.0.0.0", "--port", str(port)])
    err = capsys.readouterr().err.splitlines()
    assert status == 2
    assert err[0].startswith("Aviso: escuchando en 0.0.0.0") or err[0].startswith(
        "Warning: listening on 0.0.0.0"
    ), err
    assert err[-1].startswith("ecuapass-tui:") and f":{port}:" in err[-1], err
    assert "Traceback" not in "\n".join(err)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("10.1.2.3", False),
    ],
)
def test_loopback(host: str, loopback: bool) -> None:
    assert serve.is_loopback(host) is loopback


def test_the_browsers_command_keeps_the_database_settings() -> None:
    args = argparse.Namespace(
        demo=False, lang="en", today=None, db="postgresql+psycopg://u:secreto@db/ecuapass"
    )
    command, env = serve.app_command(args)
    assert command == f"{sys.executable} -m ecuapass_tui --lang en"
    assert env == {"ECUAPASS_DATABASE_URL": "postgresql+psycopg://u:secreto@db/ecuapass"}
    demo = argparse.Namespace(demo=True, lang=None, today="2026-03-02", db=None)
    assert serve.app_command(demo) == (
        f"{sys.executable} -m ecuapass_tui --demo --today 2026-03-02",
        {},
    )
