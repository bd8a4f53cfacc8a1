"""The menu registry (`data/menus.toml`): menus, options, and who may see them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Protocol

from ecuapass_tui.core.resources import read_toml
from ecuapass_tui.core.roles import GUEST, OCE_CLASSES, STAFF_CLASSES
from ecuapass_tui.core.text import fold


class Viewer(Protocol):
    """Who the menus are shown to (the services' `Actor` is one): the user class, and for an
    Empleado the option numbers granted by the Representante (None for other classes)."""

    @property
    def user_class(self) -> str: ...

    @property
    def granted(self) -> frozenset[str] | None: ...


@dataclass(frozen=True)
class Menu:
    id: str
    key: str
    title_es: str
    title_en: str
    staff_only: bool = False

    def title(self, language: str) -> str:
        return self.title_en if language == "en" else self.title_es


@dataclass(frozen=True)
class MenuOption:
    number: str
    menu: str
    title_es: str
    title_en: str
    screen: str
    roles: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    # Open to a guest (the login screen's Servicios de uso frecuente), besides `roles`.
    public: bool = False

    def title(self, language: str) -> str:
        return self.title_en if language == "en" else self.title_es

    def label(self, language: str) -> str:
        return f"{self.number} {self.title(language)}"

    def allowed(self, user_class: str) -> bool:
        if user_class == GUEST:
            return self.public
        for role in self.roles:
            if role == user_class:
                return True
            if role == "oce" and user_class in OCE_CLASSES:
                return True
            if role == "staff" and user_class in STAFF_CLASSES:
                return True
        return False


@dataclass(frozen=True)
class Registry:
    menus: tuple[Menu, ...]
    options: tuple[MenuOption, ...]

    def option(self, number: str) -> MenuOption | None:
        for option in self.options:
            if option.number == number:
                return option
        return None


@cache
def registry() -> Registry:
    data = read_toml("menus.toml")
    menus = tuple(Menu(**item) for item in data["menu"])
    known = {menu.id for menu in menus}
    options = []
    for item in data["option"]:
        option = MenuOption(
            number=item["number"],
            menu=item["menu"],
            title_es=item["title_es"],
            title_en=item["title_en"],
            screen=item["screen"],
            roles=tuple(item["roles"]),
            keywords=tuple(item.get("keywords", ())),
            public=bool(item.get("public", False)),
        )
        if option.menu not in known:
            raise ValueError(f"menus.toml: option {option.number} names unknown menu {option.menu}")
        options.append(option)
    return Registry(menus=menus, options=tuple(options))


def visible_menus(actor: Viewer) -> list[Menu]:
    if actor.user_class == GUEST:
        public = {option.menu for option in registry().options if option.public}
        return [menu for menu in registry().menus if menu.id in public]
    staff = actor.user_class in STAFF_CLASSES
    return [menu for menu in registry().menus if staff or not menu.staff_only]


def is_public(number: str) -> bool:
    """May a guest open option `number` (marked `public` in menus.toml)?"""
    option = registry().option(number)
    return option is not None and option.public


def options_for(actor: Viewer, available_screens: frozenset[str] | set[str]) -> list[MenuOption]:
    """Options the actor may open whose screens exist, in registry order."""
    return [
        option
        for option in registry().options
        if option.allowed(actor.user_class)
        and granted(actor, option.number)
        and option.screen in available_screens
    ]


def granted(actor: Viewer, number: str) -> bool:
    """An Empleado's options are those his Representante granted (`Viewer.granted`, loaded at
    login; services check the store again with `permissions.require_option`)."""
    return actor.granted is None or number in actor.granted


def can_open(actor: Viewer, number: str) -> bool:
    option = registry().option(number)
    return option is not None and option.allowed(actor.user_class) and granted(actor, number)


def search(options: list[MenuOption], query: str, language: str) -> list[MenuOption]:
    """Options whose number starts with the query, then those whose words contain it."""
    wanted = fold(query.strip())
    if not wanted:
        return list(options)
    by_number = [o for o in options if o.number.startswith(wanted.upper()) or o.number == wanted]
    words = [
        o
        for o in options
        if o not in by_number
        and all(
            part in fold(" ".join((o.title_es, o.title_en, *o.keywords))) for part in wanted.split()
        )
    ]
    return by_number + words
