"""The command line and the configuration files, run as a user would run them."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ecuapass_tui.app import choose_theme
from ecuapass_tui.config import ConfigError, load_settings, redact_url
from ecuapass_tui.paths import Paths
from ecuapass_tui.store.schema import head_revision

HEAD = head_revision()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "ECUAPASS_SYSTEM_CONFIG": str(tmp_path / "etc" / "config.toml"),
        "ECUAPASS_DATABASE_URL": "",
    }


def run(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ecuapass_tui", *args],
        env=env,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=60,
    )


def test_version(env) -> None:
    result = run(env, "--version")
    assert result.returncode == 0
    assert result.stdout.strip().startswith("ecuapass-tui ")


def test_db_upgrade_current_and_backup(env, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'real.sqlite3'}"
    first = run(env, "--db", url, "db", "current")
    assert first.returncode == 1
    assert "vacío" in first.stdout and "ecuapass-tui db upgrade" in first.stdout
    upgraded = run(env, "--db", url, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"-> {HEAD}" in upgraded.stdout
    current = run(env, "--db", url, "db", "current")
    assert current.returncode == 0 and current.stdout.startswith(HEAD)
    target = tmp_path / "copia.sqlite3"
    backup = run(env, "--db", url, "db", "backup", str(target))
    assert backup.returncode == 0, backup.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # a copy of the data is the user's alone
    with sqlite3.connect(target) as conn:
        assert conn.execute("select count(*) from canton").fetchone()[0] > 200
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    again = run(env, "--db", url, "db", "backup", str(target))
    assert again.returncode == 2
    assert "ya existe" in again.stderr and "Traceback" not in again.stderr


def test_admin_create_then_refused_on_a_used_database(env, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'real.sqlite3'}"
    args = (
        "--db",
        url,
        "admin",
        "create",
        "--username",
        "jefa",
        "--name",
        "Ana Jefa",
        "--cedula",
        "1712345675",
        "--email",
        "ana@senae.example",
    )
    weak = run({**env, "ECUAPASS_ADMIN_PASSWORD": "corta"}, *args)
    assert weak.returncode == 2
    assert "Contraseña: La contraseña debe tener al menos 10 caracteres." in weak.stderr
    made = run({**env, "ECUAPASS_ADMIN_PASSWORD": "Fuerte2026clave"}, *args)
    assert made.returncode == 0, made.stderr
    assert "Administrador jefa creado." in made.stdout
    twice = run({**env, "ECUAPASS_ADMIN_PASSWORD": "Fuerte2026clave"}, *args)
    assert twice.returncode == 2 and "base vacía" in twice.stderr


def test_demo_reset_and_doctor(env, tmp_path: Path) -> None:
    reset = run(env, "demo", "reset")
    assert reset.returncode == 0, reset.stderr
    assert "4 empresas, 14 usuarios" in reset.stdout
    doctor = run(env, "--demo", "doctor")
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert "demo.sqlite3" in doctor.stdout
    assert f"esquema:        {HEAD} (programa: {HEAD}; al día)" in doctor.stdout
    assert "keyring:" in doctor.stdout and "SQLite:" in doctor.stdout
    assert "archivos data/: completos" in doctor.stdout


def test_doctor_hides_the_database_password(env) -> None:
    env = {**env, "ECUAPASS_DATABASE_URL": "postgresql+psycopg://mesa:secreto@127.0.0.1:1/x"}
    doctor = run(env, "doctor")
    assert "secreto" not in doctor.stdout
    assert "mesa:***@127.0.0.1" in doctor.stdout
    assert doctor.returncode == 1 and "no se pudo leer" in doctor.stdout


def test_app_refuses_a_database_from_a_newer_program(env, tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    url = f"sqlite:///{path}"
    assert run(env, "--db", url, "db", "upgrade").returncode == 0
    with sqlite3.connect(path) as conn:
        conn.execute("update alembic_version set version_num = 'f00d'")
    result = run(env, "--db", url)
    assert result.returncode == 2
    assert f"tiene el esquema f00d, más nuevo que este programa ({HEAD})" in result.stderr
    assert "Traceback" not in result.stderr


def test_app_refuses_a_database_whose_schema_is_behind(env, tmp_path: Path) -> None:
    from ecuapass_tui.store import schema
    from ecuapass_tui.store.engine import Database

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    db = Database(url)
    schema.upgrade(db, "0001")  # as an older ecuapass-tui left it
    db.dispose()
    result = run(env, "--db", url)
    assert result.returncode == 2
    assert "(0001) es anterior al de este programa" in result.stderr
    assert result.stderr.strip().endswith("Actualícelo con: ecuapass-tui db upgrade")
    assert run(env, "--db", url, "db", "upgrade").returncode == 0
    assert run(env, "--db", url, "db", "current").returncode == 0


def test_bad_config_file_names_the_file(env, tmp_path: Path) -> None:
    config = tmp_path / "config" / "ecuapass-tui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("[database\nurl = 1", encoding="utf-8")
    result = run(env, "doctor")
    assert result.returncode == 2
    assert str(config) in result.stderr and "Traceback" not in result.stderr


def paths(tmp_path: Path) -> Paths:
    return Paths(tmp_path / "d", tmp_path / "c", tmp_path / "l", tmp_path / "etc.toml")


def test_config_precedence(tmp_path: Path) -> None:
    p = paths(tmp_path)
    assert load_settings(p, environ={}).database_url == f"sqlite:///{p.default_database}"
    p.system_config.write_text('[database]\nurl = "sqlite:////srv/shared.sqlite3"\n')
    assert load_settings(p, environ={}).database_url == "sqlite:////srv/shared.sqlite3"
    p.config_dir.mkdir(parents=True)
    p.user_config.write_text(
        '[database]\nurl = "sqlite:////home/u/own.sqlite3"\n[ui]\nlanguage = "en"\n'
    )
    settings = load_settings(p, environ={})
    assert settings.database_url == "sqlite:////home/u/own.sqlite3"
    assert settings.language == "en"
    env = {"ECUAPASS_DATABASE_URL": "postgresql+psycopg://u:p@h/db"}
    assert load_settings(p, environ=env).database_url == "postgresql+psycopg://u:p@h/db"
    assert load_settings(p, environ=env, database_url="sqlite:////x.db").database_url == (
        "sqlite:////x.db"
    )
    demo = load_settings(p, environ=env, demo=True)
    assert demo.database_url == f"sqlite:///{p.demo_database}"
    assert not p.data_dir.exists()  # loading settings creates nothing


def test_unreadable_config_raises_config_error(tmp_path: Path) -> None:
    p = paths(tmp_path)
    p.system_config.write_text("not toml = = =")
    with pytest.raises(ConfigError, match=r"etc\.toml"):
        load_settings(p, environ={})


def test_redact_url() -> None:
    assert redact_url("postgresql+psycopg://a:b@h/d") == "postgresql+psycopg://a:***@h/d"
    assert redact_url("postgresql+psycopg://a:b@h:port/d") == "postgresql+psycopg://a:***@h:port/d"


def test_settings_name_where_the_url_came_from(tmp_path: Path) -> None:
    p = paths(tmp_path)
    assert load_settings(p, environ={}).database_source == ""
    p.system_config.write_text('[database]\nurl = "sqlite:////srv/shared.sqlite3"\n')
    assert load_settings(p, environ={}).database_source == str(p.system_config)
    env = {"ECUAPASS_DATABASE_URL": "sqlite:////x.db"}
    assert load_settings(p, environ=env).database_source == "ECUAPASS_DATABASE_URL"
    assert load_settings(p, environ=env, database_url="").database_source == "--db"
    assert load_settings(p, environ=env, demo=True).database_source == "--demo"
    p.system_config.write_text("[database]\nurl = 5\n")
    with pytest.raises(ConfigError, match=r"\[database\] url"):
        load_settings(p, environ={})


@pytest.mark.parametrize(
    ("configured", "colors", "environ", "theme"),
    [
        (None, "truecolor", {}, "textual-dark"),
        (None, "standard", {}, "ansi-dark"),  # TERM=xterm: 16 colours
        (None, None, {}, "ansi-dark"),
        ("nord", "truecolor", {"NO_COLOR": "1"}, "textual-dark"),  # drawn in greys
        (None, "standard", {"NO_COLOR": "1"}, "textual-dark"),
        ("nord", "standard", {}, "nord"),
    ],
)
def test_theme_for_the_terminal(configured, colors, environ, theme) -> None:
    assert choose_theme(configured, colors, environ) == theme


def test_cli_speaks_english_on_request(env, tmp_path: Path) -> None:
    result = run(env, "--lang", "en", "--today", "2026-01-01")
    assert result.returncode == 2
    assert "--today is only used with --demo." in result.stderr
    spanish = run(env, "--today", "2026-01-01")
    assert "--today solo se usa con --demo." in spanish.stderr


def test_demo_database_behind_is_upgraded_in_place(env, tmp_path: Path) -> None:
    from ecuapass_tui.services.setup import open_database
    from ecuapass_tui.store import schema
    from ecuapass_tui.store.engine import Database

    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    db = Database(url)
    schema.upgrade(db, "0001")
    db.dispose()
    opened = open_database(url, demo=True)
    try:
        assert schema.current_revision(opened) == HEAD
    finally:
        opened.dispose()
