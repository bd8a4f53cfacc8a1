"""Import Ecuador's national tariff lines (`ecuapass-tui arancel import` and the staff's key
on 2.1.1): a CSV with the columns of docs/arancel.md, or JSON shaped like SENAE's public
tariff service (`{"data": [...]}`). All or nothing: every refused line is reported with its
number (a CSV's line, the header being 1; a JSON item's position, the first being 1) and
nothing is stored. A line already stored (same 18-digit identif and vigente desde) is
replaced; the others are added."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from ecuapass_tui.core.resources import data_file
from ecuapass_tui.core.roles import UNLOCKERS
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import PermissionDenied, ServiceError
from ecuapass_tui.services.informativos import tariff_words
from ecuapass_tui.services.informativos.nomenclature import load_nomenclature
from ecuapass_tui.services.informativos.tariff_parse import (
    MAX_BYTES,
    ImportProblem,
    LineInput,
    Refused,
    csv_records,
    parse_line,
)
from ecuapass_tui.services.informativos.tariff_search import search_column
from ecuapass_tui.store.models_tariff import TariffControl, TariffLine, TariffNode

MAX_PROBLEMS = 200
JSON_FIELDS = {
    "codigo_subpartida": "subpartida",
    "codigo_complementario": "complementario",
    "codigo_suplementario": "suplementario",
    "descripcion_elemento": "descripcion",
    "fecha_inicio_vigencia": "vigente_desde",
    "fecha_fin_vigencia": "vigente_hasta",
    "unidades_fisicas": "unidad",
    "comentario_apertura": "comentario",
    "advalorem": "advalorem",
    "ice": "ice",
    "identif": "identif",
}


class ImportRefused(ServiceError):
    """Nothing was imported; `problems` lists each refused line."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        super().__init__("tar_import_refused", count=len(problems))
        self.problems = problems


@dataclass(frozen=True)
class ImportResult:
    added: int
    replaced: int


def _json_controls(value: Any) -> str:
    """SENAE's answer has no control documents; ours may carry them as a list of
    {"institucion", "documento"}: written the CSV's way for the one parser."""
    if not isinstance(value, list):
        return str(value or "")
    return "; ".join(
        f"{item.get('institucion', '')}: {item.get('documento', '')}"
        for item in value
        if isinstance(item, dict)
    )


def json_records(text: str) -> list[tuple[int, dict[str, str]]]:
    try:
        answer = json.loads(text)
    except ValueError:
        raise Refused("tar_json") from None
    items = answer.get("data") if isinstance(answer, dict) else None
    if not isinstance(items, list):
        raise Refused("tar_json")
    records = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            records.append((number, {"__bad__": "1"}))
            continue
        row = {ours: str(item.get(theirs) or "") for theirs, ours in JSON_FIELDS.items()}
        row["control_previo"] = _json_controls(item.get("control_previo"))
        records.append((number, row))
    return records


def read_lines(content: bytes, known: set[str]) -> list[LineInput]:
    """Every line of the file, or ImportRefused with each problem; `known`: the HS
    subpartidas (6 digits) a line's subpartida must start with."""
    try:
        if len(content) > MAX_BYTES:
            raise Refused("tar_too_large")
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise Refused("tar_encoding") from None
        is_json = text.lstrip().startswith("{")
        records = json_records(text) if is_json else csv_records(text)
    except Refused as refused:
        raise ImportRefused([refused.problem(0)]) from None
    if not records:
        raise ImportRefused([ImportProblem(0, "tar_empty")])
    lines: list[LineInput] = []
    problems: list[ImportProblem] = []
    seen: dict[tuple[str, date], int] = {}
    for number, row in records:
        try:
            line = parse_line(row, known)
            key = (line.identif, line.valid_from)
            if key in seen:
                raise Refused("tar_duplicate", "subpartida", first=seen[key])
            seen[key] = number
            lines.append(line)
        except Refused as refused:
            problems.append(refused.problem(number))
            if len(problems) >= MAX_PROBLEMS:
                break
    if problems:
        raise ImportRefused(problems)
    return lines


def known_subpartidas(session: Session) -> set[str]:
    return set(session.exec(select(TariffNode.code).where(TariffNode.level == "subpartida")))


def store_lines(session: Session, lines: list[LineInput], *, sample: bool) -> ImportResult:
    stored = {
        (identif, valid_from): line_id
        for line_id, identif, valid_from in session.exec(
            select(col(TariffLine.id), col(TariffLine.identif), col(TariffLine.valid_from))
        )
    }
    replaced = [stored[key] for line in lines if (key := (line.identif, line.valid_from)) in stored]
    if replaced:
        session.exec(delete(TariffControl).where(col(TariffControl.line_id).in_(replaced)))  # type: ignore[call-overload]
        tariff_words.forget_lines(session, replaced)
        session.exec(delete(TariffLine).where(col(TariffLine.id).in_(replaced)))  # type: ignore[call-overload]
    rows = [_row(line, sample) for line in lines]
    session.add_all(rows)
    session.flush()
    tariff_words.index_lines(session, ((row.id, row.search) for row in rows))  # type: ignore[misc]
    for line, row in zip(lines, rows, strict=True):
        assert row.id is not None
        session.add_all(
            TariffControl(line_id=row.id, institution=institution, document=document)
            for institution, document in line.controls
        )
    session.flush()
    return ImportResult(added=len(lines) - len(replaced), replaced=len(replaced))


def _row(line: LineInput, sample: bool) -> TariffLine:
    return TariffLine(
        identif=line.identif,
        subpartida=line.subpartida,
        complementario=line.complementario,
        suplementario=line.suplementario,
        description=line.description,
        unit=line.unit,
        ad_valorem=line.ad_valorem,
        ice=line.ice,
        valid_from=line.valid_from,
        valid_to=line.valid_to,
        comment=line.comment,
        sample=sample,
        search=search_column(line.description),
    )


def import_lines(session: Session, actor: Actor, content: bytes) -> ImportResult:
    """Store every line of `content` or none (raises ImportRefused; the transaction of the
    caller rolls back). Administradores and supervisores only."""
    if actor.user_class not in UNLOCKERS:
        raise PermissionDenied()
    return store_lines(session, read_lines(content, known_subpartidas(session)), sample=False)


def load_sample_lines(session: Session) -> int:
    """The demo's national lines (data/tariff/demo_lines.csv), marked as a sample: the
    previous samples are replaced; the tree is loaded first when the database has none."""
    known = known_subpartidas(session)
    if not known:
        load_nomenclature(session)
        known = known_subpartidas(session)
    lines = read_lines(data_file("tariff", "demo_lines.csv").read_bytes(), known)
    samples = select(TariffLine.id).where(col(TariffLine.sample))
    session.exec(delete(TariffControl).where(col(TariffControl.line_id).in_(samples)))  # type: ignore[call-overload]
    tariff_words.forget_lines(session, samples)
    session.exec(delete(TariffLine).where(col(TariffLine.sample)))  # type: ignore[call-overload]
    store_lines(session, lines, sample=True)
    return len(lines)
