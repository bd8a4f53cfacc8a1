"""2.1.1 Consulta de arancel: word search over the nomenclature plus 10,000 national lines,
beside the same raw SQL in the same run, on SQLite and then on PostgreSQL when `--pg URL` or
ECUAPASS_TEST_PG_URL names a server (a database of its own, created and dropped: engines.py).

    .venv/bin/python benchmarks/tariff_search.py [--lines 10000] [--reps 50]
        [--pg URL] [--sqlite-only | --pg-only]
    .venv/bin/python benchmarks/tariff_search.py --smoke   # 200 lines, 2 calls; a test runs it

Goal: a search answers in under 50 ms at p95.

1. A new database at head gets the shipped nomenclature (`load_nomenclature`, 6,957 nodes)
   and N national lines on random subpartidas, their descriptions made of their subpartida's
   and partida's words (so that word searches find them), inserted with Core `executemany`.
2. Each query (words with accents, plurals and several words, and codes) calls the real
   `Desk.tariff_search` `--reps` times and times the whole call (transaction, two queries,
   DTOs).
3. Baseline: the two statements the ORM sent (caught with `before_cursor_execute`, processed
   parameters included) are replayed through the engine's raw DB-API connection, alternating
   with the service calls.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import engines
from sqlalchemy import event, insert, select
from sqlmodel import col

from ecuapass_tui.core.clock import FixedClock
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.informativos import tariff_words
from ecuapass_tui.services.informativos.nomenclature import load_nomenclature, shipped_nodes
from ecuapass_tui.services.informativos.tariff_search import search_column
from ecuapass_tui.store import schema
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models_tariff import TariffLine

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
GOAL_MS = 50.0
SEED = 20261207
QUERIES = [
    "motores",
    "cafe",
    "Café tostado",
    "luz",
    "caucho vulcanizado",
    "tejidos de algodón",
    "los demás",
    "vehículos",
    "8407",
    "0901.11",
]


def build(db: Database, lines: int) -> None:
    rng = random.Random(SEED)
    nodes = shipped_nodes()
    texts = {str(n["code"]): str(n["description_es"]) for n in nodes}
    subpartidas = [n for n in nodes if n["level"] == "subpartida"]
    rows = []
    for number in range(lines):
        node = rng.choice(subpartidas)
        code = f"{node['code']}{rng.randint(0, 9999):04d}"
        description = f"{texts[str(node['parent'])][:80]} {node['description_es']} ({number})"
        rows.append(
            {
                "identif": f"{code}00000000",
                "subpartida": code,
                "complementario": "0000",
                "suplementario": "0000",
                "description": description,
                "unit": "Kg",
                "ad_valorem": rng.choice([0, 500, 1000, 2000, 3000]),
                "ice": None,
                "valid_from": date(2023, 9, 1) if number % 2 else date(2020, 1, 1 + number % 28),
                "valid_to": None,
                "comment": "",
                "sample": False,
                "search": search_column(description),
            }
        )
    with db.write() as session:
        started = time.perf_counter()
        load_nomenclature(session)
        tree = time.perf_counter() - started
        session.execute(insert(TariffLine), rows)
        started = time.perf_counter()
        stored = session.execute(select(col(TariffLine.id), col(TariffLine.search))).all()
        tariff_words.index_lines(session, ((int(i), str(text)) for i, text in stored))
        index = time.perf_counter() - started
    print(f"tree loaded and its words indexed in {tree:.2f} s; the lines' words in {index:.2f} s")


class Catcher:
    """The statements the ORM sent for the last search."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, Any]] = []

    def __call__(self, conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if "FROM tariff_node" in statement or "FROM tariff_line" in statement:
            self.sent.append((statement, parameters))


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(url: str, lines: int, reps: int) -> float:
    db = Database(url)
    try:
        schema.upgrade(db)
        build(db, lines)
        desk = Desk(db, clock=FixedClock(NOW))
        actor = Actor(1, "analista", "analista", "Analista", None, "es")
        catcher = Catcher()
        event.listen(db.engine, "before_cursor_execute", catcher)
        raw = db.engine.raw_connection()
        worst = 0.0
        print(
            f"\n{engines.describe(db.engine)}: {lines:,} national lines + 6,957 nodes; "
            f"{reps} calls per query; load average {os.getloadavg()[0]:.2f}\n"
        )
        print(
            "| query | hits | service p50 ms | service p95 ms | raw SQL p50 ms | raw SQL p95 ms "
            f"| goal p95 < {GOAL_MS:.0f} ms |"
        )
        print("|---|---|---|---|---|---|---|")
        for query in QUERIES:
            service, baseline = [], []
            hits = 0
            for _rep in range(reps):
                catcher.sent.clear()
                t0 = time.perf_counter()
                hits = len(desk.tariff_search(actor, query).hits)
                service.append((time.perf_counter() - t0) * 1000)
                sent = list(catcher.sent)
                t0 = time.perf_counter()
                for statement, parameters in sent:
                    engines.replay(raw, statement, parameters)
                baseline.append((time.perf_counter() - t0) * 1000)
            worst = max(worst, pct(service, 0.95))
            met = "yes" if pct(service, 0.95) < GOAL_MS else "NO"
            print(
                f"| {query} | {hits} | {statistics.median(service):.1f} "
                f"| {pct(service, 0.95):.1f} | {statistics.median(baseline):.1f} "
                f"| {pct(baseline, 0.95):.1f} | {met} |"
            )
        raw.close()
        return worst
    finally:
        db.dispose()


def on_postgresql(server: str, lines: int, reps: int) -> float:
    with engines.pg_database(server, "tariff_bench") as (url, _fresh):
        return measure(url, lines, reps)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--reps", type=int, default=50)
    parser.add_argument("--pg", help=f"a PostgreSQL server's URL (default: ${engines.PG_ENV})")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--pg-only", action="store_true")
    parser.add_argument("--smoke", action="store_true", help="tiny and once; no goal")
    args = parser.parse_args()
    if args.smoke:
        args.lines, args.reps = 200, 2
    print(f"{platform.system()} {platform.machine()}, Python {platform.python_version()}")
    worst = 0.0
    if not args.pg_only:
        with tempfile.TemporaryDirectory(prefix="ecuapass-tariff-bench-") as tmp:
            worst = measure(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", args.lines, args.reps)
    server = None if args.sqlite_only else engines.pg_server(args.pg)
    if server:
        worst = max(worst, on_postgresql(server, args.lines, args.reps))
    else:
        print("\nPostgreSQL: skipped (ECUAPASS_TEST_PG_URL not set)")
    return 0 if args.smoke or worst < GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main())
