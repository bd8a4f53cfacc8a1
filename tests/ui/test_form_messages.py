"""No stale message and no lost focus around a form: an error line goes when its field is
fixed, the count follows, nothing of a refused send is left once a send succeeds, the
"inhabilitado" refusal goes once the user is enabled again (F8), the focus is where the user
works next (a refused file, MS.2 after a call is saved, back from F8)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.ui.cuentas_flows import error_beside, fill, open_from_login, type_keys
from tests.ui.flows import AGENTE, login, screen_text, settle
from tests.ui.test_cuentas_flows import set_inputs, sign
from tests.ui.test_form_view import FormHost, pick_file
from tests.ui.test_mesa_staff import ANALISTA, fill_call
from textual.pilot import Pilot
from textual.widgets import Static

from ecuapass_tui.core.clock import FixedClock
from ecuapass_tui.forms.engine import FieldError
from ecuapass_tui.screens.login import LoginScreen
from ecuapass_tui.screens.mesa.phone import PhoneIntakeScreen
from ecuapass_tui.screens.registry import open_option


def count_line(pilot: Pilot) -> str:
    return str(pilot.app.screen.query_one("#fv-count", Static).render())


async def test_an_error_line_goes_when_its_field_is_fixed(tmp_path: Path) -> None:
    (tmp_path / "notas.txt").write_text("no es una imagen")
    app = FormHost("incidente", start_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "obligatorio" in error_beside(pilot, "nombres")
        assert "obligatorio" in error_beside(pilot, "descripcion")
        before = count_line(pilot)
        assert before.startswith("Hay ")
        n = int(before.split()[1])
        assert app.focused is app.query_one("#f-nombres")
        await pilot.press(*"Ana")
        assert error_beside(pilot, "nombres") == ""
        assert count_line(pilot) == f"Hay {n - 1} errores en el formulario."
        assert "obligatorio" in error_beside(pilot, "descripcion")  # not fixed: it stays
        # an error a service found (the form's rules cannot see it) goes once the value changes
        app.form.focus_field("correo")
        await pilot.press(*"ana@correo.example")
        taken = FieldError("correo", "required", {}, "Correo", "E-mail")
        app.form.show_errors([taken])
        assert error_beside(pilot, "correo") and count_line(pilot).startswith("Hay 1 ")
        app.form.focus_field("nombres")
        await pilot.press("a")
        assert error_beside(pilot, "correo")  # unchanged: what the service said still holds
        app.form.focus_field("correo")
        await pilot.press("end", "x")
        assert error_beside(pilot, "correo") == "" and count_line(pilot) == ""
        # a refused file: its message beside the list, the focus back on the list
        app.query_one("#f-capturas-add").focus()
        await pilot.press("enter")
        await pick_file(pilot, "notas.txt")
        assert "notas.txt" in error_beside(pilot, "capturas")
        assert app.focused is app.query_one("#f-capturas")


async def test_ms_2_a_saved_call_leaves_no_error_and_ctrl_s_works_at_once(make_app) -> None:
    # notifications=True: the toasts are drawn (run_test leaves them out by default)
    async with make_app().run_test(size=(80, 24), notifications=True) as pilot:
        await login(pilot, *ANALISTA)
        assert open_option(pilot.app, "MS.2")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, PhoneIntakeScreen)
        call = {
            "nombres": "María Fernanda Quishpe",
            "tipo_persona": "natural_ecuatoriana",
            "documento": {"type": "cedula", "number": "1714307103"},
            "telefono": "0991234567",
            "tipo": "consulta",
            "motivo": "otros",
            "descripcion": "Pregunta por qué su trámite sigue observado en aforo.",
            "resolver": "no",
        }
        await fill_call(pilot, screen, **call)
        assert pilot.app.focused is screen.query_one("#staff-caller-query")
        await pilot.press("ctrl+s")  # from the caller bar: the form is sent
        await settle(pilot)
        assert "obligatorio" in error_beside(pilot, "asunto")
        assert count_line(pilot) == "Hay 1 error en el formulario."
        pilot.app.notify("un error anterior", severity="error")
        await pilot.pause()
        assert "un error anterior" in screen_text(pilot)  # a toast on the screen
        await fill_call(pilot, screen, asunto="Consulta sobre su trámite")
        await pilot.press("ctrl+s")
        await settle(pilot)
        note = str(screen.query_one("#staff-phone-note", Static).render())
        assert note.startswith("Ticket MS-")
        assert count_line(pilot) == "" and error_beside(pilot, "asunto") == ""
        assert "un error anterior" not in screen_text(pilot)  # its toast was cleared
        # the next call starts in the caller bar, and Ctrl+S works from there at once
        assert pilot.app.focused is screen.query_one("#staff-caller-query")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert count_line(pilot).startswith("Hay ")


async def test_inhabilitado_goes_once_the_user_is_enabled_again(make_app, tmp_path) -> None:
    app = make_app()
    app.desk.clock = FixedClock(datetime(2027, 2, 2, 15, 0, tzinfo=UTC))
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, *AGENTE)
        message = pilot.app.screen.query_one("#form-message", Static)
        assert "inhabilitado" in str(message.render())
        await open_from_login(pilot, "f8")
        set_inputs(pilot, {"upd-ruc": AGENTE[0], "upd-username": AGENTE[1]})
        pilot.app.screen.query_one("#upd-password").focus()
        await type_keys(pilot, AGENTE[2])
        await pilot.press("enter")
        await settle(pilot)
        await fill(pilot, {"direccion": "Av. Amazonas N34-120, piso 3"})
        await pilot.press("f3")
        await settle(pilot)
        await type_keys(pilot, screen_text(pilot).split("Código: ")[1][:6])
        await pilot.press("ctrl+s")
        await settle(pilot)
        await sign(pilot, tmp_path)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LoginScreen)
        assert "inhabilitado" not in str(message.render())
        assert pilot.app.focused is pilot.app.screen.query_one("#password")
        await pilot.press("enter")  # what was typed is still there: the login goes on
        await settle(pilot)
        assert not isinstance(pilot.app.screen, LoginScreen)


async def test_login_errors_go_as_their_fields_are_fixed(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        screen.query_one("#ruc").focus()
        await pilot.press(*"179", "enter")
        await settle(pilot)

        def shown() -> list[str]:
            lines = screen.query(".field-error").exclude(".-empty").results(Static)
            return [str(w.render()) for w in lines]

        message = screen.query_one("#form-message", Static)
        assert len(shown()) == 3 and "Hay 3 errores" in str(message.render())
        await pilot.press(*"2060346001")  # the RUC is whole now
        assert len(shown()) == 2 and "Hay 2 errores" in str(message.render())
        screen.query_one("#username").focus()
        await pilot.press(*"agente")
        assert len(shown()) == 1 and "Hay 1 error" in str(message.render())
        screen.query_one("#password").focus()
        await pilot.press("x")
        assert shown() == [] and str(message.render()) == ""
