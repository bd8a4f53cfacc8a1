"""One converter per field type: raw input (text typed in a terminal, or an already-typed value
from an importer) becomes the typed value, or a `Problem` (an error code and its parameters).

Converters never raise: any input they do not understand is a `Problem("invalid")`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any, Final
from zoneinfo import ZoneInfo

from ecuapass_tui.core.identity import check_cedula, check_email, check_ruc
from ecuapass_tui.core.menus import registry
from ecuapass_tui.core.resources import read_csv
from ecuapass_tui.core.text import clean, fold
from ecuapass_tui.formats import parse_decimal
from ecuapass_tui.forms.spec import FieldSpec, Option

GUAYAQUIL: Final = ZoneInfo("America/Guayaquil")
MAX_TEXT: Final = 100_000  # characters of any text value, whatever the spec says
MAX_NUMBER_CHARS: Final = 40
_INTEGER = re.compile(r"[+-]?[0-9]{1,40}", re.ASCII)
_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})", re.ASCII)
_DATETIME = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\s+([0-9]{1,2}):([0-9]{2})", re.ASCII)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_ISO_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?", re.ASCII)
_PASSPORT = re.compile(r"[A-Z0-9]{5,20}", re.ASCII)
_TRUE = frozenset({"true", "1", "si", "sí", "yes", "x", "s", "y"})
_FALSE = frozenset({"false", "0", "no", "n", ""})

PERSONA_TYPES: Final = (
    Option("juridica_privada", "Jurídica Privada", "Private legal entity"),
    Option("juridica_publica", "Jurídica Pública", "Public legal entity"),
    Option("natural_ecuatoriana", "Natural Ecuatoriana", "Ecuadorian natural person"),
    Option("natural_extranjera", "Natural Extranjera", "Foreign natural person"),
)


@dataclass(frozen=True)
class Problem:
    code: str
    params: dict[str, Any] = field(default_factory=dict)


class _Empty:
    def __repr__(self) -> str:
        return "EMPTY"


EMPTY: Final = _Empty()
"""Nothing was given (None, blank text, an empty document number)."""

Converted = Any  # the typed value, EMPTY, or a Problem


# --- text --------------------------------------------------------------------------------


def _as_text(raw: object) -> str | None:
    """The input as text, or None when it is not something a text can come from."""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, int | Decimal) and not isinstance(raw, bool):
        return str(raw)
    return None


def text_value(raw: object, *, multiline: bool = False, strip: bool = True) -> Converted:
    if raw is None:
        return EMPTY
    text = _as_text(raw)
    if text is None:
        return Problem("invalid")
    if len(text) > MAX_TEXT * 2:
        return Problem("too_long", {"max": MAX_TEXT})
    text = clean(text, single_line=not multiline)
    if strip:
        text = text.strip()
    if not text.strip():
        return EMPTY
    if len(text) > MAX_TEXT:
        return Problem("too_long", {"max": MAX_TEXT})
    return text


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def text_rules(spec: FieldSpec, value: str) -> list[Problem]:
    problems = []
    if spec.min_length is not None and len(value) < spec.min_length:
        problems.append(Problem("too_short", {"min": spec.min_length}))
    if spec.max_length is not None and len(value) > spec.max_length:
        problems.append(Problem("too_long", {"max": spec.max_length}))
    if spec.pattern and not _compiled(spec.pattern).fullmatch(value):
        problems.append(
            Problem("pattern", {"hint_es": spec.pattern_hint_es, "hint_en": spec.pattern_hint_en})
        )
    return problems


def to_text(spec: FieldSpec, raw: object) -> Converted:
    value = text_value(raw, multiline=spec.type == "textarea")
    if isinstance(value, str):
        problems = text_rules(spec, value)
        if problems:
            return problems[0] if len(problems) == 1 else problems
    return value


def to_password(spec: FieldSpec, raw: object) -> Converted:
    value = text_value(raw, strip=False)
    if isinstance(value, str):
        problems = text_rules(spec, value)
        if problems:
            return problems[0]
    return value


# --- numbers -----------------------------------------------------------------------------


def integer_value(raw: object) -> Converted:
    if raw is None:
        return EMPTY
    if isinstance(raw, bool):
        return Problem("not_integer")
    if isinstance(raw, int):
        return raw if abs(raw) < 10**MAX_NUMBER_CHARS else Problem("not_integer")
    if isinstance(raw, Decimal | float):
        try:
            if raw == raw.to_integral_value() if isinstance(raw, Decimal) else raw.is_integer():
                return integer_value(int(raw))
        except (ValueError, OverflowError, InvalidOperation):
            pass
        return Problem("not_integer")
    text = text_value(raw)
    if not isinstance(text, str):
        return text if text is EMPTY else Problem("not_integer")
    text = text.replace(" ", "")
    if not _INTEGER.fullmatch(text):
        return Problem("not_integer")
    return int(text)


def decimal_value(raw: object) -> Converted:
    if raw is None:
        return EMPTY
    if isinstance(raw, bool):
        return Problem("not_decimal")
    if isinstance(raw, int):
        raw = str(raw)
    if isinstance(raw, float):
        raw = repr(raw) if raw == raw and abs(raw) != float("inf") else "x"
    if isinstance(raw, Decimal):
        ok = raw.is_finite() and len(str(raw)) <= MAX_NUMBER_CHARS and abs(raw.adjusted()) < 30
        return raw if ok else Problem("not_decimal")
    text = text_value(raw)
    if not isinstance(text, str):
        return text if text is EMPTY else Problem("not_decimal")
    text = text.replace(" ", "")
    parsed = parse_decimal(text) if len(text) <= MAX_NUMBER_CHARS else None
    return parsed if parsed is not None else Problem("not_decimal")


def number_rules(spec: FieldSpec, value: int | Decimal) -> Converted:
    low = _number_bound(spec.min_value)
    high = _number_bound(spec.max_value)
    if low is not None and value < low:
        return Problem("too_small", {"min": low})
    if high is not None and value > high:
        return Problem("too_large", {"max": high})
    return value


def _number_bound(bound: object) -> Decimal | None:
    if bound is None or isinstance(bound, bool):
        return None
    try:
        return Decimal(str(bound).replace(",", "."))
    except InvalidOperation:
        return None


def to_integer(spec: FieldSpec, raw: object, now: datetime) -> Converted:
    value = integer_value(raw)
    return number_rules(spec, value) if isinstance(value, int) else value


def to_decimal(spec: FieldSpec, raw: object, now: datetime) -> Converted:
    value = decimal_value(raw)
    return number_rules(spec, value) if isinstance(value, Decimal) else value


# --- dates -------------------------------------------------------------------------------


def local_now(now: object) -> datetime:
    """`now` in America/Guayaquil (a naive one is taken as UTC; anything else is the clock)."""
    if not isinstance(now, datetime):
        now = datetime.now(UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return now.astimezone(GUAYAQUIL)


def date_value(raw: object) -> Converted:
    if raw is None:
        return EMPTY
    if isinstance(raw, datetime):
        return Problem("date_format")
    if isinstance(raw, date):
        return raw
    text = text_value(raw)
    if not isinstance(text, str):
        return text if text is EMPTY else Problem("date_format")
    try:
        if match := _DATE.fullmatch(text):
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day)
        if _ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        return Problem("date_invalid")
    return Problem("date_format")


def datetime_value(raw: object) -> Converted:
    if raw is None:
        return EMPTY
    if isinstance(raw, datetime):
        try:
            if raw.tzinfo is None:
                return raw.replace(tzinfo=GUAYAQUIL)
            return raw.astimezone(GUAYAQUIL)
        except (OverflowError, ValueError):
            return Problem("datetime_format")
    text = text_value(raw)
    if not isinstance(text, str):
        return text if text is EMPTY else Problem("datetime_format")
    try:
        if match := _DATETIME.fullmatch(text):
            day, month, year, hour, minute = (int(part) for part in match.groups())
            return datetime(year, month, day, hour, minute, tzinfo=GUAYAQUIL)
        if _ISO_DATETIME.fullmatch(text):
            return datetime.fromisoformat(text).replace(tzinfo=GUAYAQUIL)
    except ValueError:
        return Problem("date_invalid")
    return Problem("datetime_format")


def date_bound(bound: object, now: datetime, *, with_time: bool) -> date | datetime | None:
    """A min/max bound: "today" (a date), an ISO date, or (datetime fields) an ISO date-time."""
    if not isinstance(bound, str):
        return None
    if bound == "today":
        return local_now(now).date()
    try:
        if with_time and ("T" in bound or " " in bound):
            moment = datetime.fromisoformat(bound)
            return moment.replace(tzinfo=GUAYAQUIL) if moment.tzinfo is None else moment
        return date.fromisoformat(bound)
    except ValueError:
        return None


def _compare_key(value: date, bound: date | datetime) -> tuple[object, object]:
    """Dates compare with dates; a date-time compares with a date bound by its local day."""
    if isinstance(value, datetime) and not isinstance(bound, datetime):
        return value.astimezone(GUAYAQUIL).date(), bound
    if isinstance(bound, datetime) and not isinstance(value, datetime):
        return value, bound.astimezone(GUAYAQUIL).date()
    return value, bound


def date_rules(spec: FieldSpec, value: date, now: datetime) -> Converted:
    with_time = isinstance(value, datetime)
    low = date_bound(spec.min_value, now, with_time=with_time)
    high = date_bound(spec.max_value, now, with_time=with_time)
    if low is not None:
        a, b = _compare_key(value, low)
        if a < b:  # type: ignore[operator]
            return Problem("too_small", {"min": low})
    if high is not None:
        a, b = _compare_key(value, high)
        if a > b:  # type: ignore[operator]
            return Problem("too_large", {"max": high})
    if spec.not_future:
        current = local_now(now)
        limit: date = current if with_time else current.date()
        if value > limit:  # type: ignore[operator]
            return Problem("not_future", {"now": limit})
    return value


def to_date(spec: FieldSpec, raw: object, now: datetime) -> Converted:
    value = date_value(raw)
    return date_rules(spec, value, now) if isinstance(value, date) else value


def to_datetime(spec: FieldSpec, raw: object, now: datetime) -> Converted:
    value = datetime_value(raw)
    return date_rules(spec, value, now) if isinstance(value, datetime) else value


def bound_order_ok(kind: str, low: object, high: object) -> bool:
    """For the spec check: min_value <= max_value ("today" is never out of order)."""
    if kind in ("integer", "decimal"):
        a, b = _number_bound(low), _number_bound(high)
        return a is None or b is None or a <= b
    if low == "today" or high == "today":
        return True
    now = datetime.now(UTC)
    a2 = date_bound(low, now, with_time=kind == "datetime")
    b2 = date_bound(high, now, with_time=kind == "datetime")
    if a2 is None or b2 is None:
        return True
    x, y = _compare_key(a2, b2)
    return bool(x <= y)  # type: ignore[operator]


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
