"""Buscar ID / Reinicio de clave (a lockout undone by a reset) and employee permissions refused
by the services, whatever screen was reached."""

from __future__ import annotations

from datetime import timedelta

import pytest
from tests.helpers import lock_out

from ecuapass_tui.core.menus import can_open, options_for
from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.services.cuentas.codes import CodeRefused
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.errors import FieldErrors, LoginFailed, NotFound, PermissionDenied

# The subject here is what is checked, not what a hash costs.
pytestmark = pytest.mark.cheap_hashes

ANSWERS = ["quito", "FIRULAIS", "Simon  Bolivar"]  # case, accents and spaces do not matter
NEW_PASSWORD = "NuevaClave2027x"


def lock(desk: Desk) -> None:
    lock_out(desk, "1792060346001", "agente")
    with pytest.raises(LoginFailed) as locked:
        desk.login("1792060346001", "agente", "Aduana2026ec", None)
    assert locked.value.code == "locked"


def test_find_the_user_id_by_class_document_and_email(desk: Desk) -> None:
    sent = desk.find_user_id("representante", "1792060346001", "CMoreno@andina.example")
    assert sent.demo_username == "agente" and sent.to == "cm*****@andina.example"
    by_cedula = desk.find_user_id("general", "0203040506", "aquispe@correo.example")
    assert by_cedula.demo_username == "ciudadano"
    with pytest.raises(NotFound):
        desk.find_user_id("empleado", "1792060346001", "cmoreno@andina.example")  # wrong class
    with pytest.raises(NotFound):
        desk.find_user_id("representante", "1792060346001", "otro@andina.example")


def test_a_reset_with_answers_and_code_unlocks_a_locked_account(desk: Desk) -> None:
    lock(desk)
    started = desk.start_reset("agente", "cmoreno@andina.example")
    assert started.questions == ("ciudad_preferida", "primera_mascota", "escuela_primaria")
    assert started.sent.demo_code is not None
    unlocked = desk.reset_password(
        username="agente",
        email="cmoreno@andina.example",
        code=started.sent.demo_code,
        answers=ANSWERS,
        password=NEW_PASSWORD,
        confirmation=NEW_PASSWORD,
    )
    assert unlocked is True
    assert desk.login("1792060346001", "agente", NEW_PASSWORD, None).username == "agente"
    with pytest.raises(LoginFailed):
        desk.login("1792060346001", "agente", "Aduana2026ec", None)


def test_wrong_answers_spend_the_code_and_a_reused_or_expired_code_is_refused(
    desk: Desk,
) -> None:
    values = dict(username="agente", email="cmoreno@andina.example", password=NEW_PASSWORD)
    started = desk.start_reset("agente", "cmoreno@andina.example")
    code = started.sent.demo_code
    with pytest.raises(CodeRefused) as wrong:
        desk.reset_password(
            code=code, answers=["Guayaquil", "x", "y"], confirmation=NEW_PASSWORD, **values
        )
    assert wrong.value.code == "answers_wrong"
    with pytest.raises(CodeRefused) as reused:
        desk.reset_password(code=code, answers=ANSWERS, confirmation=NEW_PASSWORD, **values)
    assert reused.value.code == "code_used"
    late = desk.start_reset("agente", "cmoreno@andina.example").sent.demo_code
    desk.clock.advance(timedelta(minutes=15))  # type: ignore[attr-defined]
    with pytest.raises(CodeRefused) as expired:
        desk.reset_password(code=late, answers=ANSWERS, confirmation=NEW_PASSWORD, **values)
    assert expired.value.code == "code_expired"
    with pytest.raises(FieldErrors) as policy:
        desk.reset_password(
            code=late, answers=ANSWERS, confirmation="x", **{**values, "password": "agente2026xx"}
        )
    assert policy.value.rules == {
        "password": "password_personal",
        "confirmation": "password_mismatch",
    }


def test_reset_needs_the_registered_email(desk: Desk) -> None:
    with pytest.raises(NotFound):
        desk.start_reset("agente", "otro@correo.example")
    with pytest.raises(NotFound):
        desk.start_reset("importador", "jalvarado@pacifico.example")  # no security answers


def test_an_employee_sees_and_uses_only_the_granted_options(desk: Desk) -> None:
    empleado = desk.login("1792060346001", "empleado", "Empleado2026ec", None)
    assert empleado.granted is not None and "3.9.1" in empleado.granted
    assert can_open(empleado, "3.9.1") and not can_open(empleado, "2.4.1")
    assert can_open(empleado, "3.11.1")  # his own page needs no grant
    listed = {
        o.number for o in options_for(empleado, {"ruc_lookup", "mesa_incidente", "sugerencias"})
    }
    assert listed == {"3.9.1"}
    with pytest.raises(PermissionDenied) as refused:
        desk.lookup_ruc(empleado, "1792060346001")
    assert refused.value.code == "permission_denied"
    with pytest.raises(PermissionDenied):
        desk.submit_suggestion(
            empleado, {"tipo": "sugerencia", "asunto": "Hola", "descripcion": "x" * 30}
        )


def test_the_representante_grants_and_revokes_and_the_service_follows_at_once(
    desk: Desk,
) -> None:
    agente = desk.login("1792060346001", "agente", "Aduana2026ec", None)
    empleado = desk.login("1792060346001", "empleado", "Empleado2026ec", None)
    (staff,) = desk.employees(agente)
    assert staff.username == "empleado" and staff.granted == {"3.9.1", "3.9.2", "3.9.3"}
    desk.set_permission(agente, staff.user_id, "2.4.1", True)
    assert desk.lookup_ruc(empleado, "1792060346001").registered  # the old Actor: store decides
    desk.set_permission(agente, staff.user_id, "3.9.1", False)
    prefill = desk.ticket_prefill(empleado)
    with pytest.raises(PermissionDenied):
        desk.open_ticket(
            empleado, "incidente", dict(prefill), {"evidencias": [Attachment("a.pdf", b"%PDF-1.4")]}
        )
    importador = desk.login("0993456780001", "importador", "Pacifico2026ec", None)
    assert desk.employees(importador) == []
    with pytest.raises(NotFound):
        desk.set_permission(importador, staff.user_id, "2.4.1", True)  # not his employee
    with pytest.raises(PermissionDenied):
        desk.employees(empleado)
    with pytest.raises(NotFound):
        desk.set_permission(agente, staff.user_id, "MS.1", True)  # staff option
