"""The installed program in a pseudo-terminal: keys typed in one burst (a slow SSH link),
hostile text from the database, and a database it must refuse."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
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


def test_hostile_database_text_and_file_names_never_reach_the_terminal(
    start, installed_app, app_home: Path
) -> None:
    path = demo_database(installed_app, app_home)
    _every_attachment_hostile(path)
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
    _user_saves_a_copy(term, app_home)
    _staff_saves_a_copy(start("--demo"), app_home)
    # What the program made on disk is its user's alone.
    data = app_home / "data" / "ecuapass-tui"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for made in data.iterdir():
        assert stat.S_IMODE(made.stat().st_mode) == 0o600, made


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
    term.wait_for("3.8 Sugerencias", timeout=20)  # the palette's hit, then Enter
    term.wait_quiet(0.3)
    term.send("\r", pause=0)
    term.wait_for("Soporte al Cliente > 3.8 Sugerencias", timeout=20)
    term.wait_quiet(0.5)


def test_draft_survives_sighup_and_is_offered_back(start) -> None:
    term = start("--demo")
    _login_and_open_sugerencias(term)
    term.send("\t", pause=0.2)
    term.send("\t", pause=0.2)
    term.mark()
    term.type("Filtros en 1.3")
    # Every key drawn in the field (keys still in flight when a link drops are lost), then
    # the rest of that paint.
    term.wait_for("Filtros en 1.3", timeout=20)
    term.wait_quiet(0.1)
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


# A stored attachment name with OSC 0 (window title), DCS, C1 CSI, a bidi override, a NUL and a
# way out of the folder; both save dialogs offer it as a plain name inside the home folder.
HOSTILE_FILE = "\x1b]0;owned\x07\x1bP1$q\x1b\\\x9b2J\u202e../../.bashrc\x00.png"
CLEAN_FILE = "bashrc.png"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _every_attachment_hostile(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(
            "insert into ticket_attachment (ticket_id, field, name, media_type, size, sha256,"
            " content) select id, 'capturas', '', 'image/png', ?, ?, ? from ticket"
            " where id not in (select ticket_id from ticket_attachment)",
            (len(PNG), hashlib.sha256(PNG).hexdigest(), PNG),
        )
        conn.execute("update ticket_attachment set name=?", (HOSTILE_FILE,))


def _log_in(term: Terminal, ruc: str, user: str, password: str) -> None:
    term.wait_for("Iniciar sesión", timeout=60)
    term.wait_quiet(0.5)
    for field, end in ((ruc, "\t"), (user, "\t"), (password, "\r")):
        term.type(field)
        term.wait_quiet(0.2)
        term.send(end, pause=0.3)


def _open_option(term: Terminal, number: str, hit: str, *drawn: str) -> None:
    """Ctrl+P, the option's number, Enter once the palette shows `hit`; then `drawn`."""
    term.mark()
    term.send("\x10", pause=0.3)  # Ctrl+P: Consultar
    term.type(number)
    term.wait_for(hit, timeout=20)
    term.wait_quiet(0.3)
    term.mark()
    term.send("\r", pause=0)
    term.wait_for(*drawn, timeout=20)
    term.wait_quiet(0.5)


def _refused_then_saved(term: Terminal, home: Path, submit: str) -> None:
    """In a save dialog: a folder outside home is refused beside the field; home is taken."""
    term.mark()
    term.send("\x15", pause=0.2)  # Ctrl+U: clear the path
    term.type("/etc")
    term.wait_quiet(0.2)
    term.send(submit, pause=0)
    term.wait_for("Elija una carpeta dentro de", timeout=20)
    term.wait_quiet(0.3)
    term.mark()
    term.send("\x15", pause=0.2)
    term.type(str(home))
    term.wait_quiet(0.2)
    term.send(submit, pause=0)
    term.wait_for("Copia guardada en", timeout=20)
    term.wait_quiet(0.3)


def _nothing_hostile_reached_the_terminal(raw: bytes) -> None:
    assert b"owned" not in raw  # no window title (OSC 0) from the data, not even as text
    assert b"\x1bP" not in raw  # no DCS
    assert "\x9b".encode() not in raw  # no C1 CSI
    assert "\u202e".encode() not in raw  # no bidi override
    assert b"\x00" not in raw
    assert ".bashrc" not in strip_escapes(raw)


def _user_saves_a_copy(user: Terminal, home: Path) -> None:
    """3.9.3, the first ticket, g: the stored name is offered clean, written 0600 in home."""
    _open_option(user, "3.9.3", "Mis tickets", "Mis tickets", "tickets mostrados")
    user.mark()
    user.send("\r", pause=0)  # the first ticket
    user.wait_for("Guardar copia", timeout=20)
    user.wait_quiet(0.3)
    user.mark()
    user.send("g", pause=0)
    user.wait_for(f"Guardar una copia de «{CLEAN_FILE}»", str(home), timeout=20)
    user.wait_quiet(0.3)
    _refused_then_saved(user, home, "\r")
    _nothing_hostile_reached_the_terminal(bytes(user.raw))
    assert user.child.isalive()
    copy = home / CLEAN_FILE
    assert copy.stat().st_size > 0 and stat.S_IMODE(copy.stat().st_mode) == 0o600
    copy.unlink()


def _staff_saves_a_copy(staff: Terminal, home: Path) -> None:
    """MS.1, the first ticket, g: "Guardar en" holds home/<clean name>, written 0600."""
    _log_in(staff, "", "analista", "Analista2026ec")
    staff.wait_for("Mesa de Servicios", timeout=20)
    staff.wait_quiet(0.5)
    _open_option(staff, "MS.1", "Cola de tickets", "Cola de tickets", "Página 1")
    staff.mark()
    staff.send("\r", pause=0)  # the first ticket of the queue
    staff.wait_for("Adjuntos", timeout=20)
    staff.wait_quiet(0.3)
    staff.mark()
    staff.send("g", pause=0)
    staff.wait_for(f"Guardar una copia de {CLEAN_FILE}", f"home/{CLEAN_FILE}", timeout=20)
    staff.wait_quiet(0.3)
    _refused_then_saved(staff, home, "\x13")  # Ctrl+S
    _nothing_hostile_reached_the_terminal(bytes(staff.raw))
    assert stat.S_IMODE((home / CLEAN_FILE).stat().st_mode) == 0o600
    assert not (home.parent / CLEAN_FILE).exists() and not Path("/etc", CLEAN_FILE).exists()
