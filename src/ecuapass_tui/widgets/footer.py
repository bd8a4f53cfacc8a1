"""A Footer whose binding descriptions follow the language chosen at login."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalGroup, Vertical
from textual.widgets import Footer

from ecuapass_tui.i18n import N_, _

# Textual's own widgets name some keys in English (the Select's open list: "esc Dismiss menu").
TEXTUAL_DESCRIPTIONS = {
    "Dismiss menu": N_("Cerrar la lista"),
    "Exit the command palette": N_("Cerrar"),
    "Open link": N_("Abrir el enlace"),
}


class LocalFooter(Footer):
    DEFAULT_CSS = """
    LocalFooter .footer-rows {
        height: 2;
        width: 1fr;
    }
    LocalFooter .footer-row {
        height: 1;
        width: 1fr;
    }
    """

    """Binding descriptions are Spanish msgids (marked with N_); shown translated.

    With `rows=2` the keys are laid out on a grid of two lines (six per line), for screens
    with more actions than one line of 80 columns holds: every key stays visible."""

    def __init__(self, *, rows: int = 1) -> None:
        # The app binds Ctrl+P itself (translated "Consultar"); no second palette key.
        super().__init__(show_command_palette=False, compact=True)
        self.rows = rows
        if rows == 2:
            self.styles.height = 2

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        for widget in widgets:
            description = getattr(widget, "description", None)
            if isinstance(description, str) and description:
                description = TEXTUAL_DESCRIPTIONS.get(description, description)
                widget.description = _(description)  # type: ignore[attr-defined]
        if self.rows != 2 or len(widgets) <= 6:
            yield from widgets
            return
        # Two lines, half of the keys on each: Footer itself only lays keys out in one line.
        half = (len(widgets) + 1) // 2
        with Vertical(classes="footer-rows"):
            yield HorizontalGroup(*widgets[:half], classes="footer-row")
            yield HorizontalGroup(*widgets[half:], classes="footer-row")
