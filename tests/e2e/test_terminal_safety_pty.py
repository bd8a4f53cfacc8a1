"""The installed program in a pseudo-terminal: keys typed in one burst (a slow SSH link),
hostile text from the database, and a database it must refuse."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import wheel_env
from pty_screen import Terminal, strip_escapes

pytestmark = pytest.mark.slow

HOSTILE = "X[@click=app.quit]x[/]|[/]|\x1b]52;c;aGk=\x07|\x1b[2J|\u202eY"
SHOWN = "X[@click=app.quit]x[/]|[/]|]52;c;aGk=|[2J|Y"


def demo_database(app: wheel_env.InstalledApp, home: Path) -> Path:
    subprocess.run(
        [str(app.script), "demo", "reset"],
        env=wheel_env.isolated_env(home, app.bin),
        cwd=home,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return home / "data" / "ecuapass-tui" / "demo.sqlite3"


@pytest.fixture
def start(installed_app: wheel_env.InstalledApp, app_home: Path) -> Iterator:
    terminals: list[Terminal] = []

    def run(*args: str) -> Terminal:
        terminal = Terminal(
            [installed_app.script, *args],
            env=wheel_env.isolated_env(app_home, installed_app.bin),
            cwd=app_home,
        )
        terminals.append(terminal)
        return terminal

    yield run
    for terminal in terminals:
        terminal.close()


def test_keys_typed_in_one_burst_land_in_their_fields(start) -> None:
    term = start("--demo")
    term.wait_for("Iniciar sesión", timeout=60)
    term.wait_quiet(0.5)
    term.mark()
    term.child.send("1792060346001\tagente\tAduana2026ec\r")  # one write, as a slow link delivers
    term.wait_for("Seleccione el tipo de OCE", timeout=20)


def test_hostile_database_text_never_reaches_the_terminal(
    start, installed_app, app_home: Path
) -> None:
    path = demo_database(installed_app, app_home)
    with sqlite3.connect(path) as conn:
        user_id = conn.execute("select id from app_user where username='agente'").fetchone()[0]
        conn.execute("update app_user set full_name=? where id=?", (HOSTILE, user_id))
        conn.execute(
            "update mailbox_notice set subject=?, sender=? where user_id=?",
            (HOSTILE, HOSTILE, user_id),
        )
    term = start("--demo")
    term.wait_for("Iniciar sesión", timeout=60)
    term.wait_quiet(0.5)
    for field in ("1792060346001", "agente", "Aduana2026ec"):
        term.type(field)
        term.wait_quiet(0.2)
        term.send("\t" if field != "Aduana2026ec" else "\r", pause=0.3)
    term.wait_for("Seleccione el tipo de OCE", timeout=20)
    term.wait_quiet(0.3)
    term.send("\r", pause=0.5)
    term.send("\r", pause=0)
    home = term.wait_for("Buzón Electrónico", "Servicios Informativos", timeout=20)
    term.wait_quiet(0.5)
    raw = bytes(term.raw)
    assert SHOWN[:20] in strip_escapes(raw)  # drawn literally
    assert b"\x1b]52" not in raw  # no clipboard write from the data
    assert "\u202e".encode() not in raw  # no bidi override
    # The only BELs are those ending Textual's own OSC sequences (window title), never data.
    assert raw.count(b"\x07") == raw.count(b"\x1b]") - raw.count(b"\x1b]52")
    assert term.child.isalive(), home[-1500:]  # [@click=app.quit] did not quit


def test_a_database_from_a_newer_program_is_refused_with_its_message(
    start, installed_app, app_home: Path
) -> None:
    path = demo_database(installed_app, app_home)
    with sqlite3.connect(path) as conn:
        conn.execute("update alembic_version set version_num='f00d'")
    term = start("--demo")
    status, sig = term.wait_exit(timeout=60)
    assert (status, sig) == (2, None), term.text[-2000:]
    assert "más nuevo que este programa" in term.text
    assert "Traceback" not in term.text


def _login_and_open_sugerencias(term: Terminal) -> None:
    term.wait_for("Iniciar sesión", timeout=60)
    term.wait_quiet(0.5)
    for field, end in (("1792060346001", "\t"), ("agente", "\t"), ("Aduana2026ec", "\r")):
        term.type(field)
        term.wait_quiet(0.2)
        term.send(end, pause=0.3)
    term.wait_for("Seleccione el tipo de OCE", timeout=20)
    term.wait_quiet(0.3)
    term.send("\r", pause=0.5)
    term.send("\r", pause=0)
    term.wait_for("Servicios Informativos", timeout=20)
    term.wait_quiet(0.5)
    term.mark()
    term.send("\x10", pause=0.3)  # Ctrl+P: Consultar
    term.type("3.8")
    term.wait_quiet(0.3)
    term.send("\r", pause=0)
    term.wait_for("Soporte al Cliente > 3.8 Sugerencias", timeout=20)
    term.wait_quiet(0.5)


def test_draft_survives_sighup_and_is_offered_back(start) -> None:
    term = start("--demo")
    _login_and_open_sugerencias(term)
    term.send("\t", pause=0.2)
    term.send("\t", pause=0.2)
    term.type("Filtros en 1.3")
    term.wait_quiet(0.1)  # the last key drawn: keys still in flight when a link drops are lost
    term.kill()  # SIGHUP sooner than the draft's 0.5 s debounce: only flush_draft saves it
    status, sig = term.wait_exit(timeout=10)
    assert (status, sig) == (0, None), term.text[-2000:]

    again = start("--demo")
    _login_and_open_sugerencias(again)
    again.wait_for("Tiene un borrador de este formulario guardado", timeout=20)
    again.wait_quiet(0.3)
    again.mark()
    again.send("\r", pause=0)  # Restaurar
    again.wait_for("Filtros en 1.3", timeout=20)
