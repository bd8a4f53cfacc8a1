"""Solicitud del uso in Pilot, with the keyboard: the type chosen with the arrows, one bad
input refused beside its field with nothing typed lost, Registrar (Ctrl+S), the code typed,
the account waiting for approval or active; Consultar and Comprobar disponibilidad."""

from __future__ import annotations

import pytest
from sqlmodel import select
from tests.ui.cuentas_flows import fill, open_from_login, type_keys
from tests.ui.flows import screen_text, settle
from tests.unit.registration_values import values_for

from ecuapass_tui.screens.cuentas.codigo import CodeScreen
from ecuapass_tui.screens.cuentas.solicitud import SolicitudScreen
from ecuapass_tui.screens.login import LoginScreen
from ecuapass_tui.store.models import User
from ecuapass_tui.store.models_accounts import AccountRequest, SecurityCode
from ecuapass_tui.widgets.form_view import FormView

# (position in the list, one bad input, the message beside its field)
CASES = [
    ("representante", 0, {"ruc_empresa": "1763154690001"}, "RUC"),
    ("empleado", 1, {"documento": {"type": "cedula", "number": "1710034066"}}, "cédula"),
    ("general", 2, {"correo": "pedro@@correo"}, "correo"),
    ("representante_entidad", 3, {"telefono1": "12345"}, "Teléfono1"),
    ("entidad", 4, {"contrasena": "corta", "contrasena__confirm": "corta"}, "10 caracteres"),
]


async def choose_type(pilot, position: int) -> SolicitudScreen:  # type: ignore[no-untyped-def]
    await open_from_login(pilot, "f6")
    for _ in range(position):
        await pilot.press("down")
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SolicitudScreen)
    return screen


@pytest.mark.parametrize(("kind", "position", "bad", "shown"), CASES)
async def test_each_type_registers_with_the_keyboard_after_one_bad_input(
    make_app, ui_db, kind: str, position: int, bad: dict[str, object], shown: str
) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await choose_type(pilot, position)
        assert screen.kind == kind
        good = {**values_for(kind), "id_usuario": ""}
        await fill(pilot, {**good, **bad})
        form = screen.query_one(FormView)
        form.focus_field("id_usuario")
        await type_keys(pilot, "nuevo.usuario")
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(pilot)
        assert "Hay 1 error en el formulario." in text, text
        assert shown in text
        assert form.values()["id_usuario"] == "nuevo.usuario"  # nothing typed is lost
        await fill(pilot, {k: v for k, v in values_for(kind).items() if k in bad})
        await pilot.press("ctrl+s")
        await settle(pilot)
        code_screen = pilot.app.screen
        assert isinstance(code_screen, CodeScreen)
        code = code_screen.sent.demo_code
        assert code is not None and code in screen_text(pilot)
        await type_keys(pilot, "000000" if code != "000000" else "111111")
        await pilot.press("enter")
        await settle(pilot)
        assert "no es correcto" in screen_text(pilot)
        code_screen.query_one("#code-input").value = ""  # type: ignore[attr-defined]
        await type_keys(pilot, code)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LoginScreen)
    with ui_db.read() as s:
        user = s.exec(select(User).where(User.username == "nuevo.usuario")).one()
        request = s.exec(select(AccountRequest).where(AccountRequest.user_id == user.id)).one()
        codes = s.exec(select(SecurityCode).where(SecurityCode.user_id == user.id)).all()
    assert (user.state, request.state) == (
        ("activo", "aprobada") if kind == "general" else ("pendiente", "pendiente")
    )
    assert codes[-1].attempts == 1 and codes[-1].used_at is not None


async def test_consultar_fills_the_company_and_availability_is_checked(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await choose_type(pilot, 0)
        await fill(pilot, {"ruc_empresa": "1792060346001", "id_usuario": "agente"})
        await pilot.press("f3")
        await settle(pilot)
        values = screen.query_one(FormView).values()
        assert values["razon_social"] == "AGENCIA ADUANERA ANDINA S.A."
        assert values["direccion_empresa"].startswith("Av. Amazonas")
        await pilot.press("f4")
        await settle(pilot)
        assert "ya está registrado" in screen_text(pilot)
        await fill(pilot, {"id_usuario": "libre.2026", "correo": "libre@correo.example"})
        await pilot.press("f4")
        await settle(pilot)
        assert "«libre.2026» está disponible" in screen_text(pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert "«libre@correo.example» está disponible" in screen_text(pilot)


async def test_the_city_offers_the_cantons_of_the_province(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await choose_type(pilot, 2)
        form = screen.query_one(FormView)
        form.focus_field("provincia")
        await type_keys(pilot, "Azuay")
        await pilot.press("enter", "tab")
        await pilot.pause(0.6)  # the form reports its change after 0.5 s
        box = screen.query_one("#f-ciudad").parent
        values = {o.value for o in box.options}  # type: ignore[union-attr]
        assert values and all(v.startswith("01") for v in values)


async def test_buscar_copies_the_certificates_unique_identification(make_app, tmp_path) -> None:
    from tests.p12 import PIN, make_p12

    from ecuapass_tui.screens.cuentas.certificado import CertificateScreen

    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await choose_type(pilot, 0)
        p12 = tmp_path / "firma.p12"
        p12.write_bytes(make_p12(pilot.app.desk.now()))
        await pilot.press("f9")
        await settle(pilot)
        modal = pilot.app.screen
        assert isinstance(modal, CertificateScreen)
        modal.query_one("#cert-file").value = str(p12)  # type: ignore[attr-defined]
        modal.query_one("#cert-pin").focus()
        await type_keys(pilot, "mal")
        await pilot.press("enter")
        await settle(pilot)
        assert "La clave (PIN) del certificado no es correcta." in screen_text(pilot)
        modal.query_one("#cert-pin").value = ""  # type: ignore[attr-defined]
        await type_keys(pilot, PIN)
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is screen
        identity = screen.query_one(FormView).values()["certificado_id"]
        assert len(identity) == 64 and identity[:16] in screen_text(pilot)


async def test_a_general_user_registers_typing_every_field(make_app, ui_db) -> None:
    """Only keys: Tab from field to field, Enter and the arrows in the selects, Ctrl+S."""
    async with make_app().run_test(size=(80, 24)) as pilot:
        await choose_type(pilot, 2)

        async def field(text: str = "", *keys: str) -> None:
            await type_keys(pilot, text)
            await pilot.press(*keys, "tab")

        await field("ana.quispe")
        await pilot.press("tab")  # the document type stays Cédula
        await field("0203040506")
        await field("Ana Quispe Tapia")
        await field("Clave2027segura")
        await field("Clave2027segura")
        for downs, answer in ((1, "Junio"), (2, "Firulais"), (3, "Quito")):
            await pilot.press("enter", *["down"] * downs, "enter", "tab")
            await field(answer)
        await field("Bolivar", "enter")
        await field("Guaranda", "enter")
        await field("Av. Garcia Moreno 12-40")
        await field("03 298 1234")
        await pilot.press("tab")  # Teléfono2
        await field("0987771234")
        await pilot.press("tab", "tab")  # operator, fax
        await field("ana.quispe@correo.example")
        await field("ana.quispe@correo.example")
        await pilot.press("enter", "ctrl+s")  # Recibir mensaje SMS: Recibir
        await settle(pilot)
        code_screen = pilot.app.screen
        assert isinstance(code_screen, CodeScreen), screen_text(pilot)
        await type_keys(pilot, code_screen.sent.demo_code or "")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LoginScreen)
    with ui_db.read() as s:
        user = s.exec(select(User).where(User.username == "ana.quispe")).one()
    assert (user.state, user.province_code, user.canton_code) == ("activo", "02", "0201")
    assert user.phone1 == "+59332981234" and user.mobile == "+593987771234"
