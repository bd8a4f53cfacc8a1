"""Aware datetimes go in in any zone and come back as the same instant, in UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.exc import StatementError
from sqlmodel import select

from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import Company, User

GUAYAQUIL = ZoneInfo("America/Guayaquil")  # UTC-5, no DST
KOLKATA = timezone(timedelta(hours=5, minutes=30))


def test_aware_datetimes_round_trip_as_utc(any_db: Database, rows) -> None:
    created = datetime(2026, 1, 2, 21, 4, 5, 123456, tzinfo=GUAYAQUIL)
    locked = datetime(2026, 1, 3, 1, 0, 0, 999999, tzinfo=KOLKATA)
    with any_db.write() as session:
        user_id = rows.user(session, created_at=created, locked_until=locked).id

    with any_db.read() as session:
        user = session.exec(select(User).where(User.id == user_id)).one()
    assert user.created_at == created
    assert user.created_at.tzinfo is UTC
    assert user.created_at == datetime(2026, 1, 3, 2, 4, 5, 123456, tzinfo=UTC)
    assert user.locked_until == datetime(2026, 1, 2, 19, 30, 0, 999999, tzinfo=UTC)
    assert user.locked_until is not None and user.locked_until.tzinfo is UTC
    assert user.last_login_at is None


def test_comparisons_use_the_instant_not_the_wall_clock(any_db: Database, rows) -> None:
    # 2026-01-02 21:00 in Guayaquil is 2026-01-03 02:00 UTC: later than 01:00 UTC although
    # its wall clock says 21:00 on the day before.
    with any_db.write() as session:
        rows.company(
            session, ruc="1790000000001", created_at=datetime(2026, 1, 2, 21, tzinfo=GUAYAQUIL)
        )
        rows.company(session, ruc="1790000000002", created_at=datetime(2026, 1, 3, 1, tzinfo=UTC))
    with any_db.read() as session:
        query = select(Company.ruc).order_by(Company.created_at)
        assert session.exec(query).all() == ["1790000000002", "1790000000001"]
        cutoff = datetime(2026, 1, 2, 20, 30, tzinfo=GUAYAQUIL)  # 01:30 UTC
        later = session.exec(select(Company.ruc).where(Company.created_at > cutoff)).all()
        assert later == ["1790000000001"]


def test_naive_datetimes_are_refused(any_db: Database, rows) -> None:
    with pytest.raises(StatementError) as refused, any_db.write() as session:
        rows.company(session, created_at=datetime(2026, 1, 2, 21, 0))
    assert isinstance(refused.value.orig, ValueError)
    with any_db.read() as session:
        assert session.exec(select(Company)).all() == []
