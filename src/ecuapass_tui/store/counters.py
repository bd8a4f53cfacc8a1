"""Gap-free numbers from a counter row, taken as the last write of their transaction.

A counter row (`ticket_counter`, `vue_counter`) is incremented in the transaction of the row
it numbers: numbers are unique under concurrent writers, and a write that is rolled back gives
its number back (no gaps). On PostgreSQL the incremented row stays locked until the commit,
so every other writer of the same counter waits that long: `numbered()` takes the number
last. Inside its block the rows are written with a provisional mark where the number goes
(the numbered row, its audit event, the notices and mails that name it); when the block is
left, one statement (a data-modifying WITH) increments the counter and puts the number in
place of the mark in every row written in the block that holds it, so the counter is locked
for that statement and the commit. Other transactions never see a mark: they read committed
rows only. SQLite holds the whole database from BEGIN IMMEDIATE to the commit whatever the
order, so there the number is taken when the block starts and is its own mark.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, Text, cast, event, func, inspect, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, SQLModel

MARK_START = "~"  # never in a number; the rest of a mark is random hex


@dataclass(frozen=True)
class Numbering:
    """One counter row (`key`: its key columns and values; the count is its `last` column) and
    how its numbers are written: `prefix`, the count zero-padded to `width`, `suffix`."""

    counter: type[SQLModel]
    key: Mapping[str, object]
    prefix: str
    width: int
    suffix: str = ""

    def text(self, last: int) -> str:
        return f"{self.prefix}{last:0{self.width}d}{self.suffix}"


@dataclass
class Slot:
    """`mark` goes where the number goes; `number` is set when the block is left."""

    mark: str
    number: str = ""


@dataclass(frozen=True)
class _Named:
    row: Any
    table: Table
    row_id: Any
    columns: dict[str, str] = field(default_factory=dict)  # attribute -> column


@contextmanager
def numbered(session: Session, numbering: Numbering) -> Iterator[Slot]:
    """Write the rows with `slot.mark` where the number goes; when the block is left, the
    number is in their place (in the database and in the row objects) and in `slot.number`.

    SQLite holds the whole database from BEGIN IMMEDIATE to the commit, whatever the order:
    there the number is taken at once and is its own mark (nothing to fill in afterwards)."""
    if session.get_bind().dialect.name != "postgresql":
        number = numbering.text(_take_sqlite(session, numbering))
        yield Slot(number, number)
        session.flush()
        return
    # As long as a real number (a mark of another length could be cut short by a column).
    slot = Slot(MARK_START + secrets.token_hex(16)[: len(numbering.text(0)) - 1])
    written: list[Any] = []

    def attached(_session: Any, row: Any) -> None:
        written.append(row)

    event.listen(session, "after_attach", attached)
    try:
        yield slot
    finally:
        event.remove(session, "after_attach", attached)
    session.flush()
    named = _naming(written, slot.mark)
    slot.number = _take_pg(session, numbering, slot.mark, named)
    for one in named:
        for attribute in one.columns:
            value = getattr(one.row, attribute).replace(slot.mark, slot.number)
            set_committed_value(one.row, attribute, value)


def _naming(rows: list[Any], mark: str) -> list[_Named]:
    """The stored rows among `rows` with the mark in a text column, each once."""
    found: dict[int, _Named] = {}
    for row in rows:
        state = inspect(row)
        if id(row) in found or not state.persistent:
            continue
        mapper = state.mapper
        columns = {
            prop.key: prop.columns[0].name
            for prop in mapper.column_attrs
            if isinstance(value := state.dict.get(prop.key), str) and mark in value
        }
        if columns:
            (row_id,) = mapper.primary_key_from_instance(row)
            found[id(row)] = _Named(row, mapper.local_table, row_id, columns)
    return list(found.values())


def _upsert(dialect: Any, numbering: Numbering) -> Any:
    table: Table = numbering.counter.__table__  # type: ignore[attr-defined]
    return (
        dialect.insert(table)
        .values(**numbering.key, last=1)
        .on_conflict_do_update(index_elements=list(numbering.key), set_={"last": table.c.last + 1})
    )


def _take_sqlite(session: Session, numbering: Numbering) -> int:
    table: Table = numbering.counter.__table__  # type: ignore[attr-defined]
    last: int = session.execute(_upsert(sqlite, numbering).returning(table.c.last)).scalar_one()
    return last


def _take_pg(session: Session, numbering: Numbering, mark: str, named: list[_Named]) -> str:
    """The counter's upsert and every fill in one statement: the counter's row is locked for
    this statement and the commit."""
    table: Table = numbering.counter.__table__  # type: ignore[attr-defined]
    digits = cast(table.c.last, Text)
    padded = func.lpad(digits, func.greatest(numbering.width, func.length(digits)), "0")
    text = literal(numbering.prefix) + padded + literal(numbering.suffix)
    counted = _upsert(postgresql, numbering).returning(text.label("number")).cte("counted")
    number = select(counted.c.number).scalar_subquery()
    fills = [
        _filled(one, mark, number).returning(one.table.c[_pk(one)]).cte(f"fill_{i}")
        for i, one in enumerate(named)
    ]
    taken: str = session.execute(select(counted.c.number).add_cte(*fills)).scalar_one()
    return taken


def _pk(one: _Named) -> str:
    (column,) = one.table.primary_key.columns
    return str(column.name)


def _filled(one: _Named, mark: str, number: Any) -> Any:
    values = {name: func.replace(one.table.c[name], mark, number) for name in one.columns.values()}
    return update(one.table).values(values).where(one.table.c[_pk(one)] == one.row_id)
