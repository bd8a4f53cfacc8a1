"""Whatever comes in, validate() returns Valid or Invalid, and typed text is clean."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.unit.forms.forms_samples import EVERY_TYPE, NOW, pdf_bytes

from ecuapass_tui.forms.attachments import Attachment, ReadError
from ecuapass_tui.forms.engine import Invalid, Valid, validate
from ecuapass_tui.forms.spec import load_all_specs
from ecuapass_tui.texts.fields import field_text

FIELDS = [f.name for f in EVERY_TYPE.fields()]
SETTINGS = settings(max_examples=200, deadline=None)

hostile_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8")),
    st.text(alphabet=st.sampled_from("\x00\x07\x1b\x7f\x85\x9b\t\n\r\u202e\u2066 a1/:,.-")),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=3), st.integers(1, 300_000)),
    st.sampled_from(["15/06/2025 06:00", "1/1/2000", "0991234567", "1790011674001", "NaN"]),
)
scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**60), max_value=10**60),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.datetimes(),
    st.datetimes(timezones=st.just(UTC)),
    st.dates(),
    st.binary(max_size=20),
    hostile_text,
)
anything = st.recursive(
    scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=8), st.sampled_from(FIELDS)), inner, max_size=4),
    ),
    max_leaves=12,
)
attachment_item = st.one_of(
    st.builds(Attachment, st.text(), st.binary(max_size=64)),
    st.builds(Attachment, st.text(), st.just(pdf_bytes())),
    st.builds(ReadError, st.text(), st.sampled_from(["file_missing", "bogus"]), st.just({})),
    anything,
)
form_values = st.dictionaries(st.sampled_from([*FIELDS, "clave__confirm", "x"]), anything)
form_files = st.one_of(
    st.none(),
    anything,
    st.dictionaries(st.sampled_from(["adjuntos", "texto"]), st.lists(attachment_item, max_size=4)),
)


def is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc"


def assert_clean(name: str, value: Any) -> None:
    if isinstance(value, str):
        allowed = "\t\n" if name == "notas" else ""
        bad = [ch for ch in value if is_control(ch) and ch not in allowed]
        assert bad == [], (name, value[:80])
    elif isinstance(value, dict):
        for item in value.values():
            assert_clean(name, item)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, Attachment):
                assert not any(is_control(ch) for ch in item.name), item.name
            else:
                assert_clean(name, item)


def check(values: object, files: object, now: datetime = NOW) -> None:
    result = validate(EVERY_TYPE, values, files, now=now)
    assert isinstance(result, Valid | Invalid)
    if isinstance(result, Valid):
        assert list(result.values) == FIELDS
        for name, value in result.values.items():
            assert_clean(name, value)
    else:
        assert result.errors
        assert all(e.code != "internal" for e in result.errors), result.errors
        for error in result.errors:
            text = field_text(error)
            assert isinstance(text, str) and text


@SETTINGS
@given(form_values, form_files)
def test_validate_never_raises(values: dict[str, Any], files: object) -> None:
    check(values, files)


@SETTINGS
@given(anything, anything)
def test_validate_takes_anything_at_all(values: object, files: object) -> None:
    check(values, files)


@SETTINGS
@given(st.dictionaries(st.sampled_from(FIELDS), hostile_text))
def test_hostile_text_in_any_field(values: dict[str, str]) -> None:
    check(values, None)


@SETTINGS
@given(hostile_text, hostile_text, hostile_text)
def test_typed_text_has_no_control_characters(texto: str, notas: str, clave: str) -> None:
    """Free-text fields mostly come out Valid here, so their cleaning is really checked."""
    values = {"texto": texto[:60], "notas": notas, "clave": clave, "clave__confirm": clave}
    check(values, None)
    result = validate(EVERY_TYPE, {"texto": texto[:50], "notas": notas[:1000] + "ok"}, now=NOW)
    assert isinstance(result, Valid), result
    assert_clean("texto", result.values["texto"])
    assert_clean("notas", result.values["notas"])


@SETTINGS
@given(
    st.sampled_from(FIELDS),
    anything,
    st.one_of(st.datetimes(), st.datetimes(timezones=st.just(UTC))),
)
def test_one_field_any_value_any_clock(name: str, value: object, now: datetime) -> None:
    check({name: value}, None, now)


def test_a_good_form_is_valid() -> None:
    values = {
        "texto": "hola",
        "notas": "dos\nlíneas",
        "entero": "7",
        "monto": "1,5",
        "fecha": "01/01/2020",
        "momento": "15/06/2025 06:00",
        "tipo": "b",
        "canton": "0101",
        "medio": "x",
        "acepto": True,
        "telefono": "0991234567",
        "ruc": "1790011674001",
        "documento": {"type": "pasaporte", "number": "A12345"},
        "clave": "abcd",
        "clave__confirm": "abcd",
        "ocs": [{"codigo": "A", "inicio": "2024-01-01"}],
    }
    result = validate(EVERY_TYPE, values, {"adjuntos": [Attachment("a.pdf", pdf_bytes())]}, now=NOW)
    assert isinstance(result, Valid), result
    assert result.values["monto"] == Decimal("1.5")
    assert result.values["correo"] is None


SHIPPED = load_all_specs()


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_shipped_specs_take_anything(data: st.DataObject) -> None:
    spec = data.draw(st.sampled_from(sorted(SHIPPED.values(), key=lambda s: s.id)))
    names = [f.name for f in spec.fields()]
    values = data.draw(st.dictionaries(st.sampled_from(names), anything))
    result = validate(spec, values, values, now=NOW)
    assert isinstance(result, Valid | Invalid)
    if isinstance(result, Invalid):
        assert all(e.code != "internal" for e in result.errors), result.errors
        assert all(field_text(e) for e in result.errors)
