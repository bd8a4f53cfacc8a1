"""3.8 Sugerencias through the services: checked by the form engine, acknowledged in the
mailbox, the draft removed, readable only by supervisors and administrators."""

from __future__ import annotations

import pytest
from sqlmodel import select

from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.errors import FieldErrors, PermissionDenied
from ecuapass_tui.store.models import MailboxNotice

# The subject here is what is checked, not what a hash costs.
pytestmark = pytest.mark.cheap_hashes

GOOD = {
    "tipo": "sugerencia",
    "asunto": "Buscar por número de entrega",
    "descripcion": "Sería útil poder buscar en 1.3 por los últimos dígitos del número de entrega.",
    "correo": "cmoreno@andina.example",
}


def test_suggestion_is_stored_acknowledged_and_its_draft_removed(desk: Desk) -> None:
    agente = desk.login("1792060346001", "agente", "Aduana2026ec", None)
    desk.save_draft(agente, "sugerencias", {"asunto": "Buscar"})
    number = desk.submit_suggestion(agente, dict(GOOD))
    assert desk.load_draft(agente, "sugerencias") is None
    with desk.db.read() as s:
        notice = s.exec(
            select(MailboxNotice).where(MailboxNotice.subject.startswith("Sugerencia recibida"))  # type: ignore[attr-defined]
        ).one()
    assert notice.user_id == agente.user_id
    assert f"SUG-{number:06d}" in notice.body
    supervisor = desk.login("", "supervisor", "Supervisor2026ec", None)
    [row] = desk.suggestions(supervisor)
    assert (row.username, row.kind, row.subject) == ("agente", "sugerencia", GOOD["asunto"])


def test_invalid_suggestion_is_refused_with_field_errors(desk: Desk) -> None:
    agente = desk.login("1792060346001", "agente", "Aduana2026ec", None)
    with pytest.raises(FieldErrors) as refused:
        desk.submit_suggestion(agente, {"tipo": "otro", "asunto": "x", "correo": "no"})
    assert [e.field for e in refused.value.errors] == ["tipo", "asunto", "descripcion", "correo"]
    supervisor = desk.login("", "supervisor", "Supervisor2026ec", None)
    assert desk.suggestions(supervisor) == []


def test_only_supervisors_and_administrators_read_suggestions(desk: Desk) -> None:
    for ruc, user, password in (
        ("1792060346001", "agente", "Aduana2026ec"),
        ("", "analista", "Analista2026ec"),
    ):
        actor = desk.login(ruc, user, password, None)
        with pytest.raises(PermissionDenied):
            desk.suggestions(actor)
