"""validate(): rules across fields, attachments, tables, error order and their texts."""

from __future__ import annotations

from datetime import date

from tests.unit.forms.forms_samples import (
    NOW,
    docx_bytes,
    field,
    jpeg_bytes,
    pdf_bytes,
    png_bytes,
    spec_with,
    zip_bytes,
)

from ecuapass_tui import i18n
from ecuapass_tui.forms.attachments import Attachment, ReadError
from ecuapass_tui.forms.engine import FieldError, Invalid, Valid, validate
from ecuapass_tui.texts.fields import field_text


def errors(result: Valid | Invalid) -> list[tuple[str, str]]:
    assert isinstance(result, Invalid), result
    return [(e.field, e.code) for e in result.errors]


def test_required_and_errors_in_field_order() -> None:
    spec = spec_with(
        field("nombre", "text", "required = true")
        + field("edad", "integer")
        + field("correo", "email", "required = true")
    )
    result = validate(spec, {"correo": "x", "edad": "diez"}, now=NOW)
    assert errors(result) == [
        ("nombre", "required"),
        ("edad", "not_integer"),
        ("correo", "email_invalid"),
    ]


def test_empty_optional_fields_and_unknown_keys() -> None:
    spec = spec_with(
        field("nombre", "text")
        + field("acepto", "checkbox")
        + field("adjuntos", "attachments")
        + field(
            "filas",
            "table",
            'columns = [{ name = "a", type = "text", label_es = "A", label_en = "A" }]',
        )
    )
    result = validate(spec, {"nombre": "", "otra": object(), 3: "x"}, now=NOW)
    assert result == Valid({"nombre": None, "acepto": False, "adjuntos": [], "filas": []})


def test_values_that_are_not_a_mapping_are_no_values() -> None:
    spec = spec_with(field("nombre", "text", "required = true"))
    for values in (None, [], "nombre=Ana", 42):
        assert errors(validate(spec, values, now=NOW)) == [("nombre", "required")]


OPTIONS = (
    'options = [{ value = "natural", label_es = "Natural", label_en = "Natural" },'
    ' { value = "juridica", label_es = "Jurídica", label_en = "Legal" },'
    ' { value = "publica", label_es = "Pública", label_en = "Public" }]'
)


def test_required_when_equals() -> None:
    spec = spec_with(
        field("tipo", "select", OPTIONS)
        + field("ruc", "ruc", 'required_when = { field = "tipo", equals = "juridica" }')
    )
    assert errors(validate(spec, {"tipo": "juridica"}, now=NOW)) == [("ruc", "required")]
    assert validate(spec, {"tipo": "natural"}, now=NOW) == Valid({"tipo": "natural", "ruc": None})
    assert validate(spec, {}, now=NOW) == Valid({"tipo": None, "ruc": None})


def test_required_when_in_and_on_a_later_field() -> None:
    spec = spec_with(
        field("razon", "text", 'required_when = { field = "tipo", in = ["juridica", "publica"] }')
        + field("tipo", "radio", OPTIONS)
    )
    assert errors(validate(spec, {"tipo": "publica"}, now=NOW)) == [("razon", "required")]
    assert errors(validate(spec, {"tipo": "juridica"}, now=NOW)) == [("razon", "required")]
    assert isinstance(validate(spec, {"tipo": "natural"}, now=NOW), Valid)


def test_required_when_a_checkbox_is_ticked() -> None:
    spec = spec_with(
        field("otro", "checkbox")
        + field("detalle", "textarea", 'required_when = { field = "otro", equals = true }')
    )
    assert errors(validate(spec, {"otro": True}, now=NOW)) == [("detalle", "required")]
    assert isinstance(validate(spec, {"otro": False}, now=NOW), Valid)


def test_equals_compares_typed_values() -> None:
    spec = spec_with(field("correo", "email") + field("correo2", "email", 'equals = "correo"'))
    same = {"correo": "ana@ejemplo.ec", "correo2": " ana@EJEMPLO.ec"}
    assert isinstance(validate(spec, same, now=NOW), Valid)
    other = {"correo": "ana@ejemplo.ec", "correo2": "ana@ejemplo.com"}
    result = validate(spec, other, now=NOW)
    assert errors(result) == [("correo2", "not_equal")]
    assert isinstance(result, Invalid)
    assert field_text(result.errors[0]) == "«Correo2» debe ser igual a «Correo»."


ATTACH = "min_files = 2\nmax_files = 3\nmax_file_kb = 2\n"


def test_min_and_max_files() -> None:
    spec = spec_with(field("soporte", "attachments", ATTACH + "required = true"))
    one = [Attachment("a.pdf", pdf_bytes())]
    assert errors(validate(spec, {}, {"soporte": one}, now=NOW)) == [("soporte", "too_few_files")]
    four = one * 4
    assert errors(validate(spec, {}, {"soporte": four}, now=NOW)) == [("soporte", "too_many_files")]
    assert errors(validate(spec, {}, {}, now=NOW)) == [("soporte", "required")]
    two = [Attachment("../../etc/a.pdf", pdf_bytes()), Attachment("b.png", png_bytes())]
    result = validate(spec, {}, {"soporte": two}, now=NOW)
    assert isinstance(result, Valid)
    assert [a.name for a in result.values["soporte"]] == ["a.pdf", "b.png"]


def test_max_file_kb() -> None:
    spec = spec_with(field("soporte", "attachments", "max_file_kb = 2"))
    big = Attachment("grande.pdf", pdf_bytes() + b"0" * 2048)
    result = validate(spec, {}, {"soporte": [big]}, now=NOW)
    assert errors(result) == [("soporte", "file_too_large")]
    assert isinstance(result, Invalid)
    assert result.errors[0].params == {"name": "grande.pdf", "size": 3, "max": 2}


def test_accept_checks_content_not_name() -> None:
    spec = spec_with(field("soporte", "attachments", 'accept = ["pdf"]'))
    fake = Attachment("informe.pdf", png_bytes())
    assert errors(validate(spec, {}, {"soporte": [fake]}, now=NOW)) == [("soporte", "file_type")]
    real = Attachment("sin_extension", pdf_bytes())
    assert isinstance(validate(spec, {}, {"soporte": [real]}, now=NOW), Valid)


def test_every_known_kind_is_accepted_by_default() -> None:
    spec = spec_with(field("soporte", "attachments"))
    files = [
        Attachment("a.pdf", pdf_bytes()),
        Attachment("b.png", png_bytes()),
        Attachment("c.jpg", jpeg_bytes()),
        Attachment("d.docx", docx_bytes()),
    ]
    result = validate(spec, {}, {"soporte": files}, now=NOW)
    assert isinstance(result, Valid) and len(result.values["soporte"]) == 4
    refused = [
        Attachment("e.docx", zip_bytes({"xl/workbook.xml": "<x/>"})),
        Attachment("f.exe", b"MZ\x90\x00"),
        Attachment("g.pdf", b""),
    ]
    result = validate(spec, {}, {"soporte": refused}, now=NOW)
    assert errors(result) == [("soporte", "file_type")] * 3


def test_read_errors_become_field_errors() -> None:
    spec = spec_with(field("soporte", "attachments"))
    gone = ReadError("perdido.pdf", "file_missing", {"name": "perdido.pdf"})
    result = validate(spec, {}, {"soporte": [gone]}, now=NOW)
    assert errors(result) == [("soporte", "file_missing")]
    assert isinstance(result, Invalid)
    assert "perdido.pdf" in field_text(result.errors[0])


def test_attachments_may_come_in_values_too() -> None:
    spec = spec_with(field("soporte", "attachments"))
    files = [Attachment("a.pdf", pdf_bytes())]
    assert isinstance(validate(spec, {"soporte": files}, now=NOW), Valid)
    assert errors(validate(spec, {"soporte": "a.pdf"}, now=NOW)) == [("soporte", "invalid")]
    assert errors(validate(spec, {"soporte": [b"%PDF-"]}, now=NOW)) == [("soporte", "invalid")]


def test_max_total_kb_reported_where_it_is_passed() -> None:
    head = 'id = "prueba"\ntitle_es = "P"\ntitle_en = "P"\nmax_total_kb = 3\n'
    spec = spec_with(
        field("uno", "attachments") + field("dos", "attachments") + field("tres", "attachments"),
        head=head,
    )
    kilo = pdf_bytes() + b"0" * (1024 - len(pdf_bytes()))
    files = {
        "uno": [Attachment("a.pdf", kilo)],
        "dos": [Attachment("b.pdf", kilo), Attachment("c.pdf", kilo + b"x")],
        "tres": [Attachment("d.pdf", kilo)],
    }
    result = validate(spec, {}, files, now=NOW)
    assert errors(result) == [("dos", "total_too_large")]
    assert isinstance(result, Invalid) and result.errors[0].params == {"total": 4, "max": 3}
    del files["dos"]
    assert isinstance(validate(spec, {}, files, now=NOW), Valid)


TABLE = (
    "min_rows = 1\nmax_rows = 2\nrequired = true\ncolumns = ["
    '{ name = "codigo", type = "text", label_es = "Código", label_en = "Code", required = true },'
    '{ name = "inicio", type = "date", label_es = "Inicio", label_en = "Start" },'
    '{ name = "fin", type = "date", label_es = "Fin", label_en = "End",'
    ' required_when = { field = "inicio", in = ["x"] } },'
    "]"
)


def test_table_rows_and_cells() -> None:
    spec = spec_with(field("tipos", "table", TABLE, label="Tipo de OCEs"))
    rows = [{"codigo": "AG01", "inicio": "01/02/2024"}, {"codigo": "", "inicio": "32/01/2024"}]
    result = validate(spec, {"tipos": rows}, now=NOW)
    assert errors(result) == [("tipos.2.codigo", "required"), ("tipos.2.inicio", "date_invalid")]
    assert isinstance(result, Invalid)
    assert field_text(result.errors[0]) == "«Tipo de OCEs, fila 2, Código» es obligatorio."
    rows[1] = {"codigo": " AG02 ", "extra": "ignorado"}
    result = validate(spec, {"tipos": rows}, now=NOW)
    assert result == Valid(
        {
            "tipos": [
                {"codigo": "AG01", "inicio": date(2024, 2, 1), "fin": None},
                {"codigo": "AG02", "inicio": None, "fin": None},
            ]
        }
    )


def test_table_min_and_max_rows() -> None:
    spec = spec_with(field("tipos", "table", TABLE))
    three = [{"codigo": "A"}] * 3
    assert errors(validate(spec, {"tipos": three}, now=NOW)) == [("tipos", "too_many_rows")]
    assert errors(validate(spec, {"tipos": []}, now=NOW)) == [("tipos", "required")]
    few = spec_with(field("tipos", "table", TABLE.replace("min_rows = 1", "min_rows = 2")))
    result = validate(few, {"tipos": [{"codigo": "A"}]}, now=NOW)
    assert errors(result) == [("tipos", "too_few_rows")]
    assert errors(validate(spec, {"tipos": ["fila"]}, now=NOW)) == [("tipos.1", "invalid")]
    assert errors(validate(spec, {"tipos": "fila"}, now=NOW)) == [("tipos", "invalid")]


def test_texts_name_the_field_in_the_current_language() -> None:
    spec = spec_with(
        field("nombre", "text", "required = true", label="Nombres")
        + field("ruc", "ruc", label="RUC")
        + field("codigo", "text", 'pattern = "[0-9]{3}"\npattern_hint_es = "Tres dígitos."')
        + field("llegada", "date", "not_future = true", label="Llegada")
    )
    values = {"ruc": "1790011675001", "codigo": "1", "llegada": "16/06/2025"}
    result = validate(spec, values, now=NOW)
    assert isinstance(result, Invalid)
    assert [field_text(e) for e in result.errors] == [
        "«Nombres» es obligatorio.",
        "«RUC»: el RUC no es válido; revise los dígitos.",
        "«Codigo»: Tres dígitos.",
        "«Llegada» no puede estar en el futuro (ahora: 15/06/2025).",
    ]
    try:
        i18n.set_language("en")
        texts = [field_text(e) for e in result.errors]
    finally:
        i18n.set_language("es")
    assert texts[0] == "“Nombres EN” is required."
    assert texts[1] == "“RUC EN”: the RUC is not valid; check the digits."
    assert texts[2] == "“Codigo EN” does not have the expected format."
    assert texts[3] == "“Llegada EN” cannot be in the future (now: 15/06/2025)."


def test_every_code_has_its_own_text() -> None:
    codes = [
        "required", "must_check", "too_short", "too_long", "pattern", "not_integer",
        "not_decimal", "too_small", "too_large", "date_format", "datetime_format",
        "date_invalid", "not_future", "not_option", "email_invalid", "phone_invalid",
        "ruc_format", "ruc_invalid", "cedula_format", "cedula_invalid", "passport_invalid",
        "document_type", "password_mismatch", "not_equal", "too_few_files", "too_many_files",
        "file_too_large", "file_type", "total_too_large", "file_missing", "file_unreadable",
        "too_few_rows", "too_many_rows",
    ]  # fmt: skip
    params = {"min": 2, "max": 3, "name": "a.pdf", "size": 5, "total": 9, "now": date.today()}
    params |= {"accept": ("pdf",), "other_es": "Otro", "other_en": "Other"}
    fallback = field_text(FieldError("x", "no_such_code", {}, "Campo", "Field"))
    for language in ("es", "en"):
        i18n.set_language(language)
        try:
            seen = set()
            for code in codes:
                text = field_text(FieldError("x", code, params, "Campo", "Field"))
                assert ("Campo" if language == "es" else "Field") in text, code
                assert "{" not in text, (code, text)
                seen.add(text)
            assert len(seen) == len(codes)
        finally:
            i18n.set_language("es")
    assert fallback == "«Campo»: el valor no es válido."
