"""Packaging fixtures: the wheel of the work tree, installed in a fresh venv (once per session)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from tests.helpers import run_wide

sys.path.insert(0, str(Path(__file__).resolve().parent))

import wheel_env


@pytest.fixture(scope="session")
def installed_app(tmp_path_factory: pytest.TempPathFactory) -> wheel_env.InstalledApp:
    with run_wide(tmp_path_factory, "installed-wheel") as base:
        return wheel_env.installed_app(base)


@pytest.fixture
def app_home(tmp_path: Path) -> Path:
    """A temporary home with XDG folders; also the working directory of each run."""
    home = tmp_path / "home"
    home.mkdir()
    return home
