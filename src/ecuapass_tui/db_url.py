"""The database URL, checked before anything opens it.

What a user can get wrong in `--db`, `ECUAPASS_DATABASE_URL` or a config file is found here,
before the first screen, and named in one line that says what to fix: a URL that does not
parse, a port that is not a number, an engine we do not support, an in-memory SQLite database
(everything would be lost at exit), a path under a regular file, a folder that cannot be
entered or written, a database file that cannot be read or written. Only the standard library:
the database layer (SQLAlchemy) is not imported before the first paint.

A password in a URL is never shown: `mask_password` replaces it with `***`, as SQLAlchemy's
`render_as_string(hide_password=True)` does, even in a URL that does not parse.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, unquote

from ecuapass_tui.i18n import N_, Labels, _

# SQLAlchemy's own pattern (sqlalchemy.engine.url._parse_url), so that what passes here
# parses there.
_URL = re.compile(
    r"""
        (?P<name>[\w\+]+)://
        (?:
            (?P<username>[^:/]*)
            (?::(?P<password>[^@]*))?
        @)?
        (?:
            (?:
                \[(?P<ipv6host>[^/\?]+)\] |
                (?P<ipv4host>[^/:\?]+)
            )?
            (?::(?P<port>[^/\?]*))?
        )?
        (?:/(?P<database>[^\?]*))?
        (?:\?(?P<query>.*))?
    """,
    re.X,
)
# user:password@ after the scheme; greedy up to the last @, so that a password holding an @
# is hidden whole (hiding too much is the safe side).
_USER_PASSWORD = re.compile(r"(://[^:/@]*:)(.*)@")
_MEMORY = ("", ":memory:")


class BadDatabase(Exception):
    """A database URL or path the user must fix; the message says what to do."""


@dataclass(frozen=True)
class UrlParts:
    backend: str
    driver: str
    password: str | None
    host: str | None
    database: str | None
    query: dict[str, str]


def mask_password(url: str) -> str:
    """`url` with its password replaced by `***` (any text: it need not parse)."""
    return _USER_PASSWORD.sub(r"\1***@", url)


def hide_secret(text: str, url: str) -> str:
    """`text` (an error message) without the password of `url`, if it appears in it."""
    match = _URL.match(url)
    password = match.group("password") if match else None
    for secret in {password, unquote(password)} if password else ():
        if len(secret) >= 3:
            text = text.replace(secret, "***")
    return text


# Where the URL came from, as the errors about it name it.
source_label = Labels({"": N_("ruta predeterminada"), "--demo": N_("base de demostración")})


def parse_url(url: str, source: str) -> UrlParts:
    where = source_label(source)
    shown = mask_password(url)
    match = _URL.match(url.strip())
    if match is None or match.end() != len(url.strip()):
        raise BadDatabase(
            _(
                "La URL de la base de datos ({origen}) no es válida: {url}. Escríbala así: "
                "sqlite:///ruta/archivo.sqlite3 o postgresql+psycopg://usuario@servidor:5432/base"
            ).format(origen=where, url=shown)
        )
    port = match.group("port")
    if port and not port.isdigit():
        raise BadDatabase(
            _(
                "El puerto de la URL de la base de datos ({origen}) no es un número: {url}. "
                "Escríbalo en cifras, por ejemplo servidor:5432"
            ).format(origen=where, url=shown)
        )
    backend, _plus, driver = match.group("name").partition("+")
    database = match.group("database")
    return UrlParts(
        backend=backend,
        driver=driver,
        password=match.group("password"),
        host=match.group("ipv4host") or match.group("ipv6host"),
        database=unquote(database) if database is not None else None,
        query=dict(parse_qsl(match.group("query") or "")),
    )


def check_database(url: str, source: str, *, write: bool) -> None:
    """Raise BadDatabase when `url` cannot work; `write`: the command will write to it."""
    parts = parse_url(url, source)
    where = source_label(source)
    shown = mask_password(url)
    if parts.backend == "postgresql":
        if parts.driver not in ("", "psycopg"):
            raise BadDatabase(
                _(
                    "La URL de la base de datos ({origen}) usa el controlador {controlador}: "
                    "para PostgreSQL escriba postgresql+psycopg://usuario@servidor:5432/base"
                ).format(origen=where, controlador=parts.driver)
            )
        return
    if parts.backend != "sqlite":
        raise BadDatabase(
            _(
                "Base de datos no soportada: {motor} ({origen}). Use "
                "sqlite:///ruta/archivo.sqlite3 o postgresql+psycopg://usuario@servidor/base"
            ).format(motor=parts.backend, origen=where)
        )
    database = parts.database or ""
    if database in _MEMORY or parts.query.get("mode") == "memory":
        raise BadDatabase(
            _(
                "{url} ({origen}) es una base en memoria: todo se perdería al salir. Indique "
                "un archivo, por ejemplo sqlite:///ruta/ecuapass.sqlite3"
            ).format(url=shown, origen=where)
        )
    if database.startswith("file:"):
        return  # an SQLite URI names its own mode; SQLite reports its own errors
    check_sqlite_path(Path(database), where, write=write)


def check_sqlite_path(path: Path, where: str, *, write: bool) -> None:
    """The folders above `path` must be folders we may enter, the file one we may use."""
    path = Path(os.path.abspath(path))
    for folder in reversed(path.parents):
        if not folder.exists():
            _check_creatable(folder.parent, path, where)
            return
        if not folder.is_dir():
            raise BadDatabase(
                _(
                    "{ruta} es un archivo, no una carpeta: la base {base} ({origen}) no puede "
                    "estar dentro. Indique otra ruta."
                ).format(ruta=folder, base=path, origen=where)
            )
        if not os.access(folder, os.X_OK):
            raise BadDatabase(
                _(
                    "No hay permiso para entrar en la carpeta {ruta}: la base {base} ({origen}) "
                    "no se puede abrir. Pida ese permiso o indique otra ruta."
                ).format(ruta=folder, base=path, origen=where)
            )
    if not path.exists():
        _check_creatable(path.parent, path, where)
        return
    if path.is_dir():
        raise BadDatabase(
            _(
                "{base} ({origen}) es una carpeta, no un archivo de base de datos. Indique el "
                "archivo, por ejemplo {ejemplo}"
            ).format(base=path, origen=where, ejemplo=path / "ecuapass.sqlite3")
        )
    if not os.access(path, os.R_OK):
        raise BadDatabase(
            _(
                "No hay permiso para leer la base {base} ({origen}). Pida permiso de lectura o "
                "indique otra base."
            ).format(base=path, origen=where)
        )
    if write and not os.access(path, os.W_OK):
        raise BadDatabase(
            _(
                "La base {base} ({origen}) es de solo lectura para este usuario. Dele permiso "
                "de escritura (chmod u+w) o indique otra base."
            ).format(base=path, origen=where)
        )
    if write and not os.access(path.parent, os.W_OK):
        raise BadDatabase(
            _(
                "La carpeta {ruta} de la base {base} ({origen}) es de solo lectura: SQLite "
                "crea allí sus archivos -wal y -shm. Pida permiso de escritura o mueva la base."
            ).format(ruta=path.parent, base=path, origen=where)
        )


def _check_creatable(folder: Path, path: Path, where: str) -> None:
    """`folder` exists and the missing part under it (ending in `path`) is to be created."""
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BadDatabase(
            _(
                "No hay permiso para crear la base {base} ({origen}) en la carpeta {ruta}. "
                "Elija una carpeta suya o pida permiso de escritura."
            ).format(base=path, origen=where, ruta=folder)
        )
