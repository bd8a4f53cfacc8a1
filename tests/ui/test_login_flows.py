"""Pilot flows: login, lockout, OCE selection, home, menus, palette, Mi menú, logout."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select
from tests.ui.flows import (
    AGENTE,
    fill_login,
    highlight_option,
    login,
    login_as_agente_to_home,
    quiet,
    screen_text,
    settle,
)

from ecuapass_tui.screens.confirm import ConfirmScreen, end_session_asking, holds_unsent_text
from ecuapass_tui.screens.home import HomeScreen
from ecuapass_tui.screens.informativos.catalogs import CatalogsScreen
from ecuapass_tui.screens.login import LoginScreen
from ecuapass_tui.screens.oce_select import OceSelectScreen
from ecuapass_tui.screens.registry import open_option
from ecuapass_tui.store.models import Favourite, MailboxNotice, User
from ecuapass_tui.widgets.inputs import Field

WRONG = "RUC, ID. Usuario o contraseña incorrectos"


async def test_login_shows_the_ecuapass_fields_and_demo_accounts(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        assert isinstance(pilot.app.screen, LoginScreen)
        text = screen_text(pilot)
        for label in ("IDIOMA", "RUC", "ID. Usuario", "Contraseña", "Iniciar sesión"):
            assert label in text
        assert "agente" in text and "Aduana2026ec" in text
        assert pilot.app.focused.id == "ruc"


async def test_real_installation_does_not_list_demo_accounts(make_app) -> None:
    async with make_app(demo=False).run_test(size=(80, 24)) as pilot:
        assert "Aduana2026ec" not in screen_text(pilot)
        assert not pilot.app.screen.query("#demo-accounts")


async def test_right_login_with_several_codes_asks_type_then_code(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login(pilot, *AGENTE, keys=True)
        assert isinstance(pilot.app.screen, OceSelectScreen)
        text = screen_text(pilot)
        assert "Seleccione el tipo de OCE" in text
        assert "AGENTE DE ADUANA  (2 códigos)" in text
        assert "LÍNEA NAVIERA  (16929838)" in text
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(pilot)
        assert "Seleccione el código de OCE" in text
        assert "03907066" in text
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
        assert pilot.app.actor.oce_code == "03907066"
        assert "OCE 03907066" in screen_text(pilot)


async def test_a_type_with_one_code_enters_directly(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login(pilot, *AGENTE)
        await pilot.press("down", "enter")  # LÍNEA NAVIERA, one code
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
        assert pilot.app.actor.oce_code == "16929838"


async def test_company_with_one_code_still_picks_its_type(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login(pilot, "0993456780001", "importador", "Pacifico2026ec")
        assert "IMPORTADOR/EXPORTADOR  (41700215)" in screen_text(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
        assert pilot.app.actor.oce_code == "41700215"


async def test_user_without_company_goes_home(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login(pilot, "", "ciudadano", "General2026ec")
        assert isinstance(pilot.app.screen, HomeScreen)
        assert "OCE" not in screen_text(pilot).split("\n")[0]


async def test_wrong_password_says_so_and_keeps_what_was_typed(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login(pilot, "1792060346001", "agente", "Equivocada1", keys=True)
        screen = pilot.app.screen
        assert isinstance(screen, LoginScreen)
        assert WRONG in screen_text(pilot)
        assert screen.query_one("#ruc", Field).value == "1792060346001"
        assert screen.query_one("#username", Field).value == "agente"
        assert screen.query_one("#password", Field).value == "Equivocada1"
        assert pilot.app.focused.id == "password"


async def test_empty_fields_are_marked_beside_each_field(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await fill_login(pilot, "17920", "", "")
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = pilot.app.screen
        assert str(screen.query_one("#error-ruc").render()) == "El RUC tiene 13 dígitos."
        assert str(screen.query_one("#error-username").render()) == "Este campo es obligatorio."
        assert str(screen.query_one("#error-password").render()) == "Este campo es obligatorio."
        assert "Hay 3 errores en el formulario." in screen_text(pilot)
        assert pilot.app.focused.id == "ruc"
        assert screen.query_one("#ruc", Field).value == "17920"


async def test_five_failures_lock_and_the_alert_reaches_the_mailbox(make_app, ui_db) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await fill_login(pilot, "1792060346001", "agente", "Mala1")
        for n in range(5):
            await pilot.press("enter")
            await settle(pilot)
            if n == 2:  # the third failure: slowed down, the next try waits
                assert "espere 30 segundos antes del siguiente intento" in screen_text(pilot)
                await pilot.press("enter")
                await settle(pilot)
                assert "espere 30 segundos antes de intentar de nuevo" in screen_text(pilot)
            pilot.app.desk.clock.advance(timedelta(minutes=1))
        text = screen_text(pilot)
        assert "el ingreso con este ID. Usuario desde esta conexión está bloqueado" in text
        assert "hasta las 10:19" in text
    with ui_db.read() as s:
        user = s.exec(select(User).where(User.username == "agente")).one()
        alerts = s.exec(
            select(MailboxNotice).where(
                MailboxNotice.user_id == user.id,
                MailboxNotice.subject == "COMUNICADO DE ECUAPASS - ALERTA DE DESBLOQUEO",
                MailboxNotice.read_at == None,  # noqa: E711
            )
        ).all()
    assert user.locked_until is not None
    assert len(alerts) == 1


async def test_disabled_user_is_told_why_and_what_to_do(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login(pilot, "0993456780001", "inhabilitado", "Inhabil2026ec")
        text = screen_text(pilot)
        assert "Su ID. Usuario está inhabilitado" in text
        assert "enero" in text and "3.2.3" in text


async def test_english_chosen_at_login_is_used_and_remembered(make_app, ui_db) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await fill_login(pilot, *AGENTE)
        await pilot.press("f2")
        await pilot.pause()
        screen = pilot.app.screen
        text = screen_text(pilot)
        assert "User ID" in text and "Password" in text and "Log in" in text
        # Switching language lost nothing typed.
        assert screen.query_one("#username", Field).value == "agente"
        assert screen.query_one("#password", Field).value == "Aduana2026ec"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Select the OCE type" in screen_text(pilot)
    with ui_db.read() as s:
        assert s.exec(select(User.language).where(User.username == "agente")).one() == "en"


def agente_mailbox(ui_db) -> tuple[int, list[str]]:
    """Unread notices of the demo agente and the subjects of his newest ones."""
    with ui_db.read() as s:
        user_id = s.exec(select(User.id).where(User.username == "agente")).one()
        rows = s.exec(
            select(MailboxNotice)
            .where(MailboxNotice.user_id == user_id)
            .order_by(col(MailboxNotice.created_at).desc(), col(MailboxNotice.id).desc())
        ).all()
    return sum(1 for r in rows if r.read_at is None), [r.subject for r in rows]


async def test_home_shows_mailbox_menus_and_mi_menu(make_app, ui_db) -> None:
    unread, subjects = agente_mailbox(ui_db)
    assert unread > 0
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        text = screen_text(pilot)
        for part in (
            "OCE 03907058",
            f"Buzón Electrónico ({unread})",
            "SENAE",
            "VUE",
            "Guía del uso",
            "Cerrar sesión",
            "Trámites Operativos",
            "Servicios Informativos",
            "Soporte al Cliente",
            "Ventanilla Única",
            "2.6 Catálogos",
            "3.11.1 Mi página",
            "Mi menú:",
            subjects[0],
        ):
            assert part in text, part
        assert "MS.9" not in text  # staff option


async def test_opening_a_notice_shows_it_and_marks_it_read(make_app, ui_db) -> None:
    unread, subjects = agente_mailbox(ui_db)
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        await pilot.press("b", "enter")  # the newest notice, unread
        await settle(pilot)
        text = screen_text(pilot)
        assert f"Asunto: {subjects[0]}" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
        assert f"Buzón Electrónico ({unread - 1})" in screen_text(pilot)
    assert agente_mailbox(ui_db)[0] == unread - 1


async def test_menu_option_opens_by_keys(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        await highlight_option(pilot, "i", "2.6")  # Servicios Informativos > 2.6
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CatalogsScreen)
        text = screen_text(pilot)
        assert "Servicios Informativos > 2.6 Catálogos" in text
        assert "AGENTE DE ADUANA" in text
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_palette_finds_options_by_number_and_by_words(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        for query, expected in (("3.11.1", "Mi página"), ("catalogo", "2.6 Catálogos")):
            await pilot.press("ctrl+p")
            await pilot.pause()
            for char in query:
                await pilot.press(char)
            await pilot.pause(0.3)
            await pilot.press("enter")
            await settle(pilot)
            assert expected in screen_text(pilot), query
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(pilot.app.screen, HomeScreen)


async def test_mi_menu_add_jump_and_remove(make_app, ui_db) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        await highlight_option(pilot, "c", "3.11.1")  # Soporte al Cliente > 3.11.1 Mi página
        await pilot.press("plus")
        await settle(pilot)
        assert "[1] 3.11.1" in screen_text(pilot)
        with ui_db.read() as s:
            assert [(f.slot, f.option_number) for f in s.exec(select(Favourite)).all()] == [
                (1, "3.11.1")
            ]
        await pilot.press("1")
        await settle(pilot)
        assert "Soporte al Cliente > 3.11.1 Mi página" in screen_text(pilot)
        assert "AGENCIA ADUANERA ANDINA S.A." in screen_text(pilot)
        await pilot.press("escape")
        await pilot.press("c", "minus")  # the menu keeps 3.11.1 highlighted
        await settle(pilot)
        assert "[1] ·" in screen_text(pilot)
        with ui_db.read() as s:
            assert s.exec(select(Favourite)).all() == []


async def test_logout_returns_to_login(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LoginScreen)
        assert pilot.app.actor is None
        assert pilot.app.screen.query_one("#password", Field).value == ""


async def test_staff_land_on_their_console_and_see_their_options(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login(pilot, "", "supervisor", "Supervisor2026ec")
        assert isinstance(pilot.app.screen, HomeScreen)
        text = screen_text(pilot)
        assert "Consola de Mesa de Servicios" in text
        assert "MS.9 Desbloqueo de usuarios" in text
        assert "2.7 Verificar la integridad del documento" in text  # staff verify files too
        assert "1.3 Integración de estados del trámite" not in text  # an OCE's own option
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login(pilot, "", "analista", "Analista2026ec")
        text = screen_text(pilot)
        assert "Consola de Mesa de Servicios" in text
        assert "MS.9" not in text


async def test_supervisor_unlocks_a_locked_user(make_app, ui_db) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await fill_login(pilot, "1792060346001", "agente", "Mala1")
        for _ in range(5):
            await pilot.press("enter")
            await settle(pilot)
            pilot.app.desk.clock.advance(timedelta(minutes=1))
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login(pilot, "", "supervisor", "Supervisor2026ec")
        await highlight_option(pilot, "m", "MS.9")
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(pilot)
        assert "agente" in text and "bloqueado" in text
        await pilot.press("d")  # asks first; Esc leaves the account locked
        await settle(pilot)
        assert "¿Desbloquear la cuenta agente" in screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert "bloqueado" in screen_text(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "Se desbloqueó la cuenta agente." in screen_text(pilot)
    with ui_db.read() as s:
        assert s.exec(select(User.state).where(User.username == "agente")).one() == "activo"


async def test_lang_on_the_command_line_is_the_users_choice(ui_db) -> None:
    from tests.helpers import frozen_clock

    from ecuapass_tui.app import EcuapassApp
    from ecuapass_tui.services.desk import Desk
    from ecuapass_tui.services.keyring_store import Remembered

    app = EcuapassApp(
        Desk(ui_db, clock=frozen_clock(), demo_mode=True),
        language="en",
        language_explicit=True,
        theme="textual-dark",
        remembered=Remembered(None),
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, *AGENTE)
        assert "Select the OCE type" in screen_text(pilot)
    with ui_db.read() as s:
        assert s.exec(select(User.language).where(User.username == "agente")).one() == "en"


async def test_saved_language_applies_when_none_was_chosen(make_app, ui_db) -> None:
    with ui_db.write() as s:
        user = s.exec(select(User).where(User.username == "agente")).one()
        user.language = "en"
        s.add(user)
    async with make_app().run_test(size=(80, 24)) as pilot:
        assert "Iniciar sesión" in screen_text(pilot)
        await login(pilot, *AGENTE)
        assert "Select the OCE type" in screen_text(pilot)


async def test_a_demo_account_is_copied_into_the_form_by_keys_or_a_click(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = pilot.app.screen
        screen.query_one("#demo-accounts").focus()
        await pilot.pause()
        await pilot.press("down", "enter")  # the second account
        await pilot.pause()
        assert screen.query_one("#ruc", Field).value == "1792060346001"
        assert screen.query_one("#username", Field).value == "empleado"
        assert screen.query_one("#password", Field).value == "Empleado2026ec"
        assert pilot.app.focused.id == "submit"
        # The first line under the box's border is the header; the next is the first account.
        await pilot.click("#demo-accounts", offset=(3, 2))
        await pilot.pause()
        assert screen.query_one("#username", Field).value == "agente"
        assert screen.query_one("#password", Field).value == "Aduana2026ec"


async def test_the_footer_shows_the_keys_and_a_click_presses_one(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        keys = str(pilot.app.screen.query_one("LoginKeys").render())
        assert keys.split() == (
            "^s Iniciar sesión f2 Idioma ^q Salir f6 Solicitud f7 Buscar ID ^p Consultar".split()
        )
        await pilot.click("LoginKeys", offset=(keys.index("f2") + 1, 0))
        await pilot.pause()
        assert "User ID" in screen_text(pilot)
        keys = str(pilot.app.screen.query_one("LoginKeys").render())
        assert (
            keys.split() == "^s Log in f2 Language ^q Quit f6 Register f7 Find ID ^p Search".split()
        )


async def test_ending_the_session_asks_first_while_a_form_holds_unsent_text(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        assert open_option(pilot.app, "3.8")
        await settle(pilot)
        form = pilot.app.screen
        assert not holds_unsent_text(pilot.app)  # nothing typed yet
        form.query_one("#f-asunto").focus()
        await pilot.press(*"Mejorar la búsqueda")
        await quiet(pilot)
        ended: list[bool] = []
        end_session_asking(pilot.app, lambda: ended.append(True))  # what x at home calls
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert "datos que no se enviaron" in screen_text(pilot)
        await pilot.press("escape")  # Volver: the form and its text stay
        await settle(pilot)
        assert pilot.app.screen is form and ended == []
        assert form.query_one("#f-asunto").value == "Mejorar la búsqueda"
        end_session_asking(pilot.app, pilot.app.end_session)
        await settle(pilot)
        await pilot.press("enter")  # Cerrar sesión
        await settle(pilot)
        assert isinstance(pilot.app.screen, LoginScreen) and pilot.app.actor is None
