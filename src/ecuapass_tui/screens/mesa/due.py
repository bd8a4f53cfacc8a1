"""A ticket's due time as the tables and the detail show it."""

from __future__ import annotations

from rich.text import Text

from ecuapass_tui import formats
from ecuapass_tui.core.clock import format_local
from ecuapass_tui.i18n import _
from ecuapass_tui.services.mesa.ticket_dto import WORKING_STATES, TicketRow

OVERDUE_SIGN = "!"


def due_cell(row: TicketRow, *, queue: bool = False) -> Text:
    """The due time as dd/mm hh:mm; overdue: a "!" sign before it as well as the error colour.
    The user's list shows the time that matters now ("—" when none); the desk's queue shows
    the resolution due time, which it sorts by, dim once the desk does not owe work (paused,
    answered, closed: the state column says which)."""
    due = row.resolution_due if queue else row.due
    if due is None:
        return Text("—", style="dim")
    shown = formats.short_moment(due)
    if row.overdue:
        return Text(f"{OVERDUE_SIGN}{shown}", style="bold red")
    if queue and (row.paused or row.state not in WORKING_STATES):
        return Text(f" {shown}", style="dim")
    return Text(f" {shown}")


def due_text(row: TicketRow) -> str:
    due = row.due
    if due is None:
        return ""
    if row.overdue:
        return _("venció el {fecha}").format(fecha=format_local(due))
    return _("vence el {fecha}").format(fecha=format_local(due))
