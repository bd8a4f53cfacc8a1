"""A closed screen is freed: nothing of the program keeps it once it is gone, so the garbage
collection that follows its closing frees its widgets (screens/base.settle_garbage freezes
what is still alive then, and a screen frozen is never freed)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable

from tests.ui.flows import settle
from textual.app import ComposeResult
from textual.widgets import Static

from ecuapass_tui.app import EcuapassApp
from ecuapass_tui.screens.base import AppScreen
from ecuapass_tui.screens.loading import run_job


class JobScreen(AppScreen):
    """A screen that shows what a thread job returned, as the option screens do."""

    def compose(self) -> ComposeResult:
        yield Static("", id="answer")

    def on_mount(self) -> None:
        run_job(self, lambda: "listo", self.query_one("#answer", Static).update, name="answer")


async def test_a_closed_screen_is_freed_once_its_job_is_done(
    make_app: Callable[..., EcuapassApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = JobScreen()
        closed = weakref.ref(screen)
        await app.push_screen(screen)
        await settle(pilot)
        assert "listo" in str(screen.query_one("#answer", Static).render())
        del screen
        app.pop_screen()
        await settle(pilot)
        gc.collect()
        assert closed() is None
