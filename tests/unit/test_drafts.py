"""Form drafts on both engines: saved, replaced, restored with files, private, removed."""

from __future__ import annotations

import pytest
from sqlmodel import func, select
from tests.helpers import frozen_clock

from ecuapass_tui.services import drafts
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.drafts import DraftFile
from ecuapass_tui.services.errors import ServiceError
from ecuapass_tui.store.models import DraftAttachment

# The subject here is what is checked, not what a hash costs.
pytestmark = pytest.mark.cheap_hashes

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def desk(people_db) -> Desk:
    return Desk(people_db, clock=frozen_clock(), demo_mode=True)


def test_draft_round_trip_with_files(desk: Desk) -> None:
    agente = desk.login("1792060346001", "agente", "Aduana2026ec", None)
    values = {"asunto": "Error al transmitir la DAI", "tabla": [{"codigo": "03907058"}], "x": True}
    desk.save_draft(agente, "incidente", values, (DraftFile("capturas", "pantalla.png", PNG),))
    restored = desk.load_draft(agente, "incidente")
    assert restored is not None
    assert restored.values == values
    assert restored.files == (DraftFile("capturas", "pantalla.png", PNG),)
    assert restored.updated_at == desk.now()


def test_saving_again_replaces_values_and_keeps_unchanged_files(desk: Desk) -> None:
    agente = desk.login("1792060346001", "agente", "Aduana2026ec", None)
    files = (DraftFile("capturas", "a.png", PNG),)
    desk.save_draft(agente, "incidente", {"asunto": "A"}, files)
    with desk.db.read() as s:
        first_id = s.exec(select(DraftAttachment.id)).one()
    desk.save_draft(agente, "incidente", {"asunto": "AB"}, files)
    with desk.db.read() as s:
        assert s.exec(select(DraftAttachment.id)).one() == first_id  # not rewritten
    desk.save_draft(agente, "incidente", {"asunto": "ABC"}, ())
    restored = desk.load_draft(agente, "incidente")
    assert restored is not None and restored.values == {"asunto": "ABC"} and restored.files == ()
    with desk.db.read() as s:
        assert s.exec(select(func.count()).select_from(DraftAttachment)).one() == 0


def test_drafts_are_per_user_and_per_form(desk: Desk) -> None:
    agente = desk.login("1792060346001", "agente", "Aduana2026ec", None)
    other = desk.login("0993456780001", "importador", "Pacifico2026ec", None)
    desk.save_draft(agente, "incidente", {"asunto": "mío"})
    assert desk.load_draft(other, "incidente") is None
    assert desk.load_draft(agente, "consulta") is None
    assert desk.discard_draft(other, "incidente") is False
    assert desk.load_draft(agente, "incidente") is not None


def test_discard_removes_draft_and_files(desk: Desk) -> None:
    agente = desk.login("1792060346001", "agente", "Aduana2026ec", None)
    desk.save_draft(agente, "incidente", {"a": "b"}, (DraftFile("f", "a.png", PNG),))
    assert desk.discard_draft(agente, "incidente") is True
    assert desk.load_draft(agente, "incidente") is None
    with desk.db.read() as s:
        assert s.exec(select(func.count()).select_from(DraftAttachment)).one() == 0


def test_oversized_draft_is_refused(desk: Desk) -> None:
    agente = desk.login("1792060346001", "agente", "Aduana2026ec", None)
    with pytest.raises(ServiceError) as refused:
        desk.save_draft(agente, "incidente", {"a": "x" * (drafts.MAX_VALUES_BYTES + 1)})
    assert refused.value.code == "draft_too_large"
    assert desk.load_draft(agente, "incidente") is None
