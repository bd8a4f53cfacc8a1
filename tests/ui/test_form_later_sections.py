"""A long form builds the sections past the first screen after its first paint: those fields
take a draft's values, the focus by Tab, and their error lines like the others."""

from __future__ import annotations

from tests.ui.test_form_view import FormHost, error_text, focused_id
from textual.widgets import Input

from ecuapass_tui.forms.engine import Invalid
from ecuapass_tui.widgets.form.body import FormBody


async def test_the_fields_built_later_take_a_value_tab_and_an_error() -> None:
    # A short form (Consulta, 10 fields) on a short terminal: half of it is built later.
    app = FormHost("consulta", values={"asunto": "A1"})
    async with app.run_test(size=(80, 16)) as pilot:
        form = app.form
        body = form.query_one("#fv-body", FormBody)
        assert [later.first for later in body.later] == ["telefono", "motivo"]
        form.focus_field("correo")  # the last field built before the first paint
        await pilot.pause()
        await pilot.press("tab")  # to the phone, built later
        await pilot.pause()
        assert focused_id(pilot) == "f-telefono"
        assert not body.later
        field = app.query_one("#f-asunto", Input)
        assert field.value == "A1"  # the draft's value reached a field built later
        form.focus_field("asunto")
        await pilot.press("end", "b", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.result, Invalid)
        assert error_text(pilot, "descripcion")  # beside a field built later
        assert field.value == "A1b"
