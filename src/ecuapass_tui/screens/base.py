"""Shared pieces of screens: the title bar, field rows with their error line, option screens."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any, Protocol, cast
from weakref import WeakSet

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import Resize, ScreenResume
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.safe import safe

if TYPE_CHECKING:
    from textual.app import App

    from ecuapass_tui.core.menus import MenuOption
    from ecuapass_tui.services.desk import Desk
    from ecuapass_tui.services.dto import Actor, DemoAccount
    from ecuapass_tui.services.keyring_store import Remembered


class EcuapassAppLike(Protocol):
    """What screens need of the App (screens never import app.py: layers go one way)."""

    actor: Actor | None
    remembered: Remembered | None
    demo_accounts: list[DemoAccount]
    language_explicit: bool

    @property
    def desk(self) -> Desk: ...

    def start_session(self, actor: Actor) -> None: ...
    def enter_home(self, actor: Actor) -> None: ...
    def end_session(self) -> None: ...


def ecuapass_app(app: App[Any]) -> EcuapassAppLike:
    return cast(EcuapassAppLike, app)


class AppScreen(Screen[None]):
    """A screen of this app: typed access to the app, the desk and the actor."""

    _resumed = False

    def _on_screen_resume(self, event: ScreenResume) -> None:
        """Runs before Textual's own handler, which restyles every widget of the screen on
        each resume: on the first one, right after mounting styled them all, that second pass
        is wasted (a form of 200 widgets spent about a fifth of its opening there)."""
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    async def _on_resize(self, event: Resize) -> None:
        """Runs before Textual's own handler. The first layout of a new screen sends the
        screen a Resize to the size it was just laid out at, and Textual then lays it out
        again, and every screen under it: skipped when the size is the one laid out."""
        if self._resumed and event.size == self._size:
            event.prevent_default()

    def _on_unmount(self) -> None:
        """The screen closed: its widgets point at one another, so only a collection frees
        them. Collected once the screen under it is drawn, not in the middle of the next
        screen's opening (settle_garbage)."""
        _closed.add(self)
        if not self.app.is_headless:
            self.app.call_after_refresh(settle_garbage)

    @property
    def ecuapass(self) -> EcuapassAppLike:
        return ecuapass_app(self.app)

    @property
    def desk(self) -> Desk:
        return self.ecuapass.desk

    @property
    def actor(self) -> Actor:
        actor = self.ecuapass.actor
        assert actor is not None, "screen needs a logged-in user"
        return actor

    def show_failure(self, message: str, worker: str) -> None:
        """One of this screen's workers (named `worker`) failed: `message` says why, in the
        user's language (screens/failures.py wrote it). A screen with its own message line
        shows it there; what was typed is never touched."""
        self.notify(message, severity="error", markup=False, timeout=10)


_closed: WeakSet[AppScreen] = WeakSet()
FULL_PASS_EVERY = 8
_settled = 0


def settle_garbage() -> None:
    """Collect what the closed screens left, then freeze what is still alive out of later
    collections. Python's full collections walk every object not frozen: a few screens
    opened after the login made them 100-400 ms, and they came in the middle of openings.
    Not frozen when a screen closed since the last time is still held (a thread job of it
    still running): frozen, its widgets would never be freed; it is collected, or frozen,
    the next time. A frozen object that becomes garbage later (a row of the home's mailbox
    replaced) is never collected while frozen: every FULL_PASS_EVERY-th time everything is
    unfrozen first, so such leftovers are freed within a few screens. The tests skip this
    (headless): their apps come and go in one process."""
    global _settled
    _settled += 1
    if _settled % FULL_PASS_EVERY == 0:
        gc.unfreeze()
    gc.collect()
    held = len(_closed)
    _closed.clear()
    if not held:
        gc.freeze()


def title_bar(text: str) -> Static:
    return Static(safe(text, single_line=True), classes="title-bar")


def support_breadcrumb(text: str) -> Static:
    """'Soporte al Cliente > text', the breadcrumb of the account screens of the login."""
    return Static(
        safe(_("Soporte al Cliente") + " > " + text, single_line=True), classes="breadcrumb"
    )


class FieldRow(Horizontal):
    """A label and an input on one line; the input's own error line goes right under it,
    mounted when needed (fewer widgets make the first screen faster)."""

    DEFAULT_CSS = """
    FieldRow { height: auto; min-height: 1; }
    """

    def __init__(self, label: str, field: Widget, *, name: str) -> None:
        super().__init__(id=f"row-{name}", classes="field-row")
        self.label = label
        self.field = field
        self.field_name = name

    def compose(self) -> ComposeResult:
        yield Static(safe(self.label, single_line=True), classes="field-label")
        yield self.field

    def show_error(self, message: str | None) -> None:
        parent = self.parent
        assert isinstance(parent, Widget)
        found = parent.query_children(f"#error-{self.field_name}")
        if not message:
            if found:
                found.first(Static).update("")
                found.first(Static).set_class(True, "-empty")
            return
        if found:
            error = found.first(Static)
        else:
            error = Static("", id=f"error-{self.field_name}", classes="field-error")
            parent.mount(error, after=self)
        error.update(safe(message))
        error.set_class(False, "-empty")


class OptionScreen(AppScreen):
    """An Ecuapass option: breadcrumb 'Menu > number title', Escape goes back home."""

    OPTION_NUMBER = ""
    BINDINGS = [Binding("escape", "app.pop_screen", N_("Volver"), id="back")]

    @property
    def option(self) -> MenuOption:
        from ecuapass_tui.core.menus import registry  # not needed by the login screen

        option = registry().option(self.OPTION_NUMBER)
        assert option is not None
        return option

    def compose_header(self) -> ComposeResult:
        from ecuapass_tui.core.menus import registry

        option = self.option
        menu = next(m for m in registry().menus if m.id == option.menu)
        language = self.actor.language
        yield title_bar(f"ECUAPASS · {option.label(language)}")
        yield Static(
            safe(f"{menu.title(language)} > {option.label(language)}", single_line=True),
            classes="breadcrumb",
        )

    def compose_footer(self) -> ComposeResult:
        yield LocalFooter()
