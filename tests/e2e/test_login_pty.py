"""The installed program in a real pseudo-terminal: demo login to the home screen, then quit;
and a clean exit, with the terminal restored, on SIGHUP and on a dropped connection.

The program is the wheel installed in its own venv (fixture `installed_app`), run from a
temporary folder with temporary XDG folders, TERM=xterm-256color, 80x24.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
import wheel_env
from pty_screen import ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, Terminal, strip_escapes

pytestmark = pytest.mark.slow

# The first start of a fresh install byte-compiles what it imports and builds the demo
# database; CI has 2 cores.
FIRST_DRAW = 60.0
STEP = 20.0

LOGIN_TEXT = (
    "ECUAPASS · Servicio Nacional de Aduana del Ecuador",
    "RUC",
    "ID. Usuario",
    "Contraseña",
    "Iniciar sesión",
)


@pytest.fixture
def term(installed_app: wheel_env.InstalledApp, app_home: Path) -> Iterator[Terminal]:
    terminal = Terminal(
        [installed_app.script, "--demo"],
        env=wheel_env.isolated_env(app_home, installed_app.bin),
        cwd=app_home,
    )
    try:
        yield terminal
    finally:
        terminal.close()


def wait_for_login(term: Terminal) -> None:
    term.wait_for(*LOGIN_TEXT, timeout=FIRST_DRAW)
    term.wait_quiet(0.3)


def assert_terminal_restored(term: Terminal) -> None:
    raw = bytes(term.raw)
    assert ENTER_ALT_SCREEN in raw, "never entered the alternate screen"
    shutdown = raw[raw.rindex(ENTER_ALT_SCREEN) :]
    assert LEAVE_ALT_SCREEN in shutdown, f"alternate screen not left; tail: {raw[-300:]!r}"
    after = shutdown[shutdown.rindex(LEAVE_ALT_SCREEN) :]
    assert b"\x1b[?25h" in after, f"cursor not shown again; tail: {raw[-300:]!r}"
    assert b"\x1b[?1000l" in shutdown, "mouse reporting left on"
    assert b"\x1b[?2004l" in shutdown, "bracketed paste left on"
    # Nothing printed on the normal screen afterwards (a traceback would be).
    assert strip_escapes(after).strip() == "", strip_escapes(after)


def test_demo_login_to_home_then_ctrl_q(term: Terminal) -> None:
    wait_for_login(term)

    # Focus starts in RUC; pauses between fields so that Tab is handled before the next text.
    term.mark()
    term.type("1792060346001")
    term.wait_quiet(0.2)
    term.send("\t")
    term.type("agente")
    term.wait_quiet(0.2)
    term.send("\t")
    term.type("Aduana2026ec")
    term.wait_quiet(0.2)
    term.send("\r", pause=0)

    term.wait_for(
        "Seleccione el tipo de OCE",
        "AGENTE DE ADUANA  (2 códigos)",
        "LÍNEA NAVIERA  (16929838)",
        timeout=STEP,
    )
    term.wait_quiet(0.3)
    term.mark()
    term.send("\r", pause=0)

    term.wait_for("Seleccione el código de OCE", "03907058", "03907066", timeout=STEP)
    term.wait_quiet(0.3)
    term.mark()
    term.send("\r", pause=0)

    home = term.wait_for(
        "Buzón Electrónico",
        "Trámites Operativos",
        "Servicios Informativos",
        "Soporte al Cliente",
        "Ventanilla Única",
        "2.6 Catálogos",
        "Mi menú",
        timeout=STEP,
    )
    assert "OCE 03907058" in home
    term.wait_quiet(0.3)

    term.mark()
    term.send("\x11", pause=0)  # Ctrl+Q
    status, sig = term.wait_exit(timeout=10)
    assert (status, sig) == (0, None), term.text[-2000:]
    assert_terminal_restored(term)
    assert "Traceback" not in term.text


def test_sighup_exits_cleanly(term: Terminal) -> None:
    """The app's SIGHUP handler calls App.exit: status 0 and the terminal put back."""
    wait_for_login(term)
    term.kill(signal.SIGHUP)
    status, sig = term.wait_exit(timeout=10)
    assert (status, sig) == (0, None), term.text[-2000:]
    assert_terminal_restored(term)
    assert "Traceback" not in term.text


def test_dropped_terminal_ends_the_program(term: Terminal) -> None:
    """An SSH session that drops: the terminal goes away; the program must not linger."""
    wait_for_login(term)
    status, sig = term.hang_up(timeout=10)
    assert (status, sig) in {(0, None), (None, signal.SIGHUP)}, (status, sig)
