"""Attached files: read from disk without crashing, named safely, recognised by their content."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from ecuapass_tui.core.text import sanitize_name

READ_LIMIT_KB: Final = 50 * 1024  # never read more than this into memory, whatever the spec


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes = field(repr=False)

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def size_kb(self) -> int:
        return kb(len(self.data))


@dataclass(frozen=True)
class ReadError:
    """A file that could not be attached: a field error code (`file_missing`,
    `file_unreadable`, `file_too_large`) and its parameters (always `name`)."""

    name: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)


# The media type stored with an attachment, by the kind `sniff` finds.
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def kb(size: int) -> int:
    """Size in KB as shown to users (rounded up: 1 byte is 1 KB)."""
    return -(-size // 1024)


def sniff(data: bytes) -> str | None:
    """The kind of file by its first bytes: "pdf", "png", "jpeg", "docx", or None."""
    if not isinstance(data, bytes | bytearray):
        return None
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
                names = set(archive.namelist())
        except Exception:  # a broken ZIP can raise many things; it is simply not a DOCX
            return None
        if "word/document.xml" in names:
            return "docx"
    return None


def read_file(path: str | os.PathLike[str], *, max_kb: int | None = None) -> Attachment | ReadError:
    """Read one file to attach. A missing, unreadable or too large file is a ReadError (the
    engine reports it beside the field); nothing raises."""
    try:
        target = Path(path)
        name = sanitize_name(target.name)
    except (TypeError, ValueError):
        return ReadError("archivo", "file_unreadable", {"name": "archivo"})
    limit = min(max_kb, READ_LIMIT_KB) if max_kb is not None else READ_LIMIT_KB
    try:
        info = target.stat()
        if not stat.S_ISREG(info.st_mode):
            return ReadError(name, "file_unreadable", {"name": name})
        if info.st_size > limit * 1024:
            return _too_large(name, info.st_size, limit)
        with target.open("rb") as handle:
            data = handle.read(limit * 1024 + 1)
    except FileNotFoundError:
        return ReadError(name, "file_missing", {"name": name})
    except (OSError, ValueError):
        return ReadError(name, "file_unreadable", {"name": name})
    if len(data) > limit * 1024:  # it grew after stat()
        return _too_large(name, len(data), limit)
    return Attachment(name, data)


def _too_large(name: str, size: int, limit: int) -> ReadError:
    return ReadError(name, "file_too_large", {"name": name, "size": kb(size), "max": limit})
