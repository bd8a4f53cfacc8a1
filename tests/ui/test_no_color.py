"""NO_COLOR: every state stays visible when Textual draws the theme in greys. Measured on the
NO_COLOR render as the terminal receives it (the grey filter applied): error text, the
highlighted row or option with and without the focus, and chosen / not chosen radio buttons
reach a WCAG contrast of 4.5:1 (reverse video counts as what it shows)."""

from __future__ import annotations

import pytest
from rich.color import Color
from rich.style import Style
from tests.ui.flows import login, login_as_agente_to_home, settle
from tests.ui.mesa_user_flows import open_option
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, RadioButton, Static

from ecuapass_tui.screens.registry import open_option as open_staff_option

MINIMUM = 4.5


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = color.get_truecolor()
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(one: Color, other: Color) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def seen(style: Style) -> tuple[Color, Color]:
    """(text, background) as they reach the eye: reverse video swapped."""
    fg = style.color or Color.parse("white")
    bg = style.bgcolor or Color.parse("black")
    return (bg, fg) if style.reverse else (fg, bg)


def cells(pilot: Pilot, region: Region) -> list[tuple[str, Style]]:
    """Each character drawn in `region` with its style."""
    strips = pilot.app.screen._compositor.render_strips()
    found: list[tuple[str, Style]] = []
    for y in range(region.y, region.bottom):
        x = 0
        for segment in strips[y]:
            for char in segment.text:
                if region.x <= x < region.right:
                    found.append((char, segment.style or Style()))
                x += 1
    return found


def text_contrast(pilot: Pilot, region: Region) -> float:
    """The lowest contrast of any letter drawn in `region`."""
    letters = [seen(style) for char, style in cells(pilot, region) if char.strip()]
    assert letters, f"nothing drawn in {region}"
    return min(contrast(fg, bg) for fg, bg in letters)


def unreadable(pilot: Pilot) -> list[str]:
    """Letters anywhere on the screen under 4.5:1 (text hidden in its background's colour on
    purpose, and text the terminal dims itself, are not measured)."""
    low = set()
    for char, style in cells(pilot, pilot.app.screen.region):
        fg, bg = seen(style)
        if char.strip() and not style.dim and fg != bg and contrast(fg, bg) < MINIMUM:
            low.add(f"{char} {fg.triplet} on {bg.triplet}")
    return sorted(low)


def row_background(pilot: Pilot, region: Region) -> Color:
    return seen(cells(pilot, region)[0][1])[1]


def cursor_row(table: DataTable, row: int) -> Region:
    inner = table.content_region
    y = inner.y + table.header_height + row - round(table.scroll_y)
    return Region(inner.x, y, inner.width - 2, 1)


def option_row(pilot: Pilot, options: OptionList, index: int) -> Region:
    """The screen row where the option's text begins (a long one wraps)."""
    inner = options.content_region
    start = str(options.get_option_at_index(index).prompt).strip()[:12]
    for y in range(inner.y, inner.bottom):
        row = Region(inner.x, y, inner.width - 2, 1)
        if "".join(char for char, _style in cells(pilot, row)).strip().startswith(start):
            return row
    raise AssertionError(f"option {index} ({start!r}...) is not drawn")


def button_cells(button: RadioButton) -> Region:
    """Where a radio button draws its ▐●▌."""
    inner = button.content_region
    return Region(inner.x, inner.y, 3, 1)


@pytest.fixture
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


async def test_highlighted_rows_and_options_stand_out_with_and_without_focus(
    no_color: None, make_app
) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        assert pilot.app.no_color
        await login_as_agente_to_home(pilot)
        screen = pilot.app.screen
        mailbox = screen.query_one("#mailbox-table", DataTable)
        menu = screen.query_one("#menu-tramites", OptionList)
        for focus_key, focused, blurred in (("t", menu, mailbox), ("b", mailbox, menu)):
            await pilot.press(focus_key)
            await settle(pilot)
            assert pilot.app.focused is focused
            if isinstance(focused, OptionList) and focused.highlighted is None:
                focused.highlighted = 0
                await pilot.pause()
            for widget in (focused, blurred):
                if isinstance(widget, DataTable):
                    cursor, other = cursor_row(widget, 0), cursor_row(widget, 1)
                else:
                    index = widget.highlighted or 0
                    cursor = option_row(pilot, widget, index)
                    other = option_row(pilot, widget, index + 1)
                what = f"{widget.id} {'focused' if widget is focused else 'blurred'}"
                assert text_contrast(pilot, cursor) >= MINIMUM, what
                bar = contrast(row_background(pilot, cursor), row_background(pilot, other))
                assert bar >= MINIMUM, f"{what}: the highlight is {bar:.1f}:1 from its rows"
            assert not unreadable(pilot)


async def test_error_text_and_radio_buttons_read_in_greys(no_color: None, make_app) -> None:
    async with make_app().run_test(size=(100, 40)) as pilot:
        await login_as_agente_to_home(pilot)
        await open_option(pilot, "3.9.1")
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = pilot.app.screen
        on_screen = screen.region
        errors = [
            error
            for error in screen.query(".fv-error, #fv-count").results(Static)
            if error.content_region and on_screen.contains_region(error.content_region)
        ]
        assert errors, "the empty form shows its errors"
        for error in errors:
            assert text_contrast(pilot, error.content_region) >= MINIMUM, error.render()
        assert not unreadable(pilot)

        radios = list(screen.query(RadioButton))
        assert len(radios) >= 2
        radios[0].value = True
        radios[0].scroll_visible(animate=False)
        await pilot.pause()
        on, off = radios[0], next(r for r in radios if not r.value)
        assert on_screen.contains_region(on.region) and on_screen.contains_region(off.region)
        (dot_on,) = [s for c, s in cells(pilot, button_cells(on)) if c == "●"]
        (dot_off,) = [s for c, s in cells(pilot, button_cells(off)) if c == "●"]
        assert contrast(*seen(dot_on)) >= MINIMUM  # a bright dot in the chosen one
        assert contrast(*seen(dot_off)) < 1.5  # no dot in the others


async def test_overdue_and_paused_due_times_read_in_the_staff_queue(
    no_color: None, make_app
) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login(pilot, "", "analista", "Analista2026ec")
        open_staff_option(pilot.app, "MS.1")
        await settle(pilot)
        table = pilot.app.screen.query_one("#staff-queue", DataTable)
        due = [str(table.get_row_at(row)[-1]) for row in range(table.row_count)]
        assert any(text.startswith("!") for text in due)  # an overdue ticket is on the screen
        assert not unreadable(pilot)
