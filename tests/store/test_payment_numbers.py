"""1.11's request numbers (FP-YYYY-NNNNNN) come from the year's counter through
store/counters.py, as ticket and VUE numbers do: on each engine the number is in the rows that
name it once the block is left, and the next request gets the next number."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import col, select

from ecuapass_tui.services import audit
from ecuapass_tui.services.tramites.payments import _numbering
from ecuapass_tui.store import counters
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import AuditEvent

NOW = datetime(2026, 12, 7, 15, tzinfo=UTC)


def _request(db: Database) -> str:
    with db.write() as session:
        with counters.numbered(session, _numbering(NOW)) as slot:
            audit.record(
                session,
                at=NOW,
                actor_id=None,
                action="create",
                entity="payment_facility",
                entity_id=slot.mark,
                to_state="pendiente",
            )
    return slot.number


def test_payment_facility_numbers_follow_each_other(any_db: Database) -> None:
    assert [_request(any_db), _request(any_db)] == ["FP-2026-000001", "FP-2026-000002"]
    with any_db.read() as session:
        stored = session.exec(
            select(AuditEvent.entity_id).where(col(AuditEvent.entity) == "payment_facility")
        ).all()
    assert sorted(stored) == ["FP-2026-000001", "FP-2026-000002"]
