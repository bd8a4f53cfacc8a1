"""Tracking on both engines: the search by each identifier with the company filter, the stage
order and the CSV import's rollback, signed documents verified, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import func, select

from ecuapass_tui.services.catalogs import load_catalogs
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.tramites import integrity, tracking, tracking_import
from ecuapass_tui.services.tramites.documents import export_bytes
from ecuapass_tui.services.tramites.tracking_dto import EventInput, Stage
from ecuapass_tui.services.tramites.tracking_events import record_event
from ecuapass_tui.services.tramites.tracking_rules import StageRefused
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models_tracking import EDocument, TrackingEvent

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
STAGES = (
    Stage.MANIFIESTO,
    Stage.ARRIBO,
    Stage.DEPOSITO,
    Stage.DAI_TRANSMITIDA,
    Stage.DAI_ACEPTADA,
    Stage.CANAL_ASIGNADO,
)


def test_tracking_on_each_engine(any_db: Database, rows) -> None:  # type: ignore[no-untyped-def]
    with any_db.write() as s:
        load_catalogs(s)
        rows.oce_type(s, "agente_aduana_x")
        own, other = rows.company(s), rows.company(s)
        rows.oce_registration(
            s, company_id=own.id, code="12345678", oce_type_code="agente_aduana_x"
        )
        boss = rows.user(s, user_class="supervisor")
        user = rows.user(s, user_class="representante", company_id=own.id)
        stranger = rows.user(s, user_class="representante", company_id=other.id)
        staff = Actor(boss.id, boss.username, "supervisor", boss.full_name, None, "es")
        mine = Actor(user.id, user.username, "representante", user.full_name, own.id, "es")
        theirs = Actor(stranger.id, stranger.username, "representante", "x", other.id, "es")
        for n, consignee in enumerate((own, other, other)):
            for k, stage in enumerate(STAGES):
                data = EventInput(
                    mrn=f"CEC2026PG{n:06d}",
                    stage=stage,
                    at=NOW - timedelta(hours=20 - k),
                    transport_doc_type="BL",
                    transport_doc=f"BLPG{n}",
                    consignee_ruc=consignee.ruc,
                    declarant_oce="12345678" if n < 2 else "",
                    district="028",
                    containers=(f"MSCU{n:07d}",),
                    channel="documental",
                    liquidation_cents=12_345,
                )
                record_event(s, staff, data, now=NOW)
    with any_db.read() as s:
        assert [r.mrn for r in tracking.search(s, mine, "mscu0000001").rows] == ["CEC2026PG000001"]
        assert {r.mrn for r in tracking.search(s, mine).rows} == {
            "CEC2026PG000000",
            "CEC2026PG000001",
        }
        assert {r.mrn for r in tracking.search(s, theirs).rows} == {
            "CEC2026PG000001",
            "CEC2026PG000002",
        }
        assert tracking.search(s, theirs, "CEC2026PG000000").rows == ()
        assert len(tracking.search(s, staff, limit=100).rows) == 3
        doc = s.exec(select(EDocument).where(EDocument.company_id == own.id)).first()
        assert doc is not None and doc.delivery_number.startswith("123456782026")
        for query in (doc.delivery_number, "BLPG0"):
            assert [r.mrn for r in tracking.search(s, mine, query).rows] == ["CEC2026PG000000"]
    with any_db.write() as s:
        data = export_bytes(s, mine, doc.id, now=NOW)
        assert integrity.verify_file(s, mine, data, now=NOW).verdict == integrity.Verdict.INTEGRO
        tampered = data.replace(b"MRN", b"MRX")
        assert integrity.verify_file(s, mine, tampered, now=NOW).verdict == "alterado"
    with any_db.write() as s, pytest.raises(StageRefused):
        late = EventInput(mrn="CEC2026PG000000", stage=Stage.SALIDA_AUTORIZADA, at=NOW)
        record_event(s, staff, late, now=NOW)
    with any_db.read() as s:
        before = s.exec(select(func.count()).select_from(TrackingEvent)).one()
    csv = (
        b"mrn,etapa,fecha_hora\n"
        b"CEC2026PG000000,aforo_en_proceso,24/11/2026 09:00\n"
        b"CEC2026PG000000,liquidacion_pagada,24/11/2026 09:10\n"
    )
    with pytest.raises(tracking_import.ImportRefused) as caught, any_db.write() as s:
        tracking_import.import_csv(s, staff, csv, now=NOW)
    assert [p.line for p in caught.value.problems] == [3]
    with any_db.read() as s:
        assert s.exec(select(func.count()).select_from(TrackingEvent)).one() == before
