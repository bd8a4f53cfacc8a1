"""Demo cargo for SENAE Tracking, 1.3, 1.6, 2.7 and 1.11: cargo in every stage and on every
canal de aforo for the demo companies, recorded through `record_event` (so the order, the
declarations, the signed e-documents and the notices are the real ones)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from ecuapass_tui.core.clock import local
from ecuapass_tui.services.demo import tickets as demo_tickets
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.tramites.tracking_dto import Channel, EventInput, Stage
from ecuapass_tui.services.tramites.tracking_events import record_event
from ecuapass_tui.services.tramites.tracking_rules import path
from ecuapass_tui.store.models import User
from ecuapass_tui.store.models_tracking import (
    Cargo,
    CargoContainer,
    Declaration,
    EDocument,
    PaymentFacility,
    PaymentFacilityAttachment,
    PaymentFacilityCounter,
    SigningKey,
    TrackingEvent,
)

# Where the demo stands: the demo tickets' reference moment (the real clock when the demo is
# built; the tests' frozen 24/11/2026 15:00 UTC). The last event of every cargo is two hours
# before it (25 minutes apart from one cargo to the next), earlier ones 20 hours apart.
BEFORE_NOW = timedelta(hours=2)
IMPORTER = "0993456780001"
PERSON = "1714307103001"
A = Channel.AUTOMATICO
E = Channel.ELECTRONICO
D = Channel.DOCUMENTAL
F = Channel.FISICO_INTRUSIVO
S = Channel.FISICO_NO_INTRUSIVO

# (MRN, BL, containers, consignee RUC, declarant OCE, district, goods, last stage, channel)
CARGO: tuple[tuple[str, str, tuple[str, ...], str, str, str, str, Stage, str], ...] = (
    (
        "CEC2026MSCU0001",
        "MEDUGY140271",
        ("MSCU4812053",),
        IMPORTER,
        "03907058",
        "028",
        "Repuestos automotrices",
        Stage.MANIFIESTO,
        "",
    ),
    (
        "CEC2026MAEU0002",
        "MAEU228104577",
        ("MAEU7730214", "MAEU7730220"),
        IMPORTER,
        "03907058",
        "028",
        "Llantas radiales",
        Stage.ARRIBO,
        "",
    ),
    (
        "CEC2026HLCU0003",
        "HLCUGYE2611003",
        ("HLXU3381904",),
        PERSON,
        "03907066",
        "028",
        "Muebles de oficina",
        Stage.DEPOSITO,
        "",
    ),
    (
        "CEC2026CMAU0004",
        "CMDUGYE0940112",
        ("CMAU5102336",),
        IMPORTER,
        "03907058",
        "028",
        "Equipos de cómputo",
        Stage.DAI_TRANSMITIDA,
        "",
    ),
    (
        "CEC2026EVER0005",
        "EGLV140600215",
        ("EGHU9104421",),
        IMPORTER,
        "03907058",
        "028",
        "Electrodomésticos",
        Stage.DAI_ACEPTADA,
        "",
    ),
    (
        "CEC2026ONEY0006",
        "ONEYGYE6110206",
        ("ONEU1820377",),
        IMPORTER,
        "03907058",
        "028",
        "Textiles de algodón",
        Stage.CANAL_ASIGNADO,
        A,
    ),
    (
        "CEC2026MSCU0007",
        "MEDUGY140288",
        ("MSCU4812311",),
        IMPORTER,
        "03907066",
        "028",
        "Herramientas manuales",
        Stage.AFORO_EN_PROCESO,
        E,
    ),
    (
        "CEC2026HLCU0008",
        "HLCUGYE2611044",
        ("HLXU3382210",),
        PERSON,
        "03907066",
        "028",
        "Juguetes",
        Stage.AFORO_OBSERVADO,
        D,
    ),
    (
        "CEC2026MAEU0009",
        "MAEU228104901",
        ("MAEU7731002",),
        IMPORTER,
        "03907058",
        "028",
        "Productos químicos",
        Stage.AFORO_CONCLUIDO,
        F,
    ),
    (
        "CEC2026AVI00010",
        "729-40051122",
        (),
        IMPORTER,
        "03907058",
        "019",
        "Medicamentos",
        Stage.LIQUIDACION_PAGADA,
        S,
    ),
    (
        "CEC2026CMAU0011",
        "CMDUGYE0940177",
        ("CMAU5102987",),
        PERSON,
        "03907066",
        "028",
        "Vajilla de cerámica",
        Stage.SALIDA_AUTORIZADA,
        A,
    ),
    (
        "CEC2026EVER0012",
        "EGLV140600342",
        ("EGHU9104890",),
        IMPORTER,
        "03907058",
        "028",
        "Papel bond",
        Stage.SALIDA_DEPOSITO,
        D,
    ),
    (
        "CEC2026MSCU0013",
        "MEDUGY140355",
        ("MSCU4813020",),
        IMPORTER,
        "41700215",
        "028",
        "Maquinaria agrícola",
        Stage.SALIDA_DEPOSITO,
        F,
    ),
    (
        "CEC2026TUL00014",
        "CRT-EC-2611-0456",
        (),
        PERSON,
        "41812207",
        "073",
        "Frutas frescas",
        Stage.AFORO_EN_PROCESO,
        S,
    ),
)
# Codes drawn by texts.tramites.event_text in the reader's language and worded for the
# cargo's transport mode (an AWB's cargo lands at an airport, not a port).
DETAILS = {
    Stage.ARRIBO: "ecuapass:arribo",
    Stage.DEPOSITO: "ecuapass:ingreso_deposito",
    Stage.AFORO_EN_PROCESO: "ecuapass:aforo_asignado",
    Stage.AFORO_OBSERVADO: "ecuapass:falta_certificado",
    Stage.AFORO_CONCLUIDO: "ecuapass:aforo_sin_novedad",
}
WHO = {
    Stage.MANIFIESTO: "ecuapass:transportista",
    Stage.ARRIBO: "ecuapass:autoridad_arribo",
    Stage.DEPOSITO: "ecuapass:deposito",
    Stage.SALIDA_DEPOSITO: "ecuapass:deposito",
}


def stages_to(last: Stage, channel: str) -> list[Stage]:
    steps = list(path(channel or Channel.ELECTRONICO))
    if last == Stage.AFORO_OBSERVADO:
        return [*steps[: steps.index(Stage.AFORO_EN_PROCESO) + 1], last]
    return steps[: steps.index(last) + 1]


def build_tracking(session: Session, now: datetime | None = None) -> int:
    now = (now or demo_tickets.reference_now()).astimezone(UTC).replace(microsecond=0)
    staff = session.exec(select(User).where(User.username == "supervisor")).first()
    if staff is None or staff.id is None:
        return 0
    actor = Actor(staff.id, staff.username, staff.user_class, staff.full_name, None, "es")
    count = 0
    for n, (mrn, bl, boxes, ruc, oce, district, goods, last, channel) in enumerate(CARGO):
        stages = stages_to(last, channel)
        end = now - BEFORE_NOW - timedelta(minutes=25 * n)
        for k, stage in enumerate(stages):
            at = end - timedelta(hours=20 * (len(stages) - 1 - k))
            data = EventInput(
                mrn=mrn,
                stage=stage,
                at=at,
                detail=DETAILS.get(stage, ""),
                who=WHO.get(stage, "SENAE"),
                channel=channel,
                liquidation_cents=(125_000 + 37_519 * n) if stage == Stage.DAI_ACEPTADA else 0,
                transport_doc_type="AWB" if district == "019" else ("CRT" if "CRT" in bl else "BL"),
                transport_doc=bl,
                consignee_ruc=ruc,
                declarant_oce=oce,
                district=district,
                goods=goods,
                containers=boxes,
            )
            record_event(session, actor, data, now=now, source="demo")
            count += 1
    _pending_request(session, now)
    return count


def _pending_request(session: Session, now: datetime) -> None:
    """One 1.11 request waiting for MS.5 (written directly: no mailbox notice in the demo)."""
    requester = session.exec(select(User).where(User.username == "agente")).first()
    declaration = session.exec(
        select(Declaration)
        .where(col(Declaration.paid_at).is_(None), col(Declaration.liquidation_number).is_not(None))
        .order_by(col(Declaration.id))
    ).first()
    if requester is None or requester.id is None or requester.company_id is None:
        return
    if declaration is None or declaration.id is None:
        return
    year = local(now).year
    session.add(PaymentFacilityCounter(year=year, last=1))
    session.add(
        PaymentFacility(
            number=f"FP-{year}-000001",
            company_id=requester.company_id,
            requester_id=requester.id,
            declaration_id=declaration.id,
            district_code="028",
            amount_cents=declaration.liquidation_cents,
            instalments=6,
            justification=(
                "La importación de electrodomésticos coincidió con el pago de aguinaldos; "
                "proponemos seis cuotas mensuales iguales con débito automático."
            ),
            state="pendiente",
            created_at=now,
        )
    )


# Deleted by `demo._clear` before companies and users, children first.
TRACKING_TABLES = (
    PaymentFacilityAttachment,
    PaymentFacility,
    PaymentFacilityCounter,
    EDocument,
    SigningKey,
    TrackingEvent,
    Declaration,
    CargoContainer,
    Cargo,
)
