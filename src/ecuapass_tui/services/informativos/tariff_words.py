"""The word index of the tariff search: the stems of the nodes' and the national lines'
`search` columns (tariff_search.search_column) in tables of their own, written whenever the
nomenclature is loaded or lines are stored, and read by prefix through the table's primary
key instead of a `LIKE` scan of every row.

A query stem matches a row when it starts one of the row's stems (what `LIKE '% stem%'` said
of the search column); every stem of the query must match. The nodes' index is one row per
stem with its codes (the tree is loaded whenever a database is built: 10,000 rows are cheap
to write, 170,000 pairs were not), intersected here; the lines' index is one row per stem and
line (lines come and go one import at a time), intersected by the database."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, delete, intersect, select
from sqlmodel import Session, col

from ecuapass_tui.store.models_tariff import TariffLineWord, TariffNodeWord

HIGH = "\uffff"  # sorts after every stem (stems are ASCII letters and digits)
FEW = 400  # candidates looked for one by one in another stem's codes


def _pairs(rows: Iterable[tuple[Any, str]]) -> list[tuple[str, Any]]:
    return [(token, ref) for ref, search in rows for token in set(search.split())]


def _insert(session: Session, table: str, key: str, pairs: list[tuple[str, Any]]) -> None:
    """Rows straight to the driver (COPY on PostgreSQL, then ANALYZE: a new table without
    statistics gets poor plans), in the session's transaction: the index is written whenever
    a database is built."""
    if not pairs:
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f"COPY {table} (token, {key}) FROM STDIN") as copy:
            for pair in pairs:
                copy.write_row(pair)
        cursor.execute(f"ANALYZE {table}")  # the planner's figures at once, not at autovacuum's
        cursor.close()
    else:
        statement = f"INSERT INTO {table} (token, {key}) VALUES (?, ?)"  # noqa: S608 (constants)
        connection.exec_driver_sql(statement, pairs)


def clear_nodes(session: Session) -> None:
    session.exec(delete(TariffNodeWord))  # type: ignore[call-overload]


def index_nodes(session: Session, rows: Iterable[tuple[str, str]]) -> None:
    """Add the stems of the nodes `rows` (code, search); no secciones."""
    codes: dict[str, list[str]] = {}
    for code, search in rows:
        for token in set(search.split()):
            codes.setdefault(token, []).append(code)
    _insert(session, "tariff_node_word", "codes", [(t, " ".join(c)) for t, c in codes.items()])


def matching_nodes(session: Session, stems: list[str], limit: int) -> list[str]:
    """The first `limit` codes, in order, of the nodes whose stems start with each of
    `stems`. The rarest stem gives the candidates; a common one ("de" starts hundreds of
    stems and is in every node) is not split into a set: each candidate is looked for in
    its codes."""
    found: set[str] | None = None
    postings = sorted((_postings(session, stem) for stem in stems), key=len)
    for codes in postings:
        if found is None or len(found) > FEW:
            words = set(codes.split())
            found = words if found is None else found & words
        else:
            found = {code for code in found if f" {code} " in codes}
        if not found:
            return []
    return sorted(found or ())[:limit]


def _postings(session: Session, stem: str) -> str:
    """The codes of the nodes with a stem that starts with `stem`, one space around each."""
    rows = session.execute(
        select(col(TariffNodeWord.codes)).where(
            col(TariffNodeWord.token) >= stem, col(TariffNodeWord.token) < stem + HIGH
        )
    ).scalars()
    return " " + " ".join(rows) + " "


def index_lines(session: Session, rows: Iterable[tuple[int, str]]) -> None:
    """Add the stems of the stored lines `rows` (id, search)."""
    _insert(session, "tariff_line_word", "line_id", _pairs(rows))


def forget_lines(session: Session, ids: Any) -> None:
    """Delete the stems of the lines `ids` (a list or a subquery), before the lines."""
    session.exec(delete(TariffLineWord).where(col(TariffLineWord.line_id).in_(ids)))  # type: ignore[call-overload]


def matching_lines(stems: list[str]) -> Any:
    """The ids of the national lines whose stems start with each of `stems`."""
    token = col(TariffLineWord.token)

    def one(stem: str) -> Select[Any]:
        return select(col(TariffLineWord.line_id)).where(token >= stem, token < stem + HIGH)

    if len(stems) == 1:
        return one(stems[0])
    return intersect(*(one(stem) for stem in stems))
