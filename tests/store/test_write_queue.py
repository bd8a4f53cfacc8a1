"""The SQLite writers' queue (store/write_queue.py): one turn at a time, a writer that waits
gives up at its deadline, and a turn given up late does not stay taken."""

from __future__ import annotations

import os
import time
from pathlib import Path

from sqlalchemy import text

from ecuapass_tui.store import write_queue
from ecuapass_tui.store.engine import Database


def test_one_turn_at_a_time_and_a_late_wait_leaves_it_free(tmp_path: Path) -> None:
    database = tmp_path / "ecuapass.sqlite3"
    database.touch(mode=0o640)
    first = write_queue.take_turn(database, time.monotonic() + 1)
    assert first is not None
    assert write_queue.take_turn(database, time.monotonic() + 0.05) is None  # gave up
    write_queue.give_back(first)
    # The waiter that gave up gets the turn now and gives it back at once.
    deadline = time.monotonic() + 2
    second = None
    while second is None and time.monotonic() < deadline:
        second = write_queue.take_turn(database, time.monotonic() + 0.05)
    assert second is not None
    write_queue.give_back(second)
    assert oct(os.stat(write_queue.queue_file(database)).st_mode & 0o777) == oct(0o640)


def test_a_write_waits_for_the_turn_of_another_database_object(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ecuapass.sqlite3'}"
    db, other = Database(url), Database(url)
    try:
        with db.write() as session:
            session.execute(text("CREATE TABLE t (x INTEGER)"))
        held = write_queue.take_turn(tmp_path / "ecuapass.sqlite3", time.monotonic() + 1)
        assert held is not None
        write_queue.give_back(held)
        with other.write() as session:  # the turn is free again: no wait
            session.execute(text("INSERT INTO t VALUES (1)"))
        with db.read() as session:
            assert session.execute(text("SELECT count(*) FROM t")).scalar_one() == 1
    finally:
        db.dispose()
        other.dispose()
