"""What a key redraws: a focus change repaints only the widgets it concerns.

Textual repaints the whole screen whenever the focus moves (its `Screen.focused` reactive
repaints on change): about 6 KB at 80x24 on every Tab, on every SSH link. The widgets that
lose and gain the focus, and the containers whose styles follow it (`:focus-within`), repaint
themselves anyway, so the whole-screen repaint draws nothing new."""

from __future__ import annotations

from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget


def repaint_only_what_focus_changes() -> None:
    """On every screen, modal ones included: setting the focused widget repaints nothing
    more than the widgets whose focus or styles changed. Idempotent."""
    if not Screen.__dict__["focused"]._repaint:
        return
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    focused.__set_name__(Screen, "focused")
    Screen.focused = focused
