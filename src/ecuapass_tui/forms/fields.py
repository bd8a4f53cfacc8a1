"""What a form spec holds once loaded (FormSpec -> Section -> FieldSpec, Option) and the words
a spec may use: the field types, the rules each type takes, the catalogs, the file kinds.

`forms.spec` reads and checks the TOML files into these; the format is in docs/forms.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

TYPES = frozenset(
    {
        "text",
        "textarea",
        "integer",
        "decimal",
        "date",
        "datetime",
        "select",
        "radio",
        "checkbox",
        "email",
        "phone",
        "ruc",
        "id_document",
        "password",
        "attachments",
        "table",
    }
)
# Types a table column may have (one cell = one scalar value).
COLUMN_TYPES = frozenset(
    {
        "text",
        "textarea",
        "integer",
        "decimal",
        "date",
        "datetime",
        "select",
        "radio",
        "checkbox",
        "email",
        "phone",
        "ruc",
    }
)
CATALOGS = frozenset(
    {"oce_types", "districts", "provinces", "cantons", "menu_options", "persona_types"}
)
FILE_KINDS = ("pdf", "png", "jpeg", "docx")

_TEXT_RULES = {"min_length", "max_length", "pattern", "pattern_hint_es", "pattern_hint_en"}
_VALUE_RULES = {"min_value", "max_value"}
_FILE_RULES = {"min_files", "max_files", "max_file_kb", "accept"}
_TABLE_RULES = {"columns", "min_rows", "max_rows"}
_COMMON = {"required", "required_when"}
_SCALAR = _COMMON | {"equals"}
RULES: dict[str, frozenset[str]] = {
    "text": frozenset(_SCALAR | _TEXT_RULES),
    "textarea": frozenset(_SCALAR | _TEXT_RULES),
    "password": frozenset(_SCALAR | {"min_length", "max_length", "confirm"}),
    "integer": frozenset(_SCALAR | _VALUE_RULES),
    "decimal": frozenset(_SCALAR | _VALUE_RULES),
    "date": frozenset(_SCALAR | _VALUE_RULES | {"not_future"}),
    "datetime": frozenset(_SCALAR | _VALUE_RULES | {"not_future"}),
    "select": frozenset(_SCALAR | {"options", "catalog"}),
    "radio": frozenset(_SCALAR | {"options"}),
    "checkbox": frozenset(_SCALAR),
    "email": frozenset(_SCALAR),
    "phone": frozenset(_SCALAR),
    "ruc": frozenset(_SCALAR),
    "id_document": frozenset(_SCALAR),
    "attachments": frozenset(_COMMON | _FILE_RULES),
    "table": frozenset(_COMMON | _TABLE_RULES),
}
ALL_RULES = frozenset().union(*RULES.values())


@dataclass(frozen=True)
class Option:
    value: str
    label_es: str
    label_en: str

    def label(self, language: str) -> str:
        return self.label_en if language == "en" else self.label_es


@dataclass(frozen=True)
class RequiredWhen:
    field: str
    values: tuple[str | int | bool, ...]  # `equals = v` is stored as (v,)


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    label_es: str
    label_en: str
    help_es: str = ""
    help_en: str = ""
    required: bool = False
    required_when: RequiredWhen | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    pattern_hint_es: str = ""
    pattern_hint_en: str = ""
    min_value: int | float | str | None = None
    max_value: int | float | str | None = None
    not_future: bool = False
    equals: str | None = None
    options: tuple[Option, ...] = ()
    catalog: str | None = None
    confirm: bool = False
    min_files: int | None = None
    max_files: int | None = None
    max_file_kb: int | None = None
    accept: tuple[str, ...] = FILE_KINDS
    columns: tuple[FieldSpec, ...] = ()
    min_rows: int | None = None
    max_rows: int | None = None

    def label(self, language: str) -> str:
        return self.label_en if language == "en" else self.label_es

    def help(self, language: str) -> str:
        return self.help_en if language == "en" else self.help_es


@dataclass(frozen=True)
class Section:
    id: str
    title_es: str
    title_en: str
    fields: tuple[FieldSpec, ...]
    help_es: str = ""
    help_en: str = ""

    def title(self, language: str) -> str:
        return self.title_en if language == "en" else self.title_es

    def help(self, language: str) -> str:
        return self.help_en if language == "en" else self.help_es


@dataclass(frozen=True)
class FormSpec:
    id: str
    title_es: str
    title_en: str
    sections: tuple[Section, ...]
    max_total_kb: int | None = None
    help_es: str = ""
    help_en: str = ""
    source: str = ""

    def title(self, language: str) -> str:
        return self.title_en if language == "en" else self.title_es

    def fields(self) -> Iterator[FieldSpec]:
        """Every top-level field, in file order."""
        for section in self.sections:
            yield from section.fields

    def field(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields() if f.name == name), None)
