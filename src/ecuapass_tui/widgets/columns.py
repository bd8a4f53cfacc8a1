"""FitTable: a DataTable whose text columns share the width that its other columns leave, on
every resize and whenever its rows change, so that a wider terminal shows more of each text
and a narrow one cuts it with "…" instead of pushing columns off the screen."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.events import Resize
from textual.widgets import DataTable

from ecuapass_tui.widgets.safe import safe


@dataclass(frozen=True)
class Flex:
    """A text column: never narrower than `minimum`; extra room is shared by `weight` until the
    column holds its widest cell."""

    minimum: int
    weight: int = 1


def share(room: int, columns: Sequence[tuple[int, int, int]]) -> list[int]:
    """Widths for columns given as (minimum, wanted, weight): each gets its minimum, then the
    room left is handed out `weight` cells at a time to the columns still short of what they
    want; what is left after all are satisfied goes to the heaviest column (the first one of
    equal weights)."""
    widths = [minimum for minimum, _, _ in columns]
    left = room - sum(widths)
    while left > 0:
        short = [i for i, (_, wanted, _) in enumerate(columns) if widths[i] < wanted]
        if not short:
            heaviest = max(range(len(columns)), key=lambda i: (columns[i][2], -i))
            widths[heaviest] += left
            break
        for i in short:
            step = min(columns[i][2], columns[i][1] - widths[i], left)
            widths[i] += step
            left -= step
            if not left:
                break
    return widths


def text_cell(value: object) -> Text:
    """A one-line cell from stored text, cut with "…" by whatever width its column gets."""
    cell = safe(value, single_line=True)
    cell.overflow = "ellipsis"
    return cell


class FitTable(DataTable[Any]):
    """`flexible` names the text columns (by key) and how they share the room."""

    def __init__(self, *, flexible: Mapping[str, Flex] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.flexible: dict[str, Flex] = dict(flexible or {})

    def clear(self, columns: bool = False) -> FitTable:
        """Also forgets how wide the old rows were: the new ones decide the widths."""
        super().clear(columns)
        for column in self.columns.values():
            column.content_width = column.label.cell_len
        return self

    def on_resize(self, _event: Resize) -> None:
        self.fit_columns()

    def watch_virtual_size(self) -> None:
        # New rows: their widths are measured and a scrollbar may have appeared.
        self.fit_columns()

    def fit_columns(self) -> None:
        columns = self.ordered_columns
        if not self.flexible or not columns or not self.size.width:
            return
        width = self.content_size.width
        if self.virtual_size.height > self.content_size.height:
            width -= self.styles.scrollbar_size_vertical
        flexible = [c for c in columns if c.key.value in self.flexible]
        fixed = sum(c.get_render_width(self) for c in columns if c not in flexible)
        room = width - fixed - self._row_label_column_width
        room -= 2 * self.cell_padding * len(flexible)
        wants = []
        for column in flexible:
            flex = self.flexible[str(column.key.value)]
            wants.append((flex.minimum, max(flex.minimum, column.content_width), flex.weight))
        changed = False
        for column, new_width in zip(flexible, share(room, wants), strict=True):
            if column.width != new_width or column.auto_width:
                column.width = new_width
                column.auto_width = False
                changed = True
        if changed:
            self._require_update_dimensions = True
            self._clear_caches()
            self.refresh(layout=True)
