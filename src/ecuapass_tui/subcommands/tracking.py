"""`ecuapass-tui tracking show MRN`: SENAE Tracking (2.11) for scripts: one cargo, its
declaration, the timeline and the events, as the user may see them (a company its own cargo,
staff all of it; another's cargo is not found)."""

from __future__ import annotations

import argparse
from functools import partial

from ecuapass_tui.config import Settings
from ecuapass_tui.formats import moment
from ecuapass_tui.i18n import _
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import NotFound
from ecuapass_tui.services.tramites.tracking import normalize
from ecuapass_tui.services.tramites.tracking_dto import CargoDetail, DeclarationInfo
from ecuapass_tui.subcommands import session
from ecuapass_tui.subcommands.session import DONE, add_login, amount, iso, say
from ecuapass_tui.texts.tramites import channel_label, event_text, money, stage_label

HELP = "SENAE Tracking: una carga por su MRN"

OPTIONS = {"buscar": "MRN"}


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="tracking_command", required=True)
    show = sub.add_parser("show", help=_("una carga, su declaración y sus etapas"))
    show.add_argument("mrn", metavar="MRN")
    show.add_argument("--json", action="store_true")
    add_login(show)


def run(settings: Settings, args: argparse.Namespace) -> int:
    return session.run_signed_in(settings, args, partial(_show, args), OPTIONS)


def find(desk: Desk, actor: Actor, mrn: str) -> CargoDetail:
    """The cargo with this MRN among those the actor may see."""
    wanted = normalize(mrn)
    page = desk.search_cargo(actor, wanted, limit=20)
    found = [row for row in page.rows if row.mrn == wanted]
    if not found:
        raise NotFound("trk_cargo_not_found")
    return desk.cargo(actor, found[0].id)


def _show(args: argparse.Namespace, desk: Desk, actor: Actor) -> int:
    cargo = find(desk, actor, args.mrn)
    if args.json:
        session.print_json({"cargo": cargo_json(cargo)})
    else:
        print_cargo(cargo)
    return DONE


def _declaration(row: DeclarationInfo | None) -> dict[str, object] | None:
    if row is None:
        return None
    return {
        "delivery_number": row.delivery_number,
        "dai_number": row.dai_number or None,
        "channel": row.channel or None,
        "liquidation_number": row.liquidation_number or None,
        "liquidation_amount": amount(row.liquidation_cents),
        "transmitted_at": iso(row.transmitted_at),
        "accepted_at": iso(row.accepted_at),
        "paid_at": iso(row.paid_at),
    }


def cargo_json(cargo: CargoDetail) -> dict[str, object]:
    def detail(value: str) -> str:
        return event_text(value, cargo.transport_doc_type)

    return {
        "mrn": cargo.mrn,
        "transport_doc_type": cargo.transport_doc_type,
        "transport_doc": cargo.transport_doc,
        "containers": list(cargo.containers),
        "consignee_ruc": cargo.consignee_ruc,
        "consignee": cargo.consignee,
        "declarant_oce": cargo.declarant_oce or None,
        "district": cargo.district,
        "regime": cargo.regime,
        "goods": cargo.goods,
        "stage": cargo.stage or None,
        "channel": cargo.channel or None,
        "declaration": _declaration(cargo.declaration),
        "steps": [
            {
                "step": step.step.value,
                "state": step.state.value,
                "at": iso(step.at),
                "stage": step.stage or None,
                "detail": detail(step.detail) or None,
                "who": detail(step.who) or None,
            }
            for step in cargo.steps
        ],
        "events": [
            {
                "stage": event.stage,
                "at": iso(event.at),
                "detail": detail(event.detail) or None,
                "who": detail(event.who) or None,
                "source": event.source,
            }
            for event in cargo.events
        ],
    }


def print_cargo(cargo: CargoDetail) -> None:
    lines = [
        f"MRN {cargo.mrn} · {cargo.transport_doc_type} {cargo.transport_doc}",
        _("Consignatario: {nombre} ({ruc})").format(
            nombre=cargo.consignee, ruc=cargo.consignee_ruc
        ),
        _("Distrito: {distrito} · Régimen {regimen}").format(
            distrito=cargo.district, regimen=cargo.regime
        ),
        _("Etapa: {etapa}").format(etapa=stage_label(cargo.stage) if cargo.stage else "—"),
    ]
    if cargo.channel:
        lines.append(_("Canal de aforo: {canal}").format(canal=channel_label(cargo.channel)))
    if cargo.containers:
        lines.append(_("Contenedores: {lista}").format(lista=", ".join(cargo.containers)))
    declaration = cargo.declaration
    if declaration is not None:
        lines.append(
            _("Entrega {entrega} · DAI {dai} · Liquidación {liquidacion}").format(
                entrega=declaration.delivery_number,
                dai=declaration.dai_number or "—",
                liquidacion=money(declaration.liquidation_cents),
            )
        )
    lines.append("")
    for event in cargo.events:
        who = f" · {event_text(event.who, cargo.transport_doc_type)}" if event.who else ""
        lines.append(f"{moment(event.at)}  {stage_label(event.stage)}{who}")
        if event.detail:
            lines.append("    " + event_text(event.detail, cargo.transport_doc_type))
    say("\n".join(lines))
