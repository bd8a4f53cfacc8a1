"""Mesa de Servicios, the user's side in Pilot: an incident with a missing field fixed and sent
with a PNG; the whole loop (pendiente de información, reply, respondido, no conforme and the
new linked ticket) with the analyst's steps through the Desk; Aceptar with a rating; a queja;
Mis tickets showing a change made by another process within 5 seconds; Guardar copia."""

from __future__ import annotations

import time
from pathlib import Path

from sqlmodel import select
from tests.helpers import frozen_clock
from tests.ui.flows import login_as_agente_to_home, screen_text, settle
from tests.ui.mesa_user_flows import (
    analyst,
    incident_values,
    open_incident,
    open_option,
    open_ticket_from_list,
)
from tests.ui.test_form_view import pick_file, tiny_png
from textual.widgets import DataTable, Input, RadioButton, Static, TextArea

from ecuapass_tui.screens.confirm import ConfirmScreen
from ecuapass_tui.screens.mesa.my_tickets import MyTicketsScreen
from ecuapass_tui.screens.mesa.save_copy import SaveCopyScreen
from ecuapass_tui.screens.mesa.ticket_view import UserTicketScreen
from ecuapass_tui.screens.mesa.tickets import IncidenteScreen, TicketOpenedScreen
from ecuapass_tui.screens.mesa.user_actions import AcceptModal, QuejaModal, RejectModal, ReplyModal
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import Ticket, TicketAttachment
from ecuapass_tui.widgets.form import AttachmentList


def field_error(pilot, name: str) -> str:
    block = pilot.app.screen.query_one(f"#fv-{name}")
    return " ".join(str(w.render()) for w in block.query(".fv-error").results(Static))


def modal_error(pilot, name: str) -> str:
    return str(pilot.app.screen.query_one(f"#user-error-{name}", Static).render())


def stored(db: Database, number: str) -> Ticket:
    with db.read() as s:
        return s.exec(select(Ticket).where(Ticket.number == number)).one()


async def test_incident_with_a_missing_field_fixed_and_sent_with_a_png(
    make_app, ui_db, tmp_path: Path
) -> None:
    (tmp_path / "captura.png").write_bytes(tiny_png())
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        await open_option(pilot, "3.9.1")
        screen = pilot.app.screen
        assert isinstance(screen, IncidenteScreen)
        form = screen.form
        prefill = form.values()
        assert prefill["nombres"] and prefill["correo"]  # from the account, editable
        values = incident_values(pilot.app.desk, pilot.app.actor, fecha_evento="")
        values["telefono"] = "0991234567"
        form.set_values(values)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "«Fecha y hora exacta del evento» es obligatorio." in field_error(
            pilot, "fecha_evento"
        )
        assert field_error(pilot, "capturas")
        assert form.values()["descripcion"] == values["descripcion"]  # nothing typed lost
        assert pilot.app.focused is screen.query_one("#f-fecha_evento")
        await pilot.press(*"24/11/2026 09:15")
        box = screen.query_one(AttachmentList)
        box.start_dir = tmp_path
        screen.query_one("#f-capturas-add").focus()
        await pilot.press("enter")
        await pilot.pause()
        await pick_file(pilot, "captura.png")
        assert [a.name for a in form.files()["capturas"]] == ["captura.png"]
        await pilot.press("ctrl+s")
        await settle(pilot)
        opened = pilot.app.screen
        assert isinstance(opened, TicketOpenedScreen)
        number = opened.number
        assert number.startswith("MS-2026-") and number in screen_text(pilot)
        await pilot.press("t")  # straight to Mis tickets
        await settle(pilot)
        assert isinstance(pilot.app.screen, MyTicketsScreen)
        assert number in screen_text(pilot) and "Registrado" in screen_text(pilot)
    ticket = stored(ui_db, number)
    assert (ticket.kind, ticket.state, ticket.contact_phone) == (
        "incidente",
        "registrado",
        "+593991234567",  # the typed number, normalised
    )
    with ui_db.read() as s:
        files = s.exec(select(TicketAttachment).where(TicketAttachment.ticket_id == ticket.id))
        assert [(f.name, f.content) for f in files] == [("captura.png", tiny_png())]


async def test_the_whole_loop_reply_then_no_conforme_opens_a_linked_ticket(
    make_app, ui_db, tmp_path: Path
) -> None:
    (tmp_path / "nueva.png").write_bytes(tiny_png())
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        desk: Desk = pilot.app.desk
        number = open_incident(desk, pilot.app.actor)
        staff = analyst(desk)
        desk.take_ticket(staff, number)
        desk.request_info(staff, number, "Indique el número de entrega afectado, por favor.")
        await open_option(pilot, "3.9.3")
        row = pilot.app.screen.query_one("#user-tickets", DataTable).get_row(number)
        assert "Pendiente info." in " ".join(str(c) for c in row)  # the short label
        await open_ticket_from_list(pilot, number)
        assert isinstance(pilot.app.screen, UserTicketScreen)
        text = screen_text(pilot)
        assert "Indique el número de entrega afectado" in text
        assert "Pendiente de información" in text
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReplyModal)
        await pilot.press(*"Es el")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "al menos 10 caracteres" in modal_error(pilot, "texto")
        area = pilot.app.screen.query_one("#user-reply-text", TextArea)
        assert area.text == "Es el"  # kept
        await pilot.press(*" 03907058202400012345F")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, UserTicketScreen)
        assert "En análisis" in screen_text(pilot)
        desk.answer_ticket(staff, number, "incidente_solucionado", "Se corrigió el catálogo.")
        await pilot.press("escape")  # back to Mis tickets: it sees the change and reloads
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert "Respondido" in screen_text(pilot)
        await open_ticket_from_list(pilot, number)
        assert "Se corrigió el catálogo." in screen_text(pilot)
        await pilot.press("n")
        await pilot.pause()
        reject = pilot.app.screen
        assert isinstance(reject, RejectModal)
        await pilot.press(*"Sigue el error 500")
        reject.start_dir = tmp_path  # No conforme carries a new screenshot
        reject.query_one("#user-attach").focus()
        await pilot.press("enter")
        await pilot.pause()
        await pick_file(pilot, "nueva.png")
        assert "nueva.png" in screen_text(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        text = screen_text(pilot)
        new = stored(ui_db, number)
        follow = pilot.app.desk.ticket(pilot.app.actor, number).follow_ups
        assert len(follow) == 1 and follow[0] in text
        await pilot.press("enter")  # Abrir
        await settle(pilot)
        assert isinstance(pilot.app.screen, UserTicketScreen)
        assert pilot.app.screen.number == follow[0]
        assert number in screen_text(pilot)  # Ticket de origen
    assert (new.state, new.closure) == ("cerrado", "no_conforme")
    child = stored(ui_db, follow[0])
    assert child.parent_id == new.id and child.state == "registrado"
    with ui_db.read() as s:
        files = s.exec(select(TicketAttachment).where(TicketAttachment.ticket_id == child.id))
        assert [(f.name, f.content) for f in files][-1] == ("nueva.png", tiny_png())


async def test_accept_with_rating_four_closes_conforme(make_app, ui_db) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        desk: Desk = pilot.app.desk
        number = open_incident(desk, pilot.app.actor)
        desk.answer_ticket(analyst(desk), number, "servicio_atendido", "Se atendió el pedido.")
        await open_option(pilot, "3.9.3")
        await open_ticket_from_list(pilot, number)
        await pilot.press("a")
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, AcceptModal)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Elija una calificación de 1 a 5." in modal_error(pilot, "calificacion")
        modal.query(RadioButton)[3].value = True
        modal.query_one("#user-accept-comment", Input).focus()
        await pilot.press(*"Rápido")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, UserTicketScreen)
        assert "4/5" in screen_text(pilot)
    row = stored(ui_db, number)
    assert (row.state, row.closure, row.rating, row.rating_comment) == (
        "cerrado",
        "conforme",
        4,
        "Rápido",
    )


async def test_a_queja_on_a_closed_ticket_goes_to_atencion_al_usuario(make_app, ui_db) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        desk: Desk = pilot.app.desk
        number = open_incident(desk, pilot.app.actor)
        desk.answer_ticket(analyst(desk), number, "servicio_atendido", "Se atendió el pedido.")
        desk.accept_ticket(pilot.app.actor, number, 2)
        await open_option(pilot, "3.9.3")
        await open_ticket_from_list(pilot, number)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(pilot.app.screen, QuejaModal)
        await pilot.press(*"No explicaron")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "al menos 20 caracteres" in modal_error(pilot, "texto")
        await pilot.press(*" qué se corrigió.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        queja = desk.ticket(pilot.app.actor, number).follow_ups[0]
        assert queja in screen_text(pilot)
    row = stored(ui_db, queja)
    assert (row.kind, row.queue_code, row.parent_id) == (
        "queja",
        "atencion_usuario",
        stored(ui_db, number).id,
    )


async def test_my_tickets_shows_another_process_change_within_five_seconds(make_app, ui_db) -> None:
    other_db = Database(ui_db.url)
    other = Desk(other_db, clock=frozen_clock())
    try:
        async with make_app().run_test(size=(80, 24)) as pilot:
            await login_as_agente_to_home(pilot)
            await open_option(pilot, "3.9.3")
            actor = other.login("1792060346001", "agente", "Aduana2026ec", None)
            number = open_incident(other, actor)
            deadline = time.monotonic() + 5
            while number not in screen_text(pilot) and time.monotonic() < deadline:
                await pilot.pause(0.2)
            assert number in screen_text(pilot)
            other.take_ticket(analyst(other), number)
            deadline = time.monotonic() + 5
            while "En análisis" not in screen_text(pilot) and time.monotonic() < deadline:
                await pilot.pause(0.2)
            assert "En análisis" in screen_text(pilot)
    finally:
        other_db.dispose()


async def test_save_a_copy_refuses_to_overwrite_until_confirmed(
    make_app, ui_db, tmp_path: Path
) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        number = open_incident(pilot.app.desk, pilot.app.actor)
        await open_option(pilot, "3.9.3")
        await open_ticket_from_list(pilot, number)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SaveCopyScreen)
        pilot.app.screen.query_one("#user-save-folder", Input).value = str(tmp_path)
        (tmp_path / "c.png").write_bytes(b"mine")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)  # exists: asks first
        await pilot.press("tab", "enter")  # No
        await settle(pilot)
        assert (tmp_path / "c.png").read_bytes() == b"mine"
        assert isinstance(pilot.app.screen, SaveCopyScreen)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")  # Reemplazar
        await settle(pilot)
        assert isinstance(pilot.app.screen, UserTicketScreen)
    assert (tmp_path / "c.png").read_bytes().startswith(b"\x89PNG")


async def test_the_ticket_shows_every_field_the_user_filled(make_app, ui_db) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        number = open_incident(
            pilot.app.desk,
            pilot.app.actor,
            forma_opcion="texto",
            opcion_sistema="",
            nombre_pantalla="Declaración Aduanera - Número de entrega",
            documento_relacionado="028-2024-10-00012345",
        )
        await open_option(pilot, "3.9.3")
        await open_ticket_from_list(pilot, number)
        shown = screen_text(pilot)
        for line in (
            "Nombres y apellidos: ",
            "Teléfono de contacto: ",
            "Nombre completo de la pantalla o campo: Declaración Aduanera - Número de entrega",
            "Fecha y hora exacta del evento: 24/11/2026 09:15:00",
            "Distrito: Guayaquil Marítimo",
            "Documento relacionado (DAI o número de entrega): 028-2024-10-00012345",
            "Descripción de lo sucedido: Al consultar el catálogo de distritos",
        ):
            assert line in shown, line
