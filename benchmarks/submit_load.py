"""Submits under load: eight processes filing tickets at once, beside raw INSERTs in the same run.

    .venv/bin/python benchmarks/submit_load.py [--processes 8] [--each 40] [--pg URL] [--no-readme]
    .venv/bin/python benchmarks/submit_load.py --smoke   # 2 processes x 3, SQLite; a test runs it

Goal: p99 of a submit under 300 ms on SQLite and on PostgreSQL.

1. A new database at head (a SQLite file in a temporary folder; with `--pg URL`, or
   ECUAPASS_TEST_PG_URL, also the PostgreSQL database named in the URL + `_submit`, dropped
   and created) gets a company and its representante.
2. Baseline: the same processes, started together, each send `--each` raw INSERTs of a row
   the size of a ticket into a scratch table, one transaction each (sqlite3 with BEGIN
   IMMEDIATE and the program's busy timeout; psycopg), timed one by one.
3. Then each process calls the real `Desk.open_ticket` (a Reporte de incidente with one
   2 KB capture: validation, numbering, history, the file, the notice) `--each` times back to
   back, after one untimed submit to warm its caches. Every call is timed from the call to its
   return (the commit included).

Prints p50/p95/p99/max per engine and writes them into benchmarks/README.md (not with
`--smoke` or `--no-readme`). Not a test; `--smoke` (tests/unit/test_benchmarks_smoke.py) runs
2 processes of 3 submits on SQLite only and exits 0 whatever the times.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import re
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
GOAL_MS = 300.0
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 2048
BODY = "Al consultar el catálogo de distritos aparece el mensaje de error. " * 4
MARK = "bench:submit"


def ticket_values() -> dict[str, object]:
    return {
        "nombres": "CARLOS MORENO",
        "tipo_persona": "juridica_privada",
        "documento": {"type": "cedula", "number": "1712345675"},
        "correo": "cmoreno@andina.example",
        "telefono": "0991234567",
        "forma_opcion": "menu",
        "opcion_sistema": "2.6",
        "fecha_evento": "24/11/2026 09:15",
        "distrito": "028",
        "descripcion": BODY,
    }


# ---------------------------------------------------------------- the processes


def raw_insert(url: str) -> Any:
    """A function that sends one raw INSERT in its own transaction, as the engine would."""
    from sqlalchemy.engine import make_url

    from ecuapass_tui.store.engine import BUSY_TIMEOUT_MS, sqlite_path

    path = sqlite_path(url)
    if path is not None:
        con: Any = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        con.execute("PRAGMA synchronous = NORMAL")

        def insert() -> None:
            con.execute("BEGIN IMMEDIATE")
            con.execute("INSERT INTO bench_raw (at, body) VALUES (?, ?)", (str(NOW), BODY))
            con.execute("COMMIT")

        return insert
    import psycopg

    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    pg = psycopg.connect(dsn)

    def insert_pg() -> None:
        with pg.transaction():
            pg.execute("INSERT INTO bench_raw (at, body) VALUES (%s, %s)", (NOW, BODY))

    return insert_pg


def worker(url: str, actor: Any, count: int, together: Barrier, out: Queue[Any]) -> None:
    """Warm up, then the raw INSERTs and the submits, each phase started with the others."""
    from ecuapass_tui.core.clock import FixedClock
    from ecuapass_tui.forms.attachments import Attachment
    from ecuapass_tui.services.desk import Desk
    from ecuapass_tui.store.engine import Database

    insert = raw_insert(url)
    desk = Desk(Database(url), clock=FixedClock(NOW))
    files = {"capturas": [Attachment("captura.png", PNG)]}

    def submit() -> None:
        desk.open_ticket(actor, "incidente", ticket_values(), files)

    timings: list[list[float]] = []
    failures: list[str] = []
    for call in (insert, submit):
        call()  # warm-up: caches, the connection
        together.wait(300)
        times = []
        for _ in range(count):
            t = time.perf_counter()
            try:
                call()
            except Exception as error:  # a failed call is a figure too
                failures.append(str(error).splitlines()[0])
            times.append((time.perf_counter() - t) * 1000)
        timings.append(times)
    desk.db.dispose()
    out.put((*timings, failures))


def run_together(url: str, actor: Any, count: int, processes: int) -> tuple[list[Any], ...]:
    """The processes, each phase released at once; every timing of each phase back."""
    ctx = multiprocessing.get_context("spawn")
    together, out = ctx.Barrier(processes), ctx.Queue()
    args = (url, actor, count, together, out)
    procs = [ctx.Process(target=worker, args=args) for _ in range(processes)]
    for proc in procs:
        proc.start()
    raw: list[float] = []
    served: list[float] = []
    failures: list[str] = []
    for _ in procs:
        one_raw, one_served, failed = out.get(timeout=900)
        raw += one_raw
        served += one_served
        failures += failed
    for proc in procs:
        proc.join(60)
        if proc.exitcode != 0:
            raise RuntimeError(f"a worker ended with status {proc.exitcode}")
    return raw, served, failures


# ---------------------------------------------------------------- the databases


def pg_fresh(url: str) -> str:
    """The database `<name>_submit` beside the one in the URL, dropped and created."""
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    name = f"{parsed.database}_submit"
    admin = parsed.set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{name}"')
    return parsed.set(database=name).render_as_string(hide_password=False)


def prepare(url: str) -> Any:
    """Schema at head, one company and its representante; the scratch table for raw rows."""
    from sqlalchemy import text

    from ecuapass_tui.services.dto import Actor
    from ecuapass_tui.services.setup import open_database
    from ecuapass_tui.store.models import Company, User

    db = open_database(url)
    try:
        with db.write() as s:
            company = Company(
                ruc="1790012345001", razon_social="Importadora Andina S.A.",
                tipo_persona="juridica", created_at=NOW,
            )  # fmt: skip
            s.add(company)
            s.flush()
            user = User(
                username="bench_representante", user_class="representante",
                full_name="Carlos Moreno", password_hash="!", created_at=NOW,
                company_id=company.id,
            )  # fmt: skip
            s.add(user)
            s.flush()
            key = "INTEGER PRIMARY KEY" if db.dialect == "sqlite" else "SERIAL PRIMARY KEY"
            s.execute(text(f"CREATE TABLE bench_raw (id {key}, at TEXT, body TEXT)"))
            return Actor(
                user.id or 0, user.username, "representante", user.full_name, company.id, "es"
            )
    finally:
        db.dispose()


# ---------------------------------------------------------------- figures


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def row(engine: str, what: str, times: list[float], goal: bool) -> str:
    p50, p95, p99, top = (pct(times, q) for q in (0.5, 0.95, 0.99, 1.0))
    met = ("yes" if p99 < GOAL_MS else "NO") if goal else "—"
    return (
        f"| {engine} | {what} | {len(times)} | {p50:.1f} | {p95:.1f} | {p99:.1f} | {top:.1f} "
        f"| {'< 300' if goal else '—'} | {met} |"
    )


def write_readme(section: str) -> None:
    text = README.read_text(encoding="utf-8")
    begin, end = f"<!-- {MARK}:begin -->", f"<!-- {MARK}:end -->"
    block = f"{begin}\n{section}\n{end}"
    if begin in text:
        text = re.sub(f"{re.escape(begin)}.*?{re.escape(end)}", lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + f"\n\n## Submits under load (`submit_load.py`)\n\n{block}\n"
    README.write_text(text, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--processes", type=int, default=8)
    ap.add_argument("--each", type=int, default=40, help="timed submits per process")
    ap.add_argument("--pg", metavar="URL", default=os.environ.get("ECUAPASS_TEST_PG_URL"))
    ap.add_argument("--no-readme", action="store_true")
    ap.add_argument("--smoke", action="store_true", help="2 processes, 3 each, SQLite only")
    args = ap.parse_args()
    if args.smoke:
        args.processes, args.each, args.pg, args.no_readme = 2, 3, None, True

    lines = [
        "| engine | what | n | p50 ms | p95 ms | p99 ms | max ms | goal p99 ms | met |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    missed = False
    loads = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="ecuapass_submit_") as tmp:
        engines = [("SQLite", f"sqlite:///{Path(tmp) / 'submit.sqlite'}")]
        if args.pg:
            engines.append(("PostgreSQL", pg_fresh(args.pg)))
        for engine, url in engines:
            actor = prepare(url)
            loads.append(os.getloadavg()[0])
            raw, served, failures = run_together(url, actor, args.each, args.processes)
            loads.append(os.getloadavg()[0])
            lines.append(row(engine, "raw INSERT (baseline)", raw, goal=False))
            lines.append(row(engine, "submit (`Desk.open_ticket`)", served, goal=True))
            missed = missed or pct(served, 0.99) >= GOAL_MS or bool(failures)
            if failures:
                notes.append(f"{engine}: {len(failures)} calls failed ({failures[0]})")
            print(f"  {engine} done", file=sys.stderr)
    head = (
        f"Measured {datetime.now(UTC):%Y-%m-%d}, {platform.system()} {platform.machine()}, "
        f"nproc {os.cpu_count()}, Python {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}; load average {min(loads):.2f}-{max(loads):.2f} during the "
        f"runs; {args.processes} processes x {args.each} timed calls each, all at once."
    )
    section = head + "\n\n" + "\n".join(lines + (["", *notes] if notes else []))
    print(section)
    if not args.no_readme:
        write_readme(section)
    return 1 if missed and not args.smoke else 0


if __name__ == "__main__":
    sys.exit(main())
