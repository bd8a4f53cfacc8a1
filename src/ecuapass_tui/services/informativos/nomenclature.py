"""The Harmonized System tree shipped in `data/tariff/nomenclature.tsv.gz` (built by
scripts/build_nomenclature.py; sources and attribution in docs/arancel.md): loaded into
`tariff_node` when the database is built or upgraded, browsed one level at a time."""

from __future__ import annotations

import gzip

from sqlalchemy import delete, insert
from sqlmodel import Session, col, select

from ecuapass_tui.core.resources import data_file
from ecuapass_tui.services import access
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import NotFound
from ecuapass_tui.services.informativos import tariff_words
from ecuapass_tui.services.informativos.tariff_dto import TariffNodeRow
from ecuapass_tui.services.informativos.tariff_search import OPTION, search_column
from ecuapass_tui.store.models_tariff import TariffNode

SUBPARTIDA = "subpartida"
SECCION = "seccion"


def shipped_nodes() -> list[dict[str, object]]:
    """The rows of the shipped file, in its order, with their search column: a subpartida's
    text is relative to its partida ("Los demás"), so the partida's Spanish words are searched
    too."""
    raw = data_file("tariff", "nomenclature.tsv.gz").read_bytes()
    rows: list[dict[str, object]] = []
    partidas: dict[str, str] = {}
    for position, line in enumerate(gzip.decompress(raw).decode("utf-8").splitlines()):
        code, level, parent, spanish, english = line.split("\t")
        search = search_column(spanish, english)
        if level == "partida":
            partidas[code] = search_column(spanish).lstrip()
        elif level == SUBPARTIDA:
            search += partidas.get(parent, "")
        rows.append(
            {
                "code": code,
                "level": level,
                "parent": parent,
                "position": position,
                "description_es": spanish,
                "description_en": english,
                "search": search,
            }
        )
    return rows


def load_nomenclature(session: Session) -> int:
    """Replace the stored tree and its word index with the shipped one (the database's build
    and upgrade call it, beside the catalogs); returns the number of nodes."""
    rows = shipped_nodes()
    tariff_words.clear_nodes(session)
    session.exec(delete(TariffNode))  # type: ignore[call-overload]
    session.execute(insert(TariffNode), rows)
    searched = ((str(r["code"]), str(r["search"])) for r in rows if r["level"] != SECCION)
    tariff_words.index_nodes(session, searched)
    return len(rows)


def _row(node: TariffNode, english: bool) -> TariffNodeRow:
    return TariffNodeRow(
        code=node.code,
        level=node.level,
        parent=node.parent,
        description=node.description_en if english else node.description_es,
        has_children=node.level != SUBPARTIDA,
    )


def children(session: Session, actor: Actor, parent: str = "") -> list[TariffNodeRow]:
    """The nodes right under `parent` ("" for the sections), in the nomenclature's order."""
    access.require_option(session, actor, OPTION)
    nodes = session.exec(
        select(TariffNode).where(TariffNode.parent == parent).order_by(col(TariffNode.position))
    ).all()
    return [_row(node, actor.language == "en") for node in nodes]


def path(session: Session, code: str, english: bool) -> tuple[TariffNodeRow, ...]:
    """The node `code` and those above it, sección first; NotFound for an unknown code."""
    found: list[TariffNodeRow] = []
    while code:
        node = session.get(TariffNode, code)
        if node is None:
            raise NotFound()
        found.append(_row(node, english))
        code = node.parent
    return tuple(reversed(found))
