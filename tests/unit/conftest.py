from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.helpers import CHEAP_HASHER, copy_sqlite, frozen_clock, shared_demo_template

from ecuapass_tui.services.desk import Desk
from ecuapass_tui.store.engine import Database


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_demo_template(tmp_path_factory)


@pytest.fixture(scope="session")
def cheap_demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_demo_template(tmp_path_factory, cheap=True)


@pytest.fixture(autouse=True)
def cheap_hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A module marked `cheap_hashes` (its subject is not the hashing's cost) hashes and checks
    at the tests' argon2 cost, on a demo copy made so (tests/helpers.CHEAP_HASHER)."""
    if request.node.get_closest_marker("cheap_hashes"):
        monkeypatch.setattr("ecuapass_tui.services.cuentas.auth._hasher", CHEAP_HASHER)


@pytest.fixture
def demo_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    cheap = request.node.get_closest_marker("cheap_hashes") is not None
    template = request.getfixturevalue("cheap_demo_template" if cheap else "demo_template")
    target = copy_sqlite(template, tmp_path / "demo.sqlite3")
    db = Database(f"sqlite:///{target}")
    yield db
    db.dispose()


@pytest.fixture
def desk(demo_db: Database) -> Desk:
    return Desk(demo_db, clock=frozen_clock(), demo_mode=True)
