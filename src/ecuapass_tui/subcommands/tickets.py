"""`ecuapass-tui tickets list|show|take|assign|answer|close`: the Mesa de Servicios for scripts,
through the same Desk calls and permission checks as the staff console (screens/mesa/
staff_actions.py). `close` is the console's Anular: a Cerrado ticket is the user's decision
(or the sweep), so a staff member closes one by cancelling it with a reason.
"""

from __future__ import annotations

import argparse
import sys
from functools import partial

from ecuapass_tui.config import Settings
from ecuapass_tui.core.roles import is_staff
from ecuapass_tui.core.text import clean
from ecuapass_tui.i18n import _
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.mesa.ticket_dto import Outcome, QueueFilter, TicketState
from ecuapass_tui.subcommands import session, tickets_view
from ecuapass_tui.subcommands.session import DONE, add_login, bad_value, say

HELP = "tickets de la Mesa de Servicios (listar, ver, tomar, asignar, responder, anular)"

STATES = ("open", "all", *(state.value for state in TicketState))
MAX_LIMIT = 500
MAX_TEXT_BYTES = 64 * 1024  # far above the services' limit: the service words the refusal
# The services' field names -> the option that carries them.
OPTIONS = {
    "texto": "--text",
    "motivo": "--reason",
    "resultado": "--outcome",
    "destino": "--to/--queue",
}


def _limit(value: str) -> int:
    number = int(value) if value.isdigit() else 0
    if not 1 <= number <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(
            _("debe ser un número de 1 a {maximo}").format(maximo=MAX_LIMIT)
        )
    return number


def _text_source(parser: argparse.ArgumentParser, option: str, what: str) -> None:
    source = parser.add_mutually_exclusive_group()
    source.add_argument(option, dest="text", metavar="TEXTO", help=what)
    source.add_argument(
        "--file",
        type=argparse.FileType("rb"),
        metavar="ARCHIVO",
        help=_("leer el texto de un archivo"),
    )


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="tickets_command", required=True)
    listing = sub.add_parser("list", help=_("la cola de tickets que usted puede ver"))
    listing.add_argument(
        "--state", choices=STATES, default="open", help=_("estado (open: abiertos)")
    )
    listing.add_argument("--queue", metavar="COLA", help=_("código de la cola"))
    listing.add_argument("--text", default="", metavar="TEXTO", help=_("palabras o número"))
    listing.add_argument("--limit", type=_limit, default=50, help=_("tickets por página"))
    listing.add_argument("--after", metavar="CURSOR", help=_("la página que sigue a ese cursor"))
    output = listing.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true")
    output.add_argument("--csv", action="store_true")

    show = sub.add_parser("show", help=_("un ticket, con su historial"))
    show.add_argument("--json", action="store_true")

    sub.add_parser("take", help=_("tomar el ticket: queda asignado a usted"))

    assign = sub.add_parser("assign", help=_("asignar a un analista o a otra cola"))
    target = assign.add_mutually_exclusive_group(required=True)
    target.add_argument("--to", metavar="USUARIO", help=_("ID. Usuario del analista"))
    target.add_argument("--queue", metavar="COLA", help=_("código de la cola"))
    assign.add_argument("--reason", required=True, metavar="MOTIVO")

    answer = sub.add_parser("answer", help=_("responder: el ticket queda Respondido"))
    answer.add_argument("--outcome", required=True, choices=[o.value for o in Outcome])
    _text_source(answer, "--text", _("la respuesta al usuario (o por la entrada estándar)"))

    close = sub.add_parser("close", help=_("anular el ticket, con el motivo"))
    _text_source(close, "--reason", _("el motivo (o por la entrada estándar)"))

    for name, command in sub.choices.items():
        if name != "list":
            command.add_argument("number", metavar="NUMERO", help="MS-AAAA-NNNNNN")
        add_login(command)


def run(settings: Settings, args: argparse.Namespace) -> int:
    command = args.tickets_command
    if command in ("answer", "close"):
        body = _read_text(args)
        if body is None:
            return bad_value(OPTIONS["texto" if command == "answer" else "motivo"], _needs_text())
        args.text = body
    work = {
        "list": _list,
        "show": _show,
        "take": _take,
        "assign": _assign,
        "answer": _answer,
        "close": _close,
    }[command]
    return session.run_signed_in(settings, args, partial(work, args), OPTIONS)


def _needs_text() -> str:
    return _("falta el texto: use la opción, --file o la entrada estándar")


def _read_text(args: argparse.Namespace) -> str | None:
    """The text of --text / --reason, of --file, or of standard input when it is not a
    terminal, cleaned of control characters and bidi overrides on the way in (as a mail or
    a file is); None when there is none."""
    if args.text is not None:
        return clean(args.text)
    if args.file is not None:
        with args.file:
            data = args.file.read(MAX_TEXT_BYTES)
    elif not sys.stdin.isatty():
        data = sys.stdin.buffer.read(MAX_TEXT_BYTES)
    else:
        return None
    return clean(data.decode("utf-8", errors="replace"))


def _number(args: argparse.Namespace) -> str:
    return str(args.number).strip().upper()


def _list(args: argparse.Namespace, desk: Desk, actor: Actor) -> int:
    if args.queue is not None:
        codes = [queue.code for queue in desk.queues(actor)]
        if args.queue not in codes:
            message = _("no es una de sus colas ({colas})").format(colas=", ".join(codes) or "—")
            return bad_value("--queue", message)
    state = None if args.state == "all" else args.state
    filters = QueueFilter(queue=args.queue, state=state, text=args.text)
    page = desk.queue_page(actor, filters, after=args.after, limit=args.limit)
    if args.json:
        tickets = [tickets_view.row_json(row) for row in page.rows]
        session.print_json({"tickets": tickets, "next_cursor": page.next_cursor})
    elif args.csv:
        rows = [tickets_view.row_csv(row) for row in page.rows]
        session.print_csv(tickets_view.ROW_FIELDS, rows)
    else:
        tickets_view.print_rows(page.rows, page.next_cursor)
    return DONE


def _show(args: argparse.Namespace, desk: Desk, actor: Actor) -> int:
    detail = desk.ticket(actor, _number(args))
    if args.json:
        session.print_json({"ticket": tickets_view.detail_json(detail)})
    else:
        tickets_view.print_detail(detail, staff=is_staff(actor.user_class))
    return DONE


def _take(args: argparse.Namespace, desk: Desk, actor: Actor) -> int:
    number = _number(args)
    desk.take_ticket(actor, number)
    say(_("Tomó el ticket {numero}.").format(numero=number))
    return DONE


def _assign(args: argparse.Namespace, desk: Desk, actor: Actor) -> int:
    assignee = None
    if args.to is not None:
        wanted = args.to.strip().lower()
        found = [a.id for a in desk.analysts(actor) if a.username.lower() == wanted]
        if not found:
            return bad_value("--to", _("no es un analista de la Mesa de Servicios"))
        assignee = found[0]
    reason = clean(args.reason)
    desk.assign_ticket(actor, _number(args), reason, assignee_id=assignee, queue=args.queue)
    say(_("Ticket asignado."))
    return DONE


def _answer(args: argparse.Namespace, desk: Desk, actor: Actor) -> int:
    desk.answer_ticket(actor, _number(args), args.outcome, args.text)
    say(_("Respuesta enviada: el ticket queda Respondido."))
    return DONE


def _close(args: argparse.Namespace, desk: Desk, actor: Actor) -> int:
    desk.cancel_ticket(actor, _number(args), args.text)
    say(_("Ticket anulado."))
    return DONE
