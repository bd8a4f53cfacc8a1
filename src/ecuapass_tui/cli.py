"""Command line: `ecuapass-tui` runs the app; subcommands administer the installation.

User errors print one clear line on stderr and exit with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ecuapass_tui import __version__, i18n
from ecuapass_tui.config import LANGUAGES, ConfigError, Settings, load_settings, redact_url
from ecuapass_tui.i18n import _

if TYPE_CHECKING:
    from ecuapass_tui.app import EcuapassApp
    from ecuapass_tui.services.facade import Desk
    from ecuapass_tui.services.mailer import MailWorker
    from ecuapass_tui.services.remember import Remembered


class UserError(Exception):
    """A problem the user can fix; its message is printed as it is."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ecuapass-tui",
        description=_("Ecuapass y la Mesa de Servicios del SENAE en la terminal."),
    )
    parser.add_argument("--version", action="version", version=f"ecuapass-tui {__version__}")
    parser.add_argument("--demo", action="store_true", help="usar la base de demostración")
    parser.add_argument(
        "--db", metavar="URL", help="URL de la base (sqlite:///... o postgresql+psycopg://...)"
    )
    parser.add_argument("--lang", choices=LANGUAGES, help="idioma: es (predeterminado) o en")
    parser.add_argument(
        "--today", metavar="AAAA-MM-DD", help="solo con --demo: fecha del reloj para demostraciones"
    )
    sub = parser.add_subparsers(dest="command")

    admin = sub.add_parser("admin", help="administración de usuarios")
    admin_sub = admin.add_subparsers(dest="admin_command", required=True)
    create = admin_sub.add_parser("create", help="crear el primer administrador")
    create.add_argument("--username", required=False)
    create.add_argument("--name", required=False)
    create.add_argument("--cedula", required=False)
    create.add_argument("--email", required=False)

    db = sub.add_parser("db", help="esquema y copias de la base de datos")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="migrar la base a la versión de este programa")
    db_sub.add_parser("current", help="mostrar la versión del esquema")
    backup = db_sub.add_parser("backup", help="copia en línea de una base SQLite")
    backup.add_argument("path", type=Path)

    demo = sub.add_parser("demo", help="datos de demostración")
    demo_sub = demo.add_subparsers(dest="demo_command", required=True)
    demo_sub.add_parser("reset", help="reconstruir la base de demostración")

    sub.add_parser("doctor", help="rutas, base de datos, esquema y terminal")
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings(database_url=args.db, demo=args.demo, language=args.lang)
    if args.today:
        if not args.demo:
            raise UserError(_("--today solo se usa con --demo."))
        try:
            settings = settings.with_overrides(today=date.fromisoformat(args.today))
        except ValueError as exc:
            raise UserError(
                _("--today: fecha no válida {fecha!r} (use AAAA-MM-DD).").format(fecha=args.today)
            ) from exc
    return settings


def _schema_message(exc: Exception) -> str:
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


def connector(settings: Settings) -> Callable[[], tuple[Desk, Remembered]]:
    """Open the database, check its schema and detect the keyring; known failures become
    StartupError with the message the user reads."""

    def connect() -> tuple[Desk, Remembered]:
        from ecuapass_tui.app import StartupError
        from ecuapass_tui.services.clock import Clock, ShiftedClock
        from ecuapass_tui.services.facade import Desk
        from ecuapass_tui.services.remember import detect
        from ecuapass_tui.services.setup import open_database

        clock: Clock = ShiftedClock.to_day(settings.today) if settings.today else Clock()
        try:
            db = open_database(
                settings.database_url,
                demo=settings.demo,
                reference=clock.now() if settings.today else None,
            )
        except Exception as exc:
            message = _user_message(exc)
            if message is None:
                raise
            raise StartupError(f"ecuapass-tui: {message}") from exc
        desk = Desk(db, clock=clock, demo_mode=settings.demo)
        _start_mail(settings, desk)
        return desk, detect()

    return connect


def create_app(settings: Settings, *, connect_first: bool = False) -> EcuapassApp:
    """Build the App; nothing happens at import time.

    By default the database opens in a worker while the login screen is drawn (start-up
    cost on a terminal); with `connect_first` it opens here, so that a failure is reported
    before any screen (used when there is no terminal to draw on).
    """
    from ecuapass_tui.app import EcuapassApp
    from ecuapass_tui.services.demo_accounts import demo_accounts

    settings.paths.ensure()
    connect = connector(settings)
    common = {
        "settings": settings,
        "language": settings.language,
        "language_explicit": settings.language_explicit,
        "theme": settings.theme,
        "demo_accounts": demo_accounts() if settings.demo else [],
    }
    if connect_first:
        desk, remembered = connect()
        return EcuapassApp(desk, remembered=remembered, **common)  # type: ignore[arg-type]
    return EcuapassApp(connect=connect, **common)  # type: ignore[arg-type]


def _run_app(settings: Settings) -> int:
    from ecuapass_tui.app import StartupError

    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    try:
        app = create_app(settings, connect_first=not interactive)
    except StartupError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    try:
        app.run()
    finally:
        if app.connected:
            app.desk.db.dispose()
    return app.return_code or 0


def _admin_create(settings: Settings, args: argparse.Namespace) -> int:
    from ecuapass_tui.messages import text
    from ecuapass_tui.services.errors import FieldErrors, ServiceError
    from ecuapass_tui.services.facade import Desk
    from ecuapass_tui.services.setup import open_database

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
            labels = {
                "username": _("ID. Usuario"),
                "full_name": _("Nombre"),
                "cedula": _("Cédula"),
                "email": _("Correo"),
                "password": _("Contraseña"),
                "confirmation": _("Confirmación"),
            }
            lines = [f"{labels.get(k, k)}: {text(v)}" for k, v in errors.fields.items()]
            raise UserError("\n".join(lines)) from errors
        except ServiceError as error:
            raise UserError(text(error.code)) from error
        print(_("Administrador {usuario} creado.").format(usuario=username))
        return 0
    finally:
        db.dispose()


def _db_command(settings: Settings, args: argparse.Namespace) -> int:
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


def _start_mail(settings: Settings, desk: Desk) -> MailWorker | None:
    """With an SMTP server configured ([mail] host), a daemon thread sends the outbox after
    each commit that queued mail; without one, no mail is queued at all."""
    from ecuapass_tui.services.mailer import MailWorker, mail_settings

    mail = mail_settings(settings)
    if mail is None:
        return None
    worker = MailWorker(desk.db, mail, desk.clock)
    worker.start()
    desk.mail_sent = worker.wake
    return worker


def _demo_reset(settings: Settings) -> int:
    from ecuapass_tui.services.setup import open_database, reset_demo

    demo = settings.with_overrides(
        database_url=f"sqlite:///{settings.paths.demo_database}", demo=True
    )
    settings.paths.ensure()
    db = open_database(demo.database_url, demo=False)
    try:
        reference = None
        if settings.today:
            from ecuapass_tui.services.clock import ShiftedClock

            reference = ShiftedClock.to_day(settings.today).now()
        counts = reset_demo(db, reference)
    finally:
        db.dispose()
    print(
        _(
            "Demostración reconstruida en {ruta}: {empresas} empresas, {usuarios} usuarios, "
            "{avisos} avisos."
        ).format(
            ruta=settings.paths.demo_database,
            empresas=counts["companies"],
            usuarios=counts["users"],
            avisos=counts["notices"],
        )
    )
    return 0


def _exists(path: Path) -> str:
    return _("existe") if path.exists() else _("no existe")


def _doctor(settings: Settings) -> int:
    from rich.console import Console

    from ecuapass_tui.services.remember import backend_name
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


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--lang" in argv[:-1]:
        i18n.set_language(argv[argv.index("--lang") + 1])
    args = _parser().parse_args(argv)
    try:
        settings = _settings(args)
        i18n.set_language(settings.language)
        match args.command:
            case None:
                return _run_app(settings)
            case "admin":
                return _admin_create(settings, args)
            case "db":
                return _db_command(settings, args)
            case "demo":
                return _demo_reset(settings)
            case "doctor":
                return _doctor(settings)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        message = _user_message(exc)
        if message is None:
            raise
        print(f"ecuapass-tui: {message}", file=sys.stderr)
        return 2
    return 2


def _user_message(exc: Exception) -> str | None:
    """The one line a user reads for an error they can act on; None for a bug."""
    if isinstance(exc, UserError | ConfigError):
        return str(exc)
    # Imported here: the database layer is not loaded before the first screen is drawn.
    from sqlalchemy.exc import OperationalError, SQLAlchemyError

    from ecuapass_tui.store.engine import DatabaseError
    from ecuapass_tui.store.schema import NotOurDatabase, SchemaAhead, SchemaBehind

    if isinstance(exc, DatabaseError):
        return str(exc)
    if isinstance(exc, SchemaBehind | SchemaAhead | NotOurDatabase):
        return _schema_message(exc)
    if isinstance(exc, OperationalError):
        return _("no se pudo abrir la base de datos: {error}").format(error=exc.orig)
    if isinstance(exc, SQLAlchemyError):
        return _("error de base de datos: {error}").format(error=exc.__class__.__name__)
    return None
