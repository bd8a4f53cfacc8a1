"""`validate(spec, values, attachments, now=...)`: typed values, or the field errors in field order.

Whatever the input (wrong types, None, huge or hostile strings, unknown keys), the only outcome
is `Valid` or `Invalid`: nothing raises. The TUI, the CLI importers and the tests share it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from ecuapass_tui.forms.attachments import Attachment, ReadError, kb, sanitize_name, sniff
from ecuapass_tui.forms.fields import FieldSpec, FormSpec
from ecuapass_tui.forms.validators import convert
from ecuapass_tui.forms.values import EMPTY, Problem, text_value
from ecuapass_tui.i18n import language

MAX_ROWS: Final = 1000  # rows of any table, whatever the spec says
_BAD: Final = object()  # a value that did not convert; its errors are already recorded


@dataclass(frozen=True)
class FieldError:
    """One problem with one field. `field` is the field name, `<name>__confirm` for a password
    confirmation, or `<table>.<row>.<column>` (rows counted from 1) for a table cell. What the
    user reads for it comes from `texts.fields.field_text`."""

    field: str
    code: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)
    label_es: str = ""
    label_en: str = ""
    row: int | None = None
    column_es: str = ""
    column_en: str = ""

    def label(self, lang: str | None = None) -> str:
        """The field's label in `lang` (default: the current language)."""
        english = (lang or language()) == "en"
        return self.label_en if english else self.label_es


@dataclass(frozen=True)
class Valid:
    values: dict[str, Any]


@dataclass(frozen=True)
class Invalid:
    errors: list[FieldError]


def validate(
    spec: FormSpec,
    values: object,
    attachments: object = None,
    *,
    now: datetime,
) -> Valid | Invalid:
    """Check `values` (field name -> raw value) and `attachments` (field name -> list of
    Attachment or ReadError; a name missing there is looked up in `values`) against `spec`."""
    raw = values if isinstance(values, Mapping) else {}
    files = attachments if isinstance(attachments, Mapping) else {}
    fields = list(spec.fields())
    typed, errors = _Scope(fields, raw, files, now).run()
    _check_total(spec, fields, typed, errors)
    ordered = [error for item in fields for error in errors.get(item.name, [])]
    if ordered:
        return Invalid(ordered)
    return Valid(typed)


class _Scope:
    """The fields of the form, or the columns of one table row."""

    def __init__(
        self,
        fields: list[FieldSpec],
        raw: Mapping[Any, Any],
        files: Mapping[Any, Any],
        now: datetime,
        *,
        table: FieldSpec | None = None,
        row: int | None = None,
    ) -> None:
        self.fields = fields
        self.raw = raw
        self.files = files
        self.now = now
        self.table = table
        self.row = row

    def get(self, source: Mapping[Any, Any], name: str) -> object:
        try:
            return source.get(name)
        except Exception:
            return None

    def error(self, spec: FieldSpec, code: str, params: dict[str, Any] | None = None) -> FieldError:
        params = params or {}
        if self.table is None:
            return FieldError(spec.name, code, params, spec.label_es, spec.label_en)
        return FieldError(
            f"{self.table.name}.{self.row}.{spec.name}",
            code,
            params,
            self.table.label_es,
            self.table.label_en,
            self.row,
            spec.label_es,
            spec.label_en,
        )

    def run(self) -> tuple[dict[str, Any], dict[str, list[FieldError]]]:
        converted: dict[str, object] = {}
        errors: dict[str, list[FieldError]] = {f.name: [] for f in self.fields}
        for spec in self.fields:
            try:
                converted[spec.name] = self.convert(spec, errors[spec.name])
            except Exception:  # a bug must still end as a field error; tests look for it
                errors[spec.name].append(self.error(spec, "internal"))
                converted[spec.name] = _BAD
        typed: dict[str, Any] = {}
        for spec in self.fields:
            value = converted[spec.name]
            if value is _BAD:
                continue
            try:
                typed[spec.name] = self.finish(spec, value, converted, errors[spec.name])
            except Exception:
                errors[spec.name].append(self.error(spec, "internal"))
        return typed, errors

    def convert(self, spec: FieldSpec, errors: list[FieldError]) -> object:
        if spec.type == "attachments":
            items = self.get(self.files, spec.name) if spec.name in self.files else None
            if items is None:
                items = self.get(self.raw, spec.name)
            return self.attachments(spec, items, errors)
        raw = self.get(self.raw, spec.name)
        if spec.type == "table":
            return self.rows(spec, raw, errors)
        result = convert(spec, raw, self.now)
        problems = result if isinstance(result, list) else [result]
        if problems and all(isinstance(p, Problem) for p in problems):
            errors.extend(self.error(spec, p.code, p.params) for p in problems)
            return _BAD
        return result

    def finish(
        self,
        spec: FieldSpec,
        value: object,
        converted: Mapping[str, object],
        errors: list[FieldError],
    ) -> object:
        if _is_empty(spec, value):
            if self.needed(spec, converted):
                errors.append(
                    self.error(spec, "must_check" if spec.type == "checkbox" else "required")
                )
            return _empty_value(spec)
        if spec.equals is not None:
            other = converted.get(spec.equals, EMPTY)
            if other is not _BAD and other != value:
                target = next(f for f in self.fields if f.name == spec.equals)
                errors.append(
                    self.error(
                        spec,
                        "not_equal",
                        {"other_es": target.label_es, "other_en": target.label_en},
                    )
                )
        if spec.type == "password" and spec.confirm:
            again = text_value(self.get(self.raw, f"{spec.name}__confirm"), strip=False)
            if again != value:
                mismatch = self.error(spec, "password_mismatch")
                errors.append(
                    FieldError(
                        f"{spec.name}__confirm", mismatch.code, {}, spec.label_es, spec.label_en
                    )
                )
        return value

    def needed(self, spec: FieldSpec, converted: Mapping[str, object]) -> bool:
        if spec.required:
            return True
        rule = spec.required_when
        if rule is None:
            return False
        return _matches(converted.get(rule.field, EMPTY), rule.values)

    def attachments(self, spec: FieldSpec, items: object, errors: list[FieldError]) -> object:
        if items is None:
            return []
        if isinstance(items, Attachment | ReadError):
            items = [items]
        if not isinstance(items, Sequence) or isinstance(items, str | bytes | bytearray):
            errors.append(self.error(spec, "invalid"))
            return _BAD
        accepted: list[Attachment] = []
        before = len(errors)
        for item in list(items)[: MAX_ROWS + 1]:
            if isinstance(item, ReadError):
                name = sanitize_name(item.name)
                params = {**item.params, "name": name} if isinstance(item.params, dict) else {}
                errors.append(self.error(spec, str(item.code), params))
                continue
            if not isinstance(item, Attachment) or not isinstance(item.data, bytes):
                errors.append(self.error(spec, "invalid"))
                continue
            attachment = Attachment(sanitize_name(item.name), item.data)
            if spec.max_file_kb is not None and attachment.size > spec.max_file_kb * 1024:
                errors.append(
                    self.error(
                        spec,
                        "file_too_large",
                        {
                            "name": attachment.name,
                            "size": attachment.size_kb,
                            "max": spec.max_file_kb,
                        },
                    )
                )
            elif sniff(attachment.data) not in spec.accept:
                errors.append(
                    self.error(spec, "file_type", {"name": attachment.name, "accept": spec.accept})
                )
            accepted.append(attachment)
        count = len(items)
        if count and spec.min_files is not None and count < spec.min_files:
            errors.append(self.error(spec, "too_few_files", {"min": spec.min_files}))
        if spec.max_files is not None and count > spec.max_files:
            errors.append(self.error(spec, "too_many_files", {"max": spec.max_files}))
        return _BAD if len(errors) > before else accepted

    def rows(self, spec: FieldSpec, raw: object, errors: list[FieldError]) -> object:
        if raw is None:
            return []
        if not isinstance(raw, Sequence) or isinstance(raw, str | bytes | bytearray):
            errors.append(self.error(spec, "invalid"))
            return _BAD
        count = len(raw)
        limit = min(spec.max_rows, MAX_ROWS) if spec.max_rows is not None else MAX_ROWS
        if count and spec.min_rows is not None and count < spec.min_rows:
            errors.append(self.error(spec, "too_few_rows", {"min": spec.min_rows}))
        if count > limit:
            errors.append(self.error(spec, "too_many_rows", {"max": limit}))
            return _BAD
        before = len(errors)
        typed_rows: list[dict[str, Any]] = []
        for number, row in enumerate(raw, start=1):
            if not isinstance(row, Mapping):
                errors.append(
                    FieldError(
                        f"{spec.name}.{number}", "invalid", {}, spec.label_es, spec.label_en, number
                    )
                )
                continue
            scope = _Scope(list(spec.columns), row, {}, self.now, table=spec, row=number)
            typed_row, row_errors = scope.run()
            for column in spec.columns:
                errors.extend(row_errors[column.name])
            typed_rows.append(typed_row)
        return _BAD if len(errors) > before else typed_rows


def _is_empty(spec: FieldSpec, value: object) -> bool:
    if spec.type == "checkbox":
        return value is False
    return value is EMPTY or value == []


def _empty_value(spec: FieldSpec) -> object:
    if spec.type == "checkbox":
        return False
    if spec.type in ("attachments", "table"):
        return []
    return None


def _matches(value: object, wanted: tuple[str | int | bool, ...]) -> bool:
    if value is _BAD or value is EMPTY:
        return False
    if isinstance(value, dict):
        value = value.get("type")
    for item in wanted:
        if isinstance(item, bool) or isinstance(value, bool):
            if value is item:
                return True
        elif str(value) == str(item):
            return True
    return False


def _check_total(
    spec: FormSpec,
    fields: list[FieldSpec],
    typed: dict[str, Any],
    errors: dict[str, list[FieldError]],
) -> None:
    """`max_total_kb`: reported on the attachment field where the running total passes it."""
    if spec.max_total_kb is None:
        return
    total = 0
    for item in fields:
        if item.type != "attachments":
            continue
        total += sum(a.size for a in typed.get(item.name) or [])
        if total > spec.max_total_kb * 1024:
            errors[item.name].append(
                FieldError(
                    item.name,
                    "total_too_large",
                    {"total": kb(total), "max": spec.max_total_kb},
                    item.label_es,
                    item.label_en,
                )
            )
            typed.pop(item.name, None)
            return
