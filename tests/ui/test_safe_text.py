"""Hostile text in the database is shown literally: no action runs, no crash, no escape
sequence from the data reaches the terminal."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select
from tests.ui.flows import AGENTE, highlight_option, login, screen_text, settle

from ecuapass_tui.screens.home import HomeScreen
from ecuapass_tui.store.models import Company, MailboxNotice, Ticket, TicketEvent, User

HOSTILE = ["[@click=app.quit]x[/]", "[/]", "\x1b]52;c;aGk=\x07", "\x1b[2J", "\u202e"]
PAYLOAD = "A" + "|".join(HOSTILE) + "Z"
SHOWN = "A[@click=app.quit]x[/]|[/]|]52;c;aGk=|[2J|Z"


@pytest.fixture
def hostile_db(ui_db):
    with ui_db.write() as s:
        user = s.exec(select(User).where(User.username == "agente")).one()
        user.full_name = PAYLOAD
        company = s.get(Company, user.company_id)
        company.razon_social = PAYLOAD
        s.add_all([user, company])
        s.add(
            MailboxNotice(
                user_id=user.id,
                sender=PAYLOAD,
                recipient=PAYLOAD,
                subject=PAYLOAD,
                body=PAYLOAD + "\n" + PAYLOAD,
                created_at=datetime(2026, 11, 24, 14, 0, tzinfo=UTC),
            )
        )
        # The newest ticket the agente sees (his company's too): the first row of Mis tickets.
        ticket = s.exec(
            select(Ticket)
            .where((Ticket.requester_id == user.id) | (Ticket.company_id == user.company_id))
            .order_by(Ticket.created_at.desc(), Ticket.id.desc())  # type: ignore[attr-defined]
        ).first()
        ticket.subject = PAYLOAD
        ticket.description = PAYLOAD + "\n" + PAYLOAD
        ticket.contact_name = PAYLOAD
        # The views show the form as it was filled: the same text stored there too.
        values = json.loads(ticket.values_json)
        values.update(asunto=PAYLOAD, descripcion=PAYLOAD + "\n" + PAYLOAD, nombres=PAYLOAD)
        ticket.values_json = json.dumps(values)
        s.add(ticket)
        s.flush()
        s.add(
            TicketEvent(
                ticket_id=ticket.id,
                at=datetime(2026, 11, 24, 14, 30, tzinfo=UTC),
                kind="user_reply",
                body=PAYLOAD,
            )
        )
    return ui_db


def hostile_ticket(db) -> str:
    with db.read() as s:
        return s.exec(select(Ticket.number).where(Ticket.subject == PAYLOAD)).one()


def assert_clean_output(pilot) -> None:
    svg = pilot.app.export_screenshot()
    for bad in ("\x1b", "\x07", "\u202e", "\x9b"):
        assert bad not in svg
    assert pilot.app.is_running and pilot.app.return_code is None


async def test_hostile_text_is_shown_literally_everywhere(make_app, hostile_db) -> None:
    async with make_app().run_test(size=(120, 40)) as pilot:
        await login(pilot, *AGENTE)
        assert SHOWN in screen_text(pilot)  # OCE selection title: the user's name
        assert_clean_output(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
        text = screen_text(pilot)
        assert text.count(SHOWN) >= 4  # title bar, sender, recipient, subject
        assert_clean_output(pilot)

        await pilot.press("b", "enter")  # the hostile notice is the newest
        await settle(pilot)
        assert f"Asunto: {SHOWN}" in screen_text(pilot)
        assert f"{SHOWN}\n{SHOWN}" in screen_text(pilot)
        assert_clean_output(pilot)
        await pilot.press("escape")
        await settle(pilot)

        await highlight_option(pilot, "c", "3.11.1")  # Mi página: name and company
        await pilot.press("enter")
        await settle(pilot)
        assert screen_text(pilot).count(SHOWN) >= 2
        assert_clean_output(pilot)
        await pilot.press("escape")

        await highlight_option(pilot, "i", "2.4.1")  # the company's razón social
        await pilot.press("enter")
        await settle(pilot)
        from ecuapass_tui.widgets.inputs import Field

        pilot.app.screen.query_one("#ruc", Field).value = "1792060346001"
        await pilot.press("enter")
        await settle(pilot)
        assert f"Razón social: {SHOWN}" in screen_text(pilot)
        assert_clean_output(pilot)
        await pilot.press("escape")
        await settle(pilot)

        await highlight_option(pilot, "c", "3.9.3")  # Mis tickets: the asunto, then the ticket
        await pilot.press("enter")
        await settle(pilot)
        assert SHOWN in screen_text(pilot)
        assert_clean_output(pilot)
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(pilot)
        assert text.count(SHOWN) >= 5  # asunto, contact, description twice, the reply
        assert_clean_output(pilot)


async def test_hostile_ticket_in_the_staff_queue_and_view(make_app, hostile_db) -> None:
    number = hostile_ticket(hostile_db)
    async with make_app().run_test(size=(120, 40)) as pilot:
        await login(pilot, "", "supervisor", "Supervisor2026ec")
        await highlight_option(pilot, "m", "MS.1")
        await pilot.press("enter")
        await settle(pilot)
        screen = pilot.app.screen
        search = screen.query_one("#staff-f-text")
        search.value = number  # type: ignore[attr-defined]
        await pilot.pause(0.5)
        await settle(pilot)
        assert [row.number for row in screen.rows] == [number]  # type: ignore[attr-defined]
        assert_clean_output(pilot)
        table = screen.query_one("#staff-queue")
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert screen_text(pilot).count(SHOWN) >= 4
        assert_clean_output(pilot)


async def test_hostile_names_in_the_staff_unlock_list(make_app, hostile_db) -> None:
    async with make_app().run_test(size=(120, 40)) as pilot:
        for _ in range(5):
            await login(pilot, "1792060346001", "agente", "Mala1")
            pilot.app.desk.clock.advance(timedelta(minutes=1))
    async with make_app().run_test(size=(120, 40)) as pilot:
        await login(pilot, "", "supervisor", "Supervisor2026ec")
        await highlight_option(pilot, "m", "MS.9")
        await pilot.press("enter")
        await settle(pilot)
        assert SHOWN in screen_text(pilot)
        assert_clean_output(pilot)


async def test_hostile_typed_text_is_literal_too(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login(pilot, "", "[@click=app.quit]", "[/]")
        assert "RUC, ID. Usuario o contraseña incorrectos" in screen_text(pilot)
        assert_clean_output(pilot)
