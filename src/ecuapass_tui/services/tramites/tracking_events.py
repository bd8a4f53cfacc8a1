"""Staff record the stages of a cargo (MS.3, and each line of a CSV import): the order is
checked by `tracking_rules`, and every check runs before anything is written, so a refused
event leaves no trace (the CSV import relies on it).

Side effects by stage: Manifiesto transmitido registers the cargo; DAI transmitida creates the
declaration (número de entrega) and the signed DAI e-document; DAI aceptada gives the DAI and
liquidación numbers; Canal de aforo asignado sends the Notificación de aceptado (DAI number,
canal, liquidación) as an e-document and a mailbox notice; Liquidación pagada and Salida
autorizada add their notifications."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select

from ecuapass_tui.core.clock import local
from ecuapass_tui.core.roles import is_staff
from ecuapass_tui.core.text import clean
from ecuapass_tui.services import audit
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, NotFound, PermissionDenied
from ecuapass_tui.services.tramites.tracking import normalize
from ecuapass_tui.services.tramites.tracking_dto import (
    Channel,
    EventInput,
    Recorded,
    Stage,
)
from ecuapass_tui.services.tramites.tracking_effects import effects
from ecuapass_tui.services.tramites.tracking_rules import StageRefused, check_next
from ecuapass_tui.store.models import Company, CustomsDistrict, OceRegistration
from ecuapass_tui.store.models_tracking import (
    Cargo,
    CargoContainer,
    Declaration,
    TrackingEvent,
)

DELIVERY = re.compile(r"(\d{8})(\d{4})(\d{8})([A-Z])")
LIQUIDATION = re.compile(r"\d{6,20}")
CONTAINER = re.compile(r"[A-Z]{4}\d{7}")
DOC_TYPES = ("BL", "AWB", "CRT")
FUTURE_SLACK = timedelta(minutes=5)
MAX_DETAIL = 1000


def _who(actor: Actor, data: EventInput) -> str:
    return clean(data.who, single_line=True).strip()[:120] or actor.full_name[:120]


def _next_number(session: Session, column: object, prefix: str, width: int) -> int:
    last = session.exec(
        select(func.max(column)).where(col(column).startswith(prefix))  # type: ignore[arg-type]
    ).one()
    return int(str(last)[len(prefix) : len(prefix) + width]) + 1 if last else 1


def _new_cargo(session: Session, data: EventInput, mrn: str, now: datetime) -> Cargo:
    errors: dict[str, str] = {}
    doc_type = data.transport_doc_type.strip().upper()
    if doc_type not in DOC_TYPES:
        errors["tipo_documento"] = "trk_doc_type"
    transport = normalize(data.transport_doc)
    if not transport:
        errors["documento_transporte"] = "required"
    company = session.exec(select(Company).where(Company.ruc == data.consignee_ruc.strip())).first()
    if company is None:
        errors["ruc_consignatario"] = "trk_company_unknown"
    oce = data.declarant_oce.strip()
    if (
        oce
        and session.exec(select(OceRegistration).where(OceRegistration.code == oce)).first() is None
    ):
        errors["oce_declarante"] = "trk_oce_unknown"
    if session.get(CustomsDistrict, data.district.strip()) is None:
        errors["distrito"] = "trk_district_unknown"
    containers = tuple(dict.fromkeys(normalize(c) for c in data.containers if c.strip()))
    if any(not CONTAINER.fullmatch(c) for c in containers):
        errors["contenedores"] = "trk_container_format"
    if len(mrn) < 8 or len(mrn) > 30 or not mrn.isalnum():
        errors["mrn"] = "trk_mrn_format"
    if errors:
        raise FieldErrors(rules=errors)
    assert company is not None and company.id is not None
    cargo = Cargo(
        mrn=mrn,
        transport_doc_type=doc_type,
        transport_doc=transport,
        company_id=company.id,
        declarant_oce=oce,
        district_code=data.district.strip(),
        regime=(data.regime.strip() or "10")[:4],
        goods=clean(data.goods, single_line=True).strip()[:300],
        created_at=now,
        updated_at=now,
    )
    session.add(cargo)
    session.flush()
    for number in containers:
        session.add(CargoContainer(cargo_id=cargo.id or 0, number=number))
    return cargo


def _check_time(session: Session, cargo: Cargo | None, at: datetime, now: datetime) -> None:
    if at > now + FUTURE_SLACK:
        raise StageRefused("trk_time_future")
    if cargo is None:
        return
    previous = session.exec(
        select(TrackingEvent.at)
        .where(TrackingEvent.cargo_id == cargo.id)
        .order_by(col(TrackingEvent.id).desc())
        .limit(1)
    ).first()
    if previous is not None and at < previous:
        raise StageRefused("trk_time_before", previous=previous)


def _delivery_number(session: Session, cargo: Cargo, data: EventInput, year: int) -> str:
    """The DAI's delivery number: the one typed, or the declarant's next of the year."""
    oce = cargo.declarant_oce or "00000000"
    delivery = normalize(data.delivery_number)
    if not delivery:
        prefix = f"{oce}{year}"
        delivery = f"{prefix}{_next_number(session, Declaration.delivery_number, prefix, 8):08d}E"
    found = DELIVERY.fullmatch(delivery)
    if found is None:
        raise FieldErrors(rules={"numero_entrega": "trk_delivery_format"})
    if cargo.declarant_oce and found.group(1) != cargo.declarant_oce:
        raise StageRefused("trk_delivery_oce", oce=cargo.declarant_oce)
    if session.exec(select(Declaration.id).where(Declaration.delivery_number == delivery)).first():
        raise StageRefused("trk_delivery_taken", number=delivery)
    return delivery


def _acceptance_numbers(
    session: Session, cargo: Cargo, data: EventInput, year: int
) -> tuple[str, str]:
    """The accepted DAI's number and its liquidation's: the ones typed, or the next free."""
    dai = normalize(data.dai_number)
    if not dai:
        prefix = f"{cargo.district_code}-{year}-{cargo.regime[:2]}-"
        dai = f"{prefix}{_next_number(session, Declaration.dai_number, prefix, 8):08d}"
    if (
        len(dai) > 30
        or session.exec(select(Declaration.id).where(Declaration.dai_number == dai)).first()
    ):
        raise StageRefused("trk_dai_taken", number=dai)
    liquidation = normalize(data.liquidation_number)
    if not liquidation:
        prefix = f"{year}{cargo.district_code}"
        number = _next_number(session, Declaration.liquidation_number, prefix, 8)
        liquidation = f"{prefix}{number:08d}"
    if not LIQUIDATION.fullmatch(liquidation):
        raise FieldErrors(rules={"numero_liquidacion": "trk_liquidation_format"})
    taken = select(Declaration.id).where(Declaration.liquidation_number == liquidation)
    if session.exec(taken).first():
        raise StageRefused("trk_liquidation_taken", number=liquidation)
    if data.liquidation_cents <= 0:
        raise FieldErrors(rules={"monto": "trk_amount_required"})
    return dai, liquidation


def _checked_detail(data: EventInput, stage: Stage) -> str:
    detail = clean(data.detail).strip()
    if len(detail) > MAX_DETAIL:
        raise FieldErrors(rules={"detalle": "text_too_long"})
    if stage == Stage.AFORO_OBSERVADO and not detail:
        raise FieldErrors(rules={"detalle": "trk_observation_required"})
    return detail


def _add_event(
    session: Session,
    actor: Actor,
    cargo: Cargo,
    stage: Stage,
    data: EventInput,
    detail: str,
    *,
    now: datetime,
    source: str,
) -> None:
    assert cargo.id is not None
    session.add(
        TrackingEvent(
            cargo_id=cargo.id,
            stage=stage.value,
            at=data.at,
            detail=detail,
            who=_who(actor, data),
            actor_id=actor.user_id,
            source=source,
            recorded_at=now,
        )
    )


def record_event(
    session: Session, actor: Actor, data: EventInput, *, now: datetime, source: str = "manual"
) -> Recorded:
    if not is_staff(actor.user_class):
        raise PermissionDenied()
    mrn = normalize(data.mrn)
    if not mrn:
        raise FieldErrors(rules={"mrn": "required"})
    cargo = session.exec(select(Cargo).where(Cargo.mrn == mrn).with_for_update()).first()
    if cargo is None and data.stage != Stage.MANIFIESTO:
        raise NotFound("trk_cargo_not_found", mrn=mrn)
    stage = check_next(cargo.stage if cargo else "", cargo.channel if cargo else "", data.stage)
    _check_time(session, cargo, data.at, now)
    detail = _checked_detail(data, stage)
    year = local(data.at).year
    declaration = None
    if cargo is not None:
        declaration = session.exec(
            select(Declaration).where(Declaration.cargo_id == cargo.id).with_for_update()
        ).first()
    delivery = dai = liquidation = ""
    if stage == Stage.DAI_TRANSMITIDA:
        assert cargo is not None
        delivery = _delivery_number(session, cargo, data, year)
    if stage == Stage.DAI_ACEPTADA:
        assert cargo is not None and declaration is not None
        dai, liquidation = _acceptance_numbers(session, cargo, data, year)
    if stage == Stage.CANAL_ASIGNADO and data.channel not in set(Channel):
        raise FieldErrors(rules={"canal": "trk_channel_required"})
    # ---- every check passed: write
    if cargo is None:
        cargo = _new_cargo(session, data, mrn, now)
    _add_event(session, actor, cargo, stage, data, detail, now=now, source=source)
    effects(session, cargo, declaration, stage, data, delivery, dai, liquidation, source)
    cargo.stage = stage.value
    cargo.updated_at = max(data.at, cargo.updated_at) if cargo.version > 1 else data.at
    cargo.version += 1
    session.add(cargo)
    audit.record(
        session,
        at=now,
        actor_id=actor.user_id,
        action="tracking_event",
        entity="cargo",
        entity_id=cargo.id,
        to_state=stage.value,
        detail={"source": source},
    )
    session.flush()
    assert cargo.id is not None
    return Recorded(cargo.id, cargo.mrn, stage.value)
