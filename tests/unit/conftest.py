from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.helpers import copy_sqlite, frozen_clock, shared_demo_template

from ecuapass_tui.services.desk import Desk
from ecuapass_tui.store.engine import Database


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_demo_template(tmp_path_factory)


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    target = copy_sqlite(demo_template, tmp_path / "demo.sqlite3")
    db = Database(f"sqlite:///{target}")
    yield db
    db.dispose()


@pytest.fixture
def desk(demo_db: Database) -> Desk:
    return Desk(demo_db, clock=frozen_clock(), demo_mode=True)
