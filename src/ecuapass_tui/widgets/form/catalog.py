"""CatalogSelect: a select for long catalogs (provinces, cantons, districts...), filtered as
the user types, with its list under the input."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option as ListOption

from ecuapass_tui.core.text import fold
from ecuapass_tui.forms.fields import Option
from ecuapass_tui.i18n import _
from ecuapass_tui.widgets.form.controls import text_of
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe


class FilterField(Field):
    """The typing half of a CatalogSelect: Up/Down move in the list, Enter picks, Right at
    the end of the text accepts the highlighted suggestion (so does leaving the field: Tab
    is the app's priority key, see CatalogSelect.on_descendant_blur)."""

    BINDINGS = [
        Binding("down", "move(1)", show=False, id="catalog-down"),
        Binding("up", "move(-1)", show=False, id="catalog-up"),
    ]

    @property
    def box(self) -> CatalogSelect | None:
        parent = self.parent
        return parent if isinstance(parent, CatalogSelect) else None

    def action_move(self, step: int) -> None:
        if self.box is not None:
            self.box.move(step)

    def action_cursor_right(self, select: bool = False) -> None:
        if not select and self.cursor_at_end and self.box is not None and self.box.accept():
            return
        super().action_cursor_right(select)


class CatalogSelect(Vertical):
    """Type to filter the list under the input, Up/Down to move, Enter (or Tab, or Right at
    the end) to pick. One tab stop (the list is not focusable). The list always shows the
    options offered now: when they change (the cantons of another province) it is filtered
    again, so a pick can only be an option on the list."""

    DEFAULT_CSS = """
    CatalogSelect { height: auto; }
    CatalogSelect OptionList { height: auto; max-height: 7; display: none; }
    CatalogSelect.-open OptionList { display: block; }
    """

    class Picked(Message):
        """An option was picked from the list (its label may be what was typed already, so
        no Input.Changed comes)."""

        def __init__(self, select: CatalogSelect, value: str) -> None:
            super().__init__()
            self.select = select
            self.value = value

        @property
        def control(self) -> CatalogSelect:
            return self.select

    def __init__(self, options: tuple[Option, ...], language: str, *, id: str) -> None:
        super().__init__(classes="catalog")
        self.language = language
        self.options: tuple[Option, ...] = ()
        self.labels: list[str] = []
        self.keys: list[str] = []
        self._offer(options)
        self.selected: str | None = None
        self.shown: list[tuple[str, str]] = []  # (value, label) of each line of the list
        self.filtered = ""  # the text the list was filtered for
        # Enter or Tab found nothing to pick for the text typed: the choices may be about to
        # change (keys typed ahead of the province's pick), so the next set_options tries again.
        self.pending = False
        self.input = FilterField(
            placeholder=_("Escriba para filtrar (↓: lista)"), compact=True, id=id
        )
        self.list = OptionList(markup=False, compact=True)
        self.list.can_focus = False

    def compose(self) -> ComposeResult:
        yield self.input
        yield self.list

    def _offer(self, options: tuple[Option, ...]) -> None:
        self.options = options
        self.labels = [o.label(self.language) for o in options]
        self.keys = [fold(label) for label in self.labels]

    def set_options(self, options: tuple[Option, ...]) -> None:
        """Offer other choices (the cantons of the chosen province); a value no longer offered
        is cleared, and an open list is filtered again from the new choices."""
        self._offer(options)
        if self.selected is not None and self.label_of(self.selected) is None:
            self.selected = None
            self.input.value = ""
        if self.is_open:
            self.filter("" if self.selected is not None else self.input.value)
        else:
            self.shown = []
            self.list.clear_options()
        if self.pending and self.selected is None and self.input.value.strip():
            self.accept()

    def label_of(self, value: str) -> str | None:
        for option, label in zip(self.options, self.labels, strict=True):
            if option.value == value:
                return label
        return None

    def get_raw(self) -> str:
        """The option picked; or the one whose whole name was typed (any case, with or
        without accents); else the text as typed (the form's rules then refuse it)."""
        if self.selected is not None and self.input.value == self.label_of(self.selected):
            return self.selected
        typed = fold(self.input.value.strip())
        named = [o.value for o, key in zip(self.options, self.keys, strict=True) if key == typed]
        return named[0] if len(named) == 1 else self.input.value.strip()

    def set_raw(self, value: object) -> None:
        text = text_of(value)
        label = self.label_of(text)
        self.selected = text if label is not None else None
        self.input.value = label if label is not None else text
        self.pending = False
        self.close()

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def filter(self, text: str) -> None:
        """The list: the options whose label holds `text` (those that start with it first),
        or whose code starts with it; the first one highlighted, or the one chosen."""
        self.filtered = text
        wanted = fold(text.strip())
        found = [
            (not key.startswith(wanted), i)
            for i, (option, key) in enumerate(zip(self.options, self.keys, strict=True))
            if not wanted or wanted in key or option.value.casefold().startswith(wanted)
        ]
        self.shown = [(self.options[i].value, self.labels[i]) for _later, i in sorted(found)]
        self.list.clear_options()
        self.list.add_options(
            ListOption(safe(label, single_line=True)) for _value, label in self.shown
        )
        if self.shown:
            chosen = [n for n, (value, _label) in enumerate(self.shown) if value == self.selected]
            self.list.highlighted = chosen[0] if chosen else 0

    def open(self) -> None:
        self.filter("" if self.selected is not None else self.input.value)
        self.add_class("-open")

    def close(self) -> None:
        self.remove_class("-open")

    def move(self, step: int) -> None:
        if not self.is_open:
            self.open()
            return
        if step > 0:
            self.list.action_cursor_down()
        else:
            self.list.action_cursor_up()

    def accept(self) -> bool:
        """Pick the highlighted suggestion; False when there is none. Keys typed ahead reach
        the input before its Input.Changed has filtered the list (and Tab, the app's priority
        key, may have left the field already): then the list is filtered from what the input
        holds now and its first line is the suggestion."""
        picked = self._accept()
        self.pending = not picked and bool(self.input.value.strip()) and self.selected is None
        return picked

    def _accept(self) -> bool:
        text = self.input.value
        if self.selected is not None and text == self.label_of(self.selected):
            if self.is_open and self.list.highlighted is not None:
                return self.pick(self.list.highlighted)  # moved in the list from the pick
            return False
        if not self.is_open or text.strip() != self.filtered.strip():
            if not text.strip():
                return False
            self.filter(text)
            return self.pick(0)
        if self.list.highlighted is None:
            return False
        return self.pick(self.list.highlighted)

    def pick(self, index: int | None) -> bool:
        if index is None or not 0 <= index < len(self.shown):
            return False
        value, label = self.shown[index]
        changed = value != self.selected
        self.selected = value
        self.input.value = label
        self.input.cursor_position = len(label)
        self.close()
        if changed:
            self.post_message(self.Picked(self, value))
        return True

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if event.value != self.input.value:
            return  # typed ahead: the input holds more already, its own Changed follows
        if self.selected is not None and event.value == self.label_of(self.selected):
            return
        self.selected = None
        self.pending = False
        self.filter(event.value)
        if self.input.has_focus:
            self.add_class("-open")

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.accept()

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.pick(event.option_index)

    def on_descendant_blur(self) -> None:
        """Leaving the field (Tab) with a suggestion highlighted for the text typed takes it
        (an emptied field stays empty)."""
        if self.input.value.strip():
            self.accept()
        self.close()
