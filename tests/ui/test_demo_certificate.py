"""The demo's sample certificate: a trainer reads its path and PIN on the demo login screen,
the certificate picker opens in its folder, and the certificate step of the Solicitud del uso
and 3.2.3's convenio signature work with it and nothing from outside."""

from __future__ import annotations

import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.helpers import frozen_clock
from tests.ui.cuentas_flows import type_keys
from tests.ui.flows import screen_text, settle

from ecuapass_tui import i18n
from ecuapass_tui.app import EcuapassApp
from ecuapass_tui.config import Settings
from ecuapass_tui.paths import Paths
from ecuapass_tui.screens.cuentas.certificate import CertificateScreen
from ecuapass_tui.services.cuentas.signing import certificate_identity, sign_text, verify
from ecuapass_tui.services.demo.certificate import ensure_demo_certificate
from ecuapass_tui.services.demo.login_list import DEMO_CERTIFICATE_PIN
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.keyring_store import Remembered
from ecuapass_tui.store.engine import Database


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    home = tmp_path  # the UI conftest makes the test's folder the home folder
    return Paths(home / ".local/share/ecuapass-tui", home / ".config/ecuapass-tui", home / "logs")


@pytest.mark.parametrize(
    "day",
    [datetime(2026, 12, 7, 15, tzinfo=UTC), datetime(2021, 1, 4, tzinfo=UTC)],
    ids=["today", "an-old-today"],
)
def test_the_sample_certificate_signs_on_any_demo_day(paths: Paths, day: datetime) -> None:
    path = ensure_demo_certificate(paths.data_dir)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = path.read_bytes()
    identity, subject = certificate_identity(data, DEMO_CERTIFICATE_PIN, now=day)
    assert len(identity) == 64 and "CERTIFICADO DE MUESTRA" in subject
    signed = sign_text(data, DEMO_CERTIFICATE_PIN, "convenio", now=day)
    assert verify(signed.certificate, signed.algorithm, signed.signature, "convenio")
    assert ensure_demo_certificate(paths.data_dir).read_bytes() == data  # kept, not replaced


async def test_login_names_the_sample_and_the_picker_opens_beside_it(
    ui_db: Database, paths: Paths
) -> None:
    certificate = ensure_demo_certificate(paths.data_dir)
    settings = Settings(paths=paths, database_url=ui_db.url, demo=True)
    app = EcuapassApp(
        Desk(ui_db, clock=frozen_clock(), demo_mode=True),
        settings=settings,
        language="es",
        theme="textual-dark",
        remembered=Remembered(None),
    )
    try:
        async with app.run_test(size=(80, 30)) as pilot:
            await settle(pilot)
            text = screen_text(pilot)
            assert f"PIN {DEMO_CERTIFICATE_PIN}" in text
            assert "~/.local/share/ecuapass-tui/certificado-demo.p12" in text
            found: list[str | None] = []
            pilot.app.push_screen(CertificateScreen(), found.append)  # Buscar (F9) in F6
            await settle(pilot)
            modal = pilot.app.screen
            assert isinstance(modal, CertificateScreen)
            assert modal.start_dir == certificate.parent  # the picker opens beside the sample
            modal.query_one("#cert-file").value = str(certificate)  # type: ignore[attr-defined]
            modal.query_one("#cert-pin").focus()
            await type_keys(pilot, DEMO_CERTIFICATE_PIN)
            await pilot.press("enter")
            await settle(pilot)
            assert found and found[0] is not None and len(found[0]) == 64
    finally:
        i18n.set_language("es")


def test_no_certificate_line_when_nothing_wrote_one() -> None:
    """An app built around a Desk (not started by the command line in demo mode) wrote no
    certificate, so its login screen names none."""
    from ecuapass_tui.screens.login_demo import demo_certificate_line

    assert demo_certificate_line(object()) is None
