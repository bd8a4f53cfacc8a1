"""The home's Buzón shows a notice that another connection wrote, with no key pressed: the
session is woken by the change of the database file (no timer)."""

from __future__ import annotations

import asyncio

from tests.ui.flows import login_as_agente_to_home, screen_text

from ecuapass_tui.core.clock import Clock
from ecuapass_tui.services import notices
from ecuapass_tui.store.engine import Database

WAKE = 20.0  # seconds the change may take to show on a loaded machine before the test fails


async def test_a_notice_written_elsewhere_appears_without_a_key(make_app, ui_db) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        actor = pilot.app.actor
        assert actor is not None
        assert "Aviso de otra sesión" not in screen_text(pilot)
        writer = Database(ui_db.url)  # another process's connection, as a mail server's
        try:
            with writer.write() as s:
                notices.post_notice(
                    s, user_id=actor.user_id, at=Clock().now(), subject="Aviso de otra sesión"
                )
        finally:
            writer.dispose()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + WAKE
        while "Aviso de otra sesión" not in screen_text(pilot) and loop.time() < deadline:
            await pilot.pause(0.05)
        assert "Aviso de otra sesión" in screen_text(pilot)
