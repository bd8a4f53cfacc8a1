"""The installed program in a real pseudo-terminal while another process holds the SQLite write
lock longer than the busy timeout: the login says so in one line, the program goes on, the
same login works once the lock is released, and the typed password is nowhere in what the
program wrote (screen and stderr share the terminal) nor in a log file.
"""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest
import wheel_env
from pty_screen import Terminal

pytestmark = pytest.mark.slow

FIRST_DRAW = 60.0
PASSWORD = "Aduana2026ec"
# The program waits 10 s for a lock (store/engine.py BUSY_TIMEOUT_MS) before it gives up; here
# the installed program is started through its own `cli.main` with that wait set to 1 s.
BUSY_TIMEOUT_MS = 1000
SHORT_WAIT = (
    "import sys, ecuapass_tui.store.engine as engine, ecuapass_tui.cli as cli; "
    f"engine.BUSY_TIMEOUT_MS = {BUSY_TIMEOUT_MS}; sys.exit(cli.main())"
)
LOCKED_ANSWER = 30.0
BUSY = "La base de datos está ocupada por otro proceso"


def test_login_while_another_process_holds_the_write_lock(
    installed_app: wheel_env.InstalledApp, app_home: Path
) -> None:
    env = wheel_env.isolated_env(app_home, installed_app.bin)
    # The demo data set, opened as a real installation: its login screen lists no passwords.
    subprocess.run(
        [str(installed_app.script), "demo", "reset"],
        env=env,
        cwd=app_home,
        check=True,
        capture_output=True,
        timeout=600,
    )
    database = app_home / "data" / "ecuapass-tui" / "demo.sqlite3"
    assert database.exists()
    term = Terminal(
        [installed_app.python, "-c", SHORT_WAIT, "--db", f"sqlite:///{database}"],
        env=env,
        cwd=app_home,
    )
    other = sqlite3.connect(database, isolation_level=None)
    try:
        term.wait_for("ID. Usuario", "Contraseña", "Iniciar sesión", timeout=FIRST_DRAW)
        term.wait_quiet(1.0)  # the database is opened just after the first draw

        other.execute("BEGIN IMMEDIATE")
        term.mark()
        term.type("1792060346001")
        term.wait_quiet(0.2)
        term.send("\t")
        term.type("agente")
        term.wait_quiet(0.2)
        term.send("\t")
        term.type(PASSWORD)
        term.wait_quiet(0.2)
        term.send("\r", pause=0)
        term.wait_for(BUSY, timeout=LOCKED_ANSWER)
        term.wait_quiet(0.3)
        assert term.child.isalive()

        other.execute("ROLLBACK")  # the other process is done
        term.mark()
        term.send("\r", pause=0)  # the same login again, with what is still typed
        term.wait_for("Seleccione el tipo de OCE", timeout=20)
        term.wait_quiet(0.3)
        term.send("\x11", pause=0)  # Ctrl+Q
        status, sig = term.wait_exit(timeout=10)
    finally:
        other.close()
        term.close()
    assert (status, sig) == (0, None), term.text[-2000:]
    written = bytes(term.raw)
    assert PASSWORD.encode() not in written
    assert "Traceback" not in term.text
    logs = list((app_home / "state").rglob("*.log"))
    assert all(PASSWORD not in log.read_text() for log in logs)
