"""The Textual App: holds the Desk (services), the session's Actor, and little else.

The login screen is drawn before the database is opened: `connect` runs in a thread worker
(importing SQLAlchemy and Alembic, checking the schema, detecting the keyring) while the user
already sees the screen. Workers that need the Desk wait for it; a database that cannot be
opened ends the app with its message and exit status 2.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.message import Message

from ecuapass_tui import i18n
from ecuapass_tui.core.clock import Clock
from ecuapass_tui.i18n import N_
from ecuapass_tui.screens.cuentas.admin_create import AdminCreateScreen
from ecuapass_tui.screens.cuentas.session import apply_theme, january_warning
from ecuapass_tui.screens.failures import failure_text, report_failure
from ecuapass_tui.screens.login import LoginScreen
from ecuapass_tui.screens.oce_select import OceSelectScreen
from ecuapass_tui.screens.styles import APP_CSS, SCREEN_STYLES
from ecuapass_tui.services.dto import Actor, DemoAccount
from ecuapass_tui.texts import unexpected_text

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.dom import DOMNode
    from textual.driver import Driver

    from ecuapass_tui.config import Settings
    from ecuapass_tui.services.desk import Desk
    from ecuapass_tui.services.keyring_store import Remembered

ANSI_THEME = "ansi-dark"
DEFAULT_THEME = "textual-dark"
CONNECT_TIMEOUT = 120.0
CONNECT_DELAY = 0.3


def _menu_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (not at start-up)."""
    from ecuapass_tui.screens.commands import MenuCommands

    return MenuCommands


class StartupError(Exception):
    """The database could not be opened; the message is for the user."""


Connector = Callable[[], "tuple[Desk, Remembered]"]


def choose_theme(configured: str | None, color_system: str | None, environ: dict[str, str]) -> str:
    """A 16-colour terminal (TERM=xterm) gets the ansi theme: the terminal's own 16 colours.
    With NO_COLOR, Textual draws the theme in shades of grey; its grey filter cannot see the
    terminal's own colours, so there the default theme is used (the ansi one came out black
    on black). Otherwise a configured theme wins over the default."""
    if environ.get("NO_COLOR"):
        return DEFAULT_THEME
    if configured:
        return configured
    if color_system in (None, "standard", "windows"):
        return ANSI_THEME
    return DEFAULT_THEME


class EcuapassApp(App[None]):
    TITLE = "ECUAPASS"
    CSS_PATH = APP_CSS
    COMMANDS = {lambda: _menu_commands()}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS = [
        # Priority: focus moves when the key arrives, so keys typed right after Tab (a burst
        # over a slow SSH link) land in the next field instead of the one being left.
        Binding("tab", "focus_next", N_("Siguiente"), show=False, priority=True, id="next"),
        Binding(
            "shift+tab", "focus_previous", N_("Anterior"), show=False, priority=True, id="previous"
        ),
        Binding("ctrl+p", "command_palette", N_("Consultar"), id="consultar", priority=True),
        # Shown in the login footer (LoginScreen); on other screens the footer has no room.
        Binding("ctrl+q", "quit", N_("Salir"), id="quit", priority=True, show=False),
    ]

    class Connected(Message):
        """The database is open (posted by the connect worker)."""

        def __init__(self, needs_first_admin: bool) -> None:
            super().__init__()
            self.needs_first_admin = needs_first_admin

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver; on Linux and macOS its keyboard thread sleeps while idle."""
        driver = super().get_driver_class()
        if driver.__name__ != "LinuxDriver":
            return driver
        from ecuapass_tui.quiet_driver import QuietLinuxDriver

        return QuietLinuxDriver

    def __init__(
        self,
        desk: Desk | None = None,
        *,
        connect: Connector | None = None,
        settings: Settings | None = None,
        language: str = "es",
        language_explicit: bool = False,
        theme: str | None = None,
        remembered: Remembered | None = None,
        demo_accounts: list[DemoAccount] | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__()
        # The run's clock, known before the database opens (forms on the login screen use it);
        # the Desk's once one is given.
        self.clock: Clock = clock or (desk.clock if desk is not None else Clock())
        if self.no_color:
            from ecuapass_tui.widgets.no_color import use_readable_greys

            use_readable_greys(self)
        if (desk is None) == (connect is None):
            raise ValueError("give either a desk or a connect function")
        self._desk = desk
        self._connector = connect
        self._db_ready = threading.Event()
        self._connect_error: str | None = None
        self.settings = settings
        self.actor: Actor | None = None
        self.remembered = remembered
        self.demo_accounts = list(demo_accounts or [])
        if desk is not None:
            self._db_ready.set()
            if desk.demo_mode and not self.demo_accounts:
                from ecuapass_tui.services.demo.login_list import demo_accounts as listed

                self.demo_accounts = listed()
        self.language_explicit = language_explicit
        self.requested_theme = theme
        self.animation_level = "none"
        i18n.set_language(language)

    # -- the database
    @property
    def connected(self) -> bool:
        return self._db_ready.is_set() and self._connect_error is None

    @property
    def startup_error(self) -> str | None:
        """Why the database could not be opened; the command line prints it once the
        terminal is restored, as one line (exit status 2)."""
        return self._connect_error

    @property
    def desk(self) -> Desk:
        """The services; waits for the connection (call it from thread workers)."""
        if not self._db_ready.wait(CONNECT_TIMEOUT) or self._desk is None:
            raise RuntimeError(self._connect_error or "database not connected")
        return self._desk

    def _open_connection(self) -> None:
        assert self._connector is not None
        try:
            desk, remembered = self._connector()
            needs_admin = desk.needs_first_admin()
        except StartupError as error:
            self._connect_error = str(error)
            self._db_ready.set()
            self.call_from_thread(self.exit, None, 2)
            return
        self._desk = desk
        self.remembered = remembered
        self._db_ready.set()
        self.post_message(self.Connected(needs_admin))

    def _start_connection(self) -> None:
        self.run_worker(self._open_connection, thread=True, name="connect", exit_on_error=True)

    @on(Connected)
    def _connected(self, message: Connected) -> None:
        self._read_screen_styles()
        if message.needs_first_admin:
            self.switch_screen(AdminCreateScreen())
            return
        screen = self.screen
        refresh = getattr(screen, "on_connected", None)
        if callable(refresh):
            refresh()

    def _read_screen_styles(self) -> None:
        """The screens' rules (home, accounts, Mesa, trámites...), read while the login screen
        waits: a screen's own stylesheet read when the screen is first shown makes Textual
        parse every stylesheet again and restyle every widget of every screen (50-120 ms of
        the login, or of the first screen of each kind); here only the new files are parsed
        (a few ms, after the first paint). No widget of the login screen matches their rules."""
        unread = [path for path in SCREEN_STYLES if not self.stylesheet.has_source(path)]
        for path in unread:
            self.stylesheet.read(path)
        if unread:
            self.stylesheet.parse()

    # -- faults and bugs
    def _handle_exception(self, error: Exception) -> None:
        """Textual calls this with every error nobody caught. A worker's failure never ends the
        app: it goes to screens/failures.py (one message on the worker's screen). Anything else
        is a bug that leaves the app unusable: its traceback, without local variables, goes to
        the log file, and the app ends with one line naming it (Textual's own report would show
        local variables: what the user typed)."""
        from textual.worker import WorkerFailed, active_worker

        cause: BaseException = error.error if isinstance(error, WorkerFailed) else error
        worker = active_worker.get(None) if isinstance(error, WorkerFailed) else None
        if worker is not None and worker.name != "connect":
            try:
                unexpected = report_failure(self, worker, cause)
            except Exception as failed:  # reporting it must not become the crash
                cause = failed
            else:
                if unexpected and self._exception is None and isinstance(cause, Exception):
                    self._exception = cause  # a bug: run_test re-raises it, so tests notice
                return
        elif worker is not None:  # the database could not be opened
            if (message := failure_text(cause)) is not None:
                self._connect_error = message  # a fault: say why
                self._db_ready.set()
                self.exit(None, 2)  # the command line prints the message
                return
            self._db_ready.set()  # workers waiting for the database give up
        from ecuapass_tui.crash_log import write_crash_log

        self._return_code = 1
        if self._exception is None:
            self._exception = cause if isinstance(cause, Exception) else error
            self._exception_event.set()
        self._exit_renderables.append(unexpected_text(write_crash_log(cause, where="app")))
        self._close_messages_no_wait()

    def _print_error_renderables(self) -> None:
        """What the app ends with: each text is one line on stderr, never wrapped (a file's
        path stays whole and can be copied) and never read as markup."""
        for item in self._exit_renderables:
            if isinstance(item, str):
                sys.stderr.write(item.rstrip("\n") + "\n")
            else:
                self.error_console.print(item)
        sys.stderr.flush()
        self._exit_renderables.clear()

    # -- start and stop
    def on_mount(self) -> None:
        self.theme = choose_theme(self.requested_theme, self.console.color_system, dict(os.environ))
        try:
            import asyncio

            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self._hang_up)
        except (NotImplementedError, RuntimeError, ValueError):
            pass

        if self._connector is not None:
            self.push_screen(LoginScreen())
            # Once the login screen is drawn: the worker's imports (SQLAlchemy, Alembic) would
            # otherwise share the GIL with the first paints. Nobody types RUC, ID and password
            # in 0.3 s; a login submitted earlier waits for the connection.
            self.set_timer(CONNECT_DELAY, self._start_connection)
        elif self.desk.needs_first_admin():
            self.push_screen(AdminCreateScreen())
        else:
            self.push_screen(LoginScreen())

    def _hang_up(self) -> None:
        """SIGHUP (the SSH link dropped): save the open form's draft, then end cleanly."""
        for screen in reversed(self.screen_stack):
            flush = getattr(screen, "flush_draft", None)
            if callable(flush):
                # The app must end even if this fails; the draft saved while typing stays.
                with contextlib.suppress(Exception):
                    flush()
        self.exit()

    # -- session
    def start_session(self, actor: Actor) -> None:
        from ecuapass_tui.screens.home import HomeScreen

        self.actor = actor
        i18n.set_language(actor.language)
        # Python's full garbage collections walk every object the program holds (about 175,000
        # once logged in: Textual, SQLAlchemy, the session) and came in the middle of opening
        # screens, hundreds of ms each under load. What exists now lives as long as the program:
        # frozen, it is left out of them (once: the login screen it keeps is small).
        if not gc.get_freeze_count():
            gc.freeze()
        self.run_worker(lambda: self._session_start(actor), thread=True, name="session-start")
        if actor.company_id is not None:
            self.switch_screen(OceSelectScreen())
        else:
            self.switch_screen(HomeScreen())

    def _session_start(self, actor: Actor) -> None:
        """The theme chosen in 3.11.2 (NO_COLOR still wins), and the January rule's warning."""
        theme, january = self.desk.session_start(actor)
        if theme and not os.environ.get("NO_COLOR"):
            self.call_from_thread(apply_theme, self, theme)
        if january == "warning":
            self.call_from_thread(january_warning, self)

    def enter_home(self, actor: Actor) -> None:
        from ecuapass_tui.screens.home import HomeScreen

        self.actor = actor
        self.switch_screen(HomeScreen())

    def end_session(self) -> None:
        actor, self.actor = self.actor, None
        if actor is not None:
            self.run_worker(lambda: self.desk.logout(actor), thread=True, name="logout")
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(LoginScreen())

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        """Textual restyles a widget and all its children whenever a class changes, even one
        not mounted yet (`compact=True` in a constructor sets a class): that work is wasted,
        as mounting styles it anyway. A form of 30 fields spent about a tenth of its mount
        there."""
        if node is self or node.is_attached:
            super().update_styles(node, animate)

    # -- Textual's own texts, in the user's language
    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from ecuapass_tui.screens.commands import LocalCommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(LocalCommandPalette())

    def action_help_quit(self) -> None:
        """Ctrl+C (copy in a field) no longer quits: say which key does."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(
                    i18n._("Pulse {tecla} para salir de la aplicación.").format(tecla=key),
                    title=i18n._("¿Desea salir?"),
                    markup=False,
                )
                return
