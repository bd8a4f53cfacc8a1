"""NO_COLOR: Textual draws every colour as the grey of its brightness, so text told apart by hue
alone (a red "!17/11 09:00", a green "✔") can come out dark grey on a dark background. This
filter draws the same greys and then lifts any text under a WCAG contrast of 4.5:1 against
its background until it reaches it. Text drawn in its background's own colour (hidden on
purpose, like the dot of a radio button that is not chosen) stays hidden."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual.app import App
from textual.color import Color
from textual.filter import LineFilter, Monochrome

MINIMUM_CONTRAST = 4.5


def luminance(grey: int) -> float:
    """WCAG relative luminance of an sRGB grey 0-255."""
    c = grey / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def contrast(one: int, other: int) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@lru_cache(maxsize=512)
def readable(text: int, background: int) -> int:
    """The grey nearest to `text` that reads on `background` (at least 4.5:1)."""
    if text == background or contrast(text, background) >= MINIMUM_CONTRAST:
        return text
    step = 1 if luminance(background) < 0.18 else -1
    grey = text
    while 0 <= grey <= 255:
        if contrast(grey, background) >= MINIMUM_CONTRAST:
            return grey
        grey += step
    return 255 if contrast(255, background) > contrast(0, background) else 0


def _grey(color: RichColor | None, default: int) -> int:
    if color is None or color.is_default:
        return default
    return Color.from_rich_color(color).monochrome.r


@lru_cache(maxsize=4096)
def _readable_style(style: Style, background: Color) -> Style:
    base = background.monochrome.r
    back = _grey(style.bgcolor, base)
    fore = _grey(style.color, 255 - base if base < 128 else 0)
    if style.reverse:
        fore, back = back, fore
    fore = readable(fore, back)
    if style.reverse:
        fore, back = back, fore
    return style + Style(
        color=RichColor.from_rgb(fore, fore, fore),
        bgcolor=RichColor.from_rgb(back, back, back),
    )


class ReadableGreys(LineFilter):
    """Greys as Textual's Monochrome, every letter at least 4.5:1 against its background."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(text, None if style is None else _readable_style(style, background), None)
            for text, style, _ in segments
        ]


def use_readable_greys(app: App[Any]) -> None:
    """Under NO_COLOR, draw with ReadableGreys instead of Textual's plain greys."""
    # Textual keeps the app's line filters in `_filters` (Monochrome added for NO_COLOR).
    app._filters = [ReadableGreys() if isinstance(f, Monochrome) else f for f in app._filters]
