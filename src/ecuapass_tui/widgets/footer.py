"""A Footer whose binding descriptions follow the language chosen at login."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

from ecuapass_tui.i18n import _


class LocalFooter(Footer):
    """Binding descriptions are Spanish msgids (marked with N_); shown translated."""

    def __init__(self) -> None:
        # The app binds Ctrl+P itself (translated "Consultar"); no second palette key.
        super().__init__(show_command_palette=False, compact=True)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            description = getattr(widget, "description", None)
            if isinstance(description, str) and description:
                widget.description = _(description)  # type: ignore[attr-defined]
            yield widget
