"""Every bad argument or setting ends the program with status 2 and one line saying what to
fix: never a traceback, never argparse's usage block, never the password of a database URL.
Each case runs the real program twice: with pipes (no terminal) and in a pseudo-terminal (the
app would draw its screens there; the database opens after the login screen is drawn)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))

from pty_screen import ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, Terminal, strip_escapes

from ecuapass_tui.db_url import BadDatabase, check_database, mask_password

SECRET = "Secreto-77x"
AS_ROOT = os.geteuid() == 0
NEEDS_USER = pytest.mark.skipif(AS_ROOT, reason="root may read and write any file")

Setup = Callable[[Path, dict[str, str]], list[str]]


def args(*values: str) -> Setup:
    return lambda _home, _env: list(values)


def file_parent(home: Path, _env: dict[str, str]) -> list[str]:
    (home / "informe.txt").write_text("no soy una carpeta")
    return ["--db", f"sqlite:///{home / 'informe.txt' / 'ecuapass.sqlite3'}"]


def data_home_is_a_file(home: Path, env: dict[str, str]) -> list[str]:
    (home / "datos").write_text("")
    env["XDG_DATA_HOME"] = str(home / "datos")
    return ["--demo"]


def unreadable_folder(home: Path, _env: dict[str, str]) -> list[str]:
    folder = home / "cerrada"
    folder.mkdir(mode=0)
    return ["--db", f"sqlite:///{folder / 'ecuapass.sqlite3'}"]


def read_only_database(home: Path, _env: dict[str, str]) -> list[str]:
    path = home / "solo.sqlite3"
    path.write_bytes(b"")
    path.chmod(0o444)
    return ["--db", f"sqlite:///{path}"]


def not_a_database(home: Path, _env: dict[str, str]) -> list[str]:
    path = home / "notas.sqlite3"
    path.write_text("Lista de tareas\n" * 200)
    return ["--db", f"sqlite:///{path}"]


def env_url(url: str) -> Setup:
    def setup(_home: Path, env: dict[str, str]) -> list[str]:
        env["ECUAPASS_DATABASE_URL"] = url
        return []

    return setup


def config_url(url: str) -> Setup:
    def setup(home: Path, env: dict[str, str]) -> list[str]:
        config = Path(env["XDG_CONFIG_HOME"]) / "ecuapass-tui" / "config.toml"
        config.parent.mkdir(parents=True)
        config.write_text(f'[database]\nurl = "{url}"\n', encoding="utf-8")
        return []

    return setup


CASES = [
    pytest.param(
        args("--db", f"postgresql+psycopg://mesa:{SECRET}@servidor:cinco/mesa"),
        "El puerto de la URL de la base de datos (--db) no es un número: "
        "postgresql+psycopg://mesa:***@servidor:cinco/mesa.",
        id="malformed-postgresql-url",
    ),
    pytest.param(
        env_url(f"postgres://mesa:{SECRET}@servidor/mesa"),
        "Base de datos no soportada: postgres (ECUAPASS_DATABASE_URL).",
        id="unknown-engine-from-env",
    ),
    pytest.param(
        args("--db", "ecuapass.sqlite3"),
        "La URL de la base de datos (--db) no es válida",
        id="a-path",
    ),
    pytest.param(args("--db", "sqlite://"), "es una base en memoria", id="in-memory"),
    pytest.param(
        config_url("sqlite:///:memory:"), "config.toml) es una base en memoria", id="config-memory"
    ),
    pytest.param(file_parent, "informe.txt es un archivo, no una carpeta", id="parent-is-a-file"),
    pytest.param(data_home_is_a_file, "datos es un archivo, no una carpeta", id="data-home-a-file"),
    pytest.param(
        unreadable_folder,
        "No hay permiso para entrar en la carpeta",
        id="unreadable-folder",
        marks=NEEDS_USER,
    ),
    pytest.param(
        read_only_database, "es de solo lectura para este usuario", id="read-only", marks=NEEDS_USER
    ),
    pytest.param(args("--demo", "--today="), "--today: fecha no válida ''", id="empty-today"),
    pytest.param(
        args("--demo", "--today", "2026-02-30"), "--today: fecha no válida", id="bad-today"
    ),
    pytest.param(args("--today", "2026-01-01"), "--today solo se usa con --demo", id="today-alone"),
    pytest.param(args("--lang", "xx"), "--lang: idioma no disponible 'xx'", id="lang-xx"),
    pytest.param(args("--colour"), "opción desconocida: --colour", id="unknown-option"),
    pytest.param(args("--demo", "--today"), "--today: falta su valor", id="today-without-value"),
    pytest.param(
        args("--lang", "en", "--colour"), "unknown option: --colour", id="unknown-option-english"
    ),
    pytest.param(
        args("--db", f"postgresql+psycopg://mesa:{SECRET}@127.0.0.1:1/mesa"),
        "No se pudo conectar con la base de datos postgresql+psycopg://mesa:***@127.0.0.1:1/mesa",
        id="postgresql-unreachable",
    ),
    pytest.param(not_a_database, "(file is not a database). Revísela con", id="not-a-database"),
    pytest.param(
        args("db", "backup", "/no/such/folder/x.sqlite3"), "No existe", id="backup-no-folder"
    ),
    pytest.param(
        args("--lang", "en", "--db", "sqlite://"),
        "is an in-memory database: everything would be lost at exit",
        id="english",
    ),
]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    return home


def environment(home: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "ECUAPASS_SYSTEM_CONFIG": str(home / "etc" / "config.toml"),
        "TERM": "xterm-256color",
    }
    env.pop("ECUAPASS_DATABASE_URL", None)
    return env


def written_after_the_app(raw: bytes) -> str:
    """What the program printed on the normal screen (after the app, if it started)."""
    if ENTER_ALT_SCREEN in raw:
        assert LEAVE_ALT_SCREEN in raw, "the terminal was not restored"
        raw = raw[raw.rindex(LEAVE_ALT_SCREEN) + len(LEAVE_ALT_SCREEN) :]
    return strip_escapes(raw)


@pytest.mark.parametrize("terminal", [False, True], ids=["pipes", "terminal"])
@pytest.mark.parametrize(("setup", "expected"), CASES)
def test_a_bad_value_is_one_line_and_status_2(
    home: Path, setup: Setup, expected: str, terminal: bool
) -> None:
    env = environment(home)
    argv = [sys.executable, "-m", "ecuapass_tui", *setup(home, env)]
    if terminal:
        term = Terminal(argv, env=env, cwd=home)
        try:
            status, _signal = term.wait_exit(timeout=60)
        finally:
            term.close()
        raw = bytes(term.raw)
        printed = written_after_the_app(raw)
    else:
        result = subprocess.run(
            argv, env=env, cwd=home, capture_output=True, stdin=subprocess.DEVNULL, timeout=60
        )
        status, raw = result.returncode, result.stdout + result.stderr
        assert result.stdout == b""
        printed = raw.decode()
    lines = [line for line in printed.splitlines() if line.strip()]
    assert status == 2, printed
    assert len(lines) == 1, printed
    assert lines[0].startswith("ecuapass-tui: ") and expected in lines[0], lines[0]
    assert SECRET.encode() not in raw
    assert "usage:" not in printed and "Traceback" not in printed


@NEEDS_USER
def test_permission_checks_as_a_user(tmp_path: Path) -> None:
    """Kept apart so that a run as a normal user shows the permission cases by name."""
    locked = tmp_path / "cerrada"
    locked.mkdir(mode=0)
    with pytest.raises(BadDatabase, match="No hay permiso para entrar"):
        check_database(f"sqlite:///{locked / 'x.sqlite3'}", "--db", write=False)


def test_permission_checks_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root every file is readable and writable; the same checks with `os.access` denying."""
    database = tmp_path / "solo.sqlite3"
    database.write_bytes(b"")
    real_access = os.access

    def access(path: object, mode: int) -> bool:
        if Path(str(path)) == database and mode & os.W_OK:
            return False
        if Path(str(path)).name == "cerrada":
            return False
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    url = f"sqlite:///{database}"
    with pytest.raises(BadDatabase, match="es de solo lectura para este usuario"):
        check_database(url, "--db", write=True)
    check_database(url, "--db", write=False)  # `db current` and `db backup` only read it
    (tmp_path / "cerrada").mkdir()
    with pytest.raises(BadDatabase, match="No hay permiso para entrar en la carpeta"):
        check_database(f"sqlite:///{tmp_path / 'cerrada' / 'x.sqlite3'}", "--db", write=True)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql+psycopg://mesa:clave@h/db", "postgresql+psycopg://mesa:***@h/db"),
        ("postgresql+psycopg://mesa:cl@ve@h:x/db", "postgresql+psycopg://mesa:***@h:x/db"),
        ("postgresql+psycopg://mesa@h/db", "postgresql+psycopg://mesa@h/db"),
        ("sqlite:////tmp/a.sqlite3", "sqlite:////tmp/a.sqlite3"),
    ],
)
def test_a_password_is_never_shown(url: str, shown: str) -> None:
    assert mask_password(url) == shown
