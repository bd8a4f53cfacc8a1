"""One test per type: typed input becomes the typed value, bad input the right error code."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from tests.unit.forms.forms_samples import CEDULA_OK, NOW, RUC_OK, field, spec_with

from ecuapass_tui.core.clock import ECUADOR
from ecuapass_tui.forms.engine import Invalid, Valid, validate
from ecuapass_tui.forms.validators import catalog_options


def one(kind: str, raw: object, rules: str = "") -> Any:
    """The typed value of a lone field, or the list of error codes."""
    spec = spec_with(field("campo", kind, rules))
    result = validate(spec, {"campo": raw}, now=NOW)
    if isinstance(result, Valid):
        return result.values["campo"]
    assert isinstance(result, Invalid)
    return [e.code for e in result.errors]


def test_text_is_stripped_and_loses_control_characters() -> None:
    assert one("text", "  Ana\x00 María\x1b[31m ") == "Ana María[31m"
    assert one("text", "línea\nuna\tdos") == "línea una dos"
    assert one("text", "   ") is None
    assert one("text", 12) == "12"
    assert one("text", ["x"]) == ["invalid"]


def test_textarea_keeps_tabs_and_newlines() -> None:
    assert one("textarea", "uno\r\n\tdos\x07\n") == "uno\n\tdos"


def test_min_and_max_length_count_characters_after_stripping() -> None:
    assert one("text", "  abc  ", "min_length = 3\nmax_length = 3") == "abc"
    assert one("text", "ab", "min_length = 3") == ["too_short"]
    assert one("textarea", "abcd", "max_length = 3") == ["too_long"]
    assert one("password", "ab", "min_length = 3") == ["too_short"]
    assert one("password", "abcd", "max_length = 3") == ["too_long"]


def test_pattern_is_a_full_match() -> None:
    rules = 'pattern = "[A-Z]{3}-[0-9]{2}"\npattern_hint_es = "Como ABC-12"'
    assert one("text", "ABC-12", rules) == "ABC-12"
    assert one("text", "xABC-12", rules) == ["pattern"]
    assert one("text", "ABC-123", rules) == ["pattern"]


def test_integer() -> None:
    assert one("integer", " -42 ") == -42
    assert one("integer", 7) == 7
    assert one("integer", Decimal("3")) == 3
    assert one("integer", "4,5") == ["not_integer"]
    assert one("integer", "٣") == ["not_integer"]  # Arabic-Indic digit
    assert one("integer", True) == ["not_integer"]
    assert one("integer", "9" * 5000) == ["not_integer"]


def test_decimal_takes_comma_or_point() -> None:
    assert one("decimal", "12,50") == Decimal("12.50")
    assert one("decimal", "12.5") == Decimal("12.5")
    assert one("decimal", ",5") == Decimal("0.5")
    assert one("decimal", 3) == Decimal(3)
    assert one("decimal", 0.1) == Decimal("0.1")
    assert one("decimal", "3,125.95") == ["not_decimal"]  # English grouping in Spanish
    assert one("decimal", "1.2.3") == ["not_decimal"]
    assert one("decimal", "NaN") == ["not_decimal"]
    assert one("decimal", Decimal("Infinity")) == ["not_decimal"]
    assert one("decimal", "1e5") == ["not_decimal"]


@pytest.mark.parametrize(
    ("language", "typed", "expected"),
    [
        ("es", "3.125,95", "3125.95"),
        ("es", "1520,45", "1520.45"),
        ("es", "1.520", "1520"),
        ("es", "1520.45", "1520.45"),  # a lone point that cannot group thousands
        ("en", "3,125.95", "3125.95"),
        ("en", "1520.45", "1520.45"),
        ("en", "1,520", "1520"),
        ("en", "12,50", "12.50"),
        ("en", "3.125,95", None),  # Spanish grouping in English
    ],
)
def test_decimals_are_read_as_the_users_language_writes_them(
    language: str, typed: str, expected: str | None
) -> None:
    from ecuapass_tui import i18n

    i18n.set_language(language)
    try:
        got = one("decimal", typed)
    finally:
        i18n.set_language("es")
    assert got == (Decimal(expected) if expected else ["not_decimal"])


def test_min_and_max_value_for_numbers() -> None:
    assert one("integer", "5", "min_value = 5\nmax_value = 10") == 5
    assert one("integer", "4", "min_value = 5") == ["too_small"]
    assert one("integer", "11", "max_value = 10") == ["too_large"]
    assert one("decimal", "0,49", 'min_value = "0,5"') == ["too_small"]
    assert one("decimal", "2.51", "max_value = 2.5") == ["too_large"]


def test_date_typed_dd_mm_aaaa() -> None:
    assert one("date", "5/3/2024") == date(2024, 3, 5)
    assert one("date", "2024-03-05") == date(2024, 3, 5)
    assert one("date", date(2024, 3, 5)) == date(2024, 3, 5)
    assert one("date", "31/02/2024") == ["date_invalid"]
    assert one("date", "03-05-2024") == ["date_format"]
    assert one("date", datetime(2024, 3, 5)) == ["date_format"]


def test_datetime_typed_dd_mm_aaaa_hh_mm_in_guayaquil() -> None:
    value = one("datetime", "15/06/2025 06:30")
    assert value == datetime(2025, 6, 15, 6, 30, tzinfo=ECUADOR)
    assert value.utcoffset().total_seconds() == -5 * 3600
    assert one("datetime", "15/06/2025") == ["datetime_format"]
    assert one("datetime", "15/06/2025 25:00") == ["date_invalid"]
    naive = one("datetime", datetime(2025, 1, 2, 3, 4))
    assert naive.tzinfo is ECUADOR and naive.hour == 3


def test_date_bounds_with_today() -> None:
    # NOW is 15/06/2025 07:00 in Guayaquil.
    assert one("date", "15/06/2025", 'max_value = "today"') == date(2025, 6, 15)
    assert one("date", "16/06/2025", 'max_value = "today"') == ["too_large"]
    assert one("date", "14/06/2025", 'min_value = "today"') == ["too_small"]
    assert one("date", "31/12/2019", 'min_value = "2020-01-01"') == ["too_small"]
    assert one("datetime", "15/06/2025 23:59", 'max_value = "today"') is not None
    assert one("datetime", "16/06/2025 00:00", 'max_value = "today"') == ["too_large"]
    late = 'max_value = "2025-01-01T10:00"'
    assert one("datetime", "01/01/2025 10:01", late) == ["too_large"]


def test_not_future_for_date_and_datetime() -> None:
    assert one("date", "15/06/2025", "not_future = true") == date(2025, 6, 15)
    assert one("date", "16/06/2025", "not_future = true") == ["not_future"]
    assert one("datetime", "15/06/2025 07:00", "not_future = true") is not None
    assert one("datetime", "15/06/2025 07:01", "not_future = true") == ["not_future"]
    # 02:00 UTC on the 16th is still 21:00 on the 15th in Guayaquil.
    spec = spec_with(field("campo", "date", "not_future = true"))
    late = datetime(2025, 6, 16, 2, 0, tzinfo=UTC)
    result = validate(spec, {"campo": "16/06/2025"}, now=late)
    assert isinstance(result, Invalid) and result.errors[0].code == "not_future"
    assert validate(spec, {"campo": "15/06/2025"}, now=late) == Valid({"campo": date(2025, 6, 15)})


SELECT = (
    'options = [{ value = "aereo", label_es = "Aéreo", label_en = "Air" },'
    ' { value = "maritimo", label_es = "Marítimo", label_en = "Sea" }]'
)


def test_select_and_radio_take_an_option_value_or_label() -> None:
    assert one("select", "aereo", SELECT) == "aereo"
    assert one("select", "AEREO", SELECT) == "aereo"  # the label, folded
    assert one("radio", "Sea", SELECT) == "maritimo"
    assert one("radio", "terrestre", SELECT) == ["not_option"]
    assert one("select", 1, SELECT) == ["not_option"]


@pytest.mark.parametrize(
    ("catalog", "value", "size"),
    [
        ("oce_types", "agente_aduana", 20),
        ("districts", "028", 14),
        ("provinces", "17", 24),
        ("cantons", "0101", 221),
        ("menu_options", None, None),
        ("persona_types", "natural_extranjera", 4),
    ],
)
def test_catalogs(catalog: str, value: str | None, size: int | None) -> None:
    options = catalog_options(catalog)
    if size is not None:
        assert len(options) == size
    value = value or options[0].value
    assert one("select", value, f'catalog = "{catalog}"') == value
    assert one("select", "no-existe", f'catalog = "{catalog}"') == ["not_option"]


def test_cantons_show_their_province_and_menu_options_their_number() -> None:
    cuenca = next(o for o in catalog_options("cantons") if o.value == "0101")
    assert cuenca.label("es") == "Cuenca (Azuay)"
    assert one("select", "Cuenca (Azuay)", 'catalog = "cantons"') == "0101"
    first = catalog_options("menu_options")[0]
    assert first.label("es").startswith(first.value + " ")


def test_checkbox() -> None:
    assert one("checkbox", True) is True
    assert one("checkbox", "sí") is True
    assert one("checkbox", None) is False
    assert one("checkbox", "no") is False
    assert one("checkbox", "quizás") == ["invalid"]
    assert one("checkbox", None, "required = true") == ["must_check"]
    assert one("checkbox", "x", "required = true") is True


def test_email_is_normalised_without_dns() -> None:
    assert one("email", " Ana@Ejemplo.COM ") == "Ana@ejemplo.com"
    assert one("email", "ana@dominio-que-no-existe.invalid.ec") is not None
    assert one("email", "ana@") == ["email_invalid"]
    assert one("email", "a" * 300 + "@x.ec") == ["email_invalid"]


def test_phone_in_e164() -> None:
    assert one("phone", "099 123 4567") == "+593991234567"
    assert one("phone", "(02) 234-5678") == "+59322345678"
    assert one("phone", "+593 99 123 4567") == "+593991234567"
    assert one("phone", "099123") == ["phone_invalid"]
    assert one("phone", "llámame") == ["phone_invalid"]


def test_ruc() -> None:
    assert one("ruc", f" {RUC_OK} ") == RUC_OK
    assert one("ruc", "179001167400") == ["ruc_format"]
    assert one("ruc", "1790011675001") == ["ruc_invalid"]


def test_id_document_cedula_ruc_pasaporte() -> None:
    assert one("id_document", {"type": "cedula", "number": CEDULA_OK}) == {
        "type": "cedula",
        "number": CEDULA_OK,
    }
    assert one("id_document", {"type": "Cédula", "number": CEDULA_OK})["type"] == "cedula"
    assert one("id_document", {"type": "cedula", "number": "1710034066"}) == ["cedula_invalid"]
    assert one("id_document", {"type": "cedula", "number": "17100"}) == ["cedula_format"]
    assert one("id_document", {"type": "ruc", "number": RUC_OK})["number"] == RUC_OK
    assert one("id_document", {"type": "ruc", "number": CEDULA_OK}) == ["ruc_format"]
    assert one("id_document", {"type": "pasaporte", "number": "ab 12345"}) == {
        "type": "pasaporte",
        "number": "AB12345",
    }
    assert one("id_document", {"type": "pasaporte", "number": "AB1"}) == ["passport_invalid"]
    assert one("id_document", {"type": "dni", "number": "123456"}) == ["document_type"]
    assert one("id_document", {"type": "cedula", "number": ""}) is None
    assert one("id_document", {"type": "cedula"}, "required = true") == ["required"]
    assert one("id_document", "1710034065") == ["invalid"]


def test_password_is_kept_as_typed_and_confirmed() -> None:
    spec = spec_with(field("clave", "password", "confirm = true"))
    result = validate(spec, {"clave": " s3creta ", "clave__confirm": " s3creta "}, now=NOW)
    assert result == Valid({"clave": " s3creta "})
    result = validate(spec, {"clave": "s3creta", "clave__confirm": "s3cret"}, now=NOW)
    assert isinstance(result, Invalid)
    assert [(e.field, e.code) for e in result.errors] == [("clave__confirm", "password_mismatch")]
    result = validate(spec, {"clave": "s3creta"}, now=NOW)
    assert isinstance(result, Invalid) and result.errors[0].field == "clave__confirm"
