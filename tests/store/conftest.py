"""Store fixtures: an unmigrated database on each engine, and a row factory."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import TypeVar

import pytest
from sqlmodel import Session

from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import Company, Favourite, OceRegistration, OceType, User

T = TypeVar("T")

NOW = datetime(2026, 3, 2, 15, 30, 0, 123456, tzinfo=UTC)


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def empty_db(request: pytest.FixtureRequest) -> Iterator[Database]:
    """A Database on a new, empty database (no tables, no revision) on each engine."""
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")
    db = Database(url)
    yield db
    db.dispose()


class Rows:
    """Valid rows with every required field; each call gets unique natural keys."""

    def __init__(self) -> None:
        self._n = itertools.count(1)

    def _add(self, session: Session, row: T) -> T:
        session.add(row)
        session.flush()
        return row

    def company(self, session: Session, **fields: object) -> Company:
        n = next(self._n)
        values: dict[str, object] = {
            "ruc": f"17900{n:08d}",
            "razon_social": f"Importadora {n} S.A.",
            "tipo_persona": "juridica",
            "created_at": NOW,
        }
        return self._add(session, Company(**(values | fields)))

    def oce_type(self, session: Session, code: str = "AGENTE") -> OceType:
        return self._add(
            session, OceType(code=code, name_es="Agente de aduana", name_en="Customs broker")
        )

    def oce_registration(self, session: Session, **fields: object) -> OceRegistration:
        n = next(self._n)
        values: dict[str, object] = {
            "code": f"AG{n:06d}",
            "oce_type_code": "AGENTE",
            "start": date(2026, 1, 1),
            "end": date(2027, 12, 31),
        }
        return self._add(session, OceRegistration(**(values | fields)))

    def user(self, session: Session, **fields: object) -> User:
        n = next(self._n)
        values: dict[str, object] = {
            "username": f"usuario{n}",
            "user_class": "OCE",
            "full_name": f"Usuario Número {n}",
            "password_hash": "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA",
            "created_at": NOW,
        }
        return self._add(session, User(**(values | fields)))

    def favourite(self, session: Session, **fields: object) -> Favourite:
        return self._add(session, Favourite(**fields))


@pytest.fixture
def rows() -> Rows:
    return Rows()
