"""The demo's first start: its people are built first (with the shipped password hashes), a
login works at once, and the tickets and tracking added in the background make the same data
set as a build in one go. The benchmark of the first login keeps working (its smoke mode)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from ecuapass_tui.services.cuentas.auth import _hasher, verify_password
from ecuapass_tui.services.demo.build import is_demo_built
from ecuapass_tui.services.demo.hashes import _hashes
from ecuapass_tui.services.demo.hashes_file import demo_secrets
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.setup import open_database, open_demo_database
from ecuapass_tui.store.engine import Database

REFERENCE = datetime(2026, 12, 2, 15, 30, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]


def test_every_demo_secret_has_a_shipped_hash() -> None:
    """Each costs a login to verify: one is verified here; the UI tests log in as the others
    (their demo database is built with these hashes)."""
    shipped = _hashes()
    for secret in demo_secrets():
        assert secret in shipped, (
            f"run: python -m ecuapass_tui.services.demo.hashes_file ({secret})"
        )
        assert not _hasher.check_needs_rehash(shipped[secret])
    assert verify_password(shipped["Aduana2026ec"], "Aduana2026ec")
    assert not verify_password(shipped["Aduana2026ec"], "Empleado2026ec")


def counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        tables = [t for t in inspect(conn).get_table_names() if not t.startswith("ticket_fts")]
        return {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in tables}


def test_people_first_then_the_rest_in_the_background(tmp_path: Path) -> None:
    db, finish = open_demo_database(f"sqlite:///{tmp_path / 'demo.sqlite3'}", REFERENCE)
    try:
        assert finish is not None
        with db.read() as session:
            assert not is_demo_built(session)  # a start stopped here builds it again
        builder = threading.Thread(target=finish)
        builder.start()
        time.sleep(0.2)  # the build is under way
        desk = Desk(db, demo_mode=True)
        actor = desk.login("1792060346001", "agente", "Aduana2026ec", "es")
        assert actor.username == "agente"
        assert builder.is_alive(), "the login waited for the whole demo build"
        builder.join(120)
        with db.read() as session:
            assert is_demo_built(session)
        phased = counts(db)
    finally:
        db.dispose()
    whole = open_database(f"sqlite:///{tmp_path / 'whole.sqlite3'}", demo=True, reference=REFERENCE)
    try:
        expected = counts(whole)
    finally:
        whole.dispose()
    # The same data set, but for what the login wrote (its audit event and throttle rows).
    expected["audit_event"] += 1
    for table in ("login_throttle", "installation_key"):
        phased.pop(table, None)
        expected.pop(table, None)
    assert phased == expected


@pytest.mark.slow
def test_the_first_login_benchmark_runs() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "first_login.py"), "--smoke", "--delay", "0"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "| Enter to the next screen (s) |" in result.stdout
