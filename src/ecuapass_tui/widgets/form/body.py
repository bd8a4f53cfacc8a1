"""The scrolling body of a form, whose fields past the first screen are built later: until then
each few of them are a blank of their height, so the screen and its scrollbar look the same."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from ecuapass_tui.widgets.form.lines import FieldBlock
from ecuapass_tui.widgets.redraw import QuietLayout

CHUNK = 6
"""Fields built at a time: keys typed meanwhile are handled between two chunks."""


@dataclass
class Later:
    """Fields left for later: their blank on screen, their blocks, the first one's key."""

    blank: Static
    blocks: list[FieldBlock]

    @property
    def first(self) -> str:
        return self.blocks[0].key


class FormSection(QuietLayout, Vertical):
    """The titled box of one section: fields built into it off screen draw nothing."""


class FormBody(VerticalScroll):
    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.can_focus = False
        self.later: list[Later] = []

    def blanks(self, blocks: Sequence[FieldBlock], heights: Sequence[int]) -> list[Widget]:
        """Blanks standing for the last `blocks` of a section (each `heights` tall, a blank
        line between two), a few blocks each, built later."""
        found: list[Widget] = []
        for start in range(0, len(blocks), CHUNK):
            chunk = list(blocks[start : start + CHUNK])
            gaps = sum(not block.has_class("-last") for block in chunk)
            blank = Static("", classes="fv-later")
            blank.styles.height = sum(heights[start : start + CHUNK]) + gaps
            self.later.append(Later(blank, chunk))
            found.append(blank)
        return found

    async def build_next(self) -> None:
        """Put the next few fields left for later in place of their blank."""
        if not self.later or not self.is_attached:
            return  # every field is built, or the screen has gone (Escape right away)
        later = self.later.pop(0)
        parent = later.blank.parent
        if isinstance(parent, FormSection) and parent.is_attached:
            # Hidden while they mount, then swapped with the blank in one step: the body's
            # height never changes, so nothing on screen is drawn again (the section's part
            # on screen included: its layouts repaint only what moved meanwhile).
            parent.quiet()
            try:
                for block in later.blocks:
                    block.display = False
                await parent.mount(*later.blocks, after=later.blank)
                for block in later.blocks:
                    block.display = True
                later.blank.display = False
                await later.blank.remove()
            finally:
                parent.loud()
