"""TrackingTimeline: the stages of a cargo, one per line, with a sign and a word for each
state so that it reads without colour (✔ cumplida, ● actual, ○ pendiente, – no aplica).
Up/Down move between stages and post `Highlighted`; texts come in already translated."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ecuapass_tui.i18n import N_, Labels, _
from ecuapass_tui.widgets.safe import safe

SIGNS = {"done": "✔", "current": "●", "pending": "○", "skipped": "–"}
STYLES = {"done": "green", "current": "bold yellow", "pending": "dim", "skipped": "dim"}


state_word = Labels(
    {
        "done": N_("cumplida"),
        "current": N_("actual"),
        "pending": N_("pendiente"),
        "skipped": N_("no aplica"),
    }
)


@dataclass(frozen=True)
class TimelineEntry:
    state: str  # done, current, pending, skipped
    label: str
    when: str
    note: str  # untrusted: drawn through safe()


class TrackingTimeline(Widget, can_focus=True):
    DEFAULT_CSS = """
    TrackingTimeline { height: auto; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    TrackingTimeline:focus { background: $boost; }
    """
    BINDINGS = [
        Binding("up", "move(-1)", N_("Etapa anterior"), id="timeline-up", show=False),
        Binding("down", "move(1)", N_("Etapa siguiente"), id="timeline-down", show=False),
        Binding("home", "first", show=False, id="timeline-home"),
        Binding("end", "last", show=False, id="timeline-end"),
    ]

    cursor: reactive[int] = reactive(0)

    class Highlighted(Message):
        def __init__(self, timeline: TrackingTimeline, index: int) -> None:
            super().__init__()
            self.timeline = timeline
            self.index = index

        @property
        def control(self) -> TrackingTimeline:
            return self.timeline

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: tuple[TimelineEntry, ...] = ()

    def show(self, entries: tuple[TimelineEntry, ...]) -> None:
        self.entries = entries
        current = next((i for i, e in enumerate(entries) if e.state == "current"), None)
        if current is None:
            done = [i for i, e in enumerate(entries) if e.state == "done"]
            current = done[-1] if done else 0
        self.cursor = current
        self.refresh(layout=True)
        self.post_message(self.Highlighted(self, self.cursor))

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return max(1, len(self.entries))

    def render(self) -> Text:
        if not self.entries:
            return Text(_("Elija una carga para ver sus etapas."), style="dim")
        lines = Text()
        # Columns as wide as their widest text, so that the note gets the rest of the line.
        label_width = min(30, max(len(e.label) for e in self.entries))
        word_width = max(len(state_word(e.state)) for e in self.entries)
        when_width = max(len(e.when) for e in self.entries)
        note_width = self.size.width - label_width - word_width - when_width - 6
        for index, entry in enumerate(self.entries):
            marker = "›" if index == self.cursor and self.has_focus else " "
            style = STYLES.get(entry.state, "")
            line = Text(f"{marker}{SIGNS.get(entry.state, '?')} ", style=style)
            line.append(f"{entry.label[:label_width]:<{label_width}} ", style=style)
            line.append(f"{state_word(entry.state):<{word_width}} ")
            line.append(f"{entry.when:<{when_width}} ")
            note = safe(entry.note, single_line=True)
            note.truncate(max(0, note_width), overflow="ellipsis")
            line.append_text(note)
            if index == self.cursor and self.has_focus:
                line.stylize("reverse")
            if index:
                lines.append("\n")
            lines.append_text(line)
        return lines

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def _go(self, index: int) -> None:
        if not self.entries:
            return
        index = max(0, min(len(self.entries) - 1, index))
        if index != self.cursor:
            self.cursor = index
            self.post_message(self.Highlighted(self, index))

    def action_move(self, delta: int) -> None:
        self._go(self.cursor + delta)

    def action_first(self) -> None:
        self._go(0)

    def action_last(self) -> None:
        self._go(len(self.entries) - 1)


def legend() -> str:
    return "  ".join(
        f"{SIGNS[s]} {state_word(s)}" for s in ("done", "current", "pending", "skipped")
    )
