"""Steps of the account flows shared by the Pilot tests and the snapshots.

The key-by-key helpers go through a Solicitud del uso as a user at 80x24 would: `at` checks
that the focus is on the expected field before putting text into it (so a field Tab cannot
reach fails the test); Tab, Enter, the arrows and F3 are keys. The text of a field goes in
through the focused input's own insertion at the cursor, in one step (the way a paste arrives,
with the input's restrictions applied), except where a flow asks for keys (`typed=True`: the
ID. usuario of each flow, and what `type_keys` types). Pilot spends about 60 ms a key; with
ECUAPASS_TEST_EVERY_KEY=1 every text is typed key by key, as it was before."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from tests.ui.flows import settle
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from ecuapass_tui.widgets.form import FormView


async def open_from_login(pilot: Pilot, key: str) -> None:
    """The login screen's keys: F6 Solicitud del uso, F7 Buscar ID / Reinicio de clave,
    F8 the January update."""
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)


async def fill(pilot: Pilot, values: dict[str, Any]) -> FormView:
    """Put the values in the form on screen (typing each would take ~60 ms a key)."""
    form = pilot.app.screen.query_one(FormView)
    current = form.values()
    current.update(values)
    form.set_values(current, form.files())
    await pilot.pause()
    return form


async def type_keys(pilot: Pilot, text: str) -> None:
    await pilot.press(*text)


def focused_id(pilot: Pilot) -> str | None:
    focused = pilot.app.focused
    return focused.id if focused is not None else None


EVERY_KEY = os.environ.get("ECUAPASS_TEST_EVERY_KEY") == "1"


async def put_text(pilot: Pilot, text: str, *, typed: bool = False) -> None:
    """Into the focused input: `text` in one insertion at the cursor, or key by key."""
    focused = pilot.app.focused
    if not text:
        return
    if typed or EVERY_KEY or not isinstance(focused, Input | TextArea):
        await pilot.press(*text)
        return
    if isinstance(focused, Input):
        focused.insert_text_at_cursor(text)
    else:
        focused.insert(text)
    await pilot.pause()


async def at(
    pilot: Pilot,
    field: str,
    text: str = "",
    *keys: str,
    tab: bool = True,
    typed: bool = False,
) -> None:
    """On the form field `field` (its widget is #f-<field>): put `text` (typed key by key
    with `typed`), press `keys`, Tab."""
    assert focused_id(pilot) == f"f-{field}", (field, focused_id(pilot))
    await put_text(pilot, text, typed=typed)
    if keys or tab:
        await pilot.press(*keys, *(("tab",) if tab else ()))


async def retype(pilot: Pilot, field: str, text: str, *keys: str) -> None:
    """Where a refused value sent the focus: erase it (End, Ctrl+U) and put the right one."""
    await at(pilot, field, "", "end", "ctrl+u", tab=False)
    await put_text(pilot, text)
    if keys:
        await pilot.press(*keys)


async def choose(pilot: Pilot, field: str, downs: int) -> None:
    """A short select: Enter opens its list, Down `downs` times (1: the first option), Enter
    picks; then Tab."""
    await at(pilot, field, "", "enter", *["down"] * downs, "enter")


async def type_identity(
    pilot: Pilot, username: str, number: str, name: str, password: str, *, document_downs: int = 0
) -> None:
    """ID. usuario, Doc. Identificación (type: Cédula unless moved down), Nombre, the password
    and its confirmation."""
    await at(pilot, "id_usuario", username, typed=True)
    if document_downs:
        await at(pilot, "documento-type", "", "enter", *["down"] * document_downs, "enter")
    else:
        await at(pilot, "documento-type")  # Cédula is already chosen
    await at(pilot, "documento-number", number)
    await at(pilot, "nombre_usuario", name)
    await at(pilot, "contrasena", password)
    await at(pilot, "contrasena__confirm", password)


async def type_questions(pilot: Pilot, answers: Sequence[tuple[int, str]]) -> None:
    """The three security questions: (the question's place in its list, the answer)."""
    for number, (downs, answer) in enumerate(answers, start=1):
        await choose(pilot, f"pregunta_clave{number}", downs)
        await at(pilot, f"respuesta_clave{number}", answer)


async def type_place(pilot: Pilot, province: str, canton: str, address: str) -> None:
    """Provincia and Ciudad filtered as typed (Enter picks the first match), Dirección."""
    await at(pilot, "provincia", province, "enter")
    await at(pilot, "ciudad", canton, "enter")
    await at(pilot, "direccion", address)


async def type_phones(
    pilot: Pilot,
    phone1: str,
    phone2: str = "",
    mobile: str = "",
    operator_downs: int = 0,
    fax: str = "",
) -> None:
    """Teléfono1, Teléfono2, Celular, its operator (a short select) and Fax."""
    await at(pilot, "telefono1", phone1)
    await at(pilot, "telefono2", phone2)
    await at(pilot, "celular", mobile)
    if operator_downs:
        await choose(pilot, "operadora_celular", operator_downs)
    else:
        await at(pilot, "operadora_celular")
    await at(pilot, "fax", fax)


async def type_emails(pilot: Pilot, email: str, confirmation: str | None = None) -> None:
    await at(pilot, "correo", email)
    await at(pilot, "correo_confirmacion", email if confirmation is None else confirmation)


async def type_sms(pilot: Pilot, receive: bool) -> None:
    """Recibir mensaje SMS: Enter presses the radio under the cursor (Recibir), Down moves."""
    await at(pilot, "recibir_sms", "", *(() if receive else ("down",)), "enter")


async def type_oce_row(pilot: Pilot, code: str, kind: str, start: str, end: str = "") -> None:
    """The Tipo de OCEs table: past the rows, the new row's cells (the type filtered as typed),
    Agregar fila (Enter), which brings the focus back to the first cell; then past Eliminar."""
    await at(pilot, "tipos_oce")
    await at(pilot, "tipos_oce-codigo", code)
    await at(pilot, "tipos_oce-tipo", kind, "enter")
    await at(pilot, "tipos_oce-inicio", start)
    await at(pilot, "tipos_oce-fin", end)
    await at(pilot, "tipos_oce-add", "", "enter", tab=False)
    await pilot.pause()
    assert focused_id(pilot) == "f-tipos_oce-codigo"
    await pilot.press("tab", "tab", "tab", "tab", "tab", "tab")  # the empty cells, both buttons


async def consultar(pilot: Pilot) -> None:
    """F3 Consultar from the RUC field; the focus stays there."""
    await pilot.press("f3")
    await settle(pilot)


async def enter_code(pilot: Pilot, code: str) -> None:
    """On the code screen: erase what is there, type the code, Enter."""
    await pilot.press("end", "ctrl+u", *code, "enter")
    await settle(pilot)


def error_beside(pilot: Pilot, field: str) -> str:
    """The message shown under a field's line (its block #fv-<field>)."""
    from textual.widgets import Static

    block = pilot.app.screen.query_one(f"#fv-{field}")
    return " ".join(str(w.render()) for w in block.query(".fv-error").results(Static))
