"""The tickets as `ecuapass-tui tickets` prints them: JSON objects (docs/cli.md), CSV rows and
the text a person reads."""

from __future__ import annotations

from ecuapass_tui.formats import moment
from ecuapass_tui.i18n import _
from ecuapass_tui.services.mesa.ticket_dto import HistoryEntry, TicketDetail, TicketRow
from ecuapass_tui.subcommands.session import iso, say
from ecuapass_tui.texts import (
    ticket_channel,
    ticket_closure,
    ticket_kind,
    ticket_outcome,
    ticket_state,
)
from ecuapass_tui.texts.mesa import staff_ticket_event, ticket_event

ROW_FIELDS = (
    "number",
    "kind",
    "channel",
    "state",
    "closure",
    "subject",
    "queue",
    "assignee",
    "requester",
    "district",
    "created_at",
    "updated_at",
    "first_response_due",
    "resolution_due",
    "decision_due",
    "due",
    "paused",
    "overdue",
)


def row_json(row: TicketRow) -> dict[str, object]:
    return {
        "number": row.number,
        "kind": row.kind,
        "channel": row.channel,
        "state": row.state,
        "closure": row.closure or None,
        "subject": row.subject,
        "queue": row.queue_code or None,
        "assignee": row.assignee_name or None,
        "requester": row.requester_name or None,
        "district": row.district_code or None,
        "created_at": iso(row.created_at),
        "updated_at": iso(row.updated_at),
        "first_response_due": iso(row.first_response_due),
        "resolution_due": iso(row.resolution_due),
        "decision_due": iso(row.decision_due),
        "due": iso(row.due),
        "paused": row.paused,
        "overdue": row.overdue,
    }


def row_csv(row: TicketRow) -> list[object]:
    values = row_json(row)
    return [values[name] for name in ROW_FIELDS]


def _history(entry: HistoryEntry) -> dict[str, object]:
    return {
        "at": iso(entry.at),
        "actor": entry.actor_name or None,
        "kind": entry.kind,
        "public": entry.public,
        "from_state": entry.from_state or None,
        "to_state": entry.to_state or None,
        "body": entry.body,
    }


def detail_json(detail: TicketDetail) -> dict[str, object]:
    return {
        **row_json(detail.row),
        "contact": {
            "name": detail.contact_name,
            "document": detail.contact_document,
            "email": detail.contact_email,
            "phone": detail.contact_phone,
        },
        "tipo_persona": detail.tipo_persona or None,
        "oce_type": detail.oce_type_code or None,
        "motive": detail.motive or None,
        "system_option": detail.system_option or None,
        "related_document": detail.related_document or None,
        "event_at": iso(detail.event_at),
        "description": detail.description,
        "outcome": detail.outcome or None,
        "rating": detail.rating,
        "rating_comment": detail.rating_comment or None,
        "answered_at": iso(detail.answered_at),
        "closed_at": iso(detail.closed_at),
        "parent": detail.parent_number,
        "merged_into": detail.merged_into_number,
        "follow_ups": list(detail.follow_ups),
        "linked": list(detail.linked),
        "form_id": detail.form_id or None,
        "form": [{"name": entry.name, "value": entry.value} for entry in detail.form],
        "history": [_history(entry) for entry in detail.history],
        "attachments": [
            {
                "id": item.id,
                "name": item.name,
                "media_type": item.media_type,
                "size": item.size,
                "sha256": item.sha256,
            }
            for item in detail.attachments
        ],
        "actions": sorted(detail.actions),
    }


def print_rows(rows: tuple[TicketRow, ...], next_cursor: str | None) -> None:
    if not rows:
        say(_("Ningún ticket con esos filtros."))
        return
    for row in rows:
        due = moment(row.due) if row.due else "—"
        state = ticket_state(row.state)
        say(f"{row.number}  {state:<26} {due:<16}  {' '.join(row.subject.split())}")
    if next_cursor:
        say(_("Hay más: repita con --after {cursor}").format(cursor=next_cursor))


def print_detail(detail: TicketDetail, *, staff: bool) -> None:
    row = detail.row
    event = staff_ticket_event if staff else ticket_event
    lines = [
        f"{row.number} · {ticket_kind(row.kind)} · {ticket_channel(row.channel)}",
        _("Asunto: {asunto}").format(asunto=row.subject),
        _("Estado: {estado}").format(estado=ticket_state(row.state))
        + (f" ({ticket_closure(row.closure)})" if row.closure else ""),
        _("Solicitante: {nombre}").format(nombre=detail.contact_name or row.requester_name),
        _("Cola: {cola} · Analista: {analista}").format(
            cola=row.queue_code or "—", analista=row.assignee_name or "—"
        ),
        _("Registrado: {fecha} · Vence: {vence}").format(
            fecha=moment(row.created_at), vence=moment(row.due) if row.due else "—"
        ),
    ]
    if detail.outcome:
        lines.append(_("Resultado: {resultado}").format(resultado=ticket_outcome(detail.outcome)))
    lines += ["", detail.description, ""]
    for entry in detail.history:
        who = f" · {entry.actor_name}" if entry.actor_name else ""
        lines.append(f"{moment(entry.at)}{who} · {event(entry.kind)}")
        if entry.body:
            lines.append("    " + entry.body.replace("\n", "\n    "))
    for item in detail.attachments:
        lines.append(
            _("Adjunto: {nombre} ({bytes} bytes)").format(nombre=item.name, bytes=item.size)
        )
    say("\n".join(lines))
