"""What a key redraws: a focus change repaints only the widgets it concerns, and a screen
hidden under another repaints nothing.

Textual repaints the whole screen whenever the focus moves (its `Screen.focused` reactive
repaints on change): about 6 KB at 80x24 on every Tab, on every SSH link. The widgets that
lose and gain the focus, and the containers whose styles follow it (`:focus-within`), repaint
themselves anyway, so the whole-screen repaint draws nothing new.

Textual also counts the screen just below the top one as visible, even when the top screen
is opaque, and repaints the whole top screen whenever that hidden screen changes (a timer of
the home screen while a form is open over it: about 12 KB, and again at every later wake-up,
since that hidden screen stays marked for a repaint). Nothing of a screen under an opaque one
can be seen; it is repainted whole when it is shown again (Textual repaints a resumed
screen).

A table (DataTable) or a tree (Tree) that gains or loses the focus is repainted whole by
Textual (1-5 KB): its styles are computed again, and every line is drawn again even when
only its cursor looks different. The stylesheet (styles/app.tcss) keeps everything but the
cursor as it is without the focus; then only the cursor's line is repainted. Should another
part of the look follow the focus, the whole widget is repainted as before."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from textual.app import App
from textual.css._style_properties import ColorProperty, ScrollbarColorProperty
from textual.css.styles import StylesBase
from textual.geometry import Region
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget

if TYPE_CHECKING:
    from textual import events
    from textual.widgets import DataTable, Tree

# The parts of a table's or a tree's look that follow the focus and are repainted on their
# own, by the component class that tells which kind of widget it is (DataTable is not
# imported here: the login screen has none).
CURSOR_PARTS = {
    "datatable--cursor": frozenset({"datatable--cursor", "datatable--fixed-cursor"}),
    "tree--cursor": frozenset({"tree--cursor", "tree--guides-selected"}),
}


def repaint_only_what_changes() -> None:
    """On every screen, modal ones included: setting the focused widget repaints nothing
    more than the widgets whose focus or styles changed, and a screen covered by an opaque
    one repaints nothing. Idempotent."""
    if not getattr(Screen._compositor_refresh, "skips_hidden_screens", False):
        hidden_aware = _unless_hidden(Screen._compositor_refresh)
        Screen._compositor_refresh = hidden_aware  # type: ignore[method-assign, assignment]
    if not getattr(ScrollbarColorProperty.__set__, "repaints_on_change", False):
        ScrollbarColorProperty.__set__ = _on_change(ScrollbarColorProperty.__set__)  # type: ignore[method-assign, assignment]
    if not getattr(App._start_widget, "styles_scrollbars", False):
        App._start_widget = _styled_scrollbars(App._start_widget)  # type: ignore[method-assign, assignment]
    if not getattr(Widget._on_focus, "repaints_cursor_only", False):
        Widget._on_focus = _cursor_only(Widget._on_focus)  # type: ignore[method-assign, assignment]
        Widget._on_blur = _cursor_only(Widget._on_blur)  # type: ignore[method-assign, assignment]
    if not Screen.__dict__["focused"]._repaint:
        return
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    focused.__set_name__(Screen, "focused")
    Screen.focused = focused


def _unless_hidden(refresh: Callable[[Screen[Any]], None]) -> Callable[[Screen[Any]], None]:
    """Textual's compositor refresh, except for a screen under an opaque top screen: what
    it marked as changed is forgotten (its own widgets stay marked, and the whole screen is
    repainted when it is resumed) instead of repainting the top screen."""

    def refresh_unless_hidden(screen: Screen[Any]) -> None:
        app = screen.app
        top = app.screen
        if screen is not top and not app.is_inline and top.styles.background.a == 1:
            screen._dirty_widgets.clear()
            screen._compositor._dirty_regions.clear()
            return
        refresh(screen)

    refresh_unless_hidden.skips_hidden_screens = True  # type: ignore[attr-defined]
    return refresh_unless_hidden


NOWHERE = Region(0, 0, 0, 0)
EventT = TypeVar("EventT", "events.Focus", "events.Blur")


def _cursor_only(handler: Callable[[Widget, EventT], None]) -> Callable[[Widget, EventT], None]:
    """Widget._on_focus or _on_blur; for a table or a tree, the whole-widget repaints it
    causes are held and only its cursor is repainted, unless more than the cursor changed."""

    def on_focus_change(widget: Widget, event: EventT) -> None:
        parts = _cursor_parts(widget)
        if parts is None:
            handler(widget, event)
            return
        before = _look(widget, parts)
        plain = _plain_guides(widget)  # a focused tree's guides, read while it has the focus
        held: list[bool] = []
        refresh = widget.refresh

        def hold(
            *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
        ) -> Widget:
            if regions or recompose:
                return refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
            held.append(layout)
            return refresh(NOWHERE)  # its caches of styles are cleared, nothing is repainted

        widget.refresh = hold  # type: ignore[method-assign, assignment]
        try:
            handler(widget, event)
        finally:
            del widget.refresh
        if _look(widget, parts) != before:
            widget.refresh(layout=any(held))
        elif held:
            _refresh_cursor(widget, plain or _plain_guides(widget))

    on_focus_change.repaints_cursor_only = True  # type: ignore[attr-defined]
    return on_focus_change


def _cursor_parts(widget: Widget) -> frozenset[str] | None:
    components = widget._get_component_classes()
    return next((parts for name, parts in CURSOR_PARTS.items() if name in components), None)


def _look(widget: Widget, parts: frozenset[str]) -> tuple[object, object]:
    """The widget's own rules and the styles of its parts but the cursor's."""
    others = {
        name: styles for name, styles in widget._component_styles.items() if name not in parts
    }
    return widget.styles.get_rules(), others


def _plain_guides(widget: Widget) -> bool:
    """A focused tree draws the guides under its cursor's node as the others."""
    parts = widget._component_styles
    if not widget.has_focus or "tree--guides" not in parts:
        return False
    return bool(parts["tree--guides"].get_rules() == parts["tree--guides-selected"].get_rules())


def _refresh_cursor(widget: Widget, plain_guides: bool) -> None:
    if "tree--cursor" in widget._get_component_classes():
        tree = cast("Tree[Any]", widget)
        if plain_guides:
            tree._refresh_line(tree.cursor_line)
        elif tree.cursor_node is not None:
            tree._refresh_node(tree.cursor_node)  # its line and the guides under it
        return
    table = cast("DataTable[Any]", widget)
    if not table.show_cursor or not table.row_count:
        return
    if table.cursor_type == "row":
        table.refresh_row(table.cursor_row)
    elif table.cursor_type == "column":
        table.refresh_column(table.cursor_column)
    elif table.cursor_type == "cell":
        table.refresh_coordinate(table.cursor_coordinate)


SetColor = Callable[[ScrollbarColorProperty, StylesBase, Any], None]


def _on_change(set_color: SetColor) -> SetColor:
    """A scrollbar colour set from the stylesheet repaints the scrollbars only when it
    changed: Textual sets every rule again when a widget is styled anew (on each focus change
    of a table or a tree) and repainted its scrollbars each time."""

    def set_scrollbar_color(prop: ScrollbarColorProperty, obj: StylesBase, color: Any) -> None:
        before = obj.get_rule(prop.name)  # type: ignore[arg-type]
        ColorProperty.__set__(prop, obj, color)
        if obj.get_rule(prop.name) != before:  # type: ignore[arg-type]
            set_color(prop, obj, color)

    set_scrollbar_color.repaints_on_change = True  # type: ignore[attr-defined]
    return set_scrollbar_color


StartWidget = Callable[[App[Any], Widget, Widget], None]


def _styled_scrollbars(start_widget: StartWidget) -> StartWidget:
    """A scrollbar is styled when Textual creates it, as every other widget is when mounted:
    Textual styled it only at its widget's next restyle (its first focus), which then laid
    out and repainted it twice (about 1.2 KB)."""

    def start_styled(app: App[Any], parent: Widget, widget: Widget) -> None:
        start_widget(app, parent, widget)
        if type(widget).__name__ in ("ScrollBar", "ScrollBarCorner"):
            app.stylesheet.apply(widget)

    start_styled.styles_scrollbars = True  # type: ignore[attr-defined]
    return start_styled


class QuietLayout(Widget):
    """A container drawing nothing that follows its children (a border, a title, a
    background). While `quiet()` holds, its layouts repaint only what moved: the layout
    compares each widget's place before and after and repaints those that changed, so
    children mounted or removed off screen write nothing."""

    _quiet = 0

    def quiet(self) -> None:
        """Hold the repaints of its layouts until the screen has been refreshed once after
        `loud()` (mounting and removing finish in callbacks after their await)."""
        self._quiet += 1

    def loud(self) -> None:
        self.screen.call_after_refresh(self._lower)

    def _lower(self) -> None:
        self._quiet = max(0, self._quiet - 1)

    def refresh(  # type: ignore[override]  # Widget's own signature (DOMNode's has no regions)
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        if self._quiet and layout and not regions and not recompose:
            repaint = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
