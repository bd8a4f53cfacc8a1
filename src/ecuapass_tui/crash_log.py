"""The last line of defence: an unexpected error is written to a log file, never to the screen.

The traceback names files, lines and the source of each line, and never the values of local
variables (they can hold what the user typed: a password, a PIN, a code). The file is in the
user's state folder (platformdirs' log folder), 0600 in a 0700 folder, one entry appended per
error; what the user sees is one line naming it.
"""

from __future__ import annotations

import os
import re
import traceback
from datetime import UTC, datetime
from pathlib import Path

from ecuapass_tui.paths import default_paths, private_dir

FILE_MODE = 0o600
# user:password@ in a URL (a database URL in an error's text): the password is never written.
URL_PASSWORD = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://[^:/@\s]*:)[^@\s]*@")


def without_passwords(text: str) -> str:
    return URL_PASSWORD.sub(r"\g<scheme>***@", text)


def log_path() -> Path:
    return default_paths().log_file


def write_crash_log(error: BaseException, *, where: str = "") -> Path | None:
    """Append `error`'s traceback (no local variables) to the log; its path, or None when even
    the log cannot be written (a full disk): the caller still shows one line."""
    path = log_path()
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    report = traceback.TracebackException.from_exception(error, capture_locals=False)
    entry = without_passwords(f"--- {stamp} {where}\n{''.join(report.format())}\n")
    try:
        private_dir(path.parent)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)
            os.write(fd, entry.encode("utf-8", "replace"))
        finally:
            os.close(fd)
    except OSError:
        return None
    return path
