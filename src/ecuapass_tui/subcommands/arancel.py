"""`ecuapass-tui arancel import FILE`: load Ecuador's national tariff lines (CSV or SENAE's
JSON, docs/arancel.md) into 2.1.1 Consulta de arancel, all or nothing; an administrador or a
supervisor logs in as in the app. A refused file lists each bad line by its number."""

from __future__ import annotations

import argparse
from pathlib import Path

from ecuapass_tui.config import Settings
from ecuapass_tui.i18n import _, ngettext
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.informativos.tariff_import import ImportRefused
from ecuapass_tui.services.informativos.tariff_parse import MAX_BYTES
from ecuapass_tui.subcommands import session
from ecuapass_tui.subcommands.session import DONE, REFUSED, say
from ecuapass_tui.texts import error_text, text

HELP = "Arancel: importar las líneas nacionales (CSV o JSON)"


def register(parser: argparse.ArgumentParser) -> None:
    session.add_file_import(
        parser, "arancel_command", _("importar líneas nacionales de un archivo")
    )


def run(settings: Settings, args: argparse.Namespace) -> int:
    return session.run_file_import(settings, args, MAX_BYTES, _import)


def _import(path: Path, content: bytes, desk: Desk, actor: Actor) -> int:
    try:
        result = desk.import_tariff_lines(actor, content)
    except ImportRefused as refused:
        lines = [f"{path.name}: {error_text(refused)}"]
        for problem in refused.problems:
            where = _("línea {n}").format(n=problem.line) if problem.line else _("archivo")
            column = f" ({problem.column})" if problem.column else ""
            lines.append(f"{where}{column}: {text(problem.code, **problem.params)}")
        return session.fail(lines, REFUSED)
    say(
        ngettext(
            "{archivo}: {n} línea nacional importada",
            "{archivo}: {n} líneas nacionales importadas",
            result.added + result.replaced,
        ).format(archivo=path.name, n=result.added + result.replaced)
        + " "
        + _("({nuevas} nuevas, {reemplazadas} reemplazadas).").format(
            nuevas=result.added, reemplazadas=result.replaced
        )
    )
    return DONE
