"""Form specs (`data/forms/<id>.toml`, format in docs/forms.md): loaded and checked strictly.

A mistake in a spec (an unknown type or rule, a rule that does not apply to the type, a rule
naming a missing field, a missing catalog, a duplicate name) fails at load with `SpecError`
naming the file and the field, never later in front of a user. What a loaded spec holds is
in `forms.fields`.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from typing import Any

from ecuapass_tui.core.resources import data_file
from ecuapass_tui.forms.bounds import bound_order_ok, is_bound
from ecuapass_tui.forms.fields import (
    ALL_RULES,
    CATALOGS,
    COLUMN_TYPES,
    FILE_KINDS,
    RULES,
    TYPES,
    FieldSpec,
    FormSpec,
    Option,
    RequiredWhen,
    Section,
)

_BASE_KEYS = frozenset({"name", "type", "label_es", "label_en", "help_es", "help_en"})
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_FORM_KEYS = frozenset(
    {"id", "title_es", "title_en", "help_es", "help_en", "max_total_kb", "section"}
)
_SECTION_KEYS = frozenset({"id", "title_es", "title_en", "help_es", "help_en", "field"})


class SpecError(ValueError):
    """A form spec that cannot be used; names the file and, when there is one, the field."""

    def __init__(self, source: str, problem: str, field: str | None = None) -> None:
        self.source = source
        self.field = field
        self.problem = problem
        where = f"{source}: field {field!r}" if field else source
        super().__init__(f"{where}: {problem}")


# --- loading -------------------------------------------------------------------------------


def load_spec(form_id: str) -> FormSpec:
    """The checked spec `data/forms/<form_id>.toml`; SpecError when missing or wrong."""
    return _load_cached(form_id)


@cache
def _load_cached(form_id: str) -> FormSpec:
    source = f"{form_id}.toml"
    if not _NAME.fullmatch(form_id):
        raise SpecError(source, "a form id is [a-z][a-z0-9_]*")
    node = data_file("forms", source)
    if not node.is_file():
        raise SpecError(source, "no such form spec in data/forms")
    return parse_spec(node.read_text(encoding="utf-8"), source)


def load_all_specs() -> dict[str, FormSpec]:
    """Every shipped spec by id, in file name order."""
    folder = data_file("forms")
    if not folder.is_dir():
        return {}
    names = sorted(item.name for item in folder.iterdir() if item.name.endswith(".toml"))
    return {name.removesuffix(".toml"): load_spec(name.removesuffix(".toml")) for name in names}


def parse_spec(text: str, source_name: str) -> FormSpec:
    """Parse and check a spec. When `source_name` ends in .toml its stem must be the id."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SpecError(source_name, f"not valid TOML: {error}") from None
    return _Checker(source_name).form(data)


class _Checker:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, problem: str, field: str | None = None) -> SpecError:
        return SpecError(self.source, problem, field)

    def text(self, data: dict[str, Any], key: str, field: str | None, *, needed: bool) -> str:
        value = data.get(key, "")
        if not isinstance(value, str) or (needed and not value.strip()):
            raise self.fail(f"{key} must be a non-empty string", field)
        return value

    def count(self, data: dict[str, Any], key: str, field: str | None) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(f"{key} must be a whole number >= 0", field)
        return value

    def flag(self, data: dict[str, Any], key: str, field: str | None) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(f"{key} must be true or false", field)
        return value

    def form(self, data: dict[str, Any]) -> FormSpec:
        unknown = sorted(set(data) - _FORM_KEYS)
        if unknown:
            raise self.fail(f"unknown key(s) {unknown}")
        form_id = self.text(data, "id", None, needed=True)
        if not _NAME.fullmatch(form_id):
            raise self.fail(f"id {form_id!r} must match [a-z][a-z0-9_]*")
        if self.source.endswith(".toml"):
            stem = self.source.rsplit("/", 1)[-1].removesuffix(".toml")
            if form_id != stem:
                raise self.fail(f"id {form_id!r} is not the file name {stem!r}")
        sections_data = data.get("section")
        if not isinstance(sections_data, list) or not sections_data:
            raise self.fail("at least one [[section]] is needed")
        sections = tuple(self.section(item) for item in sections_data)
        ids = [s.id for s in sections]
        for section_id in ids:
            if ids.count(section_id) > 1:
                raise self.fail(f"duplicate section id {section_id!r}")
        fields = [f for s in sections for f in s.fields]
        if not fields:
            raise self.fail("the form has no fields")
        self.check_names(fields)
        for item in fields:
            self.check_references(item, fields)
            for column in item.columns:
                self.check_references(column, list(item.columns), table=item.name)
        return FormSpec(
            id=form_id,
            title_es=self.text(data, "title_es", None, needed=True),
            title_en=self.text(data, "title_en", None, needed=True),
            help_es=self.text(data, "help_es", None, needed=False),
            help_en=self.text(data, "help_en", None, needed=False),
            max_total_kb=self.count(data, "max_total_kb", None),
            sections=sections,
            source=self.source,
        )

    def section(self, data: object) -> Section:
        if not isinstance(data, dict):
            raise self.fail("a [[section]] must be a table")
        unknown = sorted(set(data) - _SECTION_KEYS)
        if unknown:
            raise self.fail(f"section {data.get('id')!r}: unknown key(s) {unknown}")
        section_id = self.text(data, "id", None, needed=True)
        fields_data = data.get("field", [])
        if not isinstance(fields_data, list):
            raise self.fail(f"section {section_id!r}: [[section.field]] must be a list")
        return Section(
            id=section_id,
            title_es=self.text(data, "title_es", None, needed=True),
            title_en=self.text(data, "title_en", None, needed=True),
            help_es=self.text(data, "help_es", None, needed=False),
            help_en=self.text(data, "help_en", None, needed=False),
            fields=tuple(self.field(item) for item in fields_data),
        )

    def check_names(self, fields: list[FieldSpec], table: str | None = None) -> None:
        seen: set[str] = set()
        for item in fields:
            shown = f"{table}.{item.name}" if table else item.name
            if item.name in seen:
                raise self.fail("duplicate field name", shown)
            seen.add(item.name)
        for item in fields:
            if item.confirm and f"{item.name}__confirm" in seen:
                raise self.fail(f"{item.name}__confirm is its confirmation input", item.name)
            if item.columns:
                self.check_names(list(item.columns), table=item.name)

    def field(self, data: object, *, table: str | None = None) -> FieldSpec:
        """One [[section.field]] (or one of a table's columns), checked rule by rule."""
        if not isinstance(data, dict):
            raise self.fail("a field must be a table", table)
        name = data.get("name")
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise self.fail(f"name {name!r} must match [a-z][a-z0-9_]*", table)
        shown = f"{table}.{name}" if table else name
        kind = self.kind(data, shown, column=table is not None)
        values: dict[str, Any] = {"name": name, "type": kind}
        values |= self.wording(data, shown)
        values |= self.counts(data, shown)
        values |= self.links(data, shown)
        values |= self.text_pattern(data, shown)
        values |= self.bounds(kind, data, shown)
        values |= self.choices(kind, data, shown)
        if "accept" in data:
            values["accept"] = self.accept(data["accept"], shown)
        if kind == "table":
            columns = data.get("columns")
            if not isinstance(columns, list) or not columns:
                raise self.fail("a table needs columns", shown)
            values["columns"] = tuple(self.field(item, table=name) for item in columns)
        return FieldSpec(**values)

    def kind(self, data: dict[str, Any], shown: str, *, column: bool) -> str:
        """The field's type, once every key of the field is known to apply to it."""
        kind = data.get("type")
        if not isinstance(kind, str) or kind not in TYPES:
            raise self.fail(f"unknown type {kind!r}", shown)
        if column and kind not in COLUMN_TYPES:
            raise self.fail(f"type {kind!r} cannot be a table column", shown)
        for key in sorted(set(data) - _BASE_KEYS):
            if key not in ALL_RULES:
                raise self.fail(f"unknown rule {key!r}", shown)
            if key not in RULES[kind]:
                raise self.fail(f"rule {key!r} does not apply to type {kind!r}", shown)
        return kind

    def wording(self, data: dict[str, Any], shown: str) -> dict[str, Any]:
        """Labels, help and hints in both languages, and the yes/no rules."""
        values: dict[str, Any] = {
            "label_es": self.text(data, "label_es", shown, needed=True),
            "label_en": self.text(data, "label_en", shown, needed=True),
            "help_es": self.text(data, "help_es", shown, needed=False),
            "help_en": self.text(data, "help_en", shown, needed=False),
            "required": self.flag(data, "required", shown),
            "not_future": self.flag(data, "not_future", shown),
            "confirm": self.flag(data, "confirm", shown),
            "pattern_hint_es": self.text(data, "pattern_hint_es", shown, needed=False),
            "pattern_hint_en": self.text(data, "pattern_hint_en", shown, needed=False),
        }
        if values["required"] and "required_when" in data:
            raise self.fail("required and required_when together", shown)
        return values

    def counts(self, data: dict[str, Any], shown: str) -> dict[str, Any]:
        """Lengths, files and rows: whole numbers, each minimum at most its maximum."""
        values: dict[str, Any] = {}
        for low, high in (
            ("min_length", "max_length"),
            ("min_files", "max_files"),
            ("min_rows", "max_rows"),
        ):
            values[low] = self.count(data, low, shown)
            values[high] = self.count(data, high, shown)
            if values[low] is not None and values[high] is not None and values[low] > values[high]:
                raise self.fail(f"{low} is greater than {high}", shown)
        values["max_file_kb"] = self.count(data, "max_file_kb", shown)
        return values

    def links(self, data: dict[str, Any], shown: str) -> dict[str, Any]:
        """Rules naming another field (checked against the form by `check_references`)."""
        values: dict[str, Any] = {}
        if "required_when" in data:
            values["required_when"] = self.required_when(data["required_when"], shown)
        if "equals" in data:
            if not isinstance(data["equals"], str):
                raise self.fail("equals must name a field", shown)
            values["equals"] = data["equals"]
        return values

    def text_pattern(self, data: dict[str, Any], shown: str) -> dict[str, Any]:
        if "pattern" in data:
            return {"pattern": self.pattern(data["pattern"], shown)}
        if "pattern_hint_es" in data or "pattern_hint_en" in data:
            raise self.fail("pattern_hint without pattern", shown)
        return {}

    def bounds(self, kind: str, data: dict[str, Any], shown: str) -> dict[str, Any]:
        values: dict[str, Any] = {
            key: self.bound(kind, key, data[key], shown)
            for key in ("min_value", "max_value")
            if key in data
        }
        if len(values) == 2 and not bound_order_ok(kind, values["min_value"], values["max_value"]):
            raise self.fail("min_value is greater than max_value", shown)
        return values

    def choices(self, kind: str, data: dict[str, Any], shown: str) -> dict[str, Any]:
        """A select or radio takes its options inline or from a catalog, never both."""
        if kind not in ("select", "radio"):
            return {}
        has_options, has_catalog = "options" in data, "catalog" in data
        if has_options == has_catalog:
            raise self.fail("give either options or catalog (one of them)", shown)
        if has_options:
            return {"options": self.options(data["options"], shown)}
        if data["catalog"] not in CATALOGS:
            raise self.fail(f"unknown catalog {data['catalog']!r}", shown)
        return {"catalog": data["catalog"]}

    def accept(self, accept: object, shown: str) -> tuple[str, ...]:
        if (
            not isinstance(accept, list)
            or not accept
            or any(kind_ not in FILE_KINDS for kind_ in accept)
        ):
            raise self.fail(f"accept must be a non-empty list of {list(FILE_KINDS)}", shown)
        return tuple(dict.fromkeys(accept))

    def required_when(self, data: object, shown: str) -> RequiredWhen:
        if not isinstance(data, dict) or not isinstance(data.get("field"), str):
            raise self.fail("required_when needs field = '...'", shown)
        keys = set(data) - {"field"}
        if keys not in ({"equals"}, {"in"}):
            raise self.fail("required_when needs exactly one of equals or in", shown)
        wanted = [data["equals"]] if "equals" in data else data["in"]
        if (
            not isinstance(wanted, list)
            or not wanted
            or not all(isinstance(v, str | int | bool) for v in wanted)
        ):
            raise self.fail("required_when values must be strings, numbers or booleans", shown)
        return RequiredWhen(field=data["field"], values=tuple(wanted))

    def pattern(self, value: object, shown: str) -> str:
        if not isinstance(value, str) or not value:
            raise self.fail("pattern must be a regular expression", shown)
        try:
            re.compile(value)
        except re.error as error:
            raise self.fail(f"pattern does not compile: {error}", shown) from None
        return value

    def bound(self, kind: str, key: str, value: object, shown: str) -> int | float | str:
        if not is_bound(kind, value):
            raise self.fail(f"{key} {value!r} is not a bound for type {kind!r}", shown)
        assert isinstance(value, int | float | str)
        return value

    def options(self, data: object, shown: str) -> tuple[Option, ...]:
        if not isinstance(data, list) or not data:
            raise self.fail("options must be a non-empty list", shown)
        options = []
        for item in data:
            if (
                not isinstance(item, dict)
                or set(item) != {"value", "label_es", "label_en"}
                or not all(isinstance(v, str) and v for v in item.values())
            ):
                raise self.fail("each option is { value, label_es, label_en } (strings)", shown)
            options.append(Option(item["value"], item["label_es"], item["label_en"]))
        values = [o.value for o in options]
        if len(set(values)) != len(values):
            raise self.fail("duplicate option value", shown)
        return tuple(options)

    def check_references(
        self, item: FieldSpec, scope: list[FieldSpec], table: str | None = None
    ) -> None:
        shown = f"{table}.{item.name}" if table else item.name
        by_name = {f.name: f for f in scope}
        where = f"in table {table!r}" if table else "in the form"
        if item.required_when is not None:
            other = by_name.get(item.required_when.field)
            if other is None:
                raise self.fail(
                    f"required_when names {item.required_when.field!r}, no such field {where}",
                    shown,
                )
            if other is item:
                raise self.fail("required_when names the field itself", shown)
            if other.type in ("attachments", "table"):
                raise self.fail("required_when must name a scalar field", shown)
            if other.options:
                known = {o.value for o in other.options}
                for wanted in item.required_when.values:
                    if wanted not in known:
                        raise self.fail(
                            f"required_when value {wanted!r} is not an option of {other.name!r}",
                            shown,
                        )
        if item.equals is not None:
            other = by_name.get(item.equals)
            if other is None:
                raise self.fail(f"equals names {item.equals!r}, no such field {where}", shown)
            if other is item or other.type in ("attachments", "table"):
                raise self.fail("equals must name another scalar field", shown)
