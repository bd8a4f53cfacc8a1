"""The Consulta de arancel's search answers the same on SQLite and PostgreSQL: words folded in
Python (accents, case, Spanish plurals) and codes as prefixes (dots and spaces ignored)."""

from __future__ import annotations

from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.informativos.nomenclature import children
from ecuapass_tui.services.informativos.tariff_import import load_sample_lines
from ecuapass_tui.services.informativos.tariff_search import search
from ecuapass_tui.store.engine import Database

READER = Actor(1, "analista", "analista", "Analista", None, "es")


def test_search_by_words_and_codes_on_each_engine(any_db: Database) -> None:
    with any_db.write() as session:
        load_sample_lines(session)  # the tree first, then the demo's national lines
    with any_db.read() as s:

        def codes(query: str) -> list[str]:
            return [hit.code for hit in search(s, READER, query).hits]

        assert codes("CAFÉ descafeinado") == codes("cafe DESCAFEINADO")
        assert codes("cafe descafeinado") == [
            "0901",
            "090111",
            "090112",
            "0901120000",
            "090121",
            "090122",
            "0901220000",
            "090190",
        ]
        assert "8407" in codes("motor") and "8501" in codes("motor")
        assert codes("motores eléctricos") == codes("motor electrico")
        assert "8407341000" in codes("motores")  # a national line
        assert codes("0901.11") == ["090111", "0901111000", "0901119000"]
        assert codes("8703 23 90") == ["870323", "8703239080"]
        assert codes("09")[:3] == ["09", "0901", "090111"]
        assert codes("luz") == codes("luces")
        assert codes("") == [] and codes(" ¿? ") == []
        sections = children(s, READER, "")
        assert [n.code for n in sections[:3]] == ["I", "II", "III"] and len(sections) == 21
        english = children(s, READER.__class__(**{**READER.__dict__, "language": "en"}), "09")
        assert english[0].description.startswith("Coffee")
