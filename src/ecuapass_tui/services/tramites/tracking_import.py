"""MS.4 Importar eventos (CSV): all or nothing. Every line goes through `record_event`, in
file order, in one transaction; when any line is refused the whole file is rolled back and
every refused line is reported with its number. Columns: docs/tracking_csv.md."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlmodel import Session

from ecuapass_tui.core.clock import ECUADOR
from ecuapass_tui.core.roles import is_staff
from ecuapass_tui.core.text import fold
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, PermissionDenied, ServiceError
from ecuapass_tui.services.tramites.tracking_dto import Channel, EventInput, Stage
from ecuapass_tui.services.tramites.tracking_events import record_event

MAX_BYTES = 5 * 1024 * 1024
MAX_LINES = 20_000
MAX_PROBLEMS = 200
REQUIRED = ("mrn", "etapa", "fecha_hora")
OPTIONAL = (
    "detalle",
    "quien",
    "canal",
    "numero_entrega",
    "numero_dai",
    "numero_liquidacion",
    "monto",
    "tipo_documento",
    "documento_transporte",
    "ruc_consignatario",
    "oce_declarante",
    "distrito",
    "regimen",
    "mercancia",
    "contenedores",
)
STAGE_NAMES = {
    "manifiesto transmitido": Stage.MANIFIESTO,
    "arribo": Stage.ARRIBO,
    "ingreso a deposito temporal": Stage.DEPOSITO,
    "dai transmitida": Stage.DAI_TRANSMITIDA,
    "dai aceptada": Stage.DAI_ACEPTADA,
    "canal de aforo asignado": Stage.CANAL_ASIGNADO,
    "aforo en proceso": Stage.AFORO_EN_PROCESO,
    "aforo observado": Stage.AFORO_OBSERVADO,
    "aforo concluido": Stage.AFORO_CONCLUIDO,
    "liquidacion pagada": Stage.LIQUIDACION_PAGADA,
    "salida autorizada": Stage.SALIDA_AUTORIZADA,
    "salida de deposito registrada": Stage.SALIDA_DEPOSITO,
}
LOCAL_TIME = re.compile(r"(\d{2})/(\d{2})/(\d{4}) (\d{2}):(\d{2})(?::(\d{2}))?")


@dataclass(frozen=True)
class ImportProblem:
    line: int  # 1 is the header
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    column: str = ""


class ImportRefused(ServiceError):
    """Nothing was imported; `problems` lists each refused line."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        super().__init__("trk_import_refused", count=len(problems))
        self.problems = problems


@dataclass(frozen=True)
class ImportResult:
    events: int
    cargos: int


def stage_of(value: str) -> str:
    text = value.strip()
    if text in set(Stage):
        return text
    found = STAGE_NAMES.get(" ".join(fold(text).split()))
    return found.value if found else text


def channel_of(value: str) -> str:
    text = "_".join(fold(value).replace("(scanner)", "").split())
    return {"fisico_no_intrusivo_scanner": Channel.FISICO_NO_INTRUSIVO}.get(text, text)


def parse_time(value: str) -> datetime:
    text = value.strip()
    found = LOCAL_TIME.fullmatch(text)
    try:
        if found:
            day, month, year, hour, minute, second = found.groups()
            return datetime(
                int(year),
                int(month),
                int(day),
                int(hour),
                int(minute),
                int(second or 0),
                tzinfo=ECUADOR,
            )
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise FieldErrors(rules={"fecha_hora": "trk_csv_time"}) from None
    if moment.tzinfo is None:
        raise FieldErrors(rules={"fecha_hora": "trk_csv_time"})
    return moment


def parse_cents(value: str) -> int:
    text = value.strip().replace(",", ".")
    if not text:
        return 0
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise FieldErrors(rules={"monto": "trk_csv_amount"}) from None
    if amount != amount.quantize(Decimal("0.01")) or amount <= 0:
        raise FieldErrors(rules={"monto": "trk_csv_amount"})
    return int(amount * 100)


def _rows(content: bytes) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    if len(content) > MAX_BYTES:
        raise ImportRefused([ImportProblem(0, "trk_csv_too_large")])
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused([ImportProblem(0, "trk_csv_encoding")]) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [fold(h).strip() for h in next(reader, [])]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in REQUIRED + OPTIONAL]
    if missing or unknown:
        params = {"missing": ", ".join(missing), "unknown": ", ".join(unknown)}
        raise ImportRefused([ImportProblem(1, "trk_csv_header", params)])
    rows = []
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            rows.append((line, {"__width__": str(len(values))}))
            continue
        rows.append((line, dict(zip(header, values, strict=True))))
        if len(rows) > MAX_LINES:
            raise ImportRefused([ImportProblem(line, "trk_csv_too_many", {"max": MAX_LINES})])
    return header, rows


def _event(row: dict[str, str]) -> EventInput:
    def get(name: str) -> str:
        return row.get(name, "").strip()

    return EventInput(
        mrn=get("mrn"),
        stage=stage_of(get("etapa")),
        at=parse_time(get("fecha_hora")),
        detail=get("detalle"),
        who=get("quien"),
        channel=channel_of(get("canal")) if get("canal") else "",
        delivery_number=get("numero_entrega"),
        dai_number=get("numero_dai"),
        liquidation_number=get("numero_liquidacion"),
        liquidation_cents=parse_cents(get("monto")),
        transport_doc_type=get("tipo_documento"),
        transport_doc=get("documento_transporte"),
        consignee_ruc=get("ruc_consignatario"),
        declarant_oce=get("oce_declarante"),
        district=get("distrito"),
        regime=get("regimen") or "10",
        goods=get("mercancia"),
        containers=tuple(get("contenedores").replace(",", " ").replace(";", " ").split()),
    )


def import_csv(session: Session, actor: Actor, content: bytes, *, now: datetime) -> ImportResult:
    """Record every line or none: raises ImportRefused (the Desk's transaction rolls back)."""
    if not is_staff(actor.user_class):
        raise PermissionDenied()
    header, rows = _rows(content)
    problems: list[ImportProblem] = []
    cargos: set[int] = set()
    for line, row in rows:
        if "__width__" in row:
            params = {"found": row["__width__"], "expected": len(header)}
            problems.append(ImportProblem(line, "trk_csv_columns", params))
            continue
        try:
            recorded = record_event(session, actor, _event(row), now=now, source="csv")
        except FieldErrors as error:
            for column, code in error.rules.items():
                problems.append(ImportProblem(line, code, {}, column))
        except ServiceError as error:
            problems.append(ImportProblem(line, error.code, dict(error.params)))
        else:
            cargos.add(recorded.cargo_id)
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise ImportRefused(problems)
    if not rows:
        raise ImportRefused([ImportProblem(0, "trk_csv_empty")])
    return ImportResult(events=len(rows), cargos=len(cargos))
