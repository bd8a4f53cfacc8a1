"""Consulta de arancel tables: the Harmonized System tree shipped with the program
(`tariff_node`, loaded when the database is built) and Ecuador's national lines imported by
staff (`tariff_line`, with their documentos de control previo in `tariff_control`).

`search` columns hold the texts folded in Python (`core.text.fold`: lower case, no accents,
one space between words, a space in front), so that a word search is the same `LIKE` on
SQLite and PostgreSQL. Rates are integer hundredths of a percent (5 % is 500)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class TariffNode(SQLModel, table=True):
    """A sección (I-XXI), capítulo (2 digits), partida (4) or subpartida (6) of the HS."""

    __tablename__ = "tariff_node"
    __table_args__ = (Index("ix_tariff_node_parent", "parent", "position"),)
    code: str = Field(primary_key=True, max_length=6)
    level: str = Field(max_length=10)
    parent: str = Field(default="", max_length=6)
    position: int  # the order of the shipped file (sections by number, codes ascending)
    description_es: str = Field(sa_column=Column(Text, nullable=False))
    description_en: str = Field(sa_column=Column(Text, nullable=False))
    search: str = Field(sa_column=Column(Text, nullable=False))


class TariffLine(SQLModel, table=True):
    """A national line: subpartida (10 digits) + complementario (4) + suplementario (4), in
    force from `valid_from` to `valid_to` (open when None). `sample` marks the demo's lines."""

    __tablename__ = "tariff_line"
    __table_args__ = (
        UniqueConstraint("identif", "valid_from", name="uq_tariff_line_identif_from"),
        Index("ix_tariff_line_subpartida", "subpartida", "valid_from"),
    )
    id: int | None = Field(default=None, primary_key=True)
    identif: str = Field(max_length=18)
    subpartida: str = Field(max_length=10)
    complementario: str = Field(max_length=4)
    suplementario: str = Field(max_length=4)
    description: str = Field(sa_column=Column(Text, nullable=False))
    unit: str = Field(default="", max_length=20)
    ad_valorem: int | None = None  # hundredths of a percent; None when the source gave none
    ice: int | None = None  # hundredths of a percent; None when the line pays no ICE
    valid_from: date
    valid_to: date | None = None
    comment: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    sample: bool = Field(default=False)
    search: str = Field(sa_column=Column(Text, nullable=False))


class TariffControl(SQLModel, table=True):
    """A documento de control previo a line needs before import, and the institution that
    grants it."""

    __tablename__ = "tariff_control"
    id: int | None = Field(default=None, primary_key=True)
    line_id: int = Field(foreign_key="tariff_line.id", index=True, ondelete="CASCADE")
    institution: str = Field(max_length=80)
    document: str = Field(max_length=200)


# The word index of the `search` columns, read by prefix (`token >= stem AND token < stem ||
# U+FFFF`). Tokens are compared byte by byte on both engines (SQLite's default; "C" on
# PostgreSQL), so that the range holds whatever the server's locale. No foreign keys: the
# loaders delete a row's words with it, in one statement (a key would have each deleted node
# or line look for its words).
WORD_TYPE = Text().with_variant(Text(collation="C"), "postgresql")


class TariffNodeWord(SQLModel, table=True):
    """A stem of the nodes' `search` columns and the codes of the nodes that have it, separated
    by spaces (one row per stem: about 10,000 rows instead of 170,000 pairs, written whenever
    a database is built). Secciones are left out: the search never shows them."""

    __tablename__ = "tariff_node_word"
    token: str = Field(sa_column=Column(WORD_TYPE, primary_key=True))
    codes: str = Field(sa_column=Column(Text, nullable=False))


class TariffLineWord(SQLModel, table=True):
    """A stem of a national line's `search` column."""

    __tablename__ = "tariff_line_word"
    __table_args__ = {"sqlite_with_rowid": False}
    token: str = Field(sa_column=Column(WORD_TYPE, primary_key=True))
    line_id: int = Field(sa_column=Column(Integer, primary_key=True))
