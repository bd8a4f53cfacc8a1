"""OCE choice, mailbox and Mi menú through the services: users see only their own."""

from __future__ import annotations

import pytest

from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.errors import NotFound, ServiceError

# The subject here is what is checked, not what a hash costs.
pytestmark = pytest.mark.cheap_hashes


def test_company_with_several_codes_lists_types_with_their_codes(desk: Desk) -> None:
    agente = desk.login("1792060346001", "agente", "Aduana2026ec", None)
    choices = {c.name: [code.code for code in c.codes] for c in desk.oce_choices(agente)}
    assert choices == {
        "AGENTE DE ADUANA": ["03907058", "03907066"],
        "LÍNEA NAVIERA": ["16929838"],
        "TRANSPORTISTA TERRESTRE": ["21903502"],
    }
    assert desk.choose_oce(agente, "16929838").oce_code == "16929838"


def test_a_code_of_another_company_is_refused(desk: Desk) -> None:
    agente = desk.login("1792060346001", "agente", "Aduana2026ec", None)
    with pytest.raises(NotFound):
        desk.choose_oce(agente, "41700215")  # Importadora del Pacífico's code


def test_users_without_company_have_no_oce_choice(desk: Desk) -> None:
    ciudadano = desk.login("", "ciudadano", "General2026ec", None)
    assert desk.oce_choices(ciudadano) == []
    with pytest.raises(ServiceError):
        desk.choose_oce(ciudadano, "03907058")


def test_mailbox_shows_own_notices_newest_first_and_marks_read(desk: Desk) -> None:
    agente = desk.login("1792060346001", "agente", "Aduana2026ec", None)
    notices = desk.notices(agente)
    # The demo's own notices among those the Mesa de Servicios sent about the demo tickets.
    stamps = [(n.created_at, n.id) for n in notices]
    assert stamps == sorted(stamps, reverse=True)
    welcome = next(n for n in notices if n.subject == "Bienvenido a Ecuapass en la terminal")
    assert welcome.read is False
    assert any(
        n.subject.startswith("Ticket MS-") and n.sender == "MESA DE SERVICIOS" for n in notices
    )
    opened = desk.open_notice(agente, welcome.id)
    assert opened.body.startswith("Desde aquí")
    assert next(n for n in desk.notices(agente) if n.id == welcome.id).read is True


def test_nobody_opens_another_users_notice(desk: Desk) -> None:
    agente = desk.login("1792060346001", "agente", "Aduana2026ec", None)
    importador = desk.login("0993456780001", "importador", "Pacifico2026ec", None)
    theirs = desk.notices(importador)[0]
    assert all(n.id != theirs.id for n in desk.notices(agente))
    with pytest.raises(NotFound):
        desk.open_notice(agente, theirs.id)
    assert desk.notices(importador)[0].read is False


def test_mi_menu_holds_six_options_in_slots(desk: Desk) -> None:
    agente = desk.login("1792060346001", "agente", "Aduana2026ec", None)
    assert desk.add_favourite(agente, "2.6") == 1
    assert desk.add_favourite(agente, "2.6") == 1  # already there: same slot
    for number in ("3.3", "3.11.1", "2.4.1", "1.3", "1.6"):
        desk.add_favourite(agente, number)
    with pytest.raises(ServiceError) as full:
        desk.add_favourite(agente, "2.7")
    assert full.value.code == "mi_menu_full"
    desk.remove_favourite(agente, "3.3")
    assert desk.add_favourite(agente, "2.7") == 2
    assert desk.favourites(agente)[2] == "2.7"
    other = desk.login("0993456780001", "importador", "Pacifico2026ec", None)
    assert desk.favourites(other) == {}


def test_profile_shows_company_and_codes(desk: Desk) -> None:
    agente = desk.login("1792060346001", "agente", "Aduana2026ec", None)
    profile = desk.profile(agente)
    assert profile.company_name == "AGENCIA ADUANERA ANDINA S.A."
    assert profile.province == "Pichincha"
    assert profile.canton == "Quito"
    assert [c.code for c in profile.oce_codes] == ["03907058", "03907066", "16929838", "21903502"]


def test_ruc_lookup_validates_and_shows_public_data(desk: Desk) -> None:
    from ecuapass_tui.services.errors import FieldErrors

    agente = desk.login("1792060346001", "agente", "Aduana2026ec", None)
    found = desk.lookup_ruc(agente, "0993456780001")
    assert (found.kind, found.registered) == ("privada", True)
    assert [c.code for c in found.oce_codes] == ["41700215"]
    unknown = desk.lookup_ruc(agente, "1791002008001")
    assert unknown.registered is False
    with pytest.raises(FieldErrors) as bad:
        desk.lookup_ruc(agente, "1763154690001")
    assert bad.value.rules == {"ruc": "ruc_invalid"}
