"""Snapshots of the staff's queue and ticket view at 80x24 (theme textual-dark, clock frozen):
an overdue ticket (sign and colour), a paused one, a fresh one."""

from __future__ import annotations

from datetime import timedelta

from tests.helpers import FROZEN_NOW
from tests.ui.flows import login, settle
from tests.ui.test_mesa_staff import ANALISTA, open_incident, staff_desk

from ecuapass_tui.core.clock import FixedClock
from ecuapass_tui.screens.registry import open_option
from ecuapass_tui.services.desk import Desk


def tickets(ui_db) -> list[str]:
    desk = staff_desk(ui_db)
    early = Desk(ui_db, clock=FixedClock(FROZEN_NOW - timedelta(days=20)))
    late = open_incident(early, "antiguo", fecha_evento="03/11/2026 10:30")
    paused = open_incident(desk, "pausado")
    fresh = open_incident(desk, "nuevo")
    analyst = desk.login(*ANALISTA, None)
    desk.take_ticket(analyst, paused)
    desk.request_info(analyst, paused, "Adjunte la captura con la fecha y la hora visibles.")
    desk.take_ticket(analyst, fresh)
    desk.add_note(analyst, fresh, "Revisar con el equipo de catálogos.")
    return [late, paused, fresh]


async def to_queue(pilot) -> None:
    await login(pilot, *ANALISTA)
    open_option(pilot.app, "MS.1")
    await settle(pilot)


def test_staff_queue_screen(snap_compare, make_app, ui_db) -> None:
    tickets(ui_db)
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=to_queue)


def test_staff_ticket_screen(snap_compare, make_app, ui_db) -> None:
    numbers = tickets(ui_db)

    async def to_ticket(pilot) -> None:
        await to_queue(pilot)
        table = pilot.app.screen.query_one("#staff-queue")
        table.focus()
        rows = [row.number for row in pilot.app.screen.rows]
        for _ in range(rows.index(numbers[2])):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=to_ticket)
