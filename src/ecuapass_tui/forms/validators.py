"""One converter per field type, and `convert` that picks it: raw input (text typed in a
terminal, or an already-typed value from an importer) becomes the typed value, or a `Problem`.

Text, numbers and dates have their modules (`values`, `numbers`, `dates`); the choices (inline
options and catalogs) and the identity and contact types are here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import cache
from typing import Final

from ecuapass_tui.core.identity import check_cedula, check_email, check_ruc
from ecuapass_tui.core.menus import registry
from ecuapass_tui.core.resources import read_csv
from ecuapass_tui.core.text import clean, fold
from ecuapass_tui.forms.dates import to_date, to_datetime
from ecuapass_tui.forms.fields import FieldSpec, Option
from ecuapass_tui.forms.numbers import to_decimal, to_integer
from ecuapass_tui.forms.values import EMPTY, Converted, Problem, text_value, to_password, to_text

_PASSPORT = re.compile(r"[A-Z0-9]{5,20}", re.ASCII)
_TRUE = frozenset({"true", "1", "si", "sí", "yes", "x", "s", "y"})
_FALSE = frozenset({"false", "0", "no", "n", ""})

PERSONA_TYPES: Final = (
    Option("juridica_privada", "Jurídica Privada", "Private legal entity"),
    Option("juridica_publica", "Jurídica Pública", "Public legal entity"),
    Option("natural_ecuatoriana", "Natural Ecuatoriana", "Ecuadorian natural person"),
    Option("natural_extranjera", "Natural Extranjera", "Foreign natural person"),
)


# --- choices -----------------------------------------------------------------------------


@cache
def catalog_options(name: str) -> tuple[Option, ...]:
    """The options of a catalog, in catalog order."""
    if name == "persona_types":
        return PERSONA_TYPES
    if name == "menu_options":
        return tuple(Option(o.number, o.label("es"), o.label("en")) for o in registry().options)
    if name == "oce_types":
        rows = read_csv("catalogs", "oce_types.csv")
        return tuple(Option(r["code"], r["name_es"], r["name_en"]) for r in rows)
    if name in ("districts", "provinces"):
        rows = read_csv("catalogs", f"{name}.csv")
        return tuple(Option(r["code"], r["name"], r["name"]) for r in rows)
    if name == "cantons":
        provinces = {r["code"]: r["name"] for r in read_csv("catalogs", "provinces.csv")}
        rows = read_csv("catalogs", "cantons.csv")
        return tuple(
            Option(
                r["code"],
                f"{r['name']} ({provinces.get(r['province_code'], '')})",
                f"{r['name']} ({provinces.get(r['province_code'], '')})",
            )
            for r in rows
        )
    raise KeyError(name)


def options_for(spec: FieldSpec) -> tuple[Option, ...]:
    """The choices of a select or radio field (inline options or its catalog)."""
    if spec.catalog:
        return catalog_options(spec.catalog)
    return spec.options


def to_choice(spec: FieldSpec, raw: object) -> Converted:
    """The option's value; an exact value, or (for importers) a label in either language."""
    text = text_value(raw)
    if not isinstance(text, str):
        return text if text is EMPTY else Problem("not_option")
    options = options_for(spec)
    for option in options:
        if option.value == text:
            return option.value
    wanted = fold(text)
    matches = {o.value for o in options if wanted in (fold(o.label_es), fold(o.label_en))}
    if len(matches) == 1:
        return matches.pop()
    return Problem("not_option")


def to_checkbox(spec: FieldSpec, raw: object) -> Converted:
    if raw is None:
        return False
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int):
        return Problem("invalid") if raw not in (0, 1) else bool(raw)
    if isinstance(raw, str):
        word = clean(raw, single_line=True).strip().casefold()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    return Problem("invalid")


# --- identity and contact ----------------------------------------------------------------


def to_email(spec: FieldSpec, raw: object) -> Converted:
    text = text_value(raw)
    if not isinstance(text, str):
        return text
    if len(text) > 254 or check_email(text) is not None:
        return Problem("email_invalid")
    # Imported on first use, as in core.identity: the login screen does not need it to draw.
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError:
        return Problem("email_invalid")


def to_phone(spec: FieldSpec, raw: object) -> Converted:
    text = text_value(raw)
    if not isinstance(text, str):
        return text
    if len(text) > 40:
        return Problem("phone_invalid")
    # Imported on first use (about 16 ms): the login screen does not need it to draw.
    import phonenumbers

    try:
        number = phonenumbers.parse(text, "EC")
    except phonenumbers.NumberParseException:
        return Problem("phone_invalid")
    if not phonenumbers.is_valid_number(number):
        return Problem("phone_invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def to_ruc(spec: FieldSpec, raw: object) -> Converted:
    text = text_value(raw)
    if not isinstance(text, str):
        return text
    code = check_ruc(text)
    return Problem(code) if code else text


def _document_type(raw: object) -> str | None:
    if not isinstance(raw, str):
        return None
    word = fold(clean(raw, single_line=True).strip())
    return word if word in ("cedula", "ruc", "pasaporte") else None


def to_id_document(spec: FieldSpec, raw: object) -> Converted:
    if raw is None:
        return EMPTY
    if not isinstance(raw, Mapping):
        return Problem("invalid")
    number = text_value(raw.get("number"))
    if number is EMPTY:
        return EMPTY
    if not isinstance(number, str):
        return number
    kind = _document_type(raw.get("type"))
    if kind is None:
        return Problem("document_type")
    if kind == "pasaporte":
        number = number.replace(" ", "").upper()
        if not _PASSPORT.fullmatch(number):
            return Problem("passport_invalid")
    else:
        code = (check_cedula if kind == "cedula" else check_ruc)(number)
        if code:
            return Problem(code)
    return {"type": kind, "number": number}


# --- dispatch ----------------------------------------------------------------------------


def _ignore_now(func: Callable[[FieldSpec, object], Converted]) -> Callable[..., Converted]:
    return lambda spec, raw, now: func(spec, raw)


CONVERTERS: dict[str, Callable[[FieldSpec, object, datetime], Converted]] = {
    "text": _ignore_now(to_text),
    "textarea": _ignore_now(to_text),
    "password": _ignore_now(to_password),
    "integer": to_integer,
    "decimal": to_decimal,
    "date": to_date,
    "datetime": to_datetime,
    "select": _ignore_now(to_choice),
    "radio": _ignore_now(to_choice),
    "checkbox": _ignore_now(to_checkbox),
    "email": _ignore_now(to_email),
    "phone": _ignore_now(to_phone),
    "ruc": _ignore_now(to_ruc),
    "id_document": _ignore_now(to_id_document),
}


def convert(spec: FieldSpec, raw: object, now: datetime) -> Converted:
    """The typed value, EMPTY, a Problem, or a list of Problems, for one scalar field."""
    return CONVERTERS[spec.type](spec, raw, now)
