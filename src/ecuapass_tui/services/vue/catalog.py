"""The institutions that answer through the VUE and the forms they take
(`data/vue/catalog.toml`), read once."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from ecuapass_tui.core.resources import read_toml
from ecuapass_tui.services.errors import NotFound
from ecuapass_tui.services.vue.dto import Institution, VueForm

ACOMPANAMIENTO = "acompanamiento"
ORIGEN = "origen"


@cache
def _catalog() -> tuple[dict[str, Institution], dict[str, VueForm]]:
    data = read_toml("vue", "catalog.toml")
    institutions = {
        str(row["code"]): Institution(str(row["code"]), str(row["short_name"]), str(row["name"]))
        for row in data["institution"]
    }
    forms = {
        str(row["code"]): VueForm(
            code=str(row["code"]),
            institution_code=str(row["institution"]),
            name=str(row["name"]),
            kind=str(row["kind"]),
            spec_id=str(row["spec"]),
            fee=Decimal(str(row["fee"])),
        )
        for row in data["form"]
    }
    return institutions, forms


def institutions() -> list[Institution]:
    return list(_catalog()[0].values())


def institution(code: str) -> Institution:
    found = _catalog()[0].get(code)
    if found is None:
        raise NotFound("vue_institution_unknown")
    return found


def forms(institution_code: str = "", kind: str = ACOMPANAMIENTO) -> list[VueForm]:
    return [
        form
        for form in _catalog()[1].values()
        if (not institution_code or form.institution_code == institution_code)
        and (not kind or form.kind == kind)
    ]


def form(code: str) -> VueForm:
    found = _catalog()[1].get(code)
    if found is None:
        raise NotFound("vue_form_unknown")
    return found


def origin_form() -> VueForm:
    """The form of a certificate of origin (MIPRO's)."""
    return forms(kind=ORIGEN)[0]
