"""End-to-end fixtures: the installed program (the wheel in its own venv) in a pseudo-terminal."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from tests.helpers import run_wide

# The wheel builder lives with the packaging tests; both folders share one build per session.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "packaging"))

import wheel_env


@pytest.fixture(scope="session")
def installed_app(tmp_path_factory: pytest.TempPathFactory) -> wheel_env.InstalledApp:
    with run_wide(tmp_path_factory, "installed-wheel") as base:
        return wheel_env.installed_app(base)


@pytest.fixture
def app_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary home with XDG folders; also the working directory of the program. Its path
    is short whatever the test's name and the xdist worker (a save dialog at 80 columns shows
    it whole)."""
    home = tmp_path_factory.mktemp("t") / "home"
    home.mkdir()
    return home
