"""What a key redraws: a focus change repaints only the widgets it concerns, and a screen
hidden under another repaints nothing.

Textual repaints the whole screen whenever the focus moves (its `Screen.focused` reactive
repaints on change): about 6 KB at 80x24 on every Tab, on every SSH link. The widgets that
lose and gain the focus, and the containers whose styles follow it (`:focus-within`), repaint
themselves anyway, so the whole-screen repaint draws nothing new.

Textual also counts the screen just below the top one as visible, even when the top screen
is opaque, and repaints the whole top screen whenever that hidden screen changes (a timer of
the home screen while a form is open over it: about 12 KB, and again at every later wake-up,
since that hidden screen stays marked for a repaint). Nothing of a screen under an opaque one
can be seen; it is repainted whole when it is shown again (Textual repaints a resumed
screen)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget


def repaint_only_what_changes() -> None:
    """On every screen, modal ones included: setting the focused widget repaints nothing
    more than the widgets whose focus or styles changed, and a screen covered by an opaque
    one repaints nothing. Idempotent."""
    if not getattr(Screen._compositor_refresh, "skips_hidden_screens", False):
        hidden_aware = _unless_hidden(Screen._compositor_refresh)
        Screen._compositor_refresh = hidden_aware  # type: ignore[method-assign, assignment]
    if not Screen.__dict__["focused"]._repaint:
        return
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    focused.__set_name__(Screen, "focused")
    Screen.focused = focused


def _unless_hidden(refresh: Callable[[Screen[Any]], None]) -> Callable[[Screen[Any]], None]:
    """Textual's compositor refresh, except for a screen under an opaque top screen: what
    it marked as changed is forgotten (its own widgets stay marked, and the whole screen is
    repainted when it is resumed) instead of repainting the top screen."""

    def refresh_unless_hidden(screen: Screen[Any]) -> None:
        app = screen.app
        top = app.screen
        if screen is not top and not app.is_inline and top.styles.background.a == 1:
            screen._dirty_widgets.clear()
            screen._compositor._dirty_regions.clear()
            return
        refresh(screen)

    refresh_unless_hidden.skips_hidden_screens = True  # type: ignore[attr-defined]
    return refresh_unless_hidden
