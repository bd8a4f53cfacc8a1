"""The texts: one table merged from the domain tables, each code in one domain, each entry a
text in both languages; label tables read unknown codes as themselves."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from ecuapass_tui import i18n
from ecuapass_tui.i18n import N_, Labels
from ecuapass_tui.texts import TEXTS, common, cuentas, informativos, mesa, text, tramites, vue
from ecuapass_tui.texts.common import merged

DOMAINS = {"common": common.TEXTS, "cuentas": cuentas.TEXTS, "mesa": mesa.TEXTS}
DOMAINS |= {"tramites": tramites.TEXTS, "informativos": informativos.TEXTS, "vue": vue.TEXTS}


def test_no_code_is_defined_in_two_domains() -> None:
    seen: dict[str, str] = {}
    for domain, table in DOMAINS.items():
        for code in table:
            assert code not in seen, f"{code} is in {seen.get(code)} and {domain}"
            seen[code] = domain
    assert set(merged(DOMAINS)) == set(TEXTS) == set(seen)


def test_the_merge_refuses_a_code_defined_twice() -> None:
    with pytest.raises(ValueError, match="'twice'"):
        merged({"a": {"twice": N_("Uno")}, "b": {"twice": N_("Dos")}})


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_code_reads_as_a_whole_text(language: str) -> None:
    moment = datetime(2026, 1, 5, 15, 0, tzinfo=UTC)
    params = {"seconds": 3, "left": 2, "until": moment, "since": moment, "previous": moment}
    params |= {"count": 2, "amount": 1250, "state": "cerrado", "reason": "staff_decision"}
    i18n.set_language(language)
    try:
        for code in TEXTS:
            said = text(code, **params)
            unfilled = re.search(r"\{\w+[^}]*\}", said)
            assert said and not unfilled and said != common.untabled_text(code), code
    finally:
        i18n.set_language("es")


def test_a_code_no_table_holds_names_itself() -> None:
    assert "zz_code" in text("zz_code")
    assert "25" in text("text_min_25")


def test_labels_translate_when_read_and_keep_unknown_codes() -> None:
    states = Labels({"cerrado": N_("Cerrado")})
    assert states("cerrado") == "Cerrado"
    assert states("otro") == "otro"
    i18n.set_language("en")
    try:
        assert states("cerrado") == "Closed"
    finally:
        i18n.set_language("es")
