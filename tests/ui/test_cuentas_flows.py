"""Account flows in Pilot: Buscar ID / Reinicio de clave undoing a lockout, 3.2.3 with the
changed fields marked and the convenio signed with a .p12, the January rule from the login
screen, approvals, employee permissions (refused with the Ecuapass message), 3.11.2."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import select
from tests.p12 import PIN, make_p12
from tests.ui.cuentas_flows import fill, open_from_login, type_keys
from tests.ui.flows import AGENTE, login, login_as_agente_to_home, quiet, screen_text, settle
from textual.widgets import Input

from ecuapass_tui.core.clock import FixedClock
from ecuapass_tui.screens.confirm import ConfirmScreen
from ecuapass_tui.screens.cuentas.data_update import DataUpdateScreen
from ecuapass_tui.screens.cuentas.signing import ConvenioScreen, SignedScreen
from ecuapass_tui.screens.home import HomeScreen
from ecuapass_tui.screens.login import LoginScreen
from ecuapass_tui.screens.registry import open_option
from ecuapass_tui.store.models import User
from ecuapass_tui.store.models_accounts import EmployeePermission, SignedConvenio, UserPreference
from ecuapass_tui.widgets.form import FormView


def set_inputs(pilot, values: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    for widget_id, value in values.items():
        pilot.app.screen.query_one(f"#{widget_id}", Input).value = value


async def test_a_reset_from_the_login_screen_undoes_a_lockout(make_app, ui_db) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            await login(pilot, AGENTE[0], AGENTE[1], "equivocada1234")
            pilot.app.desk.clock.advance(timedelta(minutes=1))
        assert "bloqueado hasta" in screen_text(pilot)
        await open_from_login(pilot, "f7")
        set_inputs(
            pilot, {"find-document": "1792060346001", "find-email": "cmoreno@andina.example"}
        )
        pilot.app.screen.query_one("#find-go").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "su ID. Usuario es agente" in screen_text(pilot)
        set_inputs(pilot, {"reset-username": "agente", "reset-email": "cmoreno@andina.example"})
        pilot.app.screen.query_one("#reset-start").focus()
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(pilot)
        assert "¿NOMBRE DE SU CIUDAD PREFERIDA?" in text
        code = text.split("Código: ")[1][:6]
        await type_keys(pilot, "Quito")  # focus is on the first answer
        set_inputs(
            pilot,
            {
                "reset-a2": "Firulais",
                "reset-a3": "Simón Bolívar",
                "reset-code": code,
                "reset-password": "NuevaClave2027x",
                "reset-confirm": "NuevaClave2027x",
            },
        )
        pilot.app.screen.query_one("#reset-go").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LoginScreen)
        await login(pilot, AGENTE[0], AGENTE[1], "NuevaClave2027x")
        assert not isinstance(pilot.app.screen, LoginScreen)
    with ui_db.read() as s:
        user = s.exec(select(User).where(User.username == "agente")).one()
        assert user.state == "activo" and user.failed_attempts == 0


async def sign(pilot, tmp_path: Path, pin: str = PIN) -> None:  # type: ignore[no-untyped-def]
    screen = pilot.app.screen
    assert isinstance(screen, ConvenioScreen)
    assert "CONVENIO PARA LA UTILIZACIÓN" in screen_text(pilot)
    p12 = tmp_path / "firma.p12"
    p12.write_bytes(make_p12(pilot.app.desk.now()))
    set_inputs(pilot, {"convenio-file": str(p12)})
    screen.query_one("#convenio-pin").focus()
    await type_keys(pilot, pin)
    await pilot.press("enter")
    await settle(pilot)


async def test_3_2_3_marks_changes_and_signs_the_convenio(make_app, ui_db, tmp_path) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        open_option(pilot.app, "3.2.3")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, DataUpdateScreen)
        screen.query_one(FormView).focus_field("direccion")
        await type_keys(pilot, "Av. Amazonas, piso 3")
        await quiet(pilot)  # the form reports a change after its quiet time
        block = screen.query_one("#fv-direccion")
        assert block.has_class("-changed") and "◆" in screen_text(pilot)
        assert not screen.query_one("#fv-telefono1").has_class("-changed")
        await pilot.press("f3")
        await settle(pilot)
        code = screen_text(pilot).split("Código: ")[1][:6]
        assert pilot.app.focused is screen.query_one("#f-codigo_seguridad")
        await type_keys(pilot, code)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await sign(pilot, tmp_path, pin="0000")
        assert "La clave (PIN) del certificado no es correcta." in screen_text(pilot)
        pilot.app.screen.query_one("#convenio-pin", Input).value = ""
        await type_keys(pilot, PIN)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SignedScreen)
        assert "Su actualización de Datos se ha realizado con éxito" in screen_text(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
    with ui_db.read() as s:
        assert len(s.exec(select(SignedConvenio)).all()) == 1


async def test_after_january_the_login_offers_the_update_and_nothing_else(
    make_app, ui_db, tmp_path
) -> None:
    app = make_app()
    app.desk.clock = FixedClock(datetime(2027, 2, 2, 15, 0, tzinfo=UTC))
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, *AGENTE)
        assert isinstance(pilot.app.screen, LoginScreen)
        assert "inhabilitado" in screen_text(pilot) and "enero" in screen_text(pilot)
        await open_from_login(pilot, "f8")
        set_inputs(pilot, {"upd-ruc": AGENTE[0], "upd-username": AGENTE[1]})
        pilot.app.screen.query_one("#upd-password").focus()
        await type_keys(pilot, AGENTE[2])
        await pilot.press("enter")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, DataUpdateScreen) and pilot.app.actor is None
        await fill(pilot, {"direccion": "Av. Amazonas N34-120, piso 3"})
        await pilot.press("f3")
        await settle(pilot)
        code = screen_text(pilot).split("Código: ")[1][:6]
        await type_keys(pilot, code)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await sign(pilot, tmp_path)
        assert "habilitado de nuevo" in screen_text(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LoginScreen)
        await login_as_agente_to_home(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_an_employee_gets_the_ecuapass_refusal_and_the_representante_grants(
    make_app, ui_db
) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login(pilot, "1792060346001", "empleado", "Empleado2026ec")
        await pilot.press("enter")  # the OCE type
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
        assert "2.4.1" not in screen_text(pilot)  # not listed
        told: list[str] = []
        pilot.app.notify = lambda message, **_kw: told.append(message)  # type: ignore[method-assign]
        assert open_option(pilot.app, "2.4.1") is False
        assert told == ["No está asignado el permiso al usuario."]
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        open_option(pilot.app, "3.2.5")
        await settle(pilot)
        assert "LUCÍA FERNANDA PAREDES ORTIZ" in screen_text(pilot)
        await pilot.press("enter")  # to the options of the highlighted employee
        await pilot.pause()
        await pilot.press("space")  # the first option: 2.4.1
        await settle(pilot)
        assert "2.4.1 asignada a empleado" in screen_text(pilot)
    with ui_db.read() as s:
        numbers = {p.option_number for p in s.exec(select(EmployeePermission)).all()}
    assert "2.4.1" in numbers


async def test_the_administrator_approves_a_request_in_ms_6(make_app, ui_db) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login(pilot, "", "admin", "Admin2026ecuapass")
        open_option(pilot.app, "MS.6")
        await settle(pilot)
        assert "transandes" in screen_text(pilot)
        await pilot.press("r")  # asks first; Esc keeps the request as it was
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert "¿Rechazar la solicitud de transandes" in screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("enter")  # Rechazar, with no reason written
        await settle(pilot)
        assert "Escriba el motivo" in screen_text(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert "¿Aprobar la solicitud de transandes" in screen_text(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "Solicitud de transandes aprobada." in screen_text(pilot)
    with ui_db.read() as s:
        assert s.exec(select(User).where(User.username == "transandes")).one().state == "activo"


async def test_configurar_mi_pagina_saves_theme_language_and_notifications(make_app, ui_db) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        open_option(pilot.app, "3.11.2")
        await settle(pilot)
        screen = pilot.app.screen
        screen.query_one("#prefs-theme").value = "ecuapass-alto-contraste"  # type: ignore[attr-defined]
        screen.query_one("#prefs-sms").value = True  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.theme == "ecuapass-alto-contraste"
        assert "Preferencias guardadas." in screen_text(pilot)
        await pilot.press("escape")
        await pilot.press("x")  # Cerrar sesión
        await settle(pilot)
        pilot.app.theme = "textual-dark"
        await login_as_agente_to_home(pilot)
        assert pilot.app.theme == "ecuapass-alto-contraste"  # applied at the next login
    with ui_db.read() as s:
        prefs = s.exec(select(UserPreference)).one()
        assert (prefs.theme, prefs.receive_sms, prefs.notify_email) == (
            "ecuapass-alto-contraste",
            True,
            True,
        )


async def test_in_january_the_home_screen_warns_an_oce_user_not_updated(make_app) -> None:
    app = make_app()
    app.desk.clock = FixedClock(datetime(2027, 1, 15, 15, 0, tzinfo=UTC))
    told: list[str] = []
    app.notify = lambda message, **_kw: told.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
        assert any("SENAE-DGN-2016-0364-RE" in m and "31 de enero" in m for m in told)
        assert "ACTUALIZACIÓN ANUAL DE DATOS" in screen_text(pilot)  # in the Buzón too
