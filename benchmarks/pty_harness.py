"""Run a command in a pseudo-terminal (stdlib `pty`) and record its output with timestamps.

Only the standard library: `pty.fork`, `select` and `os.read`. Every chunk the program writes
is kept as (seconds since the fork, bytes), so a caller can ask when a text was first drawn,
when the output went quiet, and how many bytes were written in any interval.

Nothing answers the program's terminal queries (as with a slow or dumb terminal); both
programs under comparison get the same treatment.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[\x20-/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1b[PX^_][^\x1b]*\x1b\\"  # DCS, SOS, PM, APC
    r"|\x1b[()*+][0-9A-Za-z]"  # charset designation
    r"|\x1b[\x20-/]*[0-~]"  # other two-character escapes
    r"|[\x00-\x08\x0b-\x1f\x7f]"  # control characters except tab and newline
)


def strip_escapes(raw: bytes) -> str:
    """The text the program drew, without escape sequences (one line segment stays whole)."""
    return _ESCAPES.sub("", raw.decode("utf-8", errors="replace"))


class PtyProcess:
    """A child process on the slave side of a new pty of `rows` x `cols`."""

    def __init__(
        self,
        argv: Sequence[str | Path],
        *,
        env: Mapping[str, str] | None = None,
        cwd: str | Path | None = None,
        rows: int = 24,
        cols: int = 80,
    ) -> None:
        args = [str(a) for a in argv]
        if os.sep in args[0]:  # a relative program path means relative to our cwd, not `cwd`
            args[0] = os.path.abspath(args[0])
        environ = dict(os.environ if env is None else env)
        self.chunks: list[tuple[float, bytes]] = []
        self.returncode: int | None = None
        self.t0 = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # child: the pty is already stdin, stdout, stderr and controlling tty
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                if cwd is not None:
                    os.chdir(cwd)
                os.execve(args[0], args, environ)
            finally:
                os._exit(127)
        self.pid = pid
        self.fd = fd

    # ------------------------------------------------------------------ reading
    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.t0

    @property
    def total_bytes(self) -> int:
        return sum(len(c) for _, c in self.chunks)

    def read(self, timeout: float) -> int:
        """Read what arrives within `timeout` s; -1 once the program closed the terminal."""
        if self.fd < 0:
            return -1
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not ready:
            return 0
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: every slave descriptor is closed
            data = b""
        if not data:
            return -1
        self.chunks.append((self.elapsed, data))
        return len(data)

    def output(self, start: int = 0) -> bytes:
        """All bytes from chunk index `start` on."""
        return b"".join(c for _, c in self.chunks[start:])

    def wait_for_text(self, needle: str, timeout: float = 30.0) -> float:
        """Wait until `needle` has been drawn; returns the time of the chunk that drew it."""
        deadline = time.perf_counter() + timeout
        while True:
            if needle in strip_escapes(self.output()):
                return self.chunks[-1][0]
            if time.perf_counter() > deadline:
                tail = strip_escapes(self.output())[-1500:]
                raise TimeoutError(f"{needle!r} not drawn within {timeout} s; text: {tail}")
            if self.read(0.05) < 0:
                raise EOFError(f"the program ended before drawing {needle!r}")

    def wait_quiet(self, quiet: float = 0.1, timeout: float = 30.0) -> float:
        """Wait until nothing has been written for `quiet` s, counted from this call at the
        earliest; returns the time of the last output (which may be before this call)."""
        deadline = time.perf_counter() + timeout
        quiet_from = self.elapsed
        while True:
            last = self.chunks[-1][0] if self.chunks else 0.0
            remaining = quiet - (self.elapsed - max(last, quiet_from))
            if remaining <= 0:
                return last
            if time.perf_counter() > deadline:
                raise TimeoutError(f"output not quiet for {quiet} s within {timeout} s")
            if self.read(remaining) < 0:
                return last

    def collect(self, seconds: float) -> int:
        """Read for `seconds`; returns the bytes written meanwhile."""
        before = self.total_bytes
        end = self.elapsed + seconds
        while (left := end - self.elapsed) > 0:
            if self.read(left) < 0:
                break
        return self.total_bytes - before

    # ------------------------------------------------------------------ writing
    def send(self, data: bytes | str) -> None:
        os.write(self.fd, data.encode() if isinstance(data, str) else data)

    # ------------------------------------------------------------------ ending
    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float = 10.0) -> int | None:
        """Keep reading (so the program never blocks on a full pty) until it exits."""
        deadline = time.perf_counter() + timeout
        while self.poll() is None and time.perf_counter() < deadline:
            self.read(0.05)
        return self.returncode

    def close(self, quit_keys: bytes = b"\x11", timeout: float = 10.0) -> int | None:
        """Ask the program to quit (Ctrl+Q), then SIGKILL if it has not within `timeout`."""
        if self.poll() is None and self.fd >= 0:
            try:
                self.send(quit_keys)
            except OSError:
                pass
            if self.wait(timeout) is None:
                os.kill(self.pid, signal.SIGKILL)
                self.wait(5)
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
        return self.poll()

    def __enter__(self) -> PtyProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
