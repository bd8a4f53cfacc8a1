"""Plain data of SENAE Tracking and the Trámites Operativos, and the stage order of an import
(DOMAIN.md): the order is enforced by `tracking_rules`, shown by the timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Stage(StrEnum):
    MANIFIESTO = "manifiesto"
    ARRIBO = "arribo"
    DEPOSITO = "deposito"
    DAI_TRANSMITIDA = "dai_transmitida"
    DAI_ACEPTADA = "dai_aceptada"
    CANAL_ASIGNADO = "canal_asignado"
    AFORO_EN_PROCESO = "aforo_en_proceso"
    AFORO_OBSERVADO = "aforo_observado"
    AFORO_CONCLUIDO = "aforo_concluido"
    LIQUIDACION_PAGADA = "liquidacion_pagada"
    SALIDA_AUTORIZADA = "salida_autorizada"
    SALIDA_DEPOSITO = "salida_deposito"


STAGES: tuple[Stage, ...] = tuple(Stage)
AFORO_STAGES = frozenset({Stage.AFORO_EN_PROCESO, Stage.AFORO_OBSERVADO, Stage.AFORO_CONCLUIDO})


class Step(StrEnum):
    """The ten steps of the timeline; the three aforo stages share the step `aforo`."""

    MANIFIESTO = "manifiesto"
    ARRIBO = "arribo"
    DEPOSITO = "deposito"
    DAI_TRANSMITIDA = "dai_transmitida"
    DAI_ACEPTADA = "dai_aceptada"
    CANAL_ASIGNADO = "canal_asignado"
    AFORO = "aforo"
    LIQUIDACION_PAGADA = "liquidacion_pagada"
    SALIDA_AUTORIZADA = "salida_autorizada"
    SALIDA_DEPOSITO = "salida_deposito"


def step_of(stage: str) -> Step:
    return Step.AFORO if stage in AFORO_STAGES else Step(stage)


class Channel(StrEnum):
    """Canales de aforo (DOMAIN.md); físico is intrusivo or no intrusivo (scanner)."""

    AUTOMATICO = "automatico"
    ELECTRONICO = "electronico"
    DOCUMENTAL = "documental"
    FISICO_INTRUSIVO = "fisico_intrusivo"
    FISICO_NO_INTRUSIVO = "fisico_no_intrusivo"


# How stored documents (Spanish, like SENAE's own) name a channel; the UI uses texts.tramites.
CHANNEL_NAMES_ES = {
    Channel.AUTOMATICO: "Automático",
    Channel.ELECTRONICO: "Electrónico",
    Channel.DOCUMENTAL: "Documental",
    Channel.FISICO_INTRUSIVO: "Físico intrusivo",
    Channel.FISICO_NO_INTRUSIVO: "Físico no intrusivo (scanner)",
}


class StepState(StrEnum):
    DONE = "done"
    CURRENT = "current"
    PENDING = "pending"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class TimelineStep:
    step: Step
    state: StepState
    at: datetime | None
    stage: str  # the last stage reached within the step (the aforo sub-state), or ""
    detail: str  # observations of the step's last event
    who: str


@dataclass(frozen=True)
class EventRow:
    id: int
    stage: str
    at: datetime
    detail: str
    who: str
    source: str


@dataclass(frozen=True)
class DeclarationInfo:
    delivery_number: str
    dai_number: str
    channel: str
    liquidation_number: str
    liquidation_cents: int
    transmitted_at: datetime
    accepted_at: datetime | None
    paid_at: datetime | None


@dataclass(frozen=True)
class CargoRow:
    id: int
    mrn: str
    transport_doc: str
    consignee: str
    stage: str
    channel: str
    updated_at: datetime


@dataclass(frozen=True)
class CargoPage:
    rows: tuple[CargoRow, ...]
    next_cursor: str | None


@dataclass(frozen=True)
class CargoDetail:
    id: int
    mrn: str
    transport_doc_type: str
    transport_doc: str
    containers: tuple[str, ...]
    consignee_ruc: str
    consignee: str
    declarant_oce: str
    district: str
    regime: str
    goods: str
    stage: str
    channel: str
    declaration: DeclarationInfo | None
    steps: tuple[TimelineStep, ...]
    events: tuple[EventRow, ...]


@dataclass(frozen=True)
class EventInput:
    """What staff (or a CSV line) give to record a stage. Optional numbers are generated
    when empty (número de entrega, DAI, liquidación). The manifiesto stage registers the
    cargo: it needs the transport document, the consignee's RUC and the district."""

    mrn: str
    stage: str
    at: datetime
    detail: str = ""
    who: str = ""
    channel: str = ""
    delivery_number: str = ""
    dai_number: str = ""
    liquidation_number: str = ""
    liquidation_cents: int = 0
    transport_doc_type: str = ""
    transport_doc: str = ""
    consignee_ruc: str = ""
    declarant_oce: str = ""
    district: str = ""
    regime: str = "10"
    goods: str = ""
    containers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Recorded:
    cargo_id: int
    mrn: str
    stage: str
