"""First administrator, 'Recordar usuario' through keyring, and terminal manners."""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.backends import fail
from sqlmodel import select
from tests.helpers import frozen_clock
from tests.ui.flows import AGENTE, fill_login, login, screen_text, settle
from textual.widgets import Checkbox, Input

from ecuapass_tui.app import EcuapassApp
from ecuapass_tui.screens.cuentas.admin_create import AdminCreateScreen
from ecuapass_tui.screens.login import LoginScreen
from ecuapass_tui.services.catalogs import load_catalogs
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.keyring_store import SERVICE, Remembered
from ecuapass_tui.store.models import User


class MemoryKeyring(KeyringBackend):
    """A keyring backend that keeps secrets in a dict (stands for a desktop keyring)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


async def test_empty_database_offers_the_first_administrator(sqlite_db) -> None:
    with sqlite_db.write() as s:
        load_catalogs(s)
    app = EcuapassApp(
        Desk(sqlite_db, clock=frozen_clock()), theme="textual-dark", remembered=Remembered(None)
    )
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, AdminCreateScreen)
        values = {
            "username": "jefa",
            "full_name": "Ana Jefa",
            "cedula": "1234567890",
            "email": "ana@senae.example",
            "password": "Fuerte2026clave",
            "confirmation": "Fuerte2026clave",
        }
        for name, value in values.items():
            app.screen.query_one(f"#{name}", Input).value = value
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert str(app.screen.query_one("#error-cedula").render()) == (
            "La cédula no es válida: revise los dígitos."
        )
        assert "Hay 1 error en el formulario." in screen_text(pilot)
        assert app.focused.id == "cedula"
        assert app.screen.query_one("#password", Input).value == "Fuerte2026clave"
        app.screen.query_one("#cedula", Input).value = "1712345675"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        await login(pilot, "", "jefa", "Fuerte2026clave")
        assert "Consola de Mesa de Servicios" in screen_text(pilot)
    with sqlite_db.read() as s:
        admin = s.exec(select(User)).one()
    assert (admin.username, admin.user_class) == ("jefa", "administrador")
    assert admin.password_hash.startswith("$argon2id$")


async def test_headless_host_hides_recordar_usuario(make_app) -> None:
    async with make_app(remembered=Remembered(None)).run_test(size=(80, 24)) as pilot:
        assert not pilot.app.screen.query(Checkbox)
        await login(pilot, *AGENTE)  # and logging in writes nothing anywhere


def test_fail_backend_counts_as_no_keyring() -> None:
    import keyring

    from ecuapass_tui.services import keyring_store as remember

    previous = keyring.get_keyring()
    try:
        keyring.set_keyring(fail.Keyring())
        assert remember.detect().available is False
        assert remember.detect().load() is None
        assert remember.detect().save("1", "u") is False
        keyring.set_keyring(MemoryKeyring())
        assert remember.detect().available is True
    finally:
        keyring.set_keyring(previous)


async def test_recordar_usuario_with_a_real_keyring(make_app) -> None:
    backend = MemoryKeyring()
    async with make_app(remembered=Remembered(backend)).run_test(size=(80, 24)) as pilot:
        await fill_login(pilot, *AGENTE)
        pilot.app.screen.query_one("#remember", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert list(backend.secrets) == [(SERVICE, "recordar-usuario")]
    assert "Aduana2026ec" not in next(iter(backend.secrets.values()))
    async with make_app(remembered=Remembered(backend)).run_test(size=(80, 24)) as pilot:
        screen = pilot.app.screen
        assert screen.query_one("#ruc", Input).value == "1792060346001"
        assert screen.query_one("#username", Input).value == "agente"
        assert screen.query_one("#password", Input).value == ""
        assert pilot.app.focused.id == "password"


async def test_no_blinking_cursor_and_no_animation(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        inputs = list(pilot.app.screen.query(Input))
        assert inputs and all(not i.cursor_blink for i in inputs)
        assert pilot.app.animation_level == "none"
