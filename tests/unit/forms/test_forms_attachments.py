"""Attachments: read from disk without crashing, names sanitised, kinds sniffed by content."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.unit.forms.forms_samples import docx_bytes, jpeg_bytes, pdf_bytes, png_bytes, zip_bytes

from ecuapass_tui.forms.attachments import (
    Attachment,
    ReadError,
    kb,
    read_file,
    sanitize_name,
    sniff,
)


def test_sniff_recognises_content() -> None:
    assert sniff(pdf_bytes()) == "pdf"
    assert sniff(png_bytes()) == "png"
    assert sniff(jpeg_bytes()) == "jpeg"
    assert sniff(docx_bytes()) == "docx"
    assert sniff(zip_bytes({"word/other.xml": "x"})) is None
    assert sniff(b"PK\x03\x04 not really a zip") is None
    assert sniff(b"GIF89a") is None
    assert sniff(b"") is None


def test_read_file(tmp_path: Path) -> None:
    path = tmp_path / "informe.pdf"
    path.write_bytes(pdf_bytes())
    assert read_file(path) == Attachment("informe.pdf", pdf_bytes())
    assert read_file(str(path)).size_kb == 1  # type: ignore[union-attr]


def test_a_vanished_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "borrado.pdf"
    assert read_file(path) == ReadError("borrado.pdf", "file_missing", {"name": "borrado.pdf"})


def test_a_folder_is_unreadable(tmp_path: Path) -> None:
    result = read_file(tmp_path)
    assert isinstance(result, ReadError) and result.code == "file_unreadable"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_file_without_permission_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "privado.pdf"
    path.write_bytes(pdf_bytes())
    path.chmod(0)
    try:
        result = read_file(path)
    finally:
        path.chmod(0o600)
    assert isinstance(result, ReadError) and result.code == "file_unreadable"


def test_a_too_large_file_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "grande.png"
    path.write_bytes(png_bytes() + b"0" * 3000)
    result = read_file(path, max_kb=2)
    assert result == ReadError(
        "grande.png", "file_too_large", {"name": "grande.png", "size": 3, "max": 2}
    )


def test_kb_rounds_up() -> None:
    assert (kb(0), kb(1), kb(1024), kb(1025)) == (0, 1, 1, 2)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\ana\\factura.pdf", "factura.pdf"),
        ("inf\x1b[2Jorme\u202e.pdf", "inf[2Jorme.pdf"),
        ("  .oculto.pdf ", "oculto.pdf"),
        ('a<b>:"c"|?*.png', "a_b___c____.png"),
        ("uno\n\tdos.pdf", "uno dos.pdf"),
        ("..", "archivo"),
        ("", "archivo"),
        (None, "archivo"),
    ],
)
def test_sanitize_name(raw: object, clean: str) -> None:
    assert sanitize_name(raw) == clean


def test_long_names_keep_their_extension() -> None:
    name = sanitize_name("a" * 500 + ".docx")
    assert len(name) == 120 and name.endswith("aaa.docx")
    assert len(sanitize_name("b" * 500)) == 120
