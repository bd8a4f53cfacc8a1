"""E-documents: 1.3's filters and keyset pages, 1.6's directions, one company's documents only,
the export file and 2.7's answers (Íntegro, Alterado, Desconocido) with their details."""

from __future__ import annotations

import json
from datetime import date

import pytest
from tests.unit.test_tracking import who

from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.errors import FieldErrors, NotFound
from ecuapass_tui.services.tramites.document_lists import DocumentFilter
from ecuapass_tui.services.tramites.integrity import Verdict


def all_rows(desk: Desk, actor, wanted: DocumentFilter, limit: int = 3) -> list:  # type: ignore[no-untyped-def]
    rows, cursor = [], None
    while True:
        page = desk.documents_page(actor, wanted, after=cursor, limit=limit)
        rows.extend(page.rows)
        if page.next_cursor is None:
            return rows
        cursor = page.next_cursor


def test_filters_and_pages(desk: Desk) -> None:
    agente = who(desk, "agente")
    everything = all_rows(desk, agente, DocumentFilter(top_level=False), limit=4)
    assert len({r.id for r in everything}) == len(everything) > 10
    dais = all_rows(desk, agente, DocumentFilter())
    assert dais and {r.doc_type for r in dais} == {"dai"}
    today = date(2026, 11, 24)
    hoy = desk.documents_page(agente, DocumentFilter(start=today, end=today)).rows
    assert hoy and all(r.delivered_at.astimezone().date() <= today for r in hoy)
    accepted = all_rows(desk, agente, DocumentFilter(state="aceptado"))
    assert accepted and all(r.document_state == "aceptado" for r in accepted)
    number = dais[0].delivery_number
    found = desk.documents_page(agente, DocumentFilter(delivery_number=number[:12])).rows
    assert number in {r.delivery_number for r in found}
    assert desk.documents_page(agente, DocumentFilter(text="%_")).rows == ()
    received = all_rows(desk, agente, DocumentFilter(direction="recibido", top_level=False))
    assert {r.direction for r in received} == {"recibido"}
    with pytest.raises(FieldErrors):
        desk.documents_page(agente, DocumentFilter(start=today, end=date(2026, 11, 1)))


def test_detail_has_the_acceptance_notification(desk: Desk) -> None:
    agente = who(desk, "agente")
    accepted = all_rows(desk, agente, DocumentFilter(state="aceptado"))
    details = [desk.document(agente, r.id) for r in accepted]
    notes = [n for d in details for n in d.notifications if n.doc_type == "notif_aceptado"]
    assert notes
    content = desk.document(agente, notes[0].id).content
    assert "Número de DAI" in content and "Canal de aforo" in content
    assert "Número de liquidación" in content


def test_another_companys_documents_are_not_found(desk: Desk) -> None:
    agente, mtorres = who(desk, "agente"), who(desk, "mtorres")
    theirs = all_rows(desk, mtorres, DocumentFilter(top_level=False))
    mine = {r.id for r in all_rows(desk, agente, DocumentFilter(top_level=False))}
    assert theirs and mine.isdisjoint(r.id for r in theirs)
    with pytest.raises(NotFound):
        desk.document(agente, theirs[0].id)
    with pytest.raises(NotFound):
        desk.export_document(agente, theirs[0].id)


def test_export_and_integrity(desk: Desk) -> None:
    agente, mtorres = who(desk, "agente"), who(desk, "mtorres")
    row = desk.documents_page(agente, DocumentFilter()).rows[0]
    name, data = desk.export_document(agente, row.id)
    assert name.endswith(".json") and row.delivery_number in name
    ok = desk.verify_document(agente, data)
    assert ok.verdict == Verdict.INTEGRO and all(c.ok for c in ok.checks)
    envelope = json.loads(data)
    envelope["contenido"] = envelope["contenido"].replace("MRN", "MRX")
    changed = desk.verify_document(agente, json.dumps(envelope).encode())
    assert changed.verdict == Verdict.ALTERADO
    assert {c.code for c in changed.checks if not c.ok} == {"hash", "firma"}
    retitled = json.loads(data)
    retitled["titulo"] = "Otra cosa"
    bad = desk.verify_document(agente, json.dumps(retitled).encode())
    assert [c.code for c in bad.checks if not c.ok] == ["titulo"]
    assert next(c for c in bad.checks if c.code == "titulo").expected
    # Another company learns what differs, not what the store holds.
    theirs = desk.verify_document(mtorres, json.dumps(retitled).encode())
    assert theirs.verdict == Verdict.ALTERADO and all(not c.expected for c in theirs.checks)
    assert desk.verify_document(agente, b"\xff\xfe").reason == "not_json"
    assert desk.verify_document(agente, b'{"formato": "otro"}').reason == "not_ours"
    missing = json.loads(data)
    missing["id"] = 999_999
    unknown = desk.verify_document(agente, json.dumps(missing).encode())
    assert (unknown.verdict, unknown.reason) == (Verdict.DESCONOCIDO, "not_found")
