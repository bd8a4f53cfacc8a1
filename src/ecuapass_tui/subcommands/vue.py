"""`ecuapass-tui vue list`: the Ventanilla Única's requests for scripts, as 4.4 Estado de
procesamiento shows them to a company and 4.6 Solicitudes recibidas to an institution (the
same service and the same visibility: another company's or institution's requests never)."""

from __future__ import annotations

import argparse
from datetime import date
from functools import partial

from ecuapass_tui.config import Settings
from ecuapass_tui.core.roles import UserClass
from ecuapass_tui.i18n import _
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.vue.dto import RequestFilter, RequestPage, RequestRow
from ecuapass_tui.subcommands import session
from ecuapass_tui.subcommands.session import DONE, add_login, iso, say
from ecuapass_tui.texts.vue import state_text

HELP = "Ventanilla Única: las solicitudes y su estado"

OPTIONS = {"institution_code": "--institution", "state": "--state", "start": "--from"}
INSTITUTION_CLASSES = frozenset({UserClass.ENTIDAD, UserClass.REPRESENTANTE_ENTIDAD})
CSV_HEADER = ("number", "institution", "form", "sent_at", "state", "state_at")


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("fecha no válida (use AAAA-MM-DD)")) from None


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="vue_command", required=True)
    listing = sub.add_parser("list", help=_("las solicitudes de su empresa o de su institución"))
    listing.add_argument("--institution", default="", metavar=_("CÓDIGO"))
    listing.add_argument("--state", default="", metavar=_("CÓDIGO"))
    listing.add_argument("--from", dest="start", type=_day, metavar="AAAA-MM-DD")
    listing.add_argument("--to", dest="end", type=_day, metavar="AAAA-MM-DD")
    listing.add_argument("--limit", type=int, default=50)
    listing.add_argument("--after", default=None, metavar=_("CURSOR"))
    output = listing.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true")
    output.add_argument("--csv", action="store_true")
    add_login(listing)


def run(settings: Settings, args: argparse.Namespace) -> int:
    if not 1 <= args.limit <= 500:
        return session.bad_value("--limit", _("entre 1 y 500"))
    return session.run_signed_in(settings, args, partial(_list, args), OPTIONS)


def _list(args: argparse.Namespace, desk: Desk, actor: Actor) -> int:
    wanted = RequestFilter(
        institution_code=args.institution.strip().upper(),
        state=args.state.strip(),
        start=args.start,
        end=args.end,
    )
    if actor.user_class in INSTITUTION_CLASSES:
        page = desk.vue_queue(actor, wanted, after=args.after, limit=args.limit)
    else:
        page = desk.vue_status_page(actor, wanted, after=args.after, limit=args.limit)
    if args.json:
        session.print_json(page_json(page))
    elif args.csv:
        session.print_csv(CSV_HEADER, [_csv_row(row) for row in page.rows])
    else:
        _print(page)
    return DONE


def row_json(row: RequestRow) -> dict[str, object]:
    return {
        "number": row.number,
        "institution_code": row.institution_code,
        "institution": row.institution,
        "form_code": row.form_code,
        "form": row.form_name,
        "company": row.company,
        "sent_at": iso(row.sent_at),
        "state": row.state,
        "state_at": iso(row.state_at),
        "fee": None if row.fee is None else str(row.fee),
    }


def page_json(page: RequestPage) -> dict[str, object]:
    return {"requests": [row_json(row) for row in page.rows], "next_cursor": page.next_cursor}


def _csv_row(row: RequestRow) -> list[object]:
    return [
        row.number,
        row.institution,
        row.form_code,
        iso(row.sent_at),
        row.state,
        iso(row.state_at),
    ]


def _print(page: RequestPage) -> None:
    if not page.rows:
        say(_("No hay solicitudes con esos filtros."))
        return
    for row in page.rows:
        say(f"{row.number}  {row.institution}  {row.form_code}  {state_text(row.state)}")
    if page.next_cursor:
        say(_("Hay más: --after {cursor}").format(cursor=page.next_cursor))
