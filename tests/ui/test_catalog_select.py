"""A select with suggestions (provinces, cantons, districts): the list under the input is
always the one offered now, Tab or Right takes the highlighted suggestion, Down then Enter
picks the line highlighted, and a city picked is one of the province shown."""

from __future__ import annotations

from tests.ui.flows import settle
from tests.ui.keys_flows import burst
from tests.ui.test_form_view import FormHost
from textual.pilot import Pilot

from ecuapass_tui.forms.validators import catalog_options
from ecuapass_tui.widgets.form import CatalogSelect

PICHINCHA = tuple(o for o in catalog_options("cantons") if o.value.startswith("17"))


def city_box(pilot: Pilot) -> CatalogSelect:
    box = pilot.app.screen.query_one("#f-ciudad").parent
    assert isinstance(box, CatalogSelect)
    return box


def lines(box: CatalogSelect) -> list[str]:
    return [str(box.list.get_option_at_index(i).prompt) for i in range(box.list.option_count)]


def highlighted(box: CatalogSelect) -> str:
    assert box.list.highlighted is not None
    return lines(box)[box.list.highlighted]


async def test_the_city_list_replaced_after_it_was_filtered_never_crashes() -> None:
    """The cause of the crash: the cities were filtered from every canton, then the province
    became known and the choices were replaced under the list; Down, Enter picked by a
    position in the old list (IndexError, or a city of another province)."""
    app = FormHost("solicitud_general")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.form.build_all()  # Ciudad is past the first screen, built after it
        app.query_one("#f-ciudad").focus()
        await pilot.pause()
        burst(pilot, [("paste", "Quito")])
        await pilot.pause()
        box = city_box(pilot)
        assert len(lines(box)) >= 2  # every canton with "quito" in its name
        box.set_options(PICHINCHA)  # what the screen does once Pichincha is picked
        await pilot.press("down")
        chosen = highlighted(box)
        await pilot.press("enter")
        await pilot.pause()
        assert app.return_code is None  # no crash
        assert app.form.values()["ciudad"] in {o.value for o in PICHINCHA}
        assert box.input.value == chosen
        assert all(line.endswith("(Pichincha)") for line in lines(box))


async def test_down_then_enter_picks_the_highlighted_line_and_tab_or_right_accepts() -> None:
    app = FormHost("solicitud_general")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.form.build_all()  # Ciudad is past the first screen, built after it
        app.query_one("#f-ciudad").focus()
        await pilot.pause()
        box = city_box(pilot)
        await pilot.press(*"quito", "down")
        chosen = highlighted(box)
        assert chosen == "Puerto Quito (Pichincha)"  # the line after the first
        await pilot.press("enter")
        assert box.input.value == chosen and app.form.values()["ciudad"] == "1709"
        # Tab takes the highlighted suggestion and moves on
        await pilot.press("end", "ctrl+u", *"guayaqu", "tab")
        assert app.form.values()["ciudad"] == "0901"
        assert app.focused is app.query_one("#f-direccion")
        # Right at the end of the text takes it too; elsewhere it moves the cursor
        app.query_one("#f-provincia").focus()
        await pilot.press(*"azu", "left", "right")
        assert app.form.values()["provincia"] == "azu"
        await pilot.press("right")
        assert app.form.values()["provincia"] == "01"
        assert app.query_one("#f-provincia").value == "Azuay"
        # a whole name typed, in any case and without its accents, is that option
        await pilot.press("end", "ctrl+u", *"bolivar", "escape")
        assert app.form.values()["provincia"] == "02"


async def test_fast_hands_province_then_city_in_solicitud_del_uso(make_app) -> None:
    """F6 General: a province typed and picked with Enter, Tab, a city pasted at once, Down,
    Enter: the city is one of that province, and the registration goes on."""
    from tests.ui.cuentas_flows import open_from_login

    from ecuapass_tui.screens.cuentas.registration import RegistrationScreen

    async with make_app().run_test(size=(80, 24)) as pilot:
        await open_from_login(pilot, "f6")
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, RegistrationScreen)
        screen.query_one("#f-provincia").focus()
        await pilot.pause()
        await pilot.press(*"Pichincha", "enter", "tab")
        burst(pilot, [("paste", "Quito"), "down", "enter"])
        await pilot.pause()
        await pilot.pause()
        assert pilot.app.return_code is None  # no crash
        values = screen.form.values()
        assert values["provincia"] == "17"
        assert values["ciudad"] in {o.value for o in PICHINCHA}
        assert all(line.endswith("(Pichincha)") for line in lines(city_box(pilot)))


async def test_keys_typed_ahead_are_picked_as_if_typed_slowly(make_app) -> None:
    """A terminal delivers keys typed ahead all at once: Enter and Tab reach the input before
    its Input.Changed has filtered the list; they still pick what the text names."""
    from tests.ui.cuentas_flows import open_from_login

    async with make_app().run_test(size=(80, 24)) as pilot:
        await open_from_login(pilot, "f6")
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        screen = pilot.app.screen
        screen.query_one("#f-provincia").focus()
        await pilot.pause()
        burst(pilot, [*"guayas", "tab", *"dur", "tab"])
        await settle(pilot)
        assert screen.form.values()["provincia"] == "09"
        assert screen.query_one("#f-ciudad").value == "Durán (Guayas)"
        assert pilot.app.focused is screen.query_one("#f-direccion")
        screen.query_one("#f-provincia").focus()
        await pilot.pause()
        burst(pilot, ["end", "ctrl+u", *"azuay", "enter", "tab", *"cuen", "enter"])
        await settle(pilot)
        assert screen.form.values()["provincia"] == "01"
        assert screen.query_one("#f-ciudad").value == "Cuenca (Azuay)"
        screen.query_one("#f-provincia").focus()
        await pilot.pause()
        keys = ["end", "ctrl+u", *"pichincha", "enter", "tab", ("paste", "Quito"), "down", "enter"]
        burst(pilot, keys)
        await settle(pilot)
        assert screen.query_one("#f-provincia").value == "Pichincha"
        assert screen.form.values()["ciudad"] in {o.value for o in PICHINCHA}
