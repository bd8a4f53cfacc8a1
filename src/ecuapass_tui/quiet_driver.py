"""The terminal driver of a session on Linux and macOS: Textual's own, with an input thread
that sleeps until something happens.

Textual's LinuxDriver reads the keyboard in a thread that wakes every 0.1 s, to see whether
the app is ending and to end a lone Escape once its timeout passed: ten wakeups a second in
every idle session (about 1 ms of CPU a second; forty idle sessions, 0.5 s every 10 s). This
thread blocks in select() without a timeout while the parser waits for nothing; it wakes for a
byte from the terminal, for the parser's timeout while a sequence is incomplete (as Textual's
does, every 0.1 s), and for the app's end: setting the exit event writes to a pipe that the
select() watches. Keys, pastes, mouse and the Escape key are parsed by Textual as before.

Imported only when Textual chose its LinuxDriver (`EcuapassApp.get_driver_class`).
"""

from __future__ import annotations

import contextlib
import os
import selectors
import threading
from codecs import getincrementaldecoder
from typing import Any

from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

PENDING_SECONDS = 0.1  # Textual's own wait while a sequence is incomplete


class _WakingEvent(threading.Event):
    """The driver's exit event: setting it wakes the input thread's select()."""

    def __init__(self, wake_fd: int) -> None:
        super().__init__()
        self._wake_fd = wake_fd

    def set(self) -> None:
        super().set()
        with contextlib.suppress(OSError):
            os.write(self._wake_fd, b"x")


class QuietLinuxDriver(LinuxDriver):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._wake_read, self._wake_write = os.pipe()
        self.exit_event = _WakingEvent(self._wake_write)

    def close(self) -> None:
        super().close()
        for fd in (self._wake_read, self._wake_write):
            with contextlib.suppress(OSError):
                os.close(fd)

    def run_input_thread(self) -> None:
        """Textual's loop (linux_driver.py), with the wake pipe and no timeout when idle."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        selector.register(self._wake_read, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode

        def timeout() -> float | None:
            # Textual's parser sets _timeout_time while a sequence is incomplete; a Textual
            # without it gets Textual's own 0.1 s.
            pending = getattr(parser, "_timeout_time", PENDING_SECONDS)
            return None if pending is None else PENDING_SECONDS

        def process(events: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            if any(key.fd == self._wake_read for key, _mask in events):
                with contextlib.suppress(OSError):
                    os.read(self._wake_read, 512)
            if any(key.fd == self.fileno for key, _mask in events):
                data = decode(os.read(self.fileno, 1024 * 4), final=final)
                for message in parser.feed(data) if data else ():
                    self.process_message(message)
            for message in parser.tick():
                self.process_message(message)

        try:
            while not self.exit_event.is_set():
                process(selector.select(timeout()))
            selector.unregister(self.fileno)
            process(selector.select(PENDING_SECONDS), final=True)
        finally:
            selector.close()
            with contextlib.suppress(Exception):  # EOFError, ParseError: the input has ended
                for _message in parser.feed(""):
                    pass
