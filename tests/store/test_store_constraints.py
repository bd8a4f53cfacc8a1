"""Foreign keys and unique constraints are enforced by the database itself, on both engines."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import Company, Favourite, OceRegistration, User


def count(db: Database, model: type) -> int:
    with db.read() as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_foreign_keys_are_enforced(any_db: Database, rows) -> None:
    with any_db.write() as session:
        rows.oce_type(session)
        company = rows.company(session)
        user = rows.user(session)
    missing = 999_999

    bad_rows: list[Callable[[Session], Any]] = [
        lambda s: rows.oce_registration(s, company_id=missing),
        lambda s: rows.oce_registration(s, company_id=company.id, oce_type_code="NO_EXISTE"),
        lambda s: rows.user(s, company_id=missing),
        lambda s: rows.favourite(s, user_id=missing, slot=1, option_number="1.3"),
    ]
    for add_bad_row in bad_rows:
        with pytest.raises(IntegrityError), any_db.write() as session:
            add_bad_row(session)

    # Deleting a row that others point at is refused too.
    with pytest.raises(IntegrityError), any_db.write() as session:
        rows.oce_registration(session, company_id=company.id)
        session.delete(session.get(Company, company.id))

    assert count(any_db, OceRegistration) == 0
    assert count(any_db, Favourite) == 0
    with any_db.read() as session:
        assert session.exec(select(User.id)).all() == [user.id]


def test_company_ruc_is_unique(any_db: Database, rows) -> None:
    with any_db.write() as session:
        rows.company(session, ruc="1790000000001")
    with pytest.raises(IntegrityError), any_db.write() as session:
        rows.company(session, ruc="1790000000001")
    with any_db.write() as session:
        rows.company(session, ruc="1790000000002")
    assert count(any_db, Company) == 2


def test_oce_registration_code_is_unique(any_db: Database, rows) -> None:
    with any_db.write() as session:
        rows.oce_type(session)
        first, second = rows.company(session).id, rows.company(session).id
        rows.oce_registration(session, company_id=first, code="AG001")
    with pytest.raises(IntegrityError), any_db.write() as session:
        rows.oce_registration(session, company_id=second, code="AG001")
    with any_db.write() as session:
        rows.oce_registration(session, company_id=first, code="AG002")
    assert count(any_db, OceRegistration) == 2


def test_username_is_unique(any_db: Database, rows) -> None:
    with any_db.write() as session:
        rows.user(session, username="jperez")
    with pytest.raises(IntegrityError), any_db.write() as session:
        rows.user(session, username="jperez")
    assert count(any_db, User) == 1


def test_favourite_slot_and_option_are_unique_per_user(any_db: Database, rows) -> None:
    with any_db.write() as session:
        ana, luis = rows.user(session).id, rows.user(session).id
        rows.favourite(session, user_id=ana, slot=1, option_number="1.3")

    # Same user, same slot, another option.
    with pytest.raises(IntegrityError), any_db.write() as session:
        rows.favourite(session, user_id=ana, slot=1, option_number="2.1")
    # Same user, same option, another slot.
    with pytest.raises(IntegrityError), any_db.write() as session:
        rows.favourite(session, user_id=ana, slot=2, option_number="1.3")

    # Another slot and option for the same user, and the same pair for another user, are fine.
    with any_db.write() as session:
        rows.favourite(session, user_id=ana, slot=2, option_number="2.1")
        rows.favourite(session, user_id=luis, slot=1, option_number="1.3")
    with any_db.read() as session:
        stored = session.exec(
            select(Favourite.user_id, Favourite.slot, Favourite.option_number).order_by(
                Favourite.user_id, Favourite.slot
            )
        ).all()
    assert [tuple(row) for row in stored] == [(ana, 1, "1.3"), (ana, 2, "2.1"), (luis, 1, "1.3")]
