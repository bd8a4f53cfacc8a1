"""Footer keys: on one screen, two keys with different jobs never carry the same name, in
Spanish or in English (the app's ^p Consultar included): f3 Consultar beside ^p Consultar, or
^f Buscar and ^p Consultar both read "Search" in English, leave the user guessing."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from textual.binding import BindingsMap
from textual.screen import Screen

import ecuapass_tui.screens
from ecuapass_tui.app import EcuapassApp
from ecuapass_tui.i18n import gettext_in


def screen_classes() -> list[type[Screen]]:
    for module in pkgutil.walk_packages(ecuapass_tui.screens.__path__, "ecuapass_tui.screens."):
        importlib.import_module(module.name)
    found: list[type[Screen]] = []
    pending = list(Screen.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("ecuapass_tui."):
            found.append(cls)
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


def footer_keys(cls: type[Screen]) -> list[tuple[str, str, str]]:
    """(key, action, description) of every key the footer shows on this screen."""
    declared = [
        binding
        for owner in (cls, EcuapassApp)
        for klass in owner.__mro__
        for binding in vars(klass).get("BINDINGS", [])
    ]
    bindings = [b for group in BindingsMap(declared).key_to_bindings.values() for b in group]
    return [(b.key, b.action, b.description) for b in bindings if b.show and b.description]


def test_every_screen_is_checked() -> None:
    names = {cls.__name__ for cls in screen_classes()}
    assert {"RegistrationScreen", "TrackingScreen", "StaffTicketScreen", "HomeScreen"} <= names


@pytest.mark.parametrize("language", ["es", "en"])
def test_no_two_footer_keys_of_a_screen_share_a_name(language: str) -> None:
    clashes = []
    for cls in screen_classes():
        jobs: dict[str, set[str]] = {}
        for _key, action, description in footer_keys(cls):
            jobs.setdefault(gettext_in(language, description), set()).add(action)
        clashes += [
            (cls.__name__, name, sorted(acts)) for name, acts in jobs.items() if len(acts) > 1
        ]
    assert clashes == []
