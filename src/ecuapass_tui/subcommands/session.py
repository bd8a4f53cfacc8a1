"""What the script commands (`tickets`, `tracking`, `figures`) share: the login, the way a
refusal becomes an exit status, and the output (JSON, CSV, text).

The user logs in through the app's own `Desk.login` (services/cuentas/auth.py): the same
failure count per typed ID and source, the same lock, the same audit events; the password
comes from `ECUAPASS_PASSWORD` or a prompt on the terminal (no echo) and is never printed.

Exit status: 0 done, 1 refused (login, permission, not found, a state that does not allow the
action: the app's own text on stderr), 2 bad usage (arguments, a value a service rule
refuses). JSON is documented in docs/cli.md: English snake_case names, the stored codes as
values, times in ISO 8601 in Ecuador's time with their offset, amounts as strings,
`"version": 1`.
"""

from __future__ import annotations

import argparse
import csv
import getpass
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from functools import partial
from pathlib import Path

from ecuapass_tui.cli_errors import UserError
from ecuapass_tui.config import Settings
from ecuapass_tui.core.clock import Clock, ShiftedClock, local
from ecuapass_tui.core.identity import check_ruc
from ecuapass_tui.core.text import clean
from ecuapass_tui.formats import cents_value
from ecuapass_tui.i18n import _
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, ServiceError
from ecuapass_tui.services.setup import open_database
from ecuapass_tui.texts import error_text, text
from ecuapass_tui.texts.fields import field_name, field_text

PASSWORD_VARIABLE = "ECUAPASS_PASSWORD"  # noqa: S105 (the name of the variable)
JSON_VERSION = 1
DONE, REFUSED, BAD_USAGE = 0, 1, 2

Work = Callable[[Desk, Actor], int]

# Characters that must not reach a terminal even inside a JSON string (json.dumps already
# escapes C0): DEL, C1, bidi embeddings, overrides, isolates and marks.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# A spreadsheet runs a cell that starts so as a formula.
_FORMULA_START = ("=", "+", "-", "@")


def add_login(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", required=True, metavar="ID", help=_("ID. Usuario"))
    parser.add_argument(
        "--ruc", default="", metavar="RUC", help=_("RUC (usuarios de un OCE; vacío para el resto)")
    )


def clock_for(settings: Settings) -> Clock:
    """The app's clock (cli.app_clock): real time, or moved to the demo's --today."""
    return ShiftedClock.to_day(settings.today) if settings.today else Clock()


def read_password(environ: Mapping[str, str] | None = None) -> str:
    """ECUAPASS_PASSWORD, else a prompt on the terminal (standard input may carry a text)."""
    env = os.environ if environ is None else environ
    if env.get(PASSWORD_VARIABLE):
        return env[PASSWORD_VARIABLE]
    try:
        with open("/dev/tty"):
            pass
    except OSError:
        raise UserError(
            _("Sin terminal: pase la contraseña en {variable}.").format(variable=PASSWORD_VARIABLE)
        ) from None
    return getpass.getpass(_("Contraseña") + ": ")


@contextmanager
def signed_in(settings: Settings, args: argparse.Namespace) -> Iterator[tuple[Desk, Actor]]:
    """The Desk and the logged-in Actor for one command; the session's end is audited like
    the app's."""
    ruc = args.ruc.strip()
    if ruc and (code := check_ruc(ruc)) is not None:
        raise UserError(f"--ruc: {text(code)}")
    if not args.user.strip():
        raise UserError(f"--user: {text('required')}")
    password = read_password()
    settings.paths.ensure()
    db = open_database(settings.database_url, demo=settings.demo)
    try:
        desk = Desk(db, clock=clock_for(settings), demo_mode=settings.demo)
        actor = desk.login(ruc, args.user, password, None)
        try:
            yield desk, actor
        finally:
            desk.logout(actor)
    finally:
        db.dispose()


def run_signed_in(
    settings: Settings, args: argparse.Namespace, work: Work, options: Mapping[str, str]
) -> int:
    """Log in, run `work`, and turn a service's refusal into its text and exit status.
    `options`: the service's field name -> the option that carries it."""
    try:
        with signed_in(settings, args) as (desk, actor):
            return work(desk, actor)
    except FieldErrors as errors:
        lines = [f"{field_name(e)}: {field_text(e)}" for e in errors.errors]
        lines += [f"{options.get(f, f)}: {text(code)}" for f, code in errors.rules.items()]
        return fail(lines, BAD_USAGE)
    except ServiceError as error:
        return fail([error_text(error)], REFUSED)
    except BrokenPipeError:
        # The reader stopped reading (`| head`): what was done is done; nothing more to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return DONE


def add_file_import(parser: argparse.ArgumentParser, dest: str, help_text: str) -> None:
    """`<group> import FILE` with the login options (arancel, tasas)."""
    sub = parser.add_subparsers(dest=dest, required=True)
    load = sub.add_parser("import", help=help_text)
    load.add_argument("file", metavar="FILE", type=Path)
    add_login(load)


def run_file_import(
    settings: Settings,
    args: argparse.Namespace,
    max_bytes: int,
    work: Callable[[Path, bytes, Desk, Actor], int],
) -> int:
    """Read FILE (at most `max_bytes` + 1, so the service can say it is too big), then log in
    and hand its bytes to `work`."""
    try:
        with args.file.open("rb") as handle:
            content = handle.read(max_bytes + 1)
    except OSError as error:
        return bad_value(
            str(args.file), _("No se pudo leer el archivo: {motivo}").format(motivo=error.strerror)
        )
    return run_signed_in(settings, args, partial(work, args.file, content), {})


def fail(lines: Sequence[str], status: int) -> int:
    for line in lines:
        print(f"ecuapass-tui: {clean(line, single_line=True)}", file=sys.stderr)
    return status


def bad_value(option: str, message: str) -> int:
    return fail([f"{option}: {message}"], BAD_USAGE)


# ---------------------------------------------------------------- output


def say(value: object = "") -> None:
    """One piece of text for a person: control characters and bidi overrides removed."""
    print(clean(value))


def json_text(data: Mapping[str, object]) -> str:
    """The document with `"version"` first; exact values, and nothing a terminal would act on."""
    document = {"version": JSON_VERSION, **data}
    dumped = json.dumps(document, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", dumped)


def print_json(data: Mapping[str, object]) -> None:
    print(json_text(data))


def print_csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """CSV for spreadsheets: no control characters, and a text cell that a spreadsheet would
    run as a formula starts with an apostrophe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    sys.stdout.write(out.getvalue())


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    cell = clean(value, single_line=True)
    return f"'{cell}" if isinstance(value, str) and cell.startswith(_FORMULA_START) else cell


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in Ecuador's time, with its offset (2026-11-24T10:00:00-05:00)."""
    return None if moment is None else local(moment).isoformat()


def amount(cents: int) -> str:
    """An amount in US dollars as a string: "1234.50"."""
    return str(cents_value(cents))
