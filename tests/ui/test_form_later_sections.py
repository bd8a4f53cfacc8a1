"""A long form builds the sections past the first screen after its first paint: those fields
take a draft's values, the focus by Tab, and their error lines like the others."""

from __future__ import annotations

from tests.ui.test_form_view import FormHost, error_text, focused_id
from textual.widgets import Input

from ecuapass_tui.forms.engine import Invalid


async def test_the_last_field_of_a_long_form_takes_its_value_tab_and_its_error() -> None:
    app = FormHost("solicitud_representante", values={"certificado_id": "A1"})
    async with app.run_test(size=(80, 24)) as pilot:
        body = app.form.query_one("#fv-body")
        await pilot.pause()
        app.form.focus_field("recibir_sms")  # the last field of the sections built at once
        await pilot.pause()
        for _tab in range(20):  # Tab on through the sections built after the first paint
            if focused_id(pilot) == "f-certificado_id":
                break
            await pilot.press("tab")
        assert focused_id(pilot) == "f-certificado_id"
        field = app.query_one("#f-certificado_id", Input)
        assert field.value == "A1"  # the draft's value reached a field built later
        await pilot.press("end", "b")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.result, Invalid)
        assert "Identificación única de certificado digital" in error_text(pilot, "certificado_id")
        assert field.value == "A1b"
        assert not body.later  # type: ignore[attr-defined]
