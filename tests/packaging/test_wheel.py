"""The wheel carries every data file, installs from the pinned lock file and runs on its own.

The installed program runs from a temporary folder with temporary XDG folders, so nothing can
be imported from src/ and nothing touches the real home.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import wheel_env

pytestmark = pytest.mark.slow

REQUIRED = [
    "ecuapass_tui/__init__.py",
    "ecuapass_tui/__main__.py",
    "ecuapass_tui/cli.py",
    "ecuapass_tui/data/menus.toml",
    "ecuapass_tui/data/catalogs/cantons.csv",
    "ecuapass_tui/data/demo/demo.toml",
    "ecuapass_tui/data/demo/hashes.toml",
    "ecuapass_tui/data/demo/tickets.toml",
    "ecuapass_tui/data/tariff/nomenclature.tsv.gz",
    "ecuapass_tui/data/tariff/demo_lines.csv",
    "ecuapass_tui/styles/app.tcss",
    "ecuapass_tui/store/migrations/env.py",
    "ecuapass_tui/store/migrations/script.py.mako",
    "ecuapass_tui/store/migrations/versions/0001_initial_schema.py",
]


def run(
    app: wheel_env.InstalledApp, home: Path, *args: str | Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        cwd=home,
        env=wheel_env.isolated_env(home, app.bin),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_wheel_contains_data_styles_and_migrations(installed_app: wheel_env.InstalledApp) -> None:
    names = set(installed_app.wheel_names)
    missing = [name for name in REQUIRED if name not in names]
    assert not missing, f"missing from {installed_app.wheel.name}: {missing}"
    assert any(n.endswith(".dist-info/entry_points.txt") for n in names)


def test_wheel_contains_every_tracked_package_file(installed_app: wheel_env.InstalledApp) -> None:
    """Whatever git tracks under src/ecuapass_tui (locale catalogs, CSVs, ...) is shipped."""
    proc = subprocess.run(
        ["git", "ls-files", "src/ecuapass_tui"],
        cwd=wheel_env.REPO,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        pytest.skip("not a git work tree")
    tracked = {line.removeprefix("src/") for line in proc.stdout.splitlines()}
    missing = sorted(
        t
        for t in tracked
        if t not in installed_app.wheel_names and (wheel_env.REPO / "src" / t).exists()
    )
    assert not missing, f"tracked but not in the wheel: {missing}"
    stray = [n for n in installed_app.wheel_names if "__pycache__" in n or n.endswith(".pyc")]
    assert not stray, f"byte code in the wheel: {stray}"


def test_entry_point(installed_app: wheel_env.InstalledApp) -> None:
    names = [n for n in installed_app.wheel_names if n.endswith(".dist-info/entry_points.txt")]
    with zipfile.ZipFile(installed_app.wheel) as zf:
        text = zf.read(names[0]).decode()
    assert "ecuapass-tui = ecuapass_tui.cli:main" in text


def test_imports_from_the_venv_not_from_src(
    installed_app: wheel_env.InstalledApp, app_home: Path
) -> None:
    proc = run(
        installed_app,
        app_home,
        installed_app.python,
        "-c",
        "import ecuapass_tui, sys; print(ecuapass_tui.__file__); print(sys.prefix)",
    )
    assert proc.returncode == 0, proc.stderr
    module_file, prefix = proc.stdout.splitlines()
    assert Path(module_file).is_relative_to(installed_app.venv), module_file
    assert not Path(module_file).is_relative_to(wheel_env.REPO / "src")
    assert Path(prefix) == installed_app.venv


def test_version(installed_app: wheel_env.InstalledApp, app_home: Path) -> None:
    proc = run(installed_app, app_home, installed_app.script, "--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ecuapass-tui 0.1.0"


def test_python_dash_m(installed_app: wheel_env.InstalledApp, app_home: Path) -> None:
    proc = run(installed_app, app_home, installed_app.python, "-m", "ecuapass_tui", "--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ecuapass-tui 0.1.0"


def test_doctor(installed_app: wheel_env.InstalledApp, app_home: Path) -> None:
    proc = run(installed_app, app_home, installed_app.script, "doctor")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    assert out.startswith("ecuapass-tui 0.1.0 (Python ")
    assert "archivos data/: completos" in out
    assert f"datos:          {app_home / 'data' / 'ecuapass-tui'}" in out
    assert str(app_home / "config" / "ecuapass-tui" / "config.toml") in out
    assert f"sqlite:///{app_home / 'data' / 'ecuapass-tui' / 'ecuapass.sqlite3'}" in out
    assert "esquema:        vacío" in out
    assert "SQLite:" in out
    assert "keyring:" in out
    assert "TERM=xterm-256color" in out
    assert "Traceback" not in proc.stderr


def test_migrations_run_from_the_wheel(
    installed_app: wheel_env.InstalledApp, app_home: Path
) -> None:
    """alembic finds env.py and every revision of versions/ inside the installed package."""
    from ecuapass_tui.store.schema import head_revision

    head = head_revision()  # of the source tree: the wheel must ship all of them
    upgrade = run(installed_app, app_home, installed_app.script, "db", "upgrade")
    assert upgrade.returncode == 0, upgrade.stdout + upgrade.stderr
    assert upgrade.stdout.strip() == f"Esquema: vacío -> {head}"
    current = run(installed_app, app_home, installed_app.script, "db", "current")
    assert current.returncode == 0, current.stdout + current.stderr
    assert current.stdout.startswith(f"{head} (programa: {head}; al día)")
    doctor = run(installed_app, app_home, installed_app.script, "doctor")
    assert doctor.returncode == 0
    assert f"esquema:        {head} (programa: {head}; al día)" in doctor.stdout


def test_demo_reset_from_the_wheel(installed_app: wheel_env.InstalledApp, app_home: Path) -> None:
    """The demo data set (data/demo/demo.toml) loads from the installed package."""
    proc = run(installed_app, app_home, installed_app.script, "--demo", "demo", "reset")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("Demostración reconstruida en ")
    assert (app_home / "data" / "ecuapass-tui" / "demo.sqlite3").is_file()


def test_user_error_is_one_line(installed_app: wheel_env.InstalledApp, app_home: Path) -> None:
    proc = run(installed_app, app_home, installed_app.script, "--today", "2026-01-01")
    assert proc.returncode == 2
    assert proc.stderr.strip() == "ecuapass-tui: --today solo se usa con --demo."


def test_dev_python_is_not_used(installed_app: wheel_env.InstalledApp) -> None:
    assert installed_app.venv != Path(sys.prefix)
    first_line = installed_app.script.read_text().splitlines()[0]
    assert first_line == f"#!{installed_app.python}"
