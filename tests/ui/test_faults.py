"""Faults of the database while a screen is open: another process holding the SQLite write
lock, a read-only database, a full disk, a PostgreSQL server that went away, and a draft that
cannot be saved. Each gives one message in the user's language beside what they were doing,
keeps what was typed, and the same action works once the fault is gone, without a restart.
What a bug does instead is in test_crash_log.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from tests.helpers import copy_sqlite, frozen_clock
from tests.ui.flows import AGENTE, fill_login, quiet, screen_text, settle
from tests.ui.notified import Notified

from ecuapass_tui.app import EcuapassApp
from ecuapass_tui.screens.login import LoginScreen
from ecuapass_tui.screens.oce_select import OceSelectScreen
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.keyring_store import Remembered
from ecuapass_tui.store import engine as store_engine
from ecuapass_tui.store.engine import Database
from ecuapass_tui.widgets.inputs import Field

BUSY = "La base de datos está ocupada por otro proceso; intente de nuevo en unos segundos."
FULL = "No se puede escribir: el disco está lleno. Libere espacio e intente de nuevo."
READONLY = "La base de datos es de solo lectura"
OFFLINE = "Sin conexión con el servidor de base de datos"


@pytest.fixture
def db_file(ui_demo_template: Path, tmp_path: Path) -> Path:
    return copy_sqlite(ui_demo_template, tmp_path / "demo.sqlite3")


@pytest.fixture
def fast_db(db_file: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """The demo database with a 0.2 s busy timeout (10 s in the program), so a held lock is
    seen at once."""
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_MS", 200)
    db = Database(f"sqlite:///{db_file}")
    yield db
    db.dispose()


def app_on(db: Database) -> EcuapassApp:
    desk = Desk(db, clock=frozen_clock(), demo_mode=True)
    return EcuapassApp(desk, language="es", theme="textual-dark", remembered=Remembered(None))


@contextmanager
def write_lock(path: Path) -> Iterator[None]:
    """Another process's transaction holding the SQLite write lock."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def login_values(pilot: Any) -> tuple[str, str, str]:
    screen = pilot.app.screen
    return tuple(screen.query_one(f"#{n}", Field).value for n in ("ruc", "username", "password"))


async def submit_login(pilot: Any) -> None:
    await pilot.press("enter")
    await settle(pilot)


async def test_login_while_another_process_holds_the_write_lock(
    fast_db: Database, db_file: Path
) -> None:
    async with app_on(fast_db).run_test(size=(80, 24)) as pilot:
        await fill_login(pilot, *AGENTE)
        with write_lock(db_file):
            await submit_login(pilot)
            assert isinstance(pilot.app.screen, LoginScreen)
            assert BUSY in screen_text(pilot)
            assert login_values(pilot) == AGENTE
            assert pilot.app.return_code is None
        await submit_login(pilot)
        assert isinstance(pilot.app.screen, OceSelectScreen)


def on_connect(db: Database, pragma: str, while_on: dict[str, bool]) -> None:
    """Each new connection gets `pragma` while the fault is on (a file opened read-only stays
    read-only for as long as that connection lives)."""

    @event.listens_for(db.engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        if while_on["on"]:
            dbapi_connection.execute(pragma)


async def test_login_on_a_read_only_database(fast_db: Database) -> None:
    # PRAGMA query_only gives the SQLITE_READONLY error of a file without write permission
    # (chmod cannot show it when the tests run as root, who writes anyway).
    fault = {"on": True}
    on_connect(fast_db, "PRAGMA query_only = ON", fault)
    async with app_on(fast_db).run_test(size=(80, 24)) as pilot:
        await fill_login(pilot, *AGENTE)
        await submit_login(pilot)
        assert isinstance(pilot.app.screen, LoginScreen)
        assert READONLY in screen_text(pilot)
        assert login_values(pilot) == AGENTE
        fault["on"] = False  # write permission given back: the read-only connection must go
        await submit_login(pilot)
        assert isinstance(pilot.app.screen, OceSelectScreen)


def on_checkout(db: Database, fault: dict[str, bool]) -> None:
    """While `fault` is on the database cannot grow (SQLite's SQLITE_FULL, as on a full disk):
    checked at every transaction, since disk space comes back without reconnecting."""

    @event.listens_for(db.engine, "checkout")
    def _checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        if fault["on"]:
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")
        else:
            dbapi_connection.execute("PRAGMA max_page_count = 1073741823")


async def test_draft_autosave_on_a_full_disk(fast_db: Database) -> None:
    from textual import events
    from textual.widgets import TextArea

    from ecuapass_tui.screens.registry import open_option
    from ecuapass_tui.services.dto import Actor

    full = {"on": False}
    on_checkout(fast_db, full)
    # A long description pasted in: a draft that needs new pages in the database file.
    pasted = "Declaración rechazada: la transmisión falló en Manta y en Guayaquil. " * 56
    notified = Notified()
    async with app_on(fast_db).run_test(size=(80, 24), message_hook=notified) as pilot:
        await fill_login(pilot, "", "analista", "Analista2026ec")
        await submit_login(pilot)
        assert open_option(pilot.app, "MS.2")
        await settle(pilot)
        screen = pilot.app.screen
        area = screen.query_one("#f-descripcion", TextArea)
        area.focus()
        full["on"] = True
        pilot.app.post_message(events.Paste(pasted))  # as the terminal sends a paste
        await quiet(pilot)  # the form saves its draft after its quiet time
        assert notified.messages() == [f"No se pudo guardar el borrador: {FULL}"]
        await pilot.press("x")
        await quiet(pilot)
        # Said once, not at every key; the form keeps all that was typed.
        assert len(notified.seen) == 1
        assert area.text == pasted + "x"
        assert pilot.app.screen is screen
        full["on"] = False  # space freed: the next change saves the whole draft
        await pilot.press("y")
        await quiet(pilot)
        actor = pilot.app.actor
        assert isinstance(actor, Actor)
        draft = pilot.app.desk.load_draft(actor, screen.form_id)
        assert draft is not None and draft.values["descripcion"] == pasted + "xy"


ADMIN = ("", "jefe", "Fuerte2026clave")


@pytest.fixture
def pg_desk(pg_db: Database) -> Desk:
    """A real installation on PostgreSQL with its first administrator."""
    desk = Desk(pg_db, clock=frozen_clock())
    desk.create_first_admin(
        username="jefe",
        full_name="Ana Jefa",
        cedula="1712345675",
        email="ana@senae.example",
        password=ADMIN[2],
        confirmation=ADMIN[2],
    )
    return desk


@pytest.fixture
def pg_server(pg_url: str) -> Iterator[Any]:
    """Runs statements as the server's administrator; `{db}` is the test's database. Every
    setting of the test's database is put back afterwards."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    name = make_url(pg_url).database
    admin = create_engine(
        make_url(pg_url).set(database="postgres", drivername="postgresql+psycopg"),
        isolation_level="AUTOCOMMIT",
        poolclass=NullPool,
    )

    def run(*statements: str) -> None:
        with admin.connect() as conn:
            for statement in statements:
                conn.execute(text(statement.format(db=f'"{name}"')), {"name": name})

    yield run
    run("ALTER DATABASE {db} ALLOW_CONNECTIONS true", "ALTER DATABASE {db} RESET ALL")
    admin.dispose()


# The open connections are cut, as when the server stops or restarts.
CUT = (
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
    "WHERE datname = :name AND pid <> pg_backend_pid()"
)


@pytest.mark.postgres
async def test_postgresql_goes_away_while_the_login_screen_is_open(
    pg_desk: Desk, pg_server: Any
) -> None:
    from ecuapass_tui.screens.home import HomeScreen

    app = EcuapassApp(pg_desk, language="es", theme="textual-dark", remembered=Remembered(None))
    async with app.run_test(size=(80, 24)) as pilot:
        await fill_login(pilot, *ADMIN)
        pg_server("ALTER DATABASE {db} ALLOW_CONNECTIONS false", CUT)
        await submit_login(pilot)
        assert isinstance(pilot.app.screen, LoginScreen)
        assert OFFLINE in screen_text(pilot)
        assert login_values(pilot) == ADMIN
        pg_server("ALTER DATABASE {db} ALLOW_CONNECTIONS true")
        await submit_login(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)


@pytest.mark.postgres
async def test_postgresql_turns_read_only_then_writable_again(
    pg_desk: Desk, pg_server: Any
) -> None:
    from ecuapass_tui.screens.home import HomeScreen

    app = EcuapassApp(pg_desk, language="es", theme="textual-dark", remembered=Remembered(None))
    async with app.run_test(size=(80, 24)) as pilot:
        await fill_login(pilot, *ADMIN)
        # As a standby after a failover: every new session is read-only.
        pg_server("ALTER DATABASE {db} SET default_transaction_read_only = on", CUT)
        await submit_login(pilot)
        assert isinstance(pilot.app.screen, LoginScreen)
        assert READONLY in screen_text(pilot)
        assert login_values(pilot) == ADMIN
        # Writable again for new sessions: the read-only one must not be kept.
        pg_server("ALTER DATABASE {db} RESET default_transaction_read_only")
        await submit_login(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_a_database_that_cannot_be_opened_ends_the_app_saying_why() -> None:
    from sqlalchemy.exc import OperationalError

    def connect() -> Any:
        locked = sqlite3.OperationalError("database is locked")
        raise OperationalError("BEGIN IMMEDIATE", {}, locked)

    app = EcuapassApp(connect=connect, language="es", theme="textual-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)  # the connection is opened 0.3 s after the first draw
        await settle(pilot)
    assert app.return_code == 2
    assert app.startup_error == BUSY  # the command line prints it once the terminal is back


async def test_a_refusal_from_any_worker_is_said_where_the_screen_shows_its_text(
    make_app: Any,
) -> None:
    from ecuapass_tui.screens.home import HomeScreen
    from ecuapass_tui.screens.mesa.ticket_view import UserTicketScreen

    async with make_app().run_test(size=(80, 24)) as pilot:
        app = pilot.app
        actor = app.desk.choose_oce(app.desk.login(*AGENTE, None), "03907058")
        app.enter_home(actor)
        await settle(pilot)
        app.push_screen(UserTicketScreen("MS-2026-999999"))
        await settle(pilot)
        text = screen_text(pilot)
        assert "No existe un ticket con ese número entre los que usted puede ver." in text
        assert "Cargando el ticket" not in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
