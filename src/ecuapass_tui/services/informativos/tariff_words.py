"""The word index of the tariff search: each distinct stem of a node's or a national line's
`search` column (tariff_search.search_column) in a table of its own, written whenever the
nomenclature is loaded or lines are stored, and read by prefix through the table's primary
key instead of a `LIKE` scan of every row.

A query stem matches a row when it starts one of the row's stems (what `LIKE '% stem%'` said
of the search column); every stem of the query must match (an INTERSECT of the rows found by
each one)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, delete, intersect, select
from sqlmodel import Session, col

from ecuapass_tui.store.models_tariff import TariffLineWord, TariffNodeWord

HIGH = "\uffff"  # sorts after every stem (stems are ASCII letters and digits)


def _pairs(rows: Iterable[tuple[Any, str]]) -> list[tuple[str, Any]]:
    return [(token, ref) for ref, search in rows for token in set(search.split())]


def _insert(session: Session, table: str, key: str, pairs: list[tuple[str, Any]]) -> None:
    """Rows straight to the driver (COPY on PostgreSQL), in the session's transaction: the
    nomenclature alone has about 170,000 stems and is loaded whenever a database is built."""
    if not pairs:
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f"COPY {table} (token, {key}) FROM STDIN") as copy:
            for pair in pairs:
                copy.write_row(pair)
        cursor.close()
    else:
        statement = f"INSERT INTO {table} (token, {key}) VALUES (?, ?)"  # noqa: S608 (constants)
        connection.exec_driver_sql(statement, pairs)


def clear_nodes(session: Session) -> None:
    session.exec(delete(TariffNodeWord))  # type: ignore[call-overload]


def index_nodes(session: Session, rows: Iterable[tuple[str, str]]) -> None:
    """Add the stems of the stored nodes `rows` (code, search)."""
    _insert(session, "tariff_node_word", "code", _pairs(rows))


def index_lines(session: Session, rows: Iterable[tuple[int, str]]) -> None:
    """Add the stems of the stored lines `rows` (id, search)."""
    _insert(session, "tariff_line_word", "line_id", _pairs(rows))


def forget_lines(session: Session, ids: Any) -> None:
    """Delete the stems of the lines `ids` (a list or a subquery), before the lines."""
    session.exec(delete(TariffLineWord).where(col(TariffLineWord.line_id).in_(ids)))  # type: ignore[call-overload]


def _ids(column: Any, token: Any, stems: list[str]) -> Any:
    def one(stem: str) -> Select[Any]:
        return select(column).where(token >= stem, token < stem + HIGH)

    if len(stems) == 1:
        return one(stems[0])
    return intersect(*(one(stem) for stem in stems))


def matching_nodes(stems: list[str]) -> Any:
    """The codes of the nodes whose stems start with each of `stems`."""
    return _ids(col(TariffNodeWord.code), col(TariffNodeWord.token), stems)


def matching_lines(stems: list[str]) -> Any:
    """The ids of the national lines whose stems start with each of `stems`."""
    return _ids(col(TariffLineWord.line_id), col(TariffLineWord.token), stems)
