"""Solicitud del uso in Pilot, with the keyboard: the type chosen with the arrows, one bad
input refused beside its field with nothing typed lost, Registrar (Ctrl+S), the code typed,
the account waiting for approval or active; Consultar and Comprobar disponibilidad."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select
from tests.ui.cuentas_flows import (
    at,
    choose,
    consultar,
    enter_code,
    error_beside,
    fill,
    open_from_login,
    retype,
    type_emails,
    type_identity,
    type_keys,
    type_oce_row,
    type_phones,
    type_place,
    type_questions,
    type_sms,
)
from tests.ui.flows import quiet, screen_text, settle
from tests.ui.notified import Notified
from tests.unit.registration_values import PASSWORD, PERSONAL, values_for

from ecuapass_tui.screens.cuentas.codes import CodeScreen
from ecuapass_tui.screens.cuentas.registration import RegistrationScreen
from ecuapass_tui.screens.login import LoginScreen
from ecuapass_tui.store.models import User
from ecuapass_tui.store.models_accounts import AccountRequest, SecurityCode
from ecuapass_tui.widgets.form import FormView

PERSON = ("nuevo.usuario", "Pedro José Calderón Ríos", PASSWORD)
EMAIL = "nuevousuario@correo.example"
QUESTIONS = ((1, "Junio"), (4, "Firulais"), (3, "Cuenca"))  # as in values_for


async def choose_type(pilot, position: int) -> RegistrationScreen:  # type: ignore[no-untyped-def]
    await open_from_login(pilot, "f6")
    for _ in range(position):
        await pilot.press("down")
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, RegistrationScreen)
    return screen


async def type_person(  # type: ignore[no-untyped-def]
    pilot,
    number: str = "1710034065",
    phone1: str = "02 234 5678",
    email: str = EMAIL,
    *,
    document_downs: int = 0,
    walk: bool = True,
) -> None:
    """From ID. usuario to the e-mail confirmation, the block every type shares: key by key
    (`walk`), or put in at once with the focus then on the field after it (the block's keys
    are walked by the Representante's flow and the general user's)."""
    username, name, password = PERSON
    if not walk:
        kinds = {0: "cedula", 2: "pasaporte"}
        shared = {k: v for k, v in PERSONAL.items() if k not in ("recibir_sms", "senae_correo")}
        await fill(
            pilot,
            {
                **shared,
                "id_usuario": username,
                "documento": {"type": kinds[document_downs], "number": number},
                "telefono1": phone1,
                "correo": email,
                "correo_confirmacion": EMAIL,
            },
        )
        pilot.app.screen.query_one("#f-posicion").focus()
        await pilot.pause()
        return
    await type_identity(pilot, username, number, name, password, document_downs=document_downs)
    await type_questions(pilot, QUESTIONS)
    await type_place(pilot, "pichin", "quito", "Av. 10 de Agosto N25-30 y Colón")
    await type_phones(pilot, phone1, "", "099 123 4567", operator_downs=1)
    await type_emails(pilot, email, EMAIL)


async def type_representante(pilot, bad: str) -> None:  # type: ignore[no-untyped-def]
    await at(pilot, "ruc_empresa", bad, tab=False)
    await consultar(pilot)  # a RUC whose check digit is wrong: Consultar says so
    assert "El RUC no es válido: revise los dígitos." in screen_text(pilot)
    await pilot.press("tab")
    await at(pilot, "razon_social", "TRANSPORTES ANDES DEL SUR S.A.")
    await at(pilot, "direccion_empresa", "Av. Maldonado S12-45, Quito")
    await at(pilot, "telefono_empresa", "02 265 4321")
    await type_person(pilot)
    await choose(pilot, "posicion", 1)  # Representantes
    await at(pilot, "senae_correo", "pedro.calderon@andes.example")
    await type_sms(pilot, receive=True)
    await type_oce_row(pilot, "21907755", "transport", "3/2020", "31/12/9999")
    await at(pilot, "certificado_id", "SD-2026-000123", tab=False)


async def type_empleado(pilot, bad: str) -> None:  # type: ignore[no-untyped-def]
    await at(pilot, "ruc_empresa", "1792060346001", tab=False)
    await consultar(pilot)  # Consultar brings the company's name
    await pilot.press("tab")
    await at(pilot, "razon_social")
    await type_person(pilot, number=bad, walk=False)
    await at(pilot, "posicion", "AUXILIAR DE ADUANA")
    await at(pilot, "senae_correo")
    await type_sms(pilot, receive=True)
    await type_oce_row(pilot, "03907058", "agente de ad", "9/2002")
    await at(pilot, "certificado_id", "SD-2026-000456", tab=False)


async def type_representante_entidad(pilot, bad: str) -> None:  # type: ignore[no-untyped-def]
    await at(pilot, "ruc_entidad", "1760001550001", tab=False)
    await consultar(pilot)  # the entity's name, address and telephone
    await pilot.press("tab")
    await at(pilot, "nombre_entidad")
    await at(pilot, "direccion_entidad")
    await at(pilot, "telefono_entidad")
    await type_person(pilot, email=bad, walk=False)
    await at(pilot, "posicion", "DIRECTORA")
    await at(pilot, "senae_correo")
    await type_sms(pilot, receive=False)
    await at(pilot, "certificado_id", "BCE-2026-000789", tab=False)


async def type_entidad(pilot, bad: str) -> None:  # type: ignore[no-untyped-def]
    await at(pilot, "nombre_organizacion", "ORGANIZACIÓN PANAMERICANA DE COMERCIO")
    await at(pilot, "pais_sede", "Panamá")
    await at(pilot, "direccion_organizacion", "Av. Balboa 100, Ciudad de Panamá")
    await at(pilot, "telefono_organizacion", "+507 264 1234")
    await at(pilot, "correo_organizacion", "enlace@opc.example")
    await type_person(pilot, number="PA1234567", phone1=bad, document_downs=2, walk=False)
    await at(pilot, "posicion", "ENLACE")
    await type_sms(pilot, receive=True)
    await at(pilot, "certificado_id", "ANF-2026-000321", tab=False)


# The company (or entity) block as stored: typed, or brought by Consultar (F3).
TYPED_COMPANY: dict[str, dict[str, str]] = {
    "representante": {
        "ruc_empresa": "1790016910001",
        "razon_social": "TRANSPORTES ANDES DEL SUR S.A.",
        "telefono_empresa": "+59322654321",
        "senae_correo": "pedro.calderon@andes.example",
    },
    "empleado": {"ruc_empresa": "1792060346001", "razon_social": "AGENCIA ADUANERA ANDINA S.A."},
    "representante_entidad": {
        "ruc_entidad": "1760001550001",
        "nombre_entidad": "AGENCIA NACIONAL DE CONTROL FITOSANITARIO",
        "direccion_entidad": "Av. Eloy Alfaro N30-350 y Av. Amazonas, Quito",
        "telefono_entidad": "+59323828860",
    },
    "entidad": {
        "pais_sede": "Panamá",
        "telefono_organizacion": "+5072641234",
        "correo_organizacion": "enlace@opc.example",
    },
}

# (position in the list, the keys, the field refused, typed wrong, typed right, its message)
CASES = [
    (
        "representante",
        0,
        type_representante,
        "ruc_empresa",
        "1763154690001",
        "1790016910001",
        "RUC",
    ),
    ("empleado", 1, type_empleado, "documento", "1710034066", "1710034065", "cédula"),
    (
        "representante_entidad",
        3,
        type_representante_entidad,
        "correo",
        "pedro@@correo",
        EMAIL,
        "correo",
    ),
    ("entidad", 4, type_entidad, "telefono1", "12345", "02 234 5678", "Teléfono1"),
]


@pytest.mark.parametrize(("kind", "position", "keys", "field", "bad", "good", "shown"), CASES)
async def test_each_type_registers_typing_every_field_after_one_bad_input(
    make_app, ui_db, kind: str, position: int, keys, field: str, bad: str, good: str, shown: str
) -> None:
    """Only keys, from the login screen: F6, the type with the arrows, the type's own fields
    typed (Tab, Enter and the arrows in the selects, the radios and the OCE table, F3
    Consultar; the block every type shares walked key by key in the Representante's flow, put
    in at once in the others), Ctrl+S; one bad value refused beside its field, nothing lost;
    fixed; the e-mail code."""
    notified = Notified()
    async with make_app().run_test(size=(80, 24), message_hook=notified) as pilot:
        screen = await choose_type(pilot, position)
        assert screen.kind == kind
        await keys(pilot, bad)
        form = screen.query_one(FormView)
        before = form.values()
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(pilot)
        assert "Hay 1 error en el formulario." in text, text
        assert shown in error_beside(pilot, field), error_beside(pilot, field)
        assert form.values() == before  # nothing typed is lost
        assert form.values()["id_usuario"] == "nuevo.usuario"
        await retype(pilot, "documento-number" if field == "documento" else field, good)
        await pilot.press("ctrl+s")
        await settle(pilot)
        code_screen = pilot.app.screen
        assert isinstance(code_screen, CodeScreen), screen_text(pilot)
        code = code_screen.sent.demo_code
        assert code is not None and code in screen_text(pilot)
        await enter_code(pilot, "000000" if code != "000000" else "111111")
        assert "no es correcto" in screen_text(pilot)
        await enter_code(pilot, code)
        assert isinstance(pilot.app.screen, LoginScreen)
        assert "espera la aprobación" in notified.text()
    with ui_db.read() as s:
        user = s.exec(select(User).where(User.username == "nuevo.usuario")).one()
        request = s.exec(select(AccountRequest).where(AccountRequest.user_id == user.id)).one()
        codes = s.exec(select(SecurityCode).where(SecurityCode.user_id == user.id)).all()
    assert (user.state, request.state) == ("pendiente", "pendiente")
    assert codes[-1].attempts == 1 and codes[-1].used_at is not None
    assert request.kind == kind and request.email_confirmed_at is not None
    stored = json.loads(request.values_json)  # what was typed, normalised by the service
    expected = values_for(kind)
    for name in ("ciudad", "provincia", "correo", "nombre_usuario", "certificado_id", "posicion"):
        assert stored[name] == expected[name], name
    for name in ("pregunta_clave1", "pregunta_clave2", "pregunta_clave3", "operadora_celular"):
        assert stored[name] == expected[name], name
    assert stored["documento"] == expected["documento"]
    assert (stored["telefono1"], stored["celular"]) == ("+59322345678", "+593991234567")
    assert stored["recibir_sms"] == ("no_recibir" if kind == "representante_entidad" else "recibir")
    company = TYPED_COMPANY[kind]
    assert {k: stored.get(k) for k in company} == company
    if "tipos_oce" in expected:
        (row,) = stored["tipos_oce"]
        wanted = expected["tipos_oce"][0]
        assert (row["codigo"], row["tipo"], row["inicio"]) == (
            wanted["codigo"],
            wanted["tipo"],
            wanted["inicio"],
        )


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


async def test_consultar_says_which_case_and_clears_the_previous_company(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await choose_type(pilot, 0)
        form = screen.query_one(FormView)
        company = ("razon_social", "direccion_empresa", "telefono_empresa")
        await fill(pilot, {"ruc_empresa": "1792060346001"})
        await pilot.press("f3")
        await settle(pilot)
        assert form.values()["razon_social"] == "AGENCIA ADUANERA ANDINA S.A."
        assert "ya tiene un Representante en Ecuapass y solo puede tener uno" in screen_text(pilot)
        await fill(pilot, {"ruc_empresa": "1790016910001"})
        await pilot.press("f3")
        await settle(pilot)
        assert [form.values()[k] for k in company] == ["", "", ""]
        assert "El RUC 1790016910001 no está registrado: escriba los datos." in screen_text(pilot)
        await fill(pilot, {"ruc_empresa": "1792060346001"})
        await pilot.press("f3")
        await settle(pilot)
        await fill(pilot, {"ruc_empresa": "1763154690001", "telefono_empresa": "02 265 4321"})
        await pilot.press("f3")
        await settle(pilot)
        # The fetched name and address go; the phone the user typed stays.
        assert [form.values()[k] for k in company] == ["", "", "02 265 4321"]
        assert "El RUC no es válido: revise los dígitos." in screen_text(pilot)
        await fill(pilot, {"ruc_empresa": "17920603"})
        await pilot.press("f3")
        await settle(pilot)
        assert "Escriba el RUC de 13 dígitos" in screen_text(pilot)


async def test_a_second_representative_is_refused_beside_the_ruc(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await choose_type(pilot, 0)
        await fill(pilot, values_for("representante", ruc_empresa="1792060346001"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Hay 1 error en el formulario." in screen_text(pilot)
        assert "ya tiene un Representante" in error_beside(pilot, "ruc_empresa")


async def test_leaving_the_code_dialog_frees_the_id_and_registering_again_works(
    make_app, ui_db
) -> None:
    notified = Notified()
    async with make_app().run_test(size=(80, 24), message_hook=notified) as pilot:
        screen = await choose_type(pilot, 2)
        await fill(pilot, values_for("general"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CodeScreen), screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert "la solicitud se anuló" in screen_text(pilot)
        with ui_db.read() as s:
            assert s.exec(select(User).where(User.username == "nuevo.usuario")).first() is None
        await pilot.press("ctrl+s")  # what was typed is still there: send it again
        await settle(pilot)
        code_screen = pilot.app.screen
        assert isinstance(code_screen, CodeScreen), screen_text(pilot)
        await enter_code(pilot, code_screen.sent.demo_code or "")
        assert isinstance(pilot.app.screen, LoginScreen)
        assert "Su cuenta está activa" in notified.text()
    with ui_db.read() as s:
        assert s.exec(select(User.state).where(User.username == "nuevo.usuario")).one() == "activo"


async def test_the_city_offers_the_cantons_of_the_province(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await choose_type(pilot, 2)
        form = screen.query_one(FormView)
        form.focus_field("provincia")
        await type_keys(pilot, "Azuay")
        await pilot.press("enter", "tab")
        await quiet(pilot)  # the form reports its change after its quiet time
        box = screen.query_one("#f-ciudad").parent
        values = {o.value for o in box.options}  # type: ignore[union-attr]
        assert values and all(v.startswith("01") for v in values)


async def test_buscar_copies_the_certificates_unique_identification(make_app, tmp_path) -> None:
    from tests.p12 import PIN, make_p12

    from ecuapass_tui.screens.cuentas.certificate import CertificateScreen

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
    """Only keys: Tab from field to field, Enter and the arrows in the selects, Ctrl+S; a
    password too short refused beside its field, nothing lost, typed again; the account is
    active at once."""
    notified = Notified()
    async with make_app().run_test(size=(80, 24), message_hook=notified) as pilot:
        screen = await choose_type(pilot, 2)
        await type_identity(pilot, "ana.quispe", "0203040506", "Ana Quispe Tapia", "corta1")
        await type_questions(pilot, ((1, "Junio"), (2, "Firulais"), (3, "Quito")))
        await type_place(pilot, "Bolivar", "Guaranda", "Av. Garcia Moreno 12-40")
        await type_phones(pilot, "03 298 1234", "", "0987771234")
        await type_emails(pilot, "ana.quispe@correo.example")
        await type_sms(pilot, receive=True)
        form = screen.query_one(FormView)
        before = form.values()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Hay 1 error en el formulario." in screen_text(pilot)
        assert "10 caracteres" in error_beside(pilot, "contrasena")
        assert form.values() == before  # nothing typed is lost
        await retype(pilot, "contrasena", "Clave2027segura", "tab")
        await retype(pilot, "contrasena__confirm", "Clave2027segura")
        await pilot.press("ctrl+s")
        await settle(pilot)
        code_screen = pilot.app.screen
        assert isinstance(code_screen, CodeScreen), screen_text(pilot)
        await enter_code(pilot, code_screen.sent.demo_code or "")
        assert isinstance(pilot.app.screen, LoginScreen)
        assert "Su cuenta está activa" in notified.text()
    with ui_db.read() as s:
        user = s.exec(select(User).where(User.username == "ana.quispe")).one()
        request = s.exec(select(AccountRequest).where(AccountRequest.user_id == user.id)).one()
    assert (user.state, user.province_code, user.canton_code) == ("activo", "02", "0201")
    assert user.phone1 == "+59332981234" and user.mobile == "+593987771234"
    assert (request.kind, request.state) == ("general", "aprobada")
