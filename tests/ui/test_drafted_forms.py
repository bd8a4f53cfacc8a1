"""Every form that must lose nothing keeps a draft the same way (screens/drafted.py): what the
user typed is written when the app must end (SIGHUP calls `flush_draft`), offered back the
next time the form opens, and restored or discarded as the user answers."""

from __future__ import annotations

import pytest
from sqlmodel import select
from tests.ui.flows import login, login_as_agente_to_home, screen_text, settle

from ecuapass_tui.screens.drafted import DraftedFormScreen
from ecuapass_tui.screens.registry import open_option
from ecuapass_tui.store.models import FormDraft
from ecuapass_tui.widgets.form import FormView

# option, who opens it, a text field of its form, what the user typed there
CASES = [
    ("3.8", "agente", "asunto", "Filtros en 1.3"),
    ("3.9.1", "agente", "nombre_pantalla", "Pantalla de la DAI"),
    ("3.9.2", "agente", "asunto", "Subpartida de bombas"),
    ("1.11", "agente", "justificacion", "Caída de ventas por el paro"),
    ("MS.2", "analista", "asunto", "Horario del viernes"),
]


async def open_as(pilot, who: str, number: str) -> DraftedFormScreen:
    if who == "agente":
        await login_as_agente_to_home(pilot)
    else:
        await login(pilot, "", who, f"{who.capitalize()}2026ec")
    assert open_option(pilot.app, number)
    await settle(pilot)
    # The form, under the question about its draft when there is one.
    return next(s for s in reversed(pilot.app.screen_stack) if isinstance(s, DraftedFormScreen))


@pytest.mark.parametrize(("number", "who", "field", "typed"), CASES)
async def test_a_draft_survives_the_end_of_the_app_and_is_offered_back(
    make_app, ui_db, number, who, field, typed
) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_as(pilot, who, number)
        form = screen.query_one("#form", FormView)
        assert field in form.values(), sorted(form.values())
        form.set_values({**form.values(), field: typed}, form.files())
        screen.flush_draft()  # what SIGHUP does before the app ends
    with ui_db.read() as s:
        saved = s.exec(select(FormDraft.values_json).where(FormDraft.form_id == screen.form_id))
        assert typed in saved.one()

    async with make_app().run_test(size=(80, 24)) as pilot:
        await open_as(pilot, who, number)
        assert "Tiene un borrador de este formulario guardado" in screen_text(pilot)
        await pilot.press("enter")  # Restaurar
        await settle(pilot)
        assert pilot.app.screen.query_one("#form", FormView).values()[field] == typed

    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_as(pilot, who, number)
        assert "Tiene un borrador de este formulario guardado" in screen_text(pilot)
        await pilot.press("tab", "enter")  # Descartar
        await settle(pilot)
        assert screen.query_one("#form", FormView).values()[field] != typed
    with ui_db.read() as s:
        left = s.exec(select(FormDraft).where(FormDraft.form_id == screen.form_id)).all()
    assert left == []


async def test_no_draft_is_written_after_the_form_is_stored(make_app, ui_db) -> None:
    """A draft save on its way when the form is sent must not bring the draft back: the send
    and the saves never overlap, and once the form is stored no save writes."""
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_as(pilot, "agente", "3.8")
        form = screen.query_one("#form", FormView)
        form.set_values({**form.values(), "asunto": "Filtros en 1.3"}, form.files())
        # The send has stored the form (and the service discarded the draft) ...
        await pilot.app.workers.wait_for_complete()
        await screen.run_worker(screen.storing(lambda: None), thread=True).wait()
        # ... then the save that was on its way runs, and SIGHUP flushes.
        screen.save_draft_later()
        await pilot.app.workers.wait_for_complete()
        screen.flush_draft()
    with ui_db.read() as s:
        found = s.exec(select(FormDraft.id).where(FormDraft.form_id == screen.form_id))
        assert found.all() == []
