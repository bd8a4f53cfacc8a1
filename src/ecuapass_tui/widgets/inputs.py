"""Inputs without a blinking cursor (every blink redraws and costs bytes on an SSH link), whose
own keys act in the order they were typed."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events
from textual.binding import Binding
from textual.widgets import Input


class Field(Input):
    """An Input for forms.

    Textual hands a printable key straight to the focused Input but lets a key it binds
    (Backspace, Delete, arrows, Home, End, Enter) bubble up to the App, which finds the binding
    later: in a burst of keys (a fast typist, a paste, a slow SSH link) "bad⌫⌫⌫Clave" became
    "badCla". A Field runs its own bindings as the key arrives, so keys act in order."""

    _own_keys: ClassVar[dict[type, dict[str, str]]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cursor_blink = False

    @classmethod
    def _key_actions(cls) -> dict[str, str]:
        """Key -> action of this class's bindings and its bases' (the subclass's win)."""
        found = Field._own_keys.get(cls)
        if found is None:
            found = {}
            for klass in reversed(cls.__mro__):
                for binding in Binding.make_bindings(klass.__dict__.get("BINDINGS", [])):
                    if not binding.priority:
                        found[binding.key] = binding.action
            Field._own_keys[cls] = found
        return found

    async def _on_key(self, event: events.Key) -> None:
        action = self._key_actions().get(event.key)
        if action is None or self.check_action(action, ()) is False:
            return  # Input's own handler (printable keys) runs next, bubbling as before
        event.stop()
        event.prevent_default()
        await self.run_action(action)
