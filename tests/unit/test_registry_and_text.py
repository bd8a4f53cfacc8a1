"""The menu registry, the catalogs, validators and the text sanitiser."""

from __future__ import annotations

import pytest

from ecuapass_tui.core import identity as validation
from ecuapass_tui.core import menus
from ecuapass_tui.core.resources import read_csv
from ecuapass_tui.core.text import clean
from ecuapass_tui.services.dto import Actor


def actor(user_class: str) -> Actor:
    return Actor(1, "u", user_class, "U", None, "es")


ALL = frozenset({"catalogs", "faq", "mi_pagina", "ruc_lookup", "unlock_users"})


def test_registry_numbers_are_unique_and_menus_known() -> None:
    registry = menus.registry()
    numbers = [o.number for o in registry.options]
    assert len(numbers) == len(set(numbers))
    assert {m.id for m in registry.menus} >= {"tramites", "informativos", "soporte", "vue"}


def test_options_follow_roles_and_existing_screens() -> None:
    oce = [o.number for o in menus.options_for(actor("representante"), ALL)]
    assert "MS.9" not in oce and "2.6" in oce
    assert "MS.9" in [o.number for o in menus.options_for(actor("supervisor"), ALL)]
    assert "MS.9" not in [o.number for o in menus.options_for(actor("analista"), ALL)]
    # Without its screen an option is not listed.
    assert "2.6" not in [o.number for o in menus.options_for(actor("general"), ALL - {"catalogs"})]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("2.6", "2.6"),
        ("catalogo", "2.6"),
        ("CATÁLOGOS", "2.6"),
        ("mi pag", "3.11.1"),
        ("ruc", "2.4.1"),
        ("3.11", "3.11.1"),
    ],
)
def test_search_by_number_or_words(query: str, first: str) -> None:
    options = menus.options_for(actor("representante"), ALL)
    assert menus.search(options, query, "es")[0].number == first


def test_search_with_no_match_is_empty() -> None:
    options = menus.options_for(actor("representante"), ALL)
    assert menus.search(options, "zzzz", "es") == []


def test_catalogs_are_complete() -> None:
    assert len(read_csv("catalogs", "oce_types.csv")) == 20
    assert len(read_csv("catalogs", "districts.csv")) == 14
    provinces = read_csv("catalogs", "provinces.csv")
    assert len(provinces) == 24
    cantons = read_csv("catalogs", "cantons.csv")
    assert {c["province_code"] for c in cantons} == {p["code"] for p in provinces}
    assert len(cantons) > 200


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1792060346001", None),
        ("1760001550001", None),
        ("1714307103001", None),
        ("1763154690001", "ruc_invalid"),
        ("0992397535000", "ruc_invalid"),
        ("17920603460", "ruc_format"),
        ("", "required"),
        ("17920603460AB", "ruc_format"),
    ],
)
def test_check_ruc(value: str, expected: str | None) -> None:
    assert validation.check_ruc(value) == expected


def test_check_password_policy() -> None:
    assert validation.check_password("corta1") == "password_short"
    assert validation.check_password("soloLetrasLargas") == "password_letters_digits"
    assert validation.check_password("agente2026xx", username="agente") == "password_personal"
    assert validation.check_password("Fuerte2026clave", username="agente", name="Ana") is None


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("[@click=app.quit]x[/]", "[@click=app.quit]x[/]"),
        ("\x1b]52;c;aGk=\x07", "]52;c;aGk="),
        ("\x1b[2J", "[2J"),
        ("abc\u202edef", "abcdef"),
        ("a\u2066b\u2069c", "abc"),
        ("tab\tand\nline", "tab\tand\nline"),
        ("c1\x9bcontrol\x7f", "c1control"),
    ],
)
def test_clean_strips_controls_and_bidi_but_keeps_text(raw: str, shown: str) -> None:
    assert clean(raw) == shown


def test_clean_single_line() -> None:
    assert clean("a\tb\nc\r\nd", single_line=True) == "a b c d"


def test_every_registered_screen_is_listed_and_every_option_has_one() -> None:
    from ecuapass_tui.screens.registry import AVAILABLE, screen_classes

    assert set(screen_classes()) == AVAILABLE
    assert {o.screen for o in menus.registry().options} <= AVAILABLE


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("arancel", "2.1.1"),
        ("partida", "2.1.1"),
        ("subpartida", "2.1.1"),
        ("impuestos", "2.1.1"),
        ("IVA", "2.1.1"),
        ("2.1.1", "2.1.1"),
        ("tasa", "2.1.2"),
        ("moneda", "2.1.2"),
        ("cambio", "2.1.2"),
        ("2.1.2", "2.1.2"),
        ("permiso", "4.1"),
        ("fitosanitario", "4.1"),
        ("origen", "4.3"),
        ("pago", "4.5"),
        ("tasa", "4.5"),
    ],
)
def test_the_palette_finds_informativos_and_vue_by_their_words(query: str, found: str) -> None:
    every_screen = frozenset(option.screen for option in menus.registry().options)
    options = menus.options_for(actor("representante"), every_screen)
    assert found in [option.number for option in menus.search(options, query, "es")]
