"""What the Consulta de arancel returns: nodes of the HS tree, search hits and national lines,
as plain data in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

NATIONAL = "nacional"  # the level of a hit that is a national line


def dotted(code: str) -> str:
    """A tariff code as it is printed: 3907, 3907.20, 3907.20.30.10; a section as it is."""
    if not code.isdigit() or len(code) <= 4:
        return code
    return ".".join([code[:4], *(code[i : i + 2] for i in range(4, len(code), 2))])


def percent(hundredths: int | None) -> Decimal | None:
    """A stored rate (hundredths of a percent) as a percentage: 500 -> 5, 1250 -> 12.5."""
    if hundredths is None:
        return None
    value = Decimal(hundredths).scaleb(-2)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


@dataclass(frozen=True)
class TariffNodeRow:
    code: str
    level: str  # seccion, capitulo, partida, subpartida
    parent: str
    description: str
    has_children: bool


@dataclass(frozen=True)
class TariffHit:
    code: str  # a node's code, or a national line's 10-digit subpartida
    level: str  # a node's level, or NATIONAL
    description: str
    subpartida: str  # the 6-digit subpartida whose national lines it leads to ("" above it)


@dataclass(frozen=True)
class SearchResult:
    hits: tuple[TariffHit, ...]
    more: bool  # there were more hits than shown: the words should be narrowed


@dataclass(frozen=True)
class ControlDocument:
    institution: str
    document: str


@dataclass(frozen=True)
class NationalLine:
    id: int
    identif: str
    subpartida: str
    complementario: str
    suplementario: str
    description: str
    unit: str
    ad_valorem: Decimal | None  # percent
    ice: Decimal | None  # percent; None when the line pays no ICE
    valid_from: date
    valid_to: date | None
    comment: str
    sample: bool
    controls: tuple[ControlDocument, ...]


@dataclass(frozen=True)
class SubpartidaLines:
    """A subpartida of 6 digits, the path above it and its national lines in force `on`."""

    on: date
    path: tuple[TariffNodeRow, ...]  # sección first, the subpartida last
    lines: tuple[NationalLine, ...]
