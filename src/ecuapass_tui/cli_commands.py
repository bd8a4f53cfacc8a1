"""The subcommands that administer an installation: `admin create`, `db upgrade|current|backup`
and `doctor`. Errors a user can fix raise UserError (one line, exit status 2)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ecuapass_tui import __version__
from ecuapass_tui.cli_errors import UserError
from ecuapass_tui.config import Settings, redact_url
from ecuapass_tui.i18n import _
from ecuapass_tui.paths import create_private_file


def admin_create(settings: Settings, args: argparse.Namespace) -> int:
    from ecuapass_tui.services.desk import Desk
    from ecuapass_tui.services.errors import FieldErrors, ServiceError
    from ecuapass_tui.services.setup import open_database
    from ecuapass_tui.texts import admin_field_label, text

    if settings.demo:
        raise UserError(_("La base de demostración ya tiene su administrador (admin)."))
    settings.paths.ensure()
    db = open_database(settings.database_url)
    try:
        desk = Desk(db)

        def ask(value: str | None, prompt: str) -> str:
            if value:
                return value
            if not sys.stdin.isatty():
                raise UserError(
                    _("Falta {dato} (use la opción correspondiente).").format(dato=prompt)
                )
            return input(f"{prompt}: ")

        username = ask(args.username, _("ID. Usuario"))
        name = ask(args.name, _("Nombre"))
        cedula = ask(args.cedula, _("Cédula"))
        email = ask(args.email, _("Correo"))
        password = os.environ.get("ECUAPASS_ADMIN_PASSWORD") or ""
        confirmation = password
        if not password:
            import getpass

            if not sys.stdin.isatty():
                raise UserError(_("Sin terminal: pase la contraseña en ECUAPASS_ADMIN_PASSWORD."))
            password = getpass.getpass(_("Contraseña") + ": ")
            confirmation = getpass.getpass(_("Confirmación") + ": ")
        try:
            desk.create_first_admin(
                username=username,
                full_name=name,
                cedula=cedula,
                email=email,
                password=password,
                confirmation=confirmation,
            )
        except FieldErrors as errors:
            lines = [f"{admin_field_label(k)}: {text(v)}" for k, v in errors.rules.items()]
            raise UserError("\n".join(lines)) from errors
        except ServiceError as error:
            raise UserError(text(error.code)) from error
        print(_("Administrador {usuario} creado.").format(usuario=username))
        return 0
    finally:
        db.dispose()


def db_command(settings: Settings, args: argparse.Namespace) -> int:
    from ecuapass_tui.store import schema
    from ecuapass_tui.store.engine import Database, sqlite_path

    if args.db_command == "upgrade":
        from ecuapass_tui.services.setup import upgrade_database

        settings.paths.ensure()
        before, after = upgrade_database(settings.database_url)
        print(_("Esquema: {antes} -> {despues}").format(antes=before or _("vacío"), despues=after))
        return 0
    db = Database(settings.database_url)
    try:
        if args.db_command == "current":
            current = schema.current_revision(db)
            head = schema.head_revision()
            state = _("al día") if current == head else _("ejecute: ecuapass-tui db upgrade")
            print(
                _("{actual} (programa: {programa}; {estado})").format(
                    actual=current or _("vacío"), programa=head, estado=state
                )
            )
            return 0 if current == head else 1
        source = sqlite_path(settings.database_url)
        if source is None:
            raise UserError(_("db backup copia bases SQLite; para PostgreSQL use pg_dump."))
        if not source.exists():
            raise UserError(_("No existe la base {ruta}.").format(ruta=source))
        target: Path = args.path
        if target.exists():
            raise UserError(_("{ruta} ya existe: elija otro nombre.").format(ruta=target))
        if not target.parent.exists():
            raise UserError(_("No existe la carpeta {ruta}.").format(ruta=target.parent))
        import sqlite3  # not at module level: the app's start does not need it

        try:
            create_private_file(target)  # 0600 whatever the umask, before SQLite opens it
        except OSError as error:
            message = _("No se pudo guardar el archivo: {motivo}").format(motivo=error.strerror)
            raise UserError(message) from None
        src = sqlite3.connect(source)
        dst = sqlite3.connect(target)
        try:
            with dst:
                src.backup(dst)
        finally:
            dst.close()
            src.close()
        print(_("Copia escrita en {ruta}").format(ruta=target))
        return 0
    finally:
        db.dispose()


def _exists(path: Path) -> str:
    return _("existe") if path.exists() else _("no existe")


def doctor(settings: Settings) -> int:
    from rich.console import Console

    from ecuapass_tui.services.keyring_store import backend_name
    from ecuapass_tui.store import schema
    from ecuapass_tui.store.engine import Database

    paths = settings.paths
    lines = [
        f"ecuapass-tui {__version__} (Python {sys.version.split()[0]})",
        f"datos:          {paths.data_dir}",
        f"configuración:  {paths.user_config} ({_exists(paths.user_config)})",
        f"config sistema: {paths.system_config} ({_exists(paths.system_config)})",
        f"registros:      {paths.log_dir}",
        f"base de datos:  {redact_url(settings.database_url)}",
    ]
    try:
        from importlib import resources

        data = resources.files("ecuapass_tui") / "data"
        menus_ok = (data / "menus.toml").is_file() and (data / "catalogs" / "cantons.csv").is_file()
        lines.append(f"archivos data/: {'completos' if menus_ok else 'FALTAN'}")
    except Exception as exc:  # pragma: no cover - reported, not raised
        menus_ok = False
        lines.append(f"archivos data/: error {exc}")
    status = 0 if menus_ok else 1
    db = Database(settings.database_url)
    try:
        current = schema.current_revision(db)
        head = schema.head_revision()
        note = "al día" if current == head else "ejecute: ecuapass-tui db upgrade"
        if current is None and schema.is_empty(db):
            note = "base nueva: se crea al iniciar"
        lines.append(f"esquema:        {current or 'vacío'} (programa: {head}; {note})")
    except Exception as exc:
        lines.append(f"esquema:        no se pudo leer ({exc.__class__.__name__}: {exc})")
        status = 1
    finally:
        db.dispose()
    import sqlite3

    lines.append(f"SQLite:         {sqlite3.sqlite_version}")
    lines.append(f"keyring:        {backend_name()}")
    console = Console()
    lines.append(
        f"terminal:       TERM={os.environ.get('TERM', '')} "
        f"colores={console.color_system or 'ninguno'}"
        f"{' NO_COLOR' if os.environ.get('NO_COLOR') else ''}"
    )
    print("\n".join(lines))
    return status
