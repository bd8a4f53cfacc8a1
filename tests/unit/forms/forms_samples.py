"""Specs and files the form engine tests share (built here, not read from data/forms)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from datetime import UTC, datetime

from ecuapass_tui.forms.fields import FormSpec
from ecuapass_tui.forms.spec import parse_spec

# 2025-06-15 12:00 UTC is 07:00 in Guayaquil (UTC-5, no daylight saving).
NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)

HEAD = """
id = "prueba"
title_es = "Prueba"
title_en = "Test"
"""


def spec_with(fields: str, *, head: str = HEAD, source: str = "prueba.toml") -> FormSpec:
    """A one-section spec holding the given [[section.field]] tables."""
    text = head + '[[section]]\nid = "s"\ntitle_es = "S"\ntitle_en = "S"\n' + fields
    return parse_spec(text, source)


def field(name: str, kind: str, rules: str = "", label: str = "") -> str:
    label = label or name.capitalize()
    return (
        f'\n[[section.field]]\nname = "{name}"\ntype = "{kind}"\n'
        f'label_es = "{label}"\nlabel_en = "{label} EN"\n{rules}\n'
    )


# One field of every type, each with rules, for the property tests.
EVERY_TYPE = spec_with(
    field("texto", "text", "max_length = 50")
    + field("notas", "textarea", "min_length = 2")
    + field("entero", "integer", "min_value = 0\nmax_value = 100")
    + field("monto", "decimal", 'min_value = "0,5"')
    + field("fecha", "date", 'min_value = "2000-01-01"\nnot_future = true')
    + field("momento", "datetime", "not_future = true")
    + field(
        "tipo",
        "select",
        'options = [{ value = "a", label_es = "Uno", label_en = "One" },'
        ' { value = "b", label_es = "Dos", label_en = "Two" }]',
    )
    + field("canton", "select", 'catalog = "cantons"')
    + field(
        "medio",
        "radio",
        'options = [{ value = "x", label_es = "Equis", label_en = "Ex" }]',
    )
    + field("acepto", "checkbox")
    + field("correo", "email", 'required_when = { field = "tipo", equals = "a" }')
    + field("correo2", "email", 'equals = "correo"')
    + field("telefono", "phone")
    + field("ruc", "ruc")
    + field("documento", "id_document")
    + field("clave", "password", "confirm = true\nmin_length = 4")
    + field("adjuntos", "attachments", "max_files = 3\nmax_file_kb = 4")
    + field(
        "ocs",
        "table",
        "max_rows = 5\ncolumns = ["
        '{ name = "codigo", type = "text", label_es = "Código", label_en = "Code",'
        " required = true },"
        '{ name = "inicio", type = "date", label_es = "Inicio", label_en = "Start" },'
        "]",
    )
)

# Identity numbers that pass python-stdnum (from the public demo data style).
RUC_OK = "1790011674001"
CEDULA_OK = "1710034065"


def pdf_bytes() -> bytes:
    body = b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    body += b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    return b"%PDF-1.4\n" + body + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1x1, 8 bits, RGB
    pixels = zlib.compress(b"\x00\xff\x00\x00")  # filter byte + one red pixel
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def jpeg_bytes() -> bytes:
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0 + b"\xff\xd9"


def zip_bytes(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": '<?xml version="1.0"?><Types/>',
            "word/document.xml": '<?xml version="1.0"?><w:document/>',
        }
    )
