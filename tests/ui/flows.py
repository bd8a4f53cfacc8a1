"""Steps a user takes, shared by the Pilot tests and the snapshots."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Static

AGENTE = ("1792060346001", "agente", "Aduana2026ec")


async def fill_login(
    pilot: Pilot, ruc: str, username: str, password: str, *, keys: bool = False
) -> None:
    """Fill the login form; with `keys`, by typing (Pilot spends ~60 ms a key, so only
    the tests about typing do it), else by setting the inputs and focusing the password."""
    from textual.widgets import Input

    screen = pilot.app.screen
    screen.query_one("#ruc").focus()
    await pilot.pause()
    if keys:
        await pilot.press(*ruc, "tab", *username, "tab", *password)
        return
    for name, value in (("ruc", ruc), ("username", username), ("password", password)):
        screen.query_one(f"#{name}", Input).value = value
    screen.query_one("#password").focus()
    await pilot.pause()


async def login(
    pilot: Pilot, ruc: str, username: str, password: str, *, keys: bool = False
) -> None:
    await fill_login(pilot, ruc, username, password, keys=keys)
    await pilot.press("enter")
    await settle(pilot)


async def settle(pilot: Pilot) -> None:
    """Wait for thread workers and the messages they post. A worker that raised has already
    said why on its screen (screens/failures.py); a bug in one is re-raised when the test's
    app ends."""
    import asyncio

    for _ in range(2):
        workers = list(pilot.app.workers)
        await asyncio.gather(*(worker.wait() for worker in workers), return_exceptions=True)
        await pilot.pause()


async def quiet(pilot: Pilot) -> None:
    """Let a form's quiet time pass (`FormView.CHANGED_DELAY`, short in the tests), then wait
    for what its Changed started: the draft saved, the changed fields marked."""
    from ecuapass_tui.widgets.form import FormView

    await pilot.pause(FormView.CHANGED_DELAY * 2)
    await settle(pilot)


async def login_as_agente_to_home(pilot: Pilot) -> None:
    await login(pilot, *AGENTE)
    await pilot.press("enter")  # AGENTE DE ADUANA (2 códigos)
    await settle(pilot)
    await pilot.press("enter")  # 03907058
    await settle(pilot)


def screen_text(pilot: Pilot) -> str:
    """Everything the screen shows as text (labels, statics, tables, options)."""
    from textual.widgets import Button, DataTable, Input, OptionList

    parts: list[str] = []
    for widget in pilot.app.screen.walk_children(with_self=False):
        if not widget.display:
            continue
        if isinstance(widget, Static):
            parts.append(str(widget.render()))
        if isinstance(widget, Button):
            parts.append(str(widget.label))
        if isinstance(widget, Input):
            parts.append(widget.value)
        if isinstance(widget, DataTable):
            for row in range(widget.row_count):
                parts.append(" ".join(str(c) for c in widget.get_row_at(row)))
        if isinstance(widget, OptionList):
            for index in range(widget.option_count):
                parts.append(str(widget.get_option_at_index(index).prompt))
        title = getattr(widget, "border_title", None)
        if title:
            parts.append(str(title))
    return "\n".join(parts)


async def highlight_option(pilot: Pilot, menu_key: str, number: str) -> None:
    """Open a home menu with its key and move down, as a user does, to option `number`."""
    from textual.widgets import OptionList

    await pilot.press(menu_key)
    await pilot.pause()
    for _ in range(40):
        focused = pilot.app.focused
        assert isinstance(focused, OptionList), focused
        index = focused.highlighted
        if index is not None and focused.get_option_at_index(index).id == number:
            return
        await pilot.press("down")
        await pilot.pause()
    raise AssertionError(f"option {number} not in the menu of key {menu_key!r}")
