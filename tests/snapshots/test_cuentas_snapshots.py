"""Snapshots of the account screens at 80x24 (theme textual-dark, clock frozen).

Update with `pytest tests/snapshots/test_cuentas_snapshots.py --snapshot-update` and look at
each SVG before committing.
"""

from __future__ import annotations

from tests.ui.cuentas_flows import fill, open_from_login, type_keys
from tests.ui.flows import login, login_as_agente_to_home, quiet, settle
from tests.unit.registration_values import values_for

from ecuapass_tui.screens.registry import open_option
from ecuapass_tui.widgets.form import FormView

SIZE = (80, 24)


def test_solicitud_types(snap_compare, make_app) -> None:
    async def run(pilot) -> None:
        await open_from_login(pilot, "f6")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run)


def test_solicitud_representante_with_errors(snap_compare, make_app) -> None:
    async def run(pilot) -> None:
        await open_from_login(pilot, "f6")
        await pilot.press("enter")
        await settle(pilot)
        await fill(pilot, {**values_for("representante"), "ruc_empresa": "1763154690001"})
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run)


def test_recovery(snap_compare, make_app) -> None:
    async def run(pilot) -> None:
        await open_from_login(pilot, "f7")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run)


def test_data_update_with_a_changed_field(snap_compare, make_app) -> None:
    async def run(pilot) -> None:
        await login_as_agente_to_home(pilot)
        open_option(pilot.app, "3.2.3")
        await settle(pilot)
        form = pilot.app.screen.query_one(FormView)
        form.focus_field("telefono1")
        await type_keys(pilot, "1")
        await quiet(pilot)
        form.focus_field("direccion")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run)


def test_convenio(snap_compare, make_app) -> None:
    async def run(pilot) -> None:
        await login_as_agente_to_home(pilot)
        open_option(pilot.app, "3.2.3")
        await settle(pilot)
        await fill(pilot, {"direccion": "Av. Amazonas N34-120, piso 3"})
        await pilot.press("f3")
        await settle(pilot)
        form = pilot.app.screen.query_one(FormView)
        code = pilot.app.screen.query_one("#update-note").render()
        await fill(pilot, {"codigo_seguridad": str(code).split("Código: ")[1][:6]})
        form.action_submit()
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run)


def test_approvals(snap_compare, make_app) -> None:
    async def run(pilot) -> None:
        await login(pilot, "", "admin", "Admin2026ecuapass")
        open_option(pilot.app, "MS.6")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run)


def test_permisos(snap_compare, make_app) -> None:
    async def run(pilot) -> None:
        await login_as_agente_to_home(pilot)
        open_option(pilot.app, "3.2.5")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run)


def test_configurar(snap_compare, make_app) -> None:
    async def run(pilot) -> None:
        await login_as_agente_to_home(pilot)
        open_option(pilot.app, "3.11.2")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run)


def test_mi_pagina(snap_compare, make_app) -> None:
    async def run(pilot) -> None:
        await login_as_agente_to_home(pilot)
        open_option(pilot.app, "3.11.1")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run)
