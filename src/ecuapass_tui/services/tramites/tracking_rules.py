"""The order of an import's stages (DOMAIN.md, our sequence) and the refusal that says why.

Manifiesto transmitido -> Arribo -> Ingreso a depósito temporal -> DAI transmitida -> DAI
aceptada -> Canal de aforo asignado -> Aforo en proceso -> (Aforo observado -> Aforo en
proceso ...) -> Aforo concluido -> Liquidación pagada -> Salida autorizada -> Salida de depósito
registrada. A cargo on the canal automático has no aforo: after the channel comes the payment.
"""

from __future__ import annotations

from ecuapass_tui.services.errors import ServiceError
from ecuapass_tui.services.tramites.tracking_dto import AFORO_STAGES, Channel, Stage

_MAIN: tuple[Stage, ...] = (
    Stage.MANIFIESTO,
    Stage.ARRIBO,
    Stage.DEPOSITO,
    Stage.DAI_TRANSMITIDA,
    Stage.DAI_ACEPTADA,
    Stage.CANAL_ASIGNADO,
    Stage.AFORO_EN_PROCESO,
    Stage.AFORO_CONCLUIDO,
    Stage.LIQUIDACION_PAGADA,
    Stage.SALIDA_AUTORIZADA,
    Stage.SALIDA_DEPOSITO,
)


class StageRefused(ServiceError):
    """The stage cannot be recorded now; `code` and `params` say why."""


def path(channel: str) -> tuple[Stage, ...]:
    """The stages a cargo on this channel goes through, without the optional observado."""
    if channel == Channel.AUTOMATICO:
        return tuple(s for s in _MAIN if s not in AFORO_STAGES)
    return _MAIN


def next_stages(current: str, channel: str) -> tuple[Stage, ...]:
    """What may be recorded after `current` ('' for a cargo with no event yet)."""
    if current == Stage.AFORO_EN_PROCESO:
        return (Stage.AFORO_OBSERVADO, Stage.AFORO_CONCLUIDO)
    if current == Stage.AFORO_OBSERVADO:
        return (Stage.AFORO_EN_PROCESO, Stage.AFORO_CONCLUIDO)
    steps = path(channel)
    if not current:
        return (steps[0],)
    position = steps.index(Stage(current))
    return steps[position + 1 : position + 2]


def _position(current: str, steps: tuple[Stage, ...]) -> int:
    if not current:
        return -1
    if current == Stage.AFORO_OBSERVADO:
        return steps.index(Stage.AFORO_EN_PROCESO)
    return steps.index(Stage(current))


def check_next(current: str, channel: str, stage: str) -> Stage:
    """The stage if it may follow `current`; otherwise StageRefused with the reason:
    trk_stage_unknown, trk_cargo_finished, trk_stage_repeated, trk_aforo_automatic or
    trk_stage_order (params: stage, current, missing)."""
    try:
        wanted = Stage(stage)
    except ValueError:
        raise StageRefused("trk_stage_unknown", stage=stage) from None
    allowed = next_stages(current, channel)
    if wanted in allowed:
        return wanted
    if current == Stage.SALIDA_DEPOSITO:
        raise StageRefused("trk_cargo_finished")
    if wanted in AFORO_STAGES and channel == Channel.AUTOMATICO:
        raise StageRefused("trk_aforo_automatic")
    steps = path(channel)
    here = _position(current, steps)
    target = _position(wanted, steps)
    if target <= here:
        raise StageRefused("trk_stage_repeated", stage=wanted.value, current=current)
    raise StageRefused(
        "trk_stage_order", stage=wanted.value, current=current, missing=steps[here + 1].value
    )
