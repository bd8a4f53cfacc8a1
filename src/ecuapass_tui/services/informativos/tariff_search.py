"""Search the nomenclature and the national lines by code or by words.

A query of digits (dots and spaces ignored, 2 to 10 of them) is a code prefix. Any other
query is words: folded in Python (`core.text.fold`, no case, no accents) and reduced to a
stem on both sides, so that the same query answers on SQLite and PostgreSQL:

- the stored `search` column holds each word without a final "s" and with a final "z" read as
  "c" (" cafe motore luce "), one space before each word;
- a query word also loses a plural "es" after a consonant (motores -> motor, luces -> luc,
  paises -> pais) or else its final "s", and must start a stored word (what `LIKE '% motor%'`
  says of the column; read from the word index of tariff_words, a range of its key):
  "motor" finds "motores", "motores" finds "motor", "cafe" finds "Café", "luz" finds "luces".
Every word must be found (AND). Results are ordered by code, at most `LIMIT` of them."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, and_
from sqlmodel import Session, col, select

from ecuapass_tui.core.text import fold
from ecuapass_tui.services import access
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.informativos import tariff_words
from ecuapass_tui.services.informativos.tariff_dto import (
    NATIONAL,
    SearchResult,
    TariffHit,
)
from ecuapass_tui.store.models_tariff import TariffLine, TariffNode

OPTION = "2.1.1"
LIMIT = 200
MAX_WORDS = 8
_WORD = re.compile(r"[a-z0-9]+")
_TOKEN = re.compile(r"[^\W_]+")
_CODE = re.compile(r"[0-9][0-9. ]*")
_PLURAL_ES = re.compile(r"(?<=[lrndjscy])es$")


@cache
def _folded(token: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(token)))


def words(text: str) -> list[str]:
    """The folded words of `text` (each distinct token folded once: the tree has 7,000
    texts but few distinct words)."""
    return [word for token in _TOKEN.findall(text) for word in _folded(token)]


def stored_stem(word: str) -> str:
    if word.endswith("z"):
        word = word[:-1] + "c"
    if len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    return word


def query_stem(word: str) -> str:
    if word.endswith("z"):
        word = word[:-1] + "c"
    if len(word) > 4 and _PLURAL_ES.search(word):
        return word[:-2]
    return stored_stem(word)


@cache
def _stored(token: str) -> str:
    return "".join(f" {stored_stem(word)}" for word in _folded(token))


def search_column(*texts: str) -> str:
    """The `search` value of a row: the stems of its texts' words, one space before each."""
    return "".join(_stored(token) for text in texts for token in _TOKEN.findall(text)) + " "


def code_query(query: str) -> str | None:
    """The digits of a code query (2 to 10 of them), None when `query` is words."""
    text = query.strip()
    if not _CODE.fullmatch(text):
        return None
    digits = text.replace(".", "").replace(" ", "")
    return digits if 2 <= len(digits) <= 10 else None


def _prefix(column: Any, digits: str) -> ColumnElement[bool]:
    """Codes that start with `digits`, as a range both engines answer from an index (a
    LIKE prefix is not indexed by SQLite's case-insensitive LIKE)."""
    return and_(column >= digits, column < digits + ":")  # ":" sorts right after "9"


def search(session: Session, actor: Actor, query: str) -> SearchResult:
    """Nodes and national lines (any date) that match `query`, by code."""
    access.require_option(session, actor, OPTION)
    english = actor.language == "en"
    digits = code_query(query)
    if digits is not None:
        node_where = _prefix(col(TariffNode.code), digits[:6])
        line_where = _prefix(col(TariffLine.subpartida), digits)
    else:
        stems = [query_stem(w) for w in words(query)][:MAX_WORDS]
        if not stems:
            return SearchResult(hits=(), more=False)
        codes = tariff_words.matching_nodes(session, stems, LIMIT + 1)
        node_where = col(TariffNode.code).in_(codes)
        line_where = col(TariffLine.id).in_(tariff_words.matching_lines(stems))
    nodes = session.exec(
        select(
            TariffNode.code,
            TariffNode.level,
            TariffNode.description_en if english else TariffNode.description_es,
        )
        .where(node_where, TariffNode.level != "seccion")
        .order_by(col(TariffNode.code))
        .limit(LIMIT + 1)
    ).all()
    lines = session.exec(
        select(TariffLine.subpartida, TariffLine.identif, TariffLine.description)
        .where(line_where)
        .order_by(col(TariffLine.identif), col(TariffLine.valid_from))
        .limit(LIMIT + 1)
    ).all()
    hits = [
        TariffHit(code, level, text, code if level == "subpartida" else "")
        for code, level, text in nodes
    ]
    seen: set[str] = set()
    for subpartida, identif, text in lines:
        if identif not in seen:  # one hit per line, whatever its periods in force
            seen.add(identif)
            hits.append(TariffHit(subpartida, NATIONAL, text, subpartida[:6]))
    hits.sort(key=lambda hit: (hit.code, hit.level == NATIONAL))
    return SearchResult(hits=tuple(hits[:LIMIT]), more=len(hits) > LIMIT)
