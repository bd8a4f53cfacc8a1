"""The login screen's Servicios de uso frecuente (F4, no account) and Certificado (F5)."""

from __future__ import annotations

from pathlib import Path

from tests.ui.cuentas_flows import type_keys
from tests.ui.flows import AGENTE, screen_text, settle
from textual.widgets import Input, OptionList, Static

from ecuapass_tui.screens.cuentas.certificate_login import CertificateLoginScreen
from ecuapass_tui.screens.faq import FaqScreen
from ecuapass_tui.screens.login import LoginScreen
from ecuapass_tui.screens.public_services import PublicServicesScreen
from ecuapass_tui.services.demo.certificate import make_demo_p12
from ecuapass_tui.services.demo.login_list import DEMO_CERTIFICATE_PIN
from ecuapass_tui.services.dto import Actor


async def test_public_services_open_the_faq_without_an_account_and_escape_returns(
    make_app,
) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pilot.app.screen.query_one("#ruc", Input).value = "1792060346001"
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(pilot.app.screen, PublicServicesScreen)
        shown = screen_text(pilot)
        for label in ("2.6 Catálogos", "2.7 Verificar", "3.3 Preguntas y respuestas"):
            assert label in shown
        assert "3.8" not in shown and "Mesa de Servicios" not in shown
        assert pilot.app.actor is not None and pilot.app.actor.is_guest
        options = pilot.app.screen.query_one("#public-options", OptionList)
        while options.highlighted_option is None or options.highlighted_option.id != "3.3":
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FaqScreen)
        assert "Preguntas y respuestas" in screen_text(pilot)
        await pilot.press("escape")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LoginScreen)
        assert pilot.app.actor is None
        assert pilot.app.screen.query_one("#ruc", Input).value == "1792060346001"


async def test_certificate_login_says_a_wrong_pin_beside_it_then_logs_in(
    make_app, tmp_path: Path
) -> None:
    certificate = tmp_path / "certificado-demo.p12"
    certificate.write_bytes(make_demo_p12())
    async with make_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        login = pilot.app.screen
        login.query_one("#ruc", Input).value = AGENTE[0]
        login.query_one("#username", Input).value = AGENTE[1]
        await pilot.press("f5")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, CertificateLoginScreen)
        dialog.query_one("#cert-file", Input).value = str(certificate)
        dialog.query_one("#cert-pin", Input).focus()
        await type_keys(pilot, "Equivocado1")
        await pilot.press("enter")
        await settle(pilot)
        beside = str(dialog.query_one("#error-pin", Static).render())
        assert beside == "La clave (PIN) del certificado no es correcta."
        assert "Equivocado1" not in "\n".join(
            str(w.render()) for w in dialog.query(Static)
        )  # the PIN is not shown anywhere
        assert pilot.app.focused is dialog.query_one("#cert-pin", Input)
        dialog.query_one("#cert-pin", Input).value = ""
        await type_keys(pilot, DEMO_CERTIFICATE_PIN)
        await pilot.press("enter")
        await settle(pilot)
        actor = pilot.app.actor
        assert isinstance(actor, Actor) and actor.username == "agente"
        assert "Tipo de OCE" in screen_text(pilot) or "OCE" in screen_text(pilot)
