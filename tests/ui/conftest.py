"""Pilot fixtures: the real App on a copy of the demo database, a frozen clock, no keyring."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.helpers import CHEAP_HASHER, copy_sqlite, frozen_clock, shared_demo_template

from ecuapass_tui import i18n
from ecuapass_tui.app import EcuapassApp
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.keyring_store import Remembered
from ecuapass_tui.store.engine import Database


@pytest.fixture(autouse=True)
def home_is_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's home is the test's folder: the file picker and the save dialogs stay
    inside the home folder, and a test never reads or writes the real one."""
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Logins and new passwords at the tests' argon2 cost (tests/helpers.CHEAP_HASHER), as the
    demo copy's hashes were made."""
    monkeypatch.setattr("ecuapass_tui.services.cuentas.auth._hasher", CHEAP_HASHER)


@pytest.fixture(scope="session")
def ui_demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_demo_template(tmp_path_factory, cheap=True)


@pytest.fixture
def ui_db(ui_demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    db = Database(f"sqlite:///{copy_sqlite(ui_demo_template, tmp_path / 'demo.sqlite3')}")
    yield db
    db.dispose()


@pytest.fixture
def make_app(ui_db: Database) -> Iterator[Callable[..., EcuapassApp]]:
    def factory(*, remembered: Remembered | None = None, demo: bool = True) -> EcuapassApp:
        desk = Desk(ui_db, clock=frozen_clock(), demo_mode=demo)
        return EcuapassApp(
            desk, language="es", theme="textual-dark", remembered=remembered or Remembered(None)
        )

    yield factory
    i18n.set_language("es")
