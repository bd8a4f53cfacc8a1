"""Command line: `ecuapass-tui` runs the app; subcommands administer the installation.

User errors print one clear line on stderr and exit with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
import threading
import typing
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ecuapass_tui import __version__, cli_commands, i18n, subcommands
from ecuapass_tui.cli_errors import UserError, user_message
from ecuapass_tui.config import LANGUAGES, Settings, load_settings, sqlite_url
from ecuapass_tui.db_url import check_database
from ecuapass_tui.i18n import N_, _

if TYPE_CHECKING:
    from ecuapass_tui.app import EcuapassApp
    from ecuapass_tui.core.clock import Clock
    from ecuapass_tui.services.desk import Desk
    from ecuapass_tui.services.keyring_store import Remembered
    from ecuapass_tui.services.mail import MailWorker


# argparse's own messages (English whatever the language), said in the user's language.
ARGPARSE_MESSAGES = (
    (re.compile(r"unrecognized arguments: (?P<what>.*)"), N_("opción desconocida: {what}")),
    (re.compile(r"argument (?P<what>\S+): expected one argument"), N_("{what}: falta su valor")),
    (
        re.compile(r"argument (?P<what>\S+): invalid choice: (?P<value>.*?) \(choose from"),
        N_("{what}: {value} no es una de las opciones"),
    ),
    (
        re.compile(r"the following arguments are required: (?P<what>.*)"),
        N_("falta indicar: {what}"),
    ),
)


def argparse_text(message: str) -> str:
    for pattern, text in ARGPARSE_MESSAGES:
        if found := pattern.match(message):
            return _(text).format(**found.groupdict())
    return message


class _Parser(argparse.ArgumentParser):
    """argparse without its usage block: a wrong argument is one line, exit status 2."""

    def error(self, message: str) -> typing.NoReturn:
        problem = argparse_text(message)
        raise UserError(_("{problema} (vea: ecuapass-tui --help)").format(problema=problem))


def _parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ecuapass-tui",
        description=_("Ecuapass y la Mesa de Servicios del SENAE en la terminal."),
    )
    parser.add_argument("--version", action="version", version=f"ecuapass-tui {__version__}")
    parser.add_argument("--demo", action="store_true", help="usar la base de demostración")
    parser.add_argument(
        "--db", metavar="URL", help="URL de la base (sqlite:///... o postgresql+psycopg://...)"
    )
    parser.add_argument("--lang", metavar="es|en", help="idioma: es (predeterminado) o en")
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
    words = set(argv or ())
    asks_help = bool(words & {"-h", "--help"})
    for word in subcommands.GROUPS:
        # Only the group named on the command line (or all, for --help) is imported.
        if word in words or asks_help:
            module = subcommands.load(word)
            module.register(sub.add_parser(word, help=module.HELP))
        else:
            sub.add_parser(word, add_help=False)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    if args.lang is not None and args.lang not in LANGUAGES:
        raise UserError(
            _("--lang: idioma no disponible {idioma!r}; use es (español) o en (inglés).").format(
                idioma=args.lang
            )
        )
    settings = load_settings(database_url=args.db, demo=args.demo, language=args.lang)
    if args.today is not None:
        if not args.demo:
            raise UserError(_("--today solo se usa con --demo."))
        try:
            settings = settings.with_overrides(today=date.fromisoformat(args.today.strip()))
        except ValueError as exc:
            raise UserError(
                _("--today: fecha no válida {fecha!r} (use AAAA-MM-DD).").format(fecha=args.today)
            ) from exc
    return settings


def _check_database(settings: Settings, args: argparse.Namespace) -> None:
    """What can be known about the database before opening it (URL, folders, permissions)."""
    if args.command == "demo":
        url, source = sqlite_url(settings.paths.demo_database), "--demo"
    else:
        url, source = settings.database_url, settings.database_source
    reads_only = args.command == "doctor" or (
        args.command == "db" and args.db_command in ("current", "backup")
    )
    check_database(url, source, write=not reads_only)


def app_clock(settings: Settings) -> Clock:
    """The one clock of a run: real time, or moved to the demo's --today."""
    from ecuapass_tui.core.clock import Clock, ShiftedClock

    return ShiftedClock.to_day(settings.today) if settings.today else Clock()


def connector(settings: Settings, clock: Clock) -> Callable[[], tuple[Desk, Remembered]]:
    """Open the database, check its schema and detect the keyring; known failures become
    StartupError with the message the user reads."""

    def connect() -> tuple[Desk, Remembered]:
        from ecuapass_tui.app import StartupError
        from ecuapass_tui.services.desk import Desk
        from ecuapass_tui.services.keyring_store import detect
        from ecuapass_tui.services.setup import open_database, open_demo_database

        reference = clock.now() if settings.today else None
        try:
            if settings.demo:
                _sample_certificate(settings, wait=False)
                db, finish = open_demo_database(settings.database_url, reference)
                if finish is not None:
                    _finish_demo_later(finish)
            else:
                db = open_database(settings.database_url)
        except Exception as exc:
            message = user_message(exc, settings.database_url)
            if message is None:
                raise
            raise StartupError(message) from exc
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
    from ecuapass_tui.services.demo.login_list import demo_accounts

    settings.paths.ensure()
    clock = app_clock(settings)
    connect = connector(settings, clock)
    common = {
        "clock": clock,
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
        print(f"ecuapass-tui: {exc}", file=sys.stderr)
        return 2
    try:
        app.run()
    finally:
        if app.connected:
            app.desk.db.dispose()
    if app.startup_error:
        # Printed here, once the terminal is restored, as one line (Textual's exit message
        # would be wrapped at the terminal's width).
        print(f"ecuapass-tui: {app.startup_error}", file=sys.stderr)
        return 2
    return app.return_code or 0


def _start_mail(settings: Settings, desk: Desk) -> MailWorker | None:
    """With an SMTP server configured ([mail] host), a daemon thread sends the outbox after
    each commit that queued mail; without one, no mail is queued at all."""
    from ecuapass_tui.services.mail import MailWorker, mail_settings

    mail = mail_settings(settings)
    if mail is None:
        return None
    worker = MailWorker(desk.db, mail, desk.clock)
    worker.start()
    desk.mail_sent = worker.wake
    return worker


def _finish_demo_later(finish: Callable[[], None]) -> None:
    """The demo's tickets and tracking are added in a thread while the user logs in. If the
    program ends first, the demo is built again at the next start; a failure goes to the log
    (without local variables), never to the screen."""

    def run() -> None:
        try:
            finish()
        except Exception as error:
            from ecuapass_tui.crash_log import write_crash_log

            write_crash_log(error, where="demo build")

    threading.Thread(target=run, name="demo-build", daemon=True).start()


def _sample_certificate(settings: Settings, *, wait: bool) -> None:
    """Write the demo's sample .p12 into the data folder if it is not there; in a thread of its
    own unless `wait` (the first login does not wait for it)."""
    from ecuapass_tui.services.demo.certificate import ensure_demo_certificate

    def write() -> None:
        try:
            ensure_demo_certificate(settings.paths.data_dir)
        except OSError:
            pass  # the demo works without it; the login screen still names where it goes

    if wait:
        write()
    else:
        threading.Thread(target=write, name="demo-certificate").start()


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
            from ecuapass_tui.core.clock import ShiftedClock

            reference = ShiftedClock.to_day(settings.today).now()
        counts = reset_demo(db, reference)
    finally:
        db.dispose()
    _sample_certificate(settings, wait=True)
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
    from ecuapass_tui.services.demo.login_list import DEMO_CERTIFICATE_PIN, demo_certificate_path

    print(
        _("Certificado de muestra (.p12, sin validez): {ruta}, PIN {pin}").format(
            ruta=demo_certificate_path(settings.paths.data_dir), pin=DEMO_CERTIFICATE_PIN
        )
    )
    return 0


def _early_language(argv: list[str]) -> None:
    """--lang applies to argument errors too (before argparse has run)."""
    for index, arg in enumerate(argv):
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value in LANGUAGES:
            i18n.set_language(value)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _early_language(argv)
    settings: Settings | None = None
    try:
        args = _parser(argv).parse_args(argv)
        settings = _settings(args)
        i18n.set_language(settings.language)
        _check_database(settings, args)
        match args.command:
            case None:
                return _run_app(settings)
            case "admin":
                return cli_commands.admin_create(settings, args)
            case "db":
                return cli_commands.db_command(settings, args)
            case "demo":
                return _demo_reset(settings)
            case "doctor":
                return cli_commands.doctor(settings)
            case word if word in subcommands.GROUPS:
                return int(subcommands.load(word).run(settings, args))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        message = user_message(exc, settings.database_url if settings else "")
        if message is None:
            return _unexpected(exc)
        print(f"ecuapass-tui: {message}", file=sys.stderr)
        return 2
    return 2


def _unexpected(error: Exception) -> int:
    """A bug: its traceback, without local variables, goes to the log; one line names it."""
    from ecuapass_tui.crash_log import write_crash_log
    from ecuapass_tui.texts import unexpected_text

    log = write_crash_log(error, where="command line")
    print(f"ecuapass-tui: {unexpected_text(log)}", file=sys.stderr)
    return 1
