"""A Footer whose binding descriptions follow the language chosen at login.

The keys are composed here from the screen's active bindings (public API): each description,
a Spanish msgid, is translated when its key is made, as Textual's own Footer keys look."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import HorizontalGroup, Vertical
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.widgets.redraw import repaint_only_what_changes

# Every screen of ours has this footer (or is pushed after it was imported): a Tab repaints
# what it changed, not the whole screen, and a screen hidden under another repaints nothing.
repaint_only_what_changes()

# Textual's own widgets name some keys in English (the Select's open list: "esc Dismiss menu").
TEXTUAL_DESCRIPTIONS = {
    "Dismiss menu": N_("Cerrar la lista"),
    "Exit the command palette": N_("Cerrar"),
    "Open link": N_("Abrir el enlace"),
}


# A key as the footer shows it: key, key display, description, disabled, tooltip.
ShownKey = tuple[str, str, str, bool, str]


def shown_text(description: str) -> str:
    """A binding's description as the footer shows it: translated, Textual's own included."""
    description = TEXTUAL_DESCRIPTIONS.get(description, description)
    return _(description) if description else ""


class FooterKey(Widget):
    """One key and its description, drawn as Textual's compact Footer draws its keys; a click
    presses the key (a disabled one rings the bell)."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description"}
    DEFAULT_CSS = """
    FooterKey {
        width: auto;
        height: 1;
        text-wrap: nowrap;
        background: $footer-item-background;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
            padding: 0;
        }
        .footer-key--description {
            padding: 0 0 0 1;
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        &:hover {
            pointer: pointer;
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        &.-disabled {
            text-style: dim;
        }
    }
    """

    def __init__(
        self, key: str, key_display: str, description: str, *, disabled: bool, tooltip: str
    ) -> None:
        super().__init__(classes="-disabled" if disabled else "")
        self.key = key
        self.key_display = key_display
        self.description = description
        self.off = disabled
        self.set_reactive(Widget.shrink, False)
        if tooltip:
            self.tooltip = tooltip

    @classmethod
    def of(cls, shown: ShownKey) -> FooterKey:
        key, display, description, disabled, tooltip = shown
        return cls(key, display, description, disabled=disabled, tooltip=tooltip)

    def show(self, shown: ShownKey) -> None:
        """Become another key in place: only this key is repainted, and the row is laid out
        again only when its width changed."""
        if shown == (self.key, self.key_display, self.description, self.off, self.tooltip or ""):
            return
        width = len(self.key_display) + len(self.description)
        self.key, self.key_display, self.description, self.off, tooltip = shown
        self.tooltip = tooltip or None
        self.set_class(self.off, "-disabled")
        self.refresh(layout=len(self.key_display) + len(self.description) != width)

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """A key resized by a layout is drawn in that layout's frame; Textual would lay it out
        and draw it once more in the next frame (its virtual size, which a key does not use)."""
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer-key--key")
        description_style = self.get_component_rich_style("footer-key--description")
        key_padding = self.get_component_styles("footer-key--key").padding
        description_padding = self.get_component_styles("footer-key--description").padding
        shown = " " * key_padding.left + self.key_display + " " * key_padding.right
        if self.description:
            label = Text.assemble(
                (shown, key_style),
                (
                    " " * description_padding.left
                    + self.description
                    + " " * description_padding.right,
                    description_style,
                ),
            )
        else:
            label = Text.assemble((self.key_display, key_style))
        label.stylize_before(self.rich_style)
        return label

    def on_mouse_down(self) -> None:
        if self.off:
            self.app.bell()
        else:
            self.app.simulate_key(self.key)


class LocalFooter(Footer):
    """Binding descriptions are Spanish msgids (marked with N_); shown translated.

    With `rows=2` the keys are laid out on a grid of two lines (six per line), for screens
    with more actions than one line of 80 columns holds: every key stays visible."""

    DEFAULT_CSS = """
    LocalFooter FooterKey {
        margin-right: 1;
    }
    LocalFooter .footer-rows {
        height: 2;
        width: 1fr;
    }
    LocalFooter .footer-row {
        height: 1;
        width: 1fr;
    }
    """

    def __init__(self, *, rows: int = 1) -> None:
        # The app binds Ctrl+P itself (translated "Consultar"); no second palette key.
        super().__init__(show_command_palette=False, compact=True)
        self.rows = rows
        if rows == 2:
            self.styles.height = 2
        self.shown: tuple[tuple[str, str, str, bool, str], ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        """Redraw only what the focus changed: nothing when the keys shown stay (Tab from
        field to field), the keys that differ when their number and rows stay, and the whole
        footer otherwise. Each byte counts on an SSH link."""
        shown = tuple(
            (binding.key, binding.action, shown_text(binding.description), enabled, tooltip)
            for _node, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )
        if shown == self.shown:
            return
        drawn = self.shown is not None
        self.shown = shown
        if drawn and self.is_attached and screen is self.screen and screen.app.app_focus:
            self.call_after_refresh(self._show_keys)
            return
        super().bindings_changed(screen)

    async def _show_keys(self) -> None:
        """Update the FooterKeys in place, adding or removing keys at the end of one line;
        recompose when the two lines must share the keys anew."""
        if not self.is_attached:
            return
        wanted = self.shown_keys()
        keys = list(self.query(FooterKey))
        if len(keys) != len(wanted) and self.rows == 2 and max(len(keys), len(wanted)) > 6:
            await self.recompose()
            return
        with self.app.batch_update():  # one paint of the footer, not one per key
            for key, shown in zip(keys, wanted, strict=False):
                key.show(shown)
            if len(keys) > len(wanted):
                await self.remove_children(keys[len(wanted) :])
            elif len(keys) < len(wanted):
                await self.mount_all(FooterKey.of(shown) for shown in wanted[len(keys) :])

    def shown_keys(self) -> list[ShownKey]:
        """One key per action shown, its first binding's, in the screen's order."""
        first: dict[str, ShownKey] = {}
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in first:
                display = self.app.get_key_display(binding)
                description = shown_text(binding.description)
                first[binding.action] = (binding.key, display, description, not enabled, tooltip)
        return list(first.values())

    def keys(self) -> list[FooterKey]:
        """The footer's keys, as widgets."""
        return [FooterKey.of(shown) for shown in self.shown_keys()]

    def compose(self) -> ComposeResult:
        widgets = self.keys()
        if self.rows != 2 or len(widgets) <= 6:
            yield from widgets
            return
        # Two lines, half of the keys on each: Footer itself only lays keys out in one line.
        half = (len(widgets) + 1) // 2
        with Vertical(classes="footer-rows"):
            yield HorizontalGroup(*widgets[:half], classes="footer-row")
            yield HorizontalGroup(*widgets[half:], classes="footer-row")
