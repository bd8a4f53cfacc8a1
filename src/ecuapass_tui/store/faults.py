"""What went wrong with the database, as a code the screens turn into text.

A fault is not a bug: another process holds the SQLite write lock, the disk is full, the file
became read-only, the PostgreSQL server stopped. `database_fault` names it; `heal_connection`
(a `handle_error` listener on every engine) throws away a connection that would keep failing
after the fault is cleared (a SQLite file opened while it was read-only stays read-only), so
the same action works again without a restart.
"""

from __future__ import annotations

from typing import Any

# SQLite primary result codes (https://sqlite.org/rescode.html)
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26

_SQLITE_CODES = {
    _SQLITE_BUSY: "db_busy",
    _SQLITE_LOCKED: "db_busy",
    _SQLITE_FULL: "db_full",
    _SQLITE_READONLY: "db_readonly",
    _SQLITE_PERM: "db_readonly",
    _SQLITE_IOERR: "db_io",
    _SQLITE_CANTOPEN: "db_io",
    _SQLITE_CORRUPT: "db_io",
    _SQLITE_NOTADB: "db_io",
}
# Errors after which a SQLite connection is not reused.
_SQLITE_STALE = {_SQLITE_READONLY, _SQLITE_PERM, _SQLITE_IOERR, _SQLITE_CANTOPEN, _SQLITE_NOTADB}

# PostgreSQL SQLSTATE prefixes (https://www.postgresql.org/docs/current/errcodes-appendix.html)
_PG_STATES = (
    ("08", "db_offline"),  # connection exception
    ("57P", "db_offline"),  # admin / crash / cannot connect now
    ("53", "db_full"),  # insufficient resources: disk full, out of memory
    ("25006", "db_readonly"),  # read-only SQL transaction
    ("55P03", "db_busy"),  # lock not available
    ("40", "db_busy"),  # serialization failure, deadlock
    ("57014", "db_busy"),  # statement timeout
)

_SQLITE_MESSAGES = (
    ("locked", "db_busy"),
    ("busy", "db_busy"),
    ("disk is full", "db_full"),
    ("readonly", "db_readonly"),
    ("read-only", "db_readonly"),
    ("disk i/o", "db_io"),
    ("unable to open", "db_io"),
)


def _sqlite_code(error: BaseException) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _dbapi_fault(orig: BaseException) -> str | None:
    if (code := _sqlite_code(orig)) is not None:
        return _SQLITE_CODES.get(code)
    state = getattr(orig, "sqlstate", None)
    if isinstance(state, str):
        return next((fault for prefix, fault in _PG_STATES if state.startswith(prefix)), None)
    module = type(orig).__module__
    if module.startswith("psycopg") and type(orig).__name__ in (
        "OperationalError",
        "InterfaceError",
    ):
        return "db_offline"  # no SQLSTATE: the server is gone or unreachable
    if module.startswith("sqlite3"):
        message = str(orig).lower()
        return next((fault for words, fault in _SQLITE_MESSAGES if words in message), None)
    return None


def database_fault(error: BaseException) -> str | None:
    """`db_busy`, `db_full`, `db_readonly`, `db_offline`, `db_io` or `db_error` for a fault of
    the database; None when the error is not one (a bug is not a fault)."""
    from sqlalchemy import exc

    if isinstance(error, exc.DisconnectionError):
        return "db_offline"
    if not isinstance(error, exc.DBAPIError):
        return None
    fault = _dbapi_fault(error.orig) if error.orig is not None else None
    if fault is not None:
        return fault
    if error.connection_invalidated:
        return "db_offline"
    if isinstance(error, exc.OperationalError | exc.InterfaceError):
        return "db_error"
    return None


def heal_connection(context: Any) -> None:
    """`handle_error` listener: a connection that met a read-only, permission or I/O error is
    discarded (SQLAlchemy then opens a fresh one), as a lost PostgreSQL one is."""
    orig = getattr(context, "original_exception", None)
    code = _sqlite_code(orig) if orig is not None else None
    # PostgreSQL 25006: the server is a read-only standby now (a failover); reconnect.
    if code in _SQLITE_STALE or getattr(orig, "sqlstate", None) == "25006":
        context.is_disconnect = True
