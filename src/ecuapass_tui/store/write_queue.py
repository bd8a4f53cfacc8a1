"""SQLite writers of this program wait for their turn asleep, not by asking again and again.

BEGIN IMMEDIATE fails at once while another connection writes. Retried every millisecond or
two (`engine._wait_for_write_lock`), each waiter wakes hundreds of times a second, and on a
busy machine those wake-ups take the processor from the one writer everybody waits for (and
the luckiest waiter wins, so a submit once waited 6 s among eight). So `Database.write()`
first takes an exclusive flock on a file beside the database (`<database>-writer`, with the
database file's mode) and gives it back after its COMMIT or ROLLBACK: the waiters sleep in
the kernel until it is free, and the kernel ends the lock of a process that dies. It is only
a queue: SQLite's own lock still guards the data (the sqlite3 shell or another program does
not take this one), and a writer that has not had its turn by the deadline goes on to BEGIN
IMMEDIATE, which then reports the lock as before. Where the file cannot be opened (a
read-only folder) there is no queue.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import threading
import time
from pathlib import Path


def queue_file(database: Path) -> Path:
    return database.with_name(database.name + "-writer")


def _open(database: Path) -> int:
    """The queue's file, with the database file's mode as SQLite gives its -wal and -shm (a
    database shared by a group is queued for the group too). A lock needs no write access."""
    try:
        mode = stat.S_IMODE(os.stat(database).st_mode) & 0o666
    except OSError:
        mode = 0o600
    fd = os.open(queue_file(database), os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, mode)
    try:
        if stat.S_IMODE(os.fstat(fd).st_mode) != mode and os.fstat(fd).st_uid == os.getuid():
            os.fchmod(fd, mode)  # the umask took bits away
    except OSError:
        pass
    return fd


def take_turn(database: Path, deadline: float) -> int | None:
    """An open descriptor holding the queue's lock (close it to give the turn back), or None:
    no queue here, or the deadline (time.monotonic()) passed first."""
    try:
        fd = _open(database)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return fd
    except BlockingIOError:
        pass
    except OSError:
        os.close(fd)
        return None
    return fd if _wait(fd, deadline) else None


def _wait(fd: int, deadline: float) -> bool:
    """Block in flock on a thread of its own, so that the caller can give up at the deadline:
    that thread then closes the descriptor when its turn comes (and on an error)."""
    got = threading.Event()
    guard = threading.Lock()
    result: list[bool] = []
    late = False

    def block() -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            ok = True
        except OSError:
            ok = False
        with guard:
            if late or not ok:
                os.close(fd)
            if not late:
                result.append(ok)
                got.set()

    threading.Thread(target=block, name="sqlite-writer-turn", daemon=True).start()
    if got.wait(max(0.0, deadline - time.monotonic())):
        return result[0]
    with guard:
        if got.is_set():
            return result[0]
        late = True
    return False


def give_back(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.close(fd)
