"""Keys as fast hands send them: every key of a burst is queued before the app handles the
first (Pilot's `press` waits for the app after each key), pastes included. `random_burst`
draws a burst from a seeded generator, so a failure names the seed that reproduces it."""

from __future__ import annotations

import asyncio
import random
import string
import unicodedata
from collections.abc import Iterable

from textual import events
from textual.keys import _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.widgets import DirectoryTree

Paste = tuple[str, str]  # ("paste", text)

NAMED_KEYS = (
    *["tab"] * 6,
    *["shift+tab"] * 3,
    *["up", "down", "left", "right"] * 3,
    *["enter"] * 4,
    "escape",
    "backspace",
    "delete",
    "home",
    "end",
    "space",
    "ctrl+s",
    *(f"f{n}" for n in range(1, 11)),
)
PASTES = (
    "Quito",
    "Pichincha",
    "1792060346001",
    "0987654321",
    "ana@correo.example",
    "Ñandú [bold]ÁÉÍÓÚ[/] ü",
    "línea uno\nlínea dos",
    "12/03/2026",
    "1.520,45",
)


def _event(item: str | Paste) -> events.Event:
    if isinstance(item, tuple):
        return events.Paste(item[1])
    key = item
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def burst(pilot: Pilot, items: Iterable[str | Paste]) -> None:
    """Queue every key (and paste) at once, as a terminal delivers type-ahead."""
    app = pilot.app
    for item in items:
        event = _event(item)
        event.set_sender(app)
        app.post_message(event)  # queued now, handled in order once the test awaits


def random_burst(rng: random.Random, size: int) -> list[str | Paste]:
    items: list[str | Paste] = []
    for _ in range(size):
        roll = rng.random()
        if roll < 0.45:
            items.append(rng.choice(string.ascii_letters + string.digits + "áéñ.,@-/ "))
        elif roll < 0.95:
            items.append(rng.choice(NAMED_KEYS))
        else:
            items.append(("paste", rng.choice(PASTES)))
    return items


async def settle_all(pilot: Pilot) -> None:
    """Wait for the keys, the workers (failed ones too: a fault is not a crash; a file
    picker's folder loader never ends) and what they post."""
    for _ in range(2):
        await pilot.pause()
        waits = [
            worker.wait()
            for worker in pilot.app.workers
            if not isinstance(worker.node, DirectoryTree)
        ]
        await asyncio.wait_for(asyncio.gather(*waits, return_exceptions=True), 10)
    await pilot.pause()
