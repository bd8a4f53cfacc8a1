"""Snapshots of Mis tickets and of a ticket's detail at 80x24 (theme textual-dark, clock frozen).

Update with `pytest tests/snapshots -k mesa_user --snapshot-update` and look at the SVG first.
"""

from __future__ import annotations

from tests.ui.flows import login_as_agente_to_home, settle
from tests.ui.mesa_user_flows import analyst, open_incident, open_option, open_ticket_from_list


def _tickets(pilot) -> list[str]:
    desk, actor = pilot.app.desk, pilot.app.actor
    staff = analyst(desk)
    first = open_incident(desk, actor)
    desk.answer_ticket(staff, first, "incidente_solucionado", "Se corrigió el catálogo.")
    second = open_incident(desk, actor, distrito="019")
    desk.take_ticket(staff, second)
    desk.request_info(staff, second, "Indique el número de entrega afectado, por favor.")
    third = open_incident(desk, actor)
    return [first, second, third]


def test_mesa_user_my_tickets(snap_compare, make_app) -> None:
    async def to_list(pilot) -> None:
        await login_as_agente_to_home(pilot)
        _tickets(pilot)
        await open_option(pilot, "3.9.3")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=to_list)


def test_mesa_user_ticket_detail(snap_compare, make_app) -> None:
    async def to_detail(pilot) -> None:
        await login_as_agente_to_home(pilot)
        numbers = _tickets(pilot)
        await open_option(pilot, "3.9.3")
        await open_ticket_from_list(pilot, numbers[0])
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=to_detail)
