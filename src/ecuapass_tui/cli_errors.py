"""The one line a user reads when the program cannot start: what is wrong and what to do.

Used by the command line (before any screen) and by the app's connect worker (the database
opens while the login screen is drawn): the same error gets the same line on both paths. The
password of a database URL never appears in it.
"""

from __future__ import annotations

import errno

from ecuapass_tui.config import ConfigError
from ecuapass_tui.db_url import BadDatabase, hide_secret, mask_password
from ecuapass_tui.i18n import _


class UserError(Exception):
    """A problem the user can fix; its message is printed as it is."""


def one_line(text: str) -> str:
    """Every line of `text` joined into one (a driver's message may have several)."""
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def schema_message(exc: Exception) -> str:
    from ecuapass_tui.store.schema import NotOurDatabase, SchemaAhead, SchemaBehind

    if isinstance(exc, NotOurDatabase):
        return _(
            "La base de datos tiene tablas pero no es de ecuapass-tui (sin versión de "
            "esquema). Indique otra base con --db o ECUAPASS_DATABASE_URL."
        )
    if isinstance(exc, SchemaBehind):
        return _(
            "El esquema de la base ({actual}) es anterior al de este programa ({programa}). "
            "Actualícelo con: ecuapass-tui db upgrade"
        ).format(actual=exc.current or _("sin versión"), programa=exc.head)
    if isinstance(exc, SchemaAhead):
        return _(
            "La base tiene el esquema {actual}, más nuevo que este programa ({programa}). "
            "Actualice ecuapass-tui."
        ).format(actual=exc.current, programa=exc.head)
    return str(exc)


def os_message(exc: OSError) -> str:
    """A folder or file the program could not create or open."""
    path = exc.filename or ""
    if exc.errno in (errno.EEXIST, errno.ENOTDIR):
        return _(
            "{ruta} no es una carpeta (hay un archivo con ese nombre o en su camino): "
            "muévalo o elija otra ruta."
        ).format(ruta=path)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("No hay permiso para usar {ruta}: pida ese permiso o elija otra ruta.").format(
            ruta=path
        )
    if exc.errno == errno.EROFS:
        return _("{ruta} está en un disco de solo lectura: elija otra ruta.").format(ruta=path)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("No hay espacio en el disco para {ruta}: libere espacio.").format(ruta=path)
    return _("No se pudo usar {ruta} ({error}): revise esa ruta.").format(
        ruta=path, error=exc.strerror or exc.__class__.__name__
    )


def user_message(exc: BaseException, url: str = "") -> str | None:
    """The one line for an error the user can act on; None for a bug. `url`: the database
    being opened (its password is hidden)."""
    if isinstance(exc, UserError | ConfigError | BadDatabase):
        return one_line(str(exc))
    if isinstance(exc, OSError):
        return one_line(os_message(exc))
    # Imported here: the database layer is not loaded before the first screen is drawn.
    from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

    from ecuapass_tui.store.engine import DatabaseError
    from ecuapass_tui.store.faults import database_fault
    from ecuapass_tui.store.schema import NotOurDatabase, SchemaAhead, SchemaBehind

    shown = mask_password(url) if url else _("la base de datos")
    if isinstance(exc, DatabaseError):
        return one_line(str(exc))
    if isinstance(exc, SchemaBehind | SchemaAhead | NotOurDatabase):
        return schema_message(exc)
    if isinstance(exc, ArgumentError):
        return _(
            "La URL de la base de datos no es válida: {url}. Escríbala así: "
            "sqlite:///ruta/archivo.sqlite3 o postgresql+psycopg://usuario@servidor:5432/base"
        ).format(url=shown)
    if isinstance(exc, DBAPIError):
        detail = one_line(hide_secret(str(exc.orig), url)) if url else one_line(str(exc.orig))
        fault = database_fault(exc)
        if fault == "db_offline" or "postgresql" in url:
            return _(
                "No se pudo conectar con la base de datos {url} ({error}). Compruebe que el "
                "servidor esté en marcha y acepte conexiones, o indique otra base con --db."
            ).format(url=shown, error=detail)
        if fault == "db_readonly":
            return _(
                "La base de datos {url} es de solo lectura para este usuario: pida permiso "
                "de escritura (el archivo y su carpeta) o indique otra base con --db."
            ).format(url=shown)
        if fault == "db_busy":
            return _(
                "La base de datos {url} está bloqueada por otro proceso: espere a que termine "
                "e inicie de nuevo."
            ).format(url=shown)
        if fault == "db_full":
            return _(
                "No hay espacio en el disco para la base de datos {url}: libere espacio."
            ).format(url=shown)
        return _(
            "No se pudo abrir la base de datos {url} ({error}). Revísela con: ecuapass-tui doctor"
        ).format(url=shown, error=detail)
    if isinstance(exc, SQLAlchemyError):
        return _(
            "La base de datos {url} no se pudo abrir ({error}). Revísela con: ecuapass-tui doctor"
        ).format(url=shown, error=exc.__class__.__name__)
    return None
