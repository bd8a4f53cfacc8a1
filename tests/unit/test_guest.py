"""A guest (the login screen's Servicios de uso frecuente, no account): the public options of
menus.toml and nothing else, refused by the services themselves, not only hidden by the menus."""

from __future__ import annotations

import inspect

import pytest

from ecuapass_tui.core.menus import can_open, options_for, registry, visible_menus
from ecuapass_tui.screens.registry import AVAILABLE
from ecuapass_tui.services import access
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.desk_base import GUEST_METHODS
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import PermissionDenied
from ecuapass_tui.services.tramites.integrity import Verdict

pytestmark = pytest.mark.cheap_hashes

GUEST = Actor.guest("es")
PUBLIC = {o.number for o in registry().options if o.public}


def guarded_methods(desk: Desk) -> list[tuple[str, inspect.Signature]]:
    """The Desk's methods that take an actor and serve no public option."""
    found = []
    for name in dir(desk):
        method = getattr(desk, name)
        if name.startswith("_") or not inspect.ismethod(method):
            continue
        signature = inspect.signature(method)
        if "actor" in signature.parameters and name not in GUEST_METHODS:
            found.append((name, signature))
    return found


def test_every_desk_method_but_the_public_ones_refuses_a_guest(desk: Desk) -> None:
    methods = guarded_methods(desk)
    assert len(methods) > 50  # the whole Desk, not a sample
    for name, signature in methods:
        arguments = {p: None for p in signature.parameters if p != "actor"}
        with pytest.raises(PermissionDenied) as refused:
            getattr(desk, name)(actor=GUEST, **arguments)
        assert refused.value.code == "guest_not_allowed", name


def test_a_few_services_by_name_refuse_a_guest(desk: Desk) -> None:
    for call in (
        lambda: desk.notices(GUEST),
        lambda: desk.lookup_ruc(GUEST, "1792060346001"),
        lambda: desk.save_draft(GUEST, "incidente", {"asunto": "x"}),
        lambda: desk.logout(GUEST),
    ):
        with pytest.raises(PermissionDenied) as refused:
            call()
        assert refused.value.code == "guest_not_allowed"


def test_each_method_open_to_a_guest_exists_and_serves_a_public_option(desk: Desk) -> None:
    for name, number in GUEST_METHODS.items():
        assert inspect.ismethod(getattr(desk, name, None)), name
        assert number in PUBLIC, (name, number)


def test_a_public_service_serves_a_guest(desk: Desk) -> None:
    assert desk.verify_document(GUEST, b"no es json").verdict == Verdict.DESCONOCIDO


def test_the_option_check_refuses_a_guest_what_is_not_public(desk: Desk) -> None:
    with desk.db.read() as s:
        for number in ("1.3", "3.8", "3.11.1", "MS.1"):
            with pytest.raises(PermissionDenied):
                access.require_option(s, GUEST, number)
        for number in PUBLIC:
            access.require_option(s, GUEST, number)


def test_the_menus_show_a_guest_the_public_options_only() -> None:
    assert {"2.6", "2.7", "3.3"} <= PUBLIC
    shown = {o.number for o in options_for(GUEST, AVAILABLE)}
    assert shown == PUBLIC & {o.number for o in registry().options if o.screen in AVAILABLE}
    assert not can_open(GUEST, "3.8") and can_open(GUEST, "3.3")
    assert "mesa" not in {m.id for m in visible_menus(GUEST)}


def test_the_tariff_and_the_rates_serve_a_guest(desk: Desk) -> None:
    assert desk.tariff_search(GUEST, "café") is not None
    assert desk.exchange_rates(GUEST) is not None
