"""Reading one national tariff line from a file's record (CSV or JSON, see tariff_import.py):
the columns of docs/arancel.md, each value checked, each problem named with its column."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from ecuapass_tui.core.text import clean, fold
from ecuapass_tui.forms.dates import date_value

MAX_BYTES = 20 * 1024 * 1024
MAX_LINES = 100_000
REQUIRED = ("subpartida", "descripcion", "vigente_desde")
OPTIONAL = (
    "complementario",
    "suplementario",
    "unidad",
    "advalorem",
    "ice",
    "vigente_hasta",
    "control_previo",
    "comentario",
    "identif",
)
MAX_RATE = Decimal(1000)
_DIGITS = re.compile(r"[0-9]+")
_SEPARATORS = re.compile(r"[.\s-]")


@dataclass(frozen=True)
class ImportProblem:
    line: int  # a CSV's line (1 is the header) or a JSON item (1 is the first); 0 the file
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    column: str = ""


class Refused(Exception):
    """A value (or the whole file) that cannot be read: its text code and column."""

    def __init__(self, code: str, column: str = "", **params: Any) -> None:
        super().__init__(code)
        self.code, self.column, self.params = code, column, params

    def problem(self, line: int) -> ImportProblem:
        return ImportProblem(line, self.code, self.params, self.column)


@dataclass(frozen=True)
class LineInput:
    subpartida: str
    complementario: str
    suplementario: str
    description: str
    unit: str
    ad_valorem: int | None
    ice: int | None
    valid_from: date
    valid_to: date | None
    comment: str
    controls: tuple[tuple[str, str], ...]

    @property
    def identif(self) -> str:
        return self.subpartida + self.complementario + self.suplementario


def csv_records(text: str) -> list[tuple[int, dict[str, str]]]:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [fold(h).strip() for h in next(reader, [])]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in REQUIRED + OPTIONAL]
    if missing or unknown:
        raise Refused("tar_header", missing=", ".join(missing), unknown=", ".join(unknown))
    records: list[tuple[int, dict[str, str]]] = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            records.append((reader.line_num, {"__width__": str(len(values))}))
        else:
            records.append((reader.line_num, dict(zip(header, values, strict=True))))
        if len(records) > MAX_LINES:
            raise Refused("tar_too_many", max=MAX_LINES)
    return records


def _code(row: dict[str, str], column: str, size: int, default: str = "") -> str:
    value = _SEPARATORS.sub("", row.get(column, "")) or default
    if len(value) != size or not _DIGITS.fullmatch(value):
        raise Refused("tar_code", column, size=size)
    return value


def _date(row: dict[str, str], column: str, required: bool) -> date | None:
    raw = row.get(column, "").strip()
    if not raw:
        if required:
            raise Refused("tar_required", column)
        return None
    value = date_value(raw)
    if not isinstance(value, date):
        raise Refused("tar_file_date", column)
    return value


def _rate(row: dict[str, str], column: str) -> int | None:
    """A percentage ("5", "12,5", "5 %") as hundredths of a percent; None when empty."""
    raw = row.get(column, "").strip().rstrip("%").strip().replace(",", ".")
    if not raw:
        return None
    try:
        rate = Decimal(raw)
    except InvalidOperation:
        raise Refused("tar_rate", column) from None
    if not rate.is_finite() or not 0 <= rate <= MAX_RATE or rate != round(rate, 2):
        raise Refused("tar_rate", column)
    return int(rate * 100)


def _controls(raw: str) -> tuple[tuple[str, str], ...]:
    """ "INSTITUCIÓN: documento; INSTITUCIÓN: documento" -> ((institution, document), ...)."""
    found = []
    for part in raw.split(";"):
        if not part.strip():
            continue
        institution, colon, document = part.partition(":")
        institution, document = institution.strip(), document.strip()
        if not colon or not institution or not document:
            raise Refused("tar_control", "control_previo")
        if len(institution) > 80 or len(document) > 200:
            raise Refused("tar_too_long", "control_previo")
        found.append((institution, document))
    return tuple(found)


def _text(row: dict[str, str], column: str, limit: int) -> str:
    value = " ".join(clean(row.get(column, "")).split())
    if len(value) > limit:
        raise Refused("tar_too_long", column)
    return value


def parse_line(row: dict[str, str], known: set[str]) -> LineInput:
    """One record as a line, or Refused with the first problem found."""
    if "__width__" in row:
        raise Refused("tar_columns", found=row["__width__"])
    if "__bad__" in row:
        raise Refused("tar_json_item")
    subpartida = _code(row, "subpartida", 10)
    if subpartida[:6] not in known:
        raise Refused("tar_unknown_hs", "subpartida", hs=subpartida[:6])
    line = LineInput(
        subpartida=subpartida,
        complementario=_code(row, "complementario", 4, "0000"),
        suplementario=_code(row, "suplementario", 4, "0000"),
        description=_text(row, "descripcion", 2000),
        unit=_text(row, "unidad", 20),
        ad_valorem=_rate(row, "advalorem"),
        ice=_rate(row, "ice"),
        valid_from=_date(row, "vigente_desde", True) or date.min,
        valid_to=_date(row, "vigente_hasta", False),
        comment=_text(row, "comentario", 2000),
        controls=_controls(row.get("control_previo", "")),
    )
    if not line.description:
        raise Refused("tar_required", "descripcion")
    if line.valid_to is not None and line.valid_to < line.valid_from:
        raise Refused("tar_dates_order", "vigente_hasta")
    identif = _SEPARATORS.sub("", row.get("identif", ""))
    if identif and identif != line.identif:
        raise Refused("tar_identif", "identif", expected=line.identif)
    return line
