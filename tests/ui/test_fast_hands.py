"""Fast hands never crash a form: seeded random keys (letters, digits, Tab, Shift+Tab, arrows,
Enter, Esc, Ctrl+S, F-keys, pastes), each burst queued at once, drive every form and every
list screen of a user, of the staff and of the login screen's account forms. A screen the keys
leave (Esc, an F-key, a logout) is opened again. 0 exceptions.

The budget is small for the suite; a longer run by hand:
    ECUAPASS_FAST_HANDS_KEYS=2000 ECUAPASS_FAST_HANDS_SEED=7 pytest tests/ui/test_fast_hands.py
A failure names its seed and screen (printed with its traceback): that pair becomes a
regression test below, `Visit.drive` on that one screen with that seed. Seeds 1 and 2 (60 and
120 keys a screen) ran clean once the city list was fixed; that crash, found by hand, is kept by
tests/ui/test_catalog_select.py."""

from __future__ import annotations

import os
import random
from collections.abc import Callable

from tests.ui.flows import login, login_as_agente_to_home, settle
from tests.ui.keys_flows import burst, random_burst, settle_all
from textual.pilot import Pilot
from textual.screen import Screen

from ecuapass_tui.core.menus import can_open, registry
from ecuapass_tui.screens.base import ecuapass_app
from ecuapass_tui.screens.cuentas.registration_types import TYPES

KEYS = int(os.environ.get("ECUAPASS_FAST_HANDS_KEYS", "16"))
SEED = os.environ.get("ECUAPASS_FAST_HANDS_SEED", "1")
ADMIN = ("", "admin", "Admin2026ecuapass")

Opener = Callable[[], Screen[object] | None]


class Visit:
    """Drive one app from screen to screen; each opens from the second screen of the stack
    (login, or home once logged in)."""

    def __init__(self, pilot: Pilot) -> None:
        self.pilot = pilot
        self.actor = ecuapass_app(pilot.app).actor

    async def back_to_base(self) -> None:
        app = ecuapass_app(self.pilot.app)
        if self.actor is not None and app.actor is None:  # a random "x" logged out
            app.enter_home(self.actor)
            await settle_all(self.pilot)
        while len(app.screen_stack) > 2:
            app.pop_screen()
        await settle_all(self.pilot)

    async def drive(self, label: str, open_screen: Opener, seed: str = SEED) -> None:
        """Open the screen and send `KEYS` random keys in bursts; reopen it whenever the
        keys left it."""
        rng = random.Random(f"{seed}:{label}")
        print(f"fast hands: seed {seed!r} on {label}")  # shown with a failure's traceback
        app = self.pilot.app
        target: Screen[object] | None = None
        sent = 0
        while sent < KEYS:
            if target is None or target not in app.screen_stack:
                await self.back_to_base()
                target = open_screen()
                await settle_all(self.pilot)
            keys = random_burst(rng, rng.randint(6, 14))
            burst(self.pilot, keys)
            sent += len(keys)
            await self.pilot.pause()
            self.check(seed, label, keys)
        await settle_all(self.pilot)
        self.check(seed, label, [])

    def check(self, seed: str, label: str, keys: list[object]) -> None:
        app = self.pilot.app
        # Draw what the burst left on screen: an error in drawing fails here with its keys
        # (the frames in between are not drawn in the tests: tests/headless.py).
        app.screen._compositor.render_update(full=True)
        # A crash sets the return code (run_test re-raises the error itself when the app ends).
        code = app.return_code
        assert code is None and app.is_running, f"seed {seed!r} on {label}: exit {code} {keys}"


def option_opener(pilot: Pilot, number: str) -> Opener:
    def open_screen() -> Screen[object] | None:
        from ecuapass_tui.screens.registry import open_option

        assert open_option(pilot.app, number), number
        return pilot.app.screen

    return open_screen


def options_of(pilot: Pilot) -> list[str]:
    actor = ecuapass_app(pilot.app).actor
    assert actor is not None
    from ecuapass_tui.screens.registry import screen_classes

    classes = screen_classes()
    return [
        o.number for o in registry().options if can_open(actor, o.number) and o.screen in classes
    ]


async def test_fast_hands_on_the_login_screen_forms(make_app) -> None:
    """F6 Solicitud del uso (the type list and each type's form), F7, F8, and login."""
    from ecuapass_tui.screens.cuentas.data_update import YearlyUpdateLoginScreen
    from ecuapass_tui.screens.cuentas.recovery import RecoveryScreen
    from ecuapass_tui.screens.cuentas.registration import RegistrationScreen
    from ecuapass_tui.screens.cuentas.registration_types import RegistrationTypeScreen

    async with make_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        visit = Visit(pilot)

        def pushing(factory: Callable[[], Screen[object]]) -> Opener:
            def open_screen() -> Screen[object]:
                screen = factory()
                pilot.app.push_screen(screen)
                return screen

            return open_screen

        await visit.drive("login", lambda: pilot.app.screen_stack[1])
        await visit.drive("solicitud-tipos", pushing(RegistrationTypeScreen))
        for kind, _title, _text in TYPES:
            await visit.drive(f"solicitud-{kind}", pushing(lambda k=kind: RegistrationScreen(k)))
        await visit.drive("recuperar", pushing(RecoveryScreen))
        await visit.drive("actualizacion", pushing(YearlyUpdateLoginScreen))


async def test_fast_hands_on_every_screen_of_a_user(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        visit = Visit(pilot)
        numbers = options_of(pilot)  # before random keys may log out ("x")
        await visit.drive("home", lambda: pilot.app.screen_stack[1])
        assert {"3.9.1", "3.9.3", "1.11", "2.11"} <= set(numbers)
        for number in numbers:
            await visit.drive(number, option_opener(pilot, number))


async def test_fast_hands_on_every_screen_of_the_staff(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login(pilot, *ADMIN)
        visit = Visit(pilot)
        numbers = options_of(pilot)
        assert {"MS.1", "MS.2", "MS.3", "MS.9"} <= set(numbers)
        for number in numbers:
            await visit.drive(number, option_opener(pilot, number))
