"""A program in a pseudo-terminal, and a reader that finds text in what it draws.

Textual draws each line segment whole (cursor move, style, text), so once the escape sequences
are stripped from the output stream the characters of one line segment are contiguous: a
substring search finds any text that was drawn on one line.
"""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

import pexpect

# CSI (cursor moves, styles, modes), OSC (titles, hyperlinks, clipboard) ended by BEL or ST,
# DCS/PM/APC strings, two-character escapes (charsets, keypad modes, save/restore cursor).
ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[\x20-/]*[@-~]
  | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)
  | \x1b[PX^_][^\x1b]*\x1b\\
  | \x1b[()*+][0-9A-Za-z]
  | \x1b[\x20-/]*[0-~]
  | [\x00-\x08\x0b-\x1f\x7f]
    """,
    re.VERBOSE,
)

LEAVE_ALT_SCREEN = b"\x1b[?1049l"
ENTER_ALT_SCREEN = b"\x1b[?1049h"


def strip_escapes(raw: bytes) -> str:
    return ESCAPES.sub("", raw.decode("utf-8", errors="replace"))


class Terminal:
    """`pexpect.spawn` at 80x24 that keeps every byte the program wrote."""

    def __init__(
        self,
        argv: list[str | Path],
        *,
        env: dict[str, str],
        cwd: Path,
        rows: int = 24,
        cols: int = 80,
    ) -> None:
        self.raw = bytearray()
        self.child = pexpect.spawn(
            str(argv[0]),
            [str(a) for a in argv[1:]],
            env=env,
            cwd=str(cwd),
            dimensions=(rows, cols),
            echo=False,
        )
        self._mark = 0

    @property
    def pid(self) -> int:
        return int(self.child.pid)

    @property
    def text(self) -> str:
        return strip_escapes(bytes(self.raw))

    def pump(self, timeout: float = 0.05) -> int:
        """Read what is available (waiting at most `timeout`); returns the byte count."""
        try:
            chunk = self.child.read_nonblocking(65536, timeout=timeout)
        except pexpect.TIMEOUT:
            return 0
        except pexpect.EOF:
            return -1
        self.raw.extend(chunk)
        return len(chunk)

    def mark(self) -> None:
        """Later `wait_for` calls only look at output written after this point."""
        self._mark = len(self.raw)

    def wait_for(self, *needles: str, timeout: float = 20.0) -> str:
        """Wait until every needle has been drawn since the last mark; return that text."""
        deadline = time.monotonic() + timeout
        while True:
            seen = strip_escapes(bytes(self.raw[self._mark :]))
            if all(n in seen for n in needles):
                return seen
            if time.monotonic() > deadline:
                missing = [n for n in needles if n not in seen]
                raise AssertionError(
                    f"not drawn within {timeout} s: {missing}\n--- screen text (tail)\n"
                    f"{seen[-3000:]}"
                )
            if self.pump(0.1) < 0:
                seen = strip_escapes(bytes(self.raw[self._mark :]))
                if all(n in seen for n in needles):
                    return seen
                raise AssertionError(
                    f"program ended before drawing {needles}\n--- screen text (tail)\n"
                    f"{seen[-3000:]}"
                )

    def wait_quiet(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Wait until nothing has been written for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        last = time.monotonic()
        while time.monotonic() < deadline:
            n = self.pump(0.05)
            now = time.monotonic()
            if n < 0:
                return
            if n > 0:
                last = now
            elif now - last >= quiet:
                return
        raise AssertionError(f"still drawing after {timeout} s")

    def send(self, data: str, pause: float = 0.2) -> None:
        self.child.send(data)
        self.wait_quiet(pause, timeout=10.0)

    def type(self, text: str, pause: float = 0.05) -> None:
        """One key at a time, as a person types."""
        for char in text:
            self.child.send(char)
            self.pump(pause)

    def wait_exit(self, timeout: float = 10.0) -> tuple[int | None, int | None]:
        """Drain the output until the program ends; returns (exit status, signal number)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.pump(0.1) < 0:
                break
        else:
            raise AssertionError(
                f"still running {timeout} s later\n--- screen text (tail)\n{self.text[-2000:]}"
            )
        # EOF on the pty: the program closed it; reap it (it can take a moment to exit).
        while self.child.isalive() and time.monotonic() < deadline:
            time.sleep(0.05)
        if self.child.isalive():
            raise AssertionError("closed the terminal but did not exit")
        self.child.close(force=False)
        return self.child.exitstatus, self.child.signalstatus

    def kill(self, sig: int = signal.SIGHUP) -> None:
        os.kill(self.pid, sig)

    def hang_up(self, timeout: float = 10.0) -> tuple[int | None, int | None]:
        """Close our end of the terminal, as a dropped SSH connection does; the kernel then
        sends SIGHUP and every later write to the terminal fails. Returns how it ended."""
        self.child.ptyproc.fileobj.close()
        self.child.ptyproc.closed = True  # pexpect must not close it, nor signal the program
        deadline = time.monotonic() + timeout
        while self.child.isalive():
            if time.monotonic() > deadline:
                raise AssertionError(f"still running {timeout} s after the terminal hung up")
            time.sleep(0.05)
        self.child.close(force=False)
        return self.child.exitstatus, self.child.signalstatus

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)
        try:
            self.child.close(force=True)
        except Exception:
            pass
