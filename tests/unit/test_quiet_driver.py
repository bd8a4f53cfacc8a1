"""The session's terminal driver (quiet_driver.py) in a real pseudo-terminal: no thread of an
idle app wakes while nothing is typed, a lone Escape still acts after Textual's short
wait, and the app's end wakes the thread so the program ends."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pexpect
import pytest

APP = """
from textual.app import App
from textual.widgets import Static
from ecuapass_tui.quiet_driver import QuietLinuxDriver

class Tiny(App):
    BINDINGS = [("escape", "quit", "")]
    def compose(self):
        yield Static("listo")

Tiny(driver_class=QuietLinuxDriver).run()
"""

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's /proc")


def wakeups(pid: int) -> int:
    """Voluntary context switches of all the process's threads (a thread that sleeps in
    select() and wakes counts one each time)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        for line in (task / "status").read_text().splitlines():
            if line.startswith("voluntary_ctxt_switches:"):
                total += int(line.split()[1])
    return total


def test_the_keyboard_thread_sleeps_until_a_key_and_escape_still_quits() -> None:
    child = pexpect.spawn(
        sys.executable, ["-c", APP], dimensions=(24, 80), env={"TERM": "xterm-256color"}
    )
    try:
        child.expect("listo", timeout=30)
        time.sleep(0.2)  # the first frame's last writes
        before = wakeups(child.pid)
        time.sleep(0.5)  # Textual's own keyboard thread would wake 5 times meanwhile
        assert wakeups(child.pid) == before
        child.send("\x1b")  # a lone Escape: bound to quit
        child.expect(pexpect.EOF, timeout=30)
    finally:
        child.close(force=True)
