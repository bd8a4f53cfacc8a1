"""The last line of defence: a bug (an error nobody expected) writes its traceback, without
local variables, to a 0600 log file in the user's state folder and shows one line naming it;
in a worker the app goes on, anywhere else it ends with that line. No password reaches the
screen, stderr or the log.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from tests.ui.flows import AGENTE, fill_login, login, screen_text

from ecuapass_tui.screens.login import LoginScreen
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.widgets.inputs import Field


def login_values(pilot: Any) -> tuple[str, ...]:
    screen = pilot.app.screen
    return tuple(screen.query_one(f"#{n}", Field).value for n in ("ruc", "username", "password"))


@pytest.fixture
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(home))
    return home


def crash_log(state_home: Path) -> Path:
    return state_home / "ecuapass-tui" / "log" / "ecuapass-tui.log"


async def test_a_bug_in_a_worker_is_logged_without_locals_and_the_app_goes_on(
    make_app: Any, state_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_login(self: Desk, ruc: str, username: str, password: str, *_: Any) -> None:
        typed = password  # a local variable holding the password
        raise KeyError(len(typed))

    monkeypatch.setattr(Desk, "login", broken_login)
    app = make_app()
    with pytest.raises(KeyError):  # run_test re-raises the bug, so tests notice it
        async with app.run_test(size=(80, 24)) as pilot:
            await login(pilot, *AGENTE)
            log = crash_log(state_home)
            shown = screen_text(pilot)
            assert f"Ocurrió un error inesperado; el detalle quedó en {log}." in shown
            assert login_values(pilot) == AGENTE
            # Still answering: F2 switches the language and keeps what was typed.
            await pilot.press("f2")
            await pilot.pause()
            assert "English  ⇄  Español" in screen_text(pilot)
            assert login_values(pilot) == AGENTE
    assert app.return_code in (None, 0)
    written = log.read_text()
    assert "KeyError: 12" in written and "broken_login" in written
    assert AGENTE[2] not in written  # no local variables
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700


async def test_a_bug_outside_workers_ends_the_app_with_one_line_naming_the_log(
    make_app: Any,
    state_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken_switch(self: LoginScreen, language: str) -> None:
        password = self.query_one("#password", Field).value
        raise ValueError(len(password))

    monkeypatch.setattr(LoginScreen, "_switch_language", broken_switch)
    app = make_app()
    with pytest.raises(ValueError):
        async with app.run_test(size=(80, 24)) as pilot:
            await fill_login(pilot, *AGENTE)
            await pilot.press("f2")
            await pilot.pause()
    log = crash_log(state_home)
    assert app.return_code == 1
    # What is printed when the app ends: one line, no traceback, no local variables.
    printed = capsys.readouterr()
    assert printed.err == f"Ocurrió un error inesperado; el detalle quedó en {log}.\n"
    written = log.read_text()
    assert "ValueError: 12" in written and AGENTE[2] not in written
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_the_log_never_holds_the_password_of_a_database_url(state_home: Path) -> None:
    from ecuapass_tui.crash_log import write_crash_log

    url = "postgresql+psycopg://ana:Clave-2026@db.aduana.local:5432/ecuapass"
    try:
        raise ValueError(f"could not parse {url!r}")
    except ValueError as error:
        log = write_crash_log(error)
    assert log == crash_log(state_home)
    written = log.read_text()
    assert "ana:***@db.aduana.local" in written and "Clave-2026" not in written


def test_a_bug_in_the_command_line_is_one_line_naming_the_log(
    state_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ecuapass_tui import cli

    def broken(settings: Any) -> int:
        secret = "Aduana2026ec"
        raise RuntimeError(len(secret))

    monkeypatch.setattr(cli, "_run_app", broken)
    monkeypatch.setenv("XDG_DATA_HOME", str(state_home.parent / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(state_home.parent / "config"))
    assert cli.main(["--db", f"sqlite:///{state_home.parent / 'x.sqlite3'}"]) == 1
    log = crash_log(state_home)
    assert capsys.readouterr().err == (
        f"ecuapass-tui: Ocurrió un error inesperado; el detalle quedó en {log}.\n"
    )
    written = log.read_text()
    assert "RuntimeError: 12" in written and "Aduana2026ec" not in written
