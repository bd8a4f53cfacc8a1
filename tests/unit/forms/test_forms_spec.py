"""Loading form specs: the shipped ones load, and every mistake names the file and the field."""

from __future__ import annotations

import pytest
from tests.unit.forms.forms_samples import EVERY_TYPE, HEAD, field, spec_with

from ecuapass_tui.forms.fields import TYPES, FormSpec
from ecuapass_tui.forms.spec import SpecError, load_all_specs, load_spec, parse_spec


def test_every_shipped_spec_loads() -> None:
    specs = load_all_specs()
    assert "incidente" in specs, "data/forms/incidente.toml is missing"
    for form_id, spec in specs.items():
        assert isinstance(spec, FormSpec)
        assert spec.id == form_id
        assert list(spec.fields()), form_id
    assert load_spec("incidente") is specs["incidente"]


def test_a_missing_form_is_a_spec_error() -> None:
    with pytest.raises(SpecError, match=r"no_existe\.toml"):
        load_spec("no_existe")


def test_the_sample_spec_covers_every_type() -> None:
    assert {f.type for f in EVERY_TYPE.fields()} == TYPES
    assert [f.name for f in EVERY_TYPE.fields()][:3] == ["texto", "notas", "entero"]
    table = EVERY_TYPE.field("ocs")
    assert table is not None and [c.name for c in table.columns] == ["codigo", "inicio"]
    assert EVERY_TYPE.field("texto") is not None
    assert EVERY_TYPE.field("texto").label("en") == "Texto EN"  # type: ignore[union-attr]
    assert EVERY_TYPE.title("en") == "Test"


def failure(fields: str, *, head: str = HEAD, source: str = "prueba.toml") -> SpecError:
    with pytest.raises(SpecError) as caught:
        spec_with(fields, head=head, source=source)
    return caught.value


def test_unknown_type_names_file_and_field() -> None:
    error = failure(field("uno", "text") + field("dos", "fecha_hora"))
    assert error.source == "prueba.toml"
    assert error.field == "dos"
    assert "prueba.toml" in str(error) and "'dos'" in str(error) and "fecha_hora" in str(error)


def test_unknown_rule_key() -> None:
    error = failure(field("uno", "text", "maxlength = 3"))
    assert error.field == "uno" and "unknown rule 'maxlength'" in error.problem


def test_rule_not_applicable_to_the_type() -> None:
    error = failure(field("cantidad", "integer", "max_length = 3"))
    assert error.field == "cantidad" and "does not apply to type 'integer'" in error.problem
    error = failure(field("fecha", "text", "not_future = true"))
    assert error.field == "fecha"
    error = failure(field("adjuntos", "attachments", 'equals = "otro"'))
    assert error.field == "adjuntos"


def test_required_when_naming_a_missing_field() -> None:
    error = failure(field("correo", "email", 'required_when = { field = "tipo", equals = "a" }'))
    assert error.field == "correo" and "'tipo'" in error.problem


def test_required_when_value_must_be_an_option() -> None:
    options = 'options = [{ value = "a", label_es = "A", label_en = "A" }]'
    error = failure(
        field("tipo", "select", options)
        + field("correo", "email", 'required_when = { field = "tipo", in = ["a", "zz"] }')
    )
    assert error.field == "correo" and "'zz'" in error.problem


def test_equals_naming_a_missing_field() -> None:
    error = failure(field("correo2", "email", 'equals = "correo"'))
    assert error.field == "correo2" and "'correo'" in error.problem


def test_missing_catalog() -> None:
    error = failure(field("pais", "select", 'catalog = "countries"'))
    assert error.field == "pais" and "countries" in error.problem


def test_radio_takes_inline_options_only() -> None:
    error = failure(field("zona", "radio", 'catalog = "districts"'))
    assert error.field == "zona"


def test_select_needs_options_or_catalog() -> None:
    assert failure(field("zona", "select")).field == "zona"


def test_duplicate_names() -> None:
    error = failure(field("nombre", "text") + field("nombre", "textarea"))
    assert error.field == "nombre" and "duplicate" in error.problem
    columns = (
        'columns = [{ name = "a", type = "text", label_es = "A", label_en = "A" },'
        ' { name = "a", type = "text", label_es = "A", label_en = "A" }]'
    )
    assert failure(field("filas", "table", columns)).field == "filas.a"


def test_id_must_be_the_file_name() -> None:
    error = failure(field("a", "text"), source="otro.toml")
    assert error.source == "otro.toml" and "'prueba'" in error.problem


def test_table_columns_are_checked_like_fields() -> None:
    columns = 'columns = [{ name = "f", type = "attachments", label_es = "F", label_en = "F" }]'
    assert failure(field("filas", "table", columns)).field == "filas.f"
    columns = 'columns = [{ name = "f", type = "text", label_es = "F", label_en = "F", x = 1 }]'
    assert failure(field("filas", "table", columns)).field == "filas.f"
    assert failure(field("filas", "table")).field == "filas"


def test_bad_rule_values() -> None:
    assert failure(field("a", "text", 'pattern = "("')).field == "a"
    assert failure(field("a", "text", "min_length = 5\nmax_length = 2")).field == "a"
    assert failure(field("a", "date", 'min_value = "ayer"')).field == "a"
    assert failure(field("a", "integer", 'min_value = "1"')).field == "a"
    assert failure(field("a", "integer", "min_value = 5\nmax_value = 1")).field == "a"
    assert failure(field("a", "attachments", 'accept = ["exe"]')).field == "a"
    assert failure(field("a", "text", 'pattern_hint_es = "x"')).field == "a"
    assert failure(field("a", "text", "required = true\nrequired = true")).source == "prueba.toml"
    assert failure(field("a", "text", 'required = "sí"')).field == "a"


def test_unknown_keys_outside_fields_and_bad_toml() -> None:
    error = failure(field("a", "text"), head=HEAD + 'autor = "x"\n')
    assert error.field is None and "autor" in error.problem
    with pytest.raises(SpecError, match=r"roto\.toml"):
        parse_spec("id = ", "roto.toml")


def test_labels_are_mandatory() -> None:
    text = HEAD + '[[section]]\nid = "s"\ntitle_es = "S"\ntitle_en = "S"\n'
    text += '[[section.field]]\nname = "a"\ntype = "text"\nlabel_es = "A"\n'
    with pytest.raises(SpecError) as caught:
        parse_spec(text, "prueba.toml")
    assert caught.value.field == "a" and "label_en" in caught.value.problem
