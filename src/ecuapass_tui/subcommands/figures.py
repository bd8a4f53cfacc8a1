"""`ecuapass-tui figures`: the Cifras de la Mesa de Servicios (MS.7) for scripts: this
installation's monthly volumes (staff only, as in the app) and the series SENAE publishes."""

from __future__ import annotations

import argparse
from functools import partial

from ecuapass_tui.config import Settings
from ecuapass_tui.formats import integer, number
from ecuapass_tui.i18n import _
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.mesa.figures import SERIES, MonthFigure
from ecuapass_tui.subcommands import session
from ecuapass_tui.subcommands.session import DONE, add_login, say
from ecuapass_tui.texts.mesa import figures_series

HELP = "cifras de la Mesa de Servicios (volúmenes mensuales)"

MAX_MONTHS = 120


def _months(value: str) -> int:
    count = int(value) if value.isdigit() else 0
    if not 1 <= count <= MAX_MONTHS:
        raise argparse.ArgumentTypeError(
            _("debe ser un número de 1 a {maximo}").format(maximo=MAX_MONTHS)
        )
    return count


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--months", type=_months, default=18, help=_("meses de esta instalación (18)")
    )
    parser.add_argument("--json", action="store_true")
    add_login(parser)


def run(settings: Settings, args: argparse.Namespace) -> int:
    return session.run_signed_in(settings, args, partial(_figures, args), {})


def _figures(args: argparse.Namespace, desk: Desk, actor: Actor) -> int:
    local = desk.mesa_figures(actor, months=args.months)
    published = {name: desk.published_figures(name) for name in SERIES}
    if args.json:
        session.print_json(
            {
                "months": args.months,
                "desk": [month_json(figure) for figure in local],
                "published": {
                    name: [month_json(figure, counted=False) for figure in rows]
                    for name, rows in published.items()
                },
            }
        )
    else:
        print_figures(local, published)
    return DONE


def month_json(figure: MonthFigure, *, counted: bool = True) -> dict[str, object]:
    """One month; `counted` (this installation's) adds the average rating and the share of
    answers on time (null when no ticket had one)."""
    values: dict[str, object] = {
        "month": figure.month,
        "atenciones": figure.atenciones,
        "quejas": figure.quejas,
    }
    if counted:
        values["rating"] = None if figure.rating is None else round(figure.rating, 2)
        values["on_time"] = None if figure.on_time is None else round(figure.on_time, 4)
    return values


def print_figures(local: list[MonthFigure], published: dict[str, list[MonthFigure]]) -> None:
    lines = [_("Esta instalación (mes, atenciones, quejas, calificación, a tiempo):")]
    for figure in local:
        rating = "—" if figure.rating is None else number(figure.rating, 1)
        on_time = "—" if figure.on_time is None else f"{number(figure.on_time * 100, 0)} %"
        lines.append(
            f"  {figure.month}  {integer(figure.atenciones):>8}  {integer(figure.quejas):>6}"
            f"  {rating:>4}  {on_time:>6}"
        )
    for name, rows in published.items():
        lines += [
            "",
            _("{serie}, publicadas por el SENAE (mes, atenciones, quejas):").format(
                serie=figures_series(name)
            ),
        ]
        lines += [f"  {f.month}  {integer(f.atenciones):>8}  {integer(f.quejas):>6}" for f in rows]
    say("\n".join(lines))
