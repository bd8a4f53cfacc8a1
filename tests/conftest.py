"""Fixtures for the whole suite: fresh SQLite and PostgreSQL databases migrated to head.

PostgreSQL tests need ECUAPASS_TEST_PG_URL (`.ci/run` starts a throwaway server and sets it);
each test gets its own database on that server, dropped afterwards. Without the variable they
skip with a visible reason, and the session ends with a one-line count of those skips.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool
from tests.headless import skip_unread_frames
from tests.helpers import cheap_hashes, copy_sqlite, run_wide

from ecuapass_tui import i18n
from ecuapass_tui.services.demo.build import build_demo
from ecuapass_tui.store import schema
from ecuapass_tui.store.engine import Database
from ecuapass_tui.widgets.form import FormView

PG_ENV = "ECUAPASS_TEST_PG_URL"
PG_SKIP_REASON = "PostgreSQL: ECUAPASS_TEST_PG_URL not set; .ci/run starts a throwaway server"

# The forms post Changed (and the screens save the draft) after this many seconds of quiet in
# the tests, not the program's 0.5 s: a test waits for the draft with `tests.ui.flows.quiet`.
FORM_QUIET = 0.05


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "pg_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    reasons: dict[str, int] = {}
    for report in terminalreporter.stats.get("skipped", []):
        if "postgres" not in report.keywords:
            continue
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        reason = reason.removeprefix("Skipped: ")
        reasons[reason] = reasons.get(reason, 0) + 1
    for reason, count in reasons.items():
        terminalreporter.write_line(f"{count} PostgreSQL tests skipped: {reason}", yellow=True)


@pytest.fixture(autouse=True)
def spanish_after_each_test() -> Iterator[None]:
    """A test that switches to English (`--lang en`, an English user's login) leaves the next
    test in the same worker in Spanish, the program's default."""
    yield
    i18n.set_language("es")


@pytest.fixture(autouse=True)
def short_form_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FormView, "CHANGED_DELAY", FORM_QUIET)


@pytest.fixture(autouse=True)
def frames_drawn_when_read(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """tests/headless.py: in-process apps skip the output nobody reads (unless the test is
    marked `every_frame`, or ECUAPASS_TEST_EVERY_FRAME=1 asks it of every test)."""
    every_frame = os.environ.get("ECUAPASS_TEST_EVERY_FRAME") == "1"
    if not every_frame and request.node.get_closest_marker("every_frame") is None:
        skip_unread_frames(monkeypatch.setattr)


# ---------------------------------------------------------------- SQLite


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    """URL of a SQLite file that does not exist yet."""
    return f"sqlite:///{tmp_path / 'ecuapass.db'}"


@pytest.fixture
def sqlite_db(sqlite_url: str) -> Iterator[Database]:
    db = Database(sqlite_url)
    schema.upgrade(db)
    yield db
    db.dispose()


# ---------------------------------------------------------------- PostgreSQL


@pytest.fixture(scope="session")
def _pg_admin() -> Iterator[Engine]:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(PG_SKIP_REASON)
    engine = create_engine(
        make_url(url).set(drivername="postgresql+psycopg"),
        isolation_level="AUTOCOMMIT",
        poolclass=NullPool,
    )
    yield engine
    engine.dispose()


@pytest.fixture
def pg_url(_pg_admin: Engine) -> Iterator[str]:
    """URL of a new, empty database on the test server; dropped after the test."""
    name = f"ecuapass_t_{uuid.uuid4().hex[:12]}"
    with _pg_admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield _pg_admin.url.set(database=name).render_as_string(hide_password=False)
    with _pg_admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    db = Database(pg_url)
    schema.upgrade(db)
    yield db
    db.dispose()


# ---------------------------------------------------------------- the demo's people


def _build_people(db: Database) -> None:
    schema.upgrade(db)
    with cheap_hashes(), db.write() as session:
        build_demo(session)
    db.dispose()


@pytest.fixture(scope="session")
def _sqlite_people_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the demo's people (build_demo: companies, users, notices; no tickets),
    built once per run."""
    with run_wide(tmp_path_factory, "people-template") as folder:
        path = folder / "people.sqlite3"
        if not path.exists():
            building = folder / "people.building.sqlite3"
            building.unlink(missing_ok=True)
            _build_people(Database(f"sqlite:///{building}"))
            building.rename(path)
    return path


@pytest.fixture(scope="session")
def _pg_people_template(_pg_admin: Engine) -> Iterator[str]:
    """A PostgreSQL database with the demo's people, built once per worker and copied by
    CREATE DATABASE ... TEMPLATE (about 50 ms instead of seconds of building)."""
    name = f"ecuapass_tpl_{uuid.uuid4().hex[:12]}"
    with _pg_admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        _build_people(Database(_pg_admin.url.set(database=name).render_as_string(False)))
        yield name
    finally:
        with _pg_admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def people_db(request: pytest.FixtureRequest, tmp_path) -> Iterator[Database]:
    """A migrated Database holding the demo's people, on each engine in turn: a copy of a
    template, for tests whose subject is not the building."""
    if request.param == "sqlite":
        template = request.getfixturevalue("_sqlite_people_template")
        db = Database(f"sqlite:///{copy_sqlite(template, tmp_path / 'ecuapass.db')}")
        yield db
        db.dispose()
        return
    admin: Engine = request.getfixturevalue("_pg_admin")
    template = request.getfixturevalue("_pg_people_template")
    name = f"ecuapass_t_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    db = Database(admin.url.set(database=name).render_as_string(hide_password=False))
    yield db
    db.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


# ---------------------------------------------------------------- both


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def any_db(request: pytest.FixtureRequest) -> Database:
    """A migrated Database on each engine in turn."""
    name = "sqlite_db" if request.param == "sqlite" else "pg_db"
    return request.getfixturevalue(name)
