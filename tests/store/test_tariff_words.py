"""The tariff search's word index finds what a scan of the `search` columns finds (each query
stem starting a stored word, every stem of the query), on each engine, and follows the lines
an import replaces."""

from __future__ import annotations

import random

from sqlmodel import Session, col, select

from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.informativos.tariff_dto import NATIONAL
from ecuapass_tui.services.informativos.tariff_import import load_sample_lines, store_lines
from ecuapass_tui.services.informativos.tariff_parse import LineInput
from ecuapass_tui.services.informativos.tariff_search import (
    code_query,
    query_stem,
    search,
    words,
)
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models_tariff import TariffLine, TariffNode

READER = Actor(1, "analista", "analista", "Analista", None, "es")


Rows = tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]


def stored_rows(session: Session) -> Rows:
    nodes = session.exec(select(TariffNode.code, TariffNode.level, TariffNode.search)).all()
    lines = session.exec(select(TariffLine.identif, TariffLine.subpartida, TariffLine.search)).all()
    return [tuple(n) for n in nodes], [tuple(x) for x in lines]  # type: ignore[misc]


def scanned(rows: Rows, query: str) -> list[tuple[str, str]]:
    """(code, level) of every node and line whose search column has each query stem at the
    start of a word: what the search found with `LIKE '% stem%'` before it had an index."""
    stems = [f" {query_stem(word)}" for word in words(query)]
    nodes, lines = rows
    found = [
        (code, level)
        for code, level, text in nodes
        if level != "seccion" and all(stem in text for stem in stems)
    ]
    national = {
        identif: subpartida
        for identif, subpartida, text in lines
        if all(stem in text for stem in stems)
    }
    return sorted(found + [(code, NATIONAL) for code in national.values()])


def sample_queries(session: Session) -> list[str]:
    """Words of the stored texts cut to 3 letters and more, alone and in pairs (codes are
    searched otherwise)."""
    rng = random.Random(20261207)
    texts = list(session.exec(select(TariffNode.description_es)))
    texts += list(session.exec(select(TariffLine.description)))
    queries = ["motores", "cafe", "Café tostado", "luz", "los demás", "tejidos de algodón"]
    for text in rng.sample(texts, 20):
        picked = rng.sample(text.split(), min(2, len(text.split())))
        cut = [word[: rng.randint(3, max(3, len(word)))] for word in picked]
        queries += [cut[0], " ".join(cut)]
    return [query for query in queries if code_query(query) is None]


def test_the_index_finds_what_the_scan_finds(any_db: Database) -> None:
    with any_db.write() as session:
        load_sample_lines(session)
    with any_db.read() as s:
        rows = stored_rows(s)
        for query in sample_queries(s):
            result = search(s, READER, query)
            if not result.more:
                assert sorted((hit.code, hit.level) for hit in result.hits) == scanned(rows, query)


def test_a_replaced_line_is_found_by_its_new_words_only(any_db: Database) -> None:
    with any_db.write() as session:
        load_sample_lines(session)
    with any_db.read() as s:
        line = s.exec(select(TariffLine).order_by(col(TariffLine.id))).first()
        assert line is not None
        old_word = line.description.split()[0]
        found_before = [hit.code for hit in search(s, READER, old_word).hits]
        assert line.subpartida in found_before
    replaced = LineInput(
        subpartida=line.subpartida,
        complementario=line.complementario,
        suplementario=line.suplementario,
        description="Zarandajas inverosímiles",
        unit=line.unit,
        ad_valorem=line.ad_valorem,
        ice=line.ice,
        valid_from=line.valid_from,
        valid_to=line.valid_to,
        comment="",
        controls=(),
    )
    with any_db.write() as session:
        assert store_lines(session, [replaced], sample=True).replaced == 1
    with any_db.read() as s:
        assert [hit.code for hit in search(s, READER, "zarandaja inverosimil").hits] == [
            line.subpartida
        ]
        assert scanned(stored_rows(s), old_word) == sorted(
            (hit.code, hit.level) for hit in search(s, READER, old_word).hits
        )
