"""The staff's Consola de Mesa de Servicios in Pilot: the queue (text filter, visibility by
queue, live refresh from another process), the ticket view and its actions, phone intake."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timedelta
from typing import Any

from tests.helpers import FROZEN_NOW
from tests.ui.flows import login, screen_text, settle
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, TextArea

from ecuapass_tui.core.clock import FixedClock
from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.screens.mesa.phone import PhoneIntakeScreen
from ecuapass_tui.screens.mesa.queue import DEBOUNCE_SECONDS, QueueScreen
from ecuapass_tui.screens.mesa.staff_actions import AnswerModal, AskModal, CannedPicker
from ecuapass_tui.screens.mesa.staff_ticket import StaffTicketScreen
from ecuapass_tui.screens.registry import open_option
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.store.engine import Database
from ecuapass_tui.widgets.form import FormView

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%demo\n"
ANALISTA = ("", "analista", "Analista2026ec")


def agente(desk: Desk) -> Actor:
    return desk.login("1792060346001", "agente", "Aduana2026ec", None)


def open_incident(desk: Desk, word: str, **changes: object) -> str:
    actor = agente(desk)
    values: dict[str, Any] = dict(desk.ticket_prefill(actor))
    values.update(
        forma_opcion="menu",
        opcion_sistema="2.6",
        fecha_evento="24/11/2026 09:15",
        distrito="028",
        descripcion=(
            f"Al consultar el catálogo de distritos aparece {word} con el mensaje «Error 500» "
            "y la pantalla queda en blanco; ocurrió tres veces seguidas."
        ),
    )
    values.update(changes)
    files = {"capturas": [Attachment("a.png", PNG)]}
    return desk.open_ticket(actor, "incidente", values, files).number


def staff_desk(ui_db: Database) -> Desk:
    return Desk(ui_db, clock=FixedClock(FROZEN_NOW))


async def to_queue(pilot: Pilot, account: tuple[str, str, str] = ANALISTA) -> QueueScreen:
    await login(pilot, *account)
    assert open_option(pilot.app, "MS.1")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, QueueScreen)
    return screen


async def filter_text(pilot: Pilot, screen: QueueScreen, text: str) -> None:
    screen.query_one("#staff-f-text", Input).value = text
    await pilot.pause(DEBOUNCE_SECONDS + 0.1)
    await settle(pilot)


async def submit(pilot: Pilot) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_analyst_works_a_ticket_from_the_queue(make_app, ui_db) -> None:
    desk = staff_desk(ui_db)
    number = open_incident(
        desk,
        "zorzalito",
        forma_opcion="texto",
        opcion_sistema="",
        nombre_pantalla="Solicitud del uso (Representante) - Certificado digital",
        documento_relacionado="028-2024-10-00012345",
    )
    async with make_app().run_test(size=(80, 24)) as pilot:
        queue = await to_queue(pilot)
        await filter_text(pilot, queue, "zorzalito")
        assert [row.number for row in queue.rows] == [number]
        table = queue.query_one("#staff-queue", DataTable)
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        view = pilot.app.screen
        assert isinstance(view, StaffTicketScreen)
        shown = screen_text(pilot)
        assert "zorzalito" in shown
        # every field the user filled, labelled as the form labels it
        for line in (
            "Forma de indicar la opción: Escribir el nombre de la pantalla o campo",
            "Nombre completo de la pantalla o campo: Solicitud del uso (Representante) - "
            "Certificado digital",
            "Fecha y hora exacta del evento: 24/11/2026 09:15:00",
            "Distrito: Guayaquil Marítimo",
            "Documento relacionado (DAI o número de entrega): 028-2024-10-00012345",
            "Tipo de persona: ",
        ):
            assert line in shown, line
        await pilot.press("t")
        await settle(pilot)
        await submit(pilot)
        assert desk.ticket(agente(desk), number).row.state == "en_analisis"
        # Solicitar información: empty first -> the error beside the field, the dialog stays
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(pilot.app.screen, AskModal)
        await submit(pilot)
        modal = pilot.app.screen
        assert isinstance(modal, AskModal)
        error = modal.query_one("#staff-err-texto", Static)
        assert "obligatorio" in str(error.render())
        modal.query_one("#staff-text", TextArea).load_text(
            "Adjunte la captura completa con la fecha y la hora del error."
        )
        await submit(pilot)
        assert pilot.app.screen is view
        detail = desk.ticket(agente(desk), number)
        assert detail.row.state == "pendiente_informacion"
        assert detail.row.assignee_name == view.detail.row.assignee_name != ""
        assert "Analista" in detail.row.assignee_name or detail.row.assignee_name
        # the user replies; the analyst reloads, adds a note and answers with a canned text
        desk.reply_ticket(agente(desk), number, "Adjunto la captura completa con fecha y hora.")
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        pilot.app.screen.query_one("#staff-text", TextArea).load_text("Revisado con soporte.")
        await submit(pilot)
        assert "interna" in screen_text(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(pilot.app.screen, AnswerModal)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CannedPicker)
        await pilot.press("enter")
        await settle(pilot)
        answer = pilot.app.screen
        assert isinstance(answer, AnswerModal)
        assert answer.query_one("#staff-text", TextArea).text.startswith("Estimado usuario")
        await submit(pilot)
        assert pilot.app.screen is view
    user_view = desk.ticket(agente(desk), number)
    assert user_view.row.state == "respondido"
    assert user_view.outcome
    assert all(entry.kind != "note" for entry in user_view.history)
    staff = desk.login("", "analista", "Analista2026ec", None)
    assert any(e.kind == "note" and not e.public for e in desk.ticket(staff, number).history)


async def test_analyst_does_not_see_a_queue_he_is_not_in(make_app, ui_db) -> None:
    desk = staff_desk(ui_db)
    actor = agente(desk)
    values: dict[str, Any] = dict(desk.ticket_prefill(actor))
    values.update(
        motivo="clasificacion_arancelaria",
        asunto="Subpartida de bombas colibriformes",
        descripcion="¿En qué subpartida se clasifican las bombas colibriformes de 2 HP?",
    )
    hidden = desk.open_ticket(actor, "consulta", values, {"documentos": [Attachment("f.pdf", PDF)]})
    # Two incidents 3 hours apart; the earlier one is answered, so the user's decision is due
    # days after the other's resolution: the queue still shows what it sorts by.
    answered = open_incident(desk, "ordenadito")
    assert isinstance(desk.clock, FixedClock)
    desk.clock.advance(timedelta(hours=3))
    waiting = open_incident(desk, "ordenadito")
    desk.answer_ticket(
        desk.login(*ANALISTA, None), answered, "servicio_atendido", "Se atendió el pedido."
    )
    async with make_app().run_test(size=(80, 24)) as pilot:
        queue = await to_queue(pilot)
        await filter_text(pilot, queue, "colibriformes")
        assert queue.rows == ()
        assert hidden.number not in screen_text(pilot)
    async with make_app().run_test(size=(80, 24)) as pilot:
        queue = await to_queue(pilot, ("", "supervisor", "Supervisor2026ec"))
        await filter_text(pilot, queue, "colibriformes")
        assert [row.number for row in queue.rows] == [hidden.number]
        await filter_text(pilot, queue, "ordenadito")
        assert [row.number for row in queue.rows] == [answered, waiting]
        table = queue.query_one("#staff-queue", DataTable)
        shown = [str(table.get_row_at(i)[-1]).strip() for i in range(table.row_count)]
        stamps = [datetime.strptime(f"2026/{cell}", "%Y/%d/%m %H:%M") for cell in shown]
        assert stamps[0] < stamps[1], shown  # in the order the rows are listed
        assert "Resolución" in str(table.columns["vence"].label)


async def test_queue_shows_a_ticket_from_another_process_within_5_seconds(make_app, ui_db) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        queue = await to_queue(pilot)
        other = Database(ui_db.url)
        try:
            number = await asyncio.to_thread(open_incident, staff_desk(other), "remoto")
        finally:
            other.dispose()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and number not in [r.number for r in queue.rows]:
            await pilot.pause(0.2)
        assert number in [row.number for row in queue.rows]


async def fill_call(pilot: Pilot, screen: PhoneIntakeScreen, **values: object) -> None:
    form = screen.query_one("#form", FormView)
    form.set_values({**form.values(), **values})
    await pilot.pause()


async def test_phone_intake_finds_the_caller_and_closes_or_leaves_for_analysis(
    make_app, ui_db
) -> None:
    desk = staff_desk(ui_db)
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login(pilot, *ANALISTA)
        assert open_option(pilot.app, "MS.2")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, PhoneIntakeScreen)
        screen.query_one("#staff-caller-query", Input).value = "agente"
        screen.query_one("#staff-caller-query").focus()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")  # the first caller found
        await settle(pilot)
        assert screen.caller is not None and screen.caller.username == "agente"
        form = screen.query_one("#form", FormView)
        assert form.values()["nombres"] == screen.caller.full_name
        # one bad input: no asunto -> the error beside it, nothing sent
        await fill_call(
            pilot,
            screen,
            tipo="consulta",
            motivo="otros",
            descripcion="Pregunta cómo reiniciar su clave de acceso al portal Ecuapass.",
            resolver="si",
            resultado="consulta_absuelta",
            respuesta="Se le indicó la opción Buscar ID / Reinicio de clave.",
        )
        form.focus()
        await submit(pilot)
        assert "obligatorio" in screen_text(pilot)
        await fill_call(pilot, screen, asunto="Reinicio de clave")
        await submit(pilot)
        note = str(screen.query_one("#staff-phone-note", Static).render())
        assert "cerrado" in note
        closed = note.split()[1]
        row = desk.ticket(agente(desk), closed).row
        assert (row.state, row.closure, row.channel) == (
            "cerrado",
            "atendido_en_llamada",
            "telefonico",
        )
        # typed in (no registered caller), left for analysis
        await fill_call(
            pilot,
            screen,
            nombres="María Fernanda Quishpe",
            tipo_persona="natural_ecuatoriana",
            documento={"type": "cedula", "number": "1714307103"},
            telefono="0991234567",
            tipo="consulta",
            motivo="otros",
            asunto="Consulta sobre su trámite",
            descripcion="Pregunta por qué su trámite de importación sigue observado en aforo.",
            resolver="no",
        )
        form.focus_field("asunto")
        await submit(pilot)
        note = str(screen.query_one("#staff-phone-note", Static).render())
        assert "En análisis" in note
        staff = desk.login("", "analista", "Analista2026ec", None)
        assert desk.ticket(staff, note.split()[1]).row.state == "en_analisis"
