"""In-process apps draw each frame only when something reads it.

A headless Pilot app builds every frame's terminal output and then throws it away (nothing
reads it): about a third of a Pilot test's CPU. The suite skips that output step; what a test
asserts on the screen is drawn on demand (`screen_text`, `render_strips`, snapshots'
`export_screenshot`), layout and every widget's state run as in the program, and the current
screen is drawn once more as the app shuts down, so an error in drawing still fails its test.
Snapshot tests (tests/snapshots/conftest.py) draw every frame as the program does: a widget
that lays itself out while drawn (an option list wrapping its prompts once its scrollbar
appears) ends in the user's state only then; so does any test marked `every_frame`, and every
test with ECUAPASS_TEST_EVERY_FRAME=1.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from textual.app import App
from textual.screen import Screen

_draw_frame = Screen._compositor_refresh
_shutdown = App._shutdown


def _refresh_without_output(self: Screen[Any]) -> None:
    app = self.app
    if app.is_headless and self is app.screen and not app.is_inline:
        self._compositor._dirty_regions.clear()
        self._dirty_widgets.clear()
        app._update_mouse_over(self)
        return
    _draw_frame(self)


async def _shutdown_after_a_last_frame(self: App[Any]) -> None:
    error: Exception | None = None
    if self.is_headless and self.screen_stack:
        try:
            self.screen._compositor.render_update(full=True)
        except Exception as exc:  # shut the app down first, then fail the test
            error = exc
    await _shutdown(self)
    if error is not None:
        raise error


def skip_unread_frames(patch: Callable[[object, str, object], None]) -> None:
    """`patch` is pytest's monkeypatch.setattr."""
    patch(Screen, "_compositor_refresh", _refresh_without_output)
    shutdown: Callable[[App[Any]], Coroutine[Any, Any, None]] = _shutdown_after_a_last_frame
    patch(App, "_shutdown", shutdown)
