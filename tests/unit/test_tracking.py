"""SENAE Tracking services on a demo SQLite file: the stage order and why each refusal
happens, who sees which cargo (a company never sees another's), the timeline, and the demo
data in every stage and channel. Services are called through the Desk, as screens do."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import col, select
from tests.helpers import FROZEN_NOW

from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, NotFound, PermissionDenied
from ecuapass_tui.services.tramites.tracking_dto import Channel, EventInput, Stage, StepState
from ecuapass_tui.services.tramites.tracking_rules import StageRefused
from ecuapass_tui.store.models import AuditEvent, MailboxNotice
from ecuapass_tui.store.models_tracking import Cargo, Declaration, TrackingEvent
from ecuapass_tui.texts import error_text

# The subject here is what is checked, not what a hash costs.
pytestmark = pytest.mark.cheap_hashes

ACCOUNTS = {
    "agente": ("1792060346001", "Aduana2026ec"),
    "importador": ("0993456780001", "Pacifico2026ec"),
    "mtorres": ("1714307103001", "Cuenca2026ec"),
    "supervisor": ("", "Supervisor2026ec"),
    "ciudadano": ("", "General2026ec"),
}
MRN = "CEC2026TEST0001"


def who(desk: Desk, username: str) -> Actor:
    ruc, password = ACCOUNTS[username]
    return desk.login(ruc, username, password, None)


def event(stage: str, hours: int, **fields: object) -> EventInput:
    values: dict[str, object] = {
        "mrn": MRN,
        "stage": stage,
        "at": FROZEN_NOW - timedelta(hours=100 - hours),
        "transport_doc_type": "BL",
        "transport_doc": "MEDUTEST0001",
        "consignee_ruc": "0993456780001",
        "declarant_oce": "03907058",
        "district": "028",
        "containers": ("MSCU1234567",),
        "goods": "Prueba",
    }
    values.update(fields)
    return EventInput(**values)  # type: ignore[arg-type]


def walk(desk: Desk, staff: Actor, until: Stage, channel: str = Channel.FISICO_INTRUSIVO) -> None:
    stages = [
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
    ]
    if channel == Channel.AUTOMATICO:
        stages = [s for s in stages if not s.startswith("aforo")]
    for hours, stage in enumerate(stages):
        desk.record_event(staff, event(stage, hours, channel=channel, liquidation_cents=150_000))
        if stage == until:
            return


def refusal(desk: Desk, staff: Actor, stage: str, **fields: object) -> StageRefused:
    with pytest.raises(StageRefused) as caught:
        desk.record_event(staff, event(stage, 50, **fields))
    return caught.value


def test_stage_order_refusals_say_why(desk: Desk) -> None:
    staff = who(desk, "supervisor")
    with pytest.raises(NotFound):
        desk.record_event(staff, event(Stage.ARRIBO, 1))
    walk(desk, staff, Stage.DAI_TRANSMITIDA)
    early = refusal(desk, staff, Stage.AFORO_EN_PROCESO)
    assert early.code == "trk_stage_order"
    assert early.params == {
        "stage": "aforo_en_proceso",
        "current": "dai_transmitida",
        "missing": "dai_aceptada",
    }
    assert "DAI aceptada" in error_text(early)
    walk_more = [Stage.DAI_ACEPTADA, Stage.CANAL_ASIGNADO, Stage.AFORO_EN_PROCESO]
    for hours, stage in enumerate(walk_more, start=10):
        desk.record_event(staff, event(stage, hours, channel="documental", liquidation_cents=9_900))
    exit_before_payment = refusal(desk, staff, Stage.SALIDA_AUTORIZADA)
    assert exit_before_payment.params["missing"] == "aforo_concluido"
    assert "Salida autorizada" in error_text(exit_before_payment)
    assert refusal(desk, staff, Stage.ARRIBO).code == "trk_stage_repeated"
    with pytest.raises(FieldErrors) as observed:
        desk.record_event(staff, event(Stage.AFORO_OBSERVADO, 20))
    assert observed.value.rules == {"detalle": "trk_observation_required"}
    desk.record_event(staff, event(Stage.AFORO_OBSERVADO, 20, detail="Falta la factura"))
    assert refusal(desk, staff, Stage.LIQUIDACION_PAGADA).params["missing"] == "aforo_concluido"


def test_times_and_automatic_channel(desk: Desk) -> None:
    staff = who(desk, "supervisor")
    walk(desk, staff, Stage.CANAL_ASIGNADO, channel=Channel.AUTOMATICO)
    assert refusal(desk, staff, Stage.AFORO_EN_PROCESO).code == "trk_aforo_automatic"
    future = event(Stage.LIQUIDACION_PAGADA, 0, at=FROZEN_NOW + timedelta(hours=1))
    with pytest.raises(StageRefused) as caught:
        desk.record_event(staff, future)
    assert caught.value.code == "trk_time_future"
    earlier = event(Stage.LIQUIDACION_PAGADA, 0, at=FROZEN_NOW - timedelta(days=30))
    with pytest.raises(StageRefused) as before:
        desk.record_event(staff, earlier)
    assert before.value.code == "trk_time_before"
    for hours, stage in enumerate(
        (Stage.LIQUIDACION_PAGADA, Stage.SALIDA_AUTORIZADA, Stage.SALIDA_DEPOSITO), start=40
    ):
        desk.record_event(staff, event(stage, hours))
    assert refusal(desk, staff, Stage.ARRIBO).code == "trk_cargo_finished"
    cargo = desk.search_cargo(staff, MRN).rows[0]
    detail = desk.cargo(staff, cargo.id)
    states = {s.step.value: s.state for s in detail.steps}
    assert states["aforo"] == StepState.SKIPPED
    assert all(s.state in (StepState.DONE, StepState.SKIPPED) for s in detail.steps)


def test_refused_event_leaves_no_trace(desk: Desk, demo_db) -> None:  # type: ignore[no-untyped-def]
    staff = who(desk, "supervisor")
    walk(desk, staff, Stage.DEPOSITO)
    with demo_db.read() as s:
        before = len(s.exec(select(TrackingEvent)).all()), len(s.exec(select(AuditEvent)).all())
    refusal(desk, staff, Stage.SALIDA_AUTORIZADA)
    with pytest.raises(StageRefused):
        desk.record_event(staff, event(Stage.DAI_TRANSMITIDA, 30, delivery_number="1" * 20 + "E"))
    with demo_db.read() as s:
        after = len(s.exec(select(TrackingEvent)).all()), len(s.exec(select(AuditEvent)).all())
    assert after == before


def test_declaration_notice_and_numbers(desk: Desk, demo_db) -> None:  # type: ignore[no-untyped-def]
    staff = who(desk, "supervisor")
    walk(desk, staff, Stage.CANAL_ASIGNADO)
    with demo_db.read() as s:
        cargo = s.exec(select(Cargo).where(Cargo.mrn == MRN)).one()
        declaration = s.exec(select(Declaration).where(Declaration.cargo_id == cargo.id)).one()
        notices = s.exec(
            select(MailboxNotice).where(col(MailboxNotice.subject).contains("ACEPTADO"))
        ).all()
    assert len(declaration.delivery_number) == 21
    assert declaration.delivery_number.startswith("03907058" + "2026")
    assert declaration.dai_number and declaration.liquidation_number
    assert cargo.channel == "fisico_intrusivo"
    assert notices and all(declaration.dai_number in n.subject for n in notices)


def test_a_company_never_sees_another_companys_cargo(desk: Desk) -> None:
    agente, importador, mtorres = who(desk, "agente"), who(desk, "importador"), who(desk, "mtorres")
    staff, ciudadano = who(desk, "supervisor"), who(desk, "ciudadano")
    everything = {r.mrn for r in desk.search_cargo(staff, limit=500).rows}
    theirs = {
        name: {r.mrn for r in desk.search_cargo(a, limit=500).rows}
        for name, a in (("agente", agente), ("importador", importador), ("mtorres", mtorres))
    }
    assert len(everything) == 14
    assert theirs["importador"].isdisjoint(theirs["mtorres"])
    assert "CEC2026TUL00014" in theirs["mtorres"] and "CEC2026TUL00014" not in theirs["agente"]
    assert "CEC2026MSCU0013" in theirs["importador"] and "CEC2026MSCU0013" not in theirs["agente"]
    assert desk.search_cargo(ciudadano).rows == ()
    hidden = desk.search_cargo(staff, "CEC2026TUL00014").rows[0]
    for actor in (agente, importador, ciudadano):
        assert desk.search_cargo(actor, "CEC2026TUL00014").rows == ()
        assert desk.search_cargo(actor, "HLXU3382210" if actor is importador else "x").rows == ()
        with pytest.raises(NotFound):
            desk.cargo(actor, hidden.id)
    with pytest.raises(PermissionDenied):
        desk.record_event(agente, event(Stage.MANIFIESTO, 1))


def test_search_by_every_identifier(desk: Desk) -> None:
    agente = who(desk, "agente")
    staff = who(desk, "supervisor")
    detail = desk.cargo(staff, desk.search_cargo(staff, "CEC2026MAEU0009").rows[0].id)
    assert detail.declaration is not None
    for query in (
        "CEC2026MAEU0009",
        "maeu228104901",
        "MAEU 7731002",
        detail.declaration.dai_number,
        detail.declaration.delivery_number,
    ):
        assert [r.mrn for r in desk.search_cargo(agente, query).rows] == ["CEC2026MAEU0009"]
    with pytest.raises(FieldErrors):
        desk.search_cargo(agente, "X" * 41)


def test_keyset_pages_cover_everything_once(desk: Desk) -> None:
    staff = who(desk, "supervisor")
    seen: list[str] = []
    cursor = None
    while True:
        page = desk.search_cargo(staff, after=cursor, limit=4)
        seen.extend(r.mrn for r in page.rows)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert len(seen) == len(set(seen)) == 14


def test_demo_has_every_stage_and_channel(desk: Desk, demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.read() as s:
        cargo = s.exec(select(Cargo)).all()
    assert {c.stage for c in cargo} == set(Stage)
    assert {c.channel for c in cargo if c.channel} == set(Channel)
    staff = who(desk, "supervisor")
    timeline = desk.cargo(staff, desk.search_cargo(staff, "CEC2026HLCU0008").rows[0].id).steps
    current = [s for s in timeline if s.state == StepState.CURRENT]
    assert [(s.step.value, s.stage) for s in current] == [("aforo", "aforo_observado")]


@pytest.mark.parametrize("language", ["es", "en"])
def test_event_wording_and_actor_follow_the_transport_mode(  # type: ignore[no-untyped-def]
    desk: Desk, demo_db, language: str
) -> None:
    """Air cargo (AWB) never reads of a vessel or a port; each reader reads the demo's events
    in their own language (they are stored as codes)."""
    from ecuapass_tui import i18n
    from ecuapass_tui.texts.tramites import event_text

    staff = who(desk, "supervisor")
    with demo_db.read() as s:
        modes = {c.transport_doc_type: c.mrn for c in s.exec(select(Cargo)).all()}
    assert {"AWB", "BL"} <= set(modes)
    i18n.set_language(language)
    try:
        read = {}
        for doc_type in ("AWB", "BL"):
            detail = desk.cargo(staff, desk.search_cargo(staff, modes[doc_type]).rows[0].id)
            read[doc_type] = " | ".join(
                event_text(part, detail.transport_doc_type)
                for step in detail.steps
                for part in (step.who, step.detail)
            )
    finally:
        i18n.set_language("es")
    assert "ecuapass:" not in read["AWB"] + read["BL"]
    if language == "es":
        assert "Autoridad aeroportuaria" in read["AWB"]
        assert "Arribo de la aeronave al aeropuerto" in read["AWB"]
        assert "Autoridad portuaria" in read["BL"]
        assert "Arribo del buque al puerto" in read["BL"]
    for word in ("buque", "Autoridad portuaria", "Naviera", "Vessel", "Port authority", "Shipping"):
        assert word not in read["AWB"], word
    if language == "en":
        assert "Arribo" not in read["AWB"] and "Autoridad" not in read["BL"]
    # A text a user or an import wrote is kept as written.
    assert event_text("Autoridad portuaria de Manta (CSV)", "AWB") == (
        "Autoridad portuaria de Manta (CSV)"
    )
