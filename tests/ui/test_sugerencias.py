"""3.8 Sugerencias end to end in Pilot: the form with one bad input, errors beside the fields,
nothing typed lost, the draft offered back, the suggestion stored and acknowledged."""

from __future__ import annotations

from sqlmodel import select
from tests.ui.flows import login, login_as_agente_to_home, quiet, screen_text, settle
from textual.widgets import Input, RadioSet, TextArea

from ecuapass_tui.screens.home import HomeScreen
from ecuapass_tui.screens.mesa.suggestions import SuggestionsScreen
from ecuapass_tui.store.models import FormDraft, MailboxNotice, Suggestion


async def open_sugerencias(pilot) -> SuggestionsScreen:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"3.8")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await settle(pilot)
    screen = next(s for s in reversed(pilot.app.screen_stack) if isinstance(s, SuggestionsScreen))
    return screen


async def test_suggestion_with_a_bad_input_then_sent(make_app, ui_db) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        screen = await open_sugerencias(pilot)
        screen.query_one("#f-asunto", Input).value = "Filtros en 1.3"
        screen.query_one("#f-descripcion", TextArea).text = "corta"
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(pilot)
        assert "Hay 2 errores en el formulario." in text
        assert "«Tipo» es obligatorio." in text
        assert screen.query_one("#f-asunto", Input).value == "Filtros en 1.3"  # nothing lost
        assert screen.query_one("#f-descripcion", TextArea).text == "corta"
        assert isinstance(pilot.app.focused, RadioSet)  # the first invalid field
        await pilot.press("enter")  # Sugerencia
        screen.query_one(
            "#f-descripcion", TextArea
        ).text = "Quisiera filtrar por número de entrega en la opción 1.3."
        await quiet(pilot)  # its draft is saved: the send must discard it
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
        await settle(pilot)
        assert "Sugerencia recibida: Filtros en 1.3" in screen_text(pilot)
    with ui_db.read() as s:
        stored = s.exec(select(Suggestion)).one()
        assert (stored.kind, stored.subject) == ("sugerencia", "Filtros en 1.3")
        assert s.exec(select(FormDraft)).all() == []
        assert s.exec(
            select(MailboxNotice).where(
                MailboxNotice.subject == "Sugerencia recibida: Filtros en 1.3"
            )
        ).one()


async def test_draft_is_saved_while_typing_and_offered_back(make_app, ui_db) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        screen = await open_sugerencias(pilot)
        screen.query_one("#f-asunto", Input).focus()
        await pilot.press(*"Borrador")
        await quiet(pilot)  # the form posts Changed after its quiet time: the draft is saved
    with ui_db.read() as s:
        assert '"asunto": "Borrador"' in s.exec(select(FormDraft.values_json)).one()
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        await open_sugerencias(pilot)
        assert "Tiene un borrador de este formulario guardado" in screen_text(pilot)
        await pilot.press("enter")  # Restaurar
        await settle(pilot)
        assert pilot.app.screen.query_one("#f-asunto", Input).value == "Borrador"


async def test_supervisor_reads_the_suggestions(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        await open_sugerencias(pilot)
        screen = pilot.app.screen
        screen.query_one("#f-asunto", Input).value = "Gracias por el buzón"
        screen.query_one("#f-descripcion", TextArea).text = "El buzón en la terminal es muy claro."
        screen.query_one("#f-tipo", RadioSet).focus()
        await pilot.press("down", "enter")  # Felicitación
        await pilot.press("ctrl+s")
        await settle(pilot)
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login(pilot, "", "supervisor", "Supervisor2026ec")
        await pilot.press("ctrl+p")
        await pilot.press(*"MS.8")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(pilot)
        assert "SUG-000001" in text and "Felicitación" in text
        assert "El buzón en la terminal es muy claro." in text
