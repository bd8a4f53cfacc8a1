"""MS.4 CSV import: all or nothing, bad rows reported with their line numbers, the header
checked, Spanish stage names and both delimiters accepted (docs/tracking_csv.md)."""

from __future__ import annotations

import pytest
from sqlmodel import func, select
from tests.unit.test_tracking import who

from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.errors import PermissionDenied
from ecuapass_tui.services.tramites.tracking_import import ImportRefused
from ecuapass_tui.store.models_tracking import Cargo, TrackingEvent
from ecuapass_tui.texts import text

HEADER = (
    "mrn,etapa,fecha_hora,detalle,quien,canal,monto,tipo_documento,documento_transporte,"
    "ruc_consignatario,oce_declarante,distrito,contenedores\n"
)
GOOD = HEADER + (
    "CEC2026CSV00001,Manifiesto transmitido,20/11/2026 08:00,,Naviera,,,BL,MEDUCSV1,"
    "0993456780001,03907058,028,MSCU7654321\n"
    "CEC2026CSV00001,arribo,20/11/2026 18:00,Arribo a puerto,Autoridad portuaria,,,,,,,,\n"
    "CEC2026CSV00002,manifiesto,2026-11-21T09:00:00-05:00,,,,,AWB,729-1,1714307103001,,019,\n"
    "CEC2026CSV00001,Ingreso a depósito temporal,21/11/2026 07:30,,Depósito,,,,,,,,\n"
)


def counts(demo_db) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    with demo_db.read() as s:
        return (
            s.exec(select(func.count()).select_from(TrackingEvent)).one(),
            s.exec(select(func.count()).select_from(Cargo)).one(),
        )


def test_good_file_is_recorded(desk: Desk, demo_db) -> None:  # type: ignore[no-untyped-def]
    staff = who(desk, "supervisor")
    before = counts(demo_db)
    result = desk.import_events(staff, GOOD.encode())
    assert (result.events, result.cargos) == (4, 2)
    assert counts(demo_db) == (before[0] + 4, before[1] + 2)
    row = desk.search_cargo(staff, "MSCU7654321").rows[0]
    assert row.stage == "deposito"


def test_bad_rows_are_reported_by_line_and_nothing_is_imported(desk: Desk, demo_db) -> None:  # type: ignore[no-untyped-def]
    staff = who(desk, "supervisor")
    before = counts(demo_db)
    bad = GOOD + (
        "CEC2026CSV00001,Salida autorizada,22/11/2026 10:00,,,,,,,,,,\n"  # line 6: order
        "CEC2026CSV00001,aforo_en_proceso,ayer,,,,,,,,,,\n"  # line 7: time
        "NOEXISTE0000001,arribo,22/11/2026 10:00,,,,,,,,,,\n"  # line 8: unknown cargo
        "CEC2026CSV00002,arribo\n"  # line 9: columns
        "CEC2026CSV00003,manifiesto,22/11/2026 10:00,,,,,XX,,,,999,\n"  # line 10: fields
    )
    with pytest.raises(ImportRefused) as caught:
        desk.import_events(staff, bad.encode())
    problems = caught.value.problems
    lines = sorted({p.line for p in problems})
    assert lines == [6, 7, 8, 9, 10]
    order = next(p for p in problems if p.line == 6)
    assert order.code == "trk_stage_order" and order.params["missing"] == "dai_transmitida"
    assert "Salida autorizada" in text(order.code, **order.params)
    assert {p.column for p in problems if p.line == 10} >= {"tipo_documento", "distrito"}
    assert counts(demo_db) == before
    assert desk.search_cargo(staff, "MSCU7654321").rows == ()


def test_header_delimiter_and_permissions(desk: Desk) -> None:
    staff, agente = who(desk, "supervisor"), who(desk, "agente")
    with pytest.raises(ImportRefused) as header:
        desk.import_events(staff, b"mrn;cuando\nX;Y\n")
    assert header.value.problems[0].code == "trk_csv_header"
    assert header.value.problems[0].params["missing"] == "etapa, fecha_hora"
    semicolons = GOOD.replace(",", ";").encode("utf-8-sig")
    assert desk.import_events(staff, semicolons).events == 4
    with pytest.raises(ImportRefused) as empty:
        desk.import_events(staff, HEADER.encode())
    assert empty.value.problems[0].code == "trk_csv_empty"
    with pytest.raises(ImportRefused) as latin:
        desk.import_events(staff, "mrn,etapa,fecha_hora\nÑ,arribo,x\n".encode("latin-1"))
    assert latin.value.problems[0].code == "trk_csv_encoding"
    with pytest.raises(PermissionDenied):
        desk.import_events(agente, GOOD.encode())
