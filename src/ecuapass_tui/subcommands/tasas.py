"""`ecuapass-tui tasas import FILE`: load an official table of exchange rates (CSV, columns in
docs/tasas.md) for the currencies the ECB does not publish, all or nothing; an administrador
or a supervisor logs in as in the app. A refused file lists each bad line by its number."""

from __future__ import annotations

import argparse
from pathlib import Path

from ecuapass_tui import formats
from ecuapass_tui.config import Settings
from ecuapass_tui.i18n import _, ngettext
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.informativos.rates_import import MAX_BYTES, RatesRefused
from ecuapass_tui.subcommands import session
from ecuapass_tui.subcommands.session import DONE, REFUSED, say
from ecuapass_tui.texts import error_text, text

HELP = "Tasas de moneda: importar una tabla oficial (CSV)"


def register(parser: argparse.ArgumentParser) -> None:
    session.add_file_import(
        parser, "tasas_command", _("importar tasas de moneda de un archivo CSV")
    )


def run(settings: Settings, args: argparse.Namespace) -> int:
    return session.run_file_import(settings, args, MAX_BYTES, _import)


def _import(path: Path, content: bytes, desk: Desk, actor: Actor) -> int:
    try:
        result = desk.import_exchange_rates(actor, content)
    except RatesRefused as refused:
        lines = [f"{path.name}: {error_text(refused)}"]
        for problem in refused.problems:
            where = _("línea {n}").format(n=problem.line) if problem.line else _("archivo")
            lines.append(f"{where}: {text(problem.code, **problem.params)}")
        return session.fail(lines, REFUSED)
    say(
        ngettext(
            "{archivo}: {n} tasa importada ({monedas}, del {desde} al {hasta}).",
            "{archivo}: {n} tasas importadas ({monedas}, del {desde} al {hasta}).",
            result.rates,
        ).format(
            archivo=path.name,
            n=result.rates,
            monedas=", ".join(result.currencies),
            desde=formats.day(result.first),
            hasta=formats.day(result.last),
        )
    )
    return DONE
