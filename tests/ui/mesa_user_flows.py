"""Steps of the Mesa de Servicios user tests and snapshots: tickets made through the Desk, the
analyst's side through the Desk, opening 3.9.x options and a ticket from Mis tickets."""

from __future__ import annotations

from typing import Any

from tests.ui.flows import settle
from textual.pilot import Pilot
from textual.widgets import DataTable

from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.dto import Actor

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
DESCRIPTION = (
    "Al consultar el catálogo de distritos aparece el mensaje «Error 500» y la pantalla "
    "queda en blanco; ocurrió tres veces seguidas desde las 09:15."
)


def analyst(desk: Desk) -> Actor:
    return desk.login("", "analista", "Analista2026ec", None)


def incident_values(desk: Desk, actor: Actor, **changes: object) -> dict[str, Any]:
    values: dict[str, Any] = dict(desk.ticket_prefill(actor))
    values.update(
        forma_opcion="menu",
        opcion_sistema="2.6",
        fecha_evento="24/11/2026 09:15",
        distrito="028",
        descripcion=DESCRIPTION,
    )
    values.update(changes)
    return values


def open_incident(desk: Desk, actor: Actor, **changes: object) -> str:
    values = incident_values(desk, actor, **changes)
    opened = desk.open_ticket(actor, "incidente", values, {"capturas": [Attachment("c.png", PNG)]})
    return opened.number


async def open_option(pilot: Pilot, number: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*number)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await settle(pilot)


async def open_ticket_from_list(pilot: Pilot, number: str) -> None:
    """In Mis tickets: put the cursor on `number` and press Enter."""
    table = pilot.app.screen.query_one("#user-tickets", DataTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(number))
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)
