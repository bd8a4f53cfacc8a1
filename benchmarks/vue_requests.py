"""Ventanilla Única, Estado de procesamiento on 100,000 requests, beside the raw SQL in the run.

    .venv/bin/python benchmarks/vue_requests.py [--db PATH] [--keep] [--requests N] [--reps 100]
        [--pg URL] [--sqlite-only | --pg-only]
    .venv/bin/python benchmarks/vue_requests.py --smoke   # 500 requests, 2 calls; a test runs it

Goal: the first page and each filter answer in under 50 ms at p95.

Each engine in turn, in the same run: SQLite, then PostgreSQL when `--pg URL` or
ECUAPASS_TEST_PG_URL names a server (a database of its own, created and dropped; see
engines.py).

1. A database at head gets 200 companies and N requests (default 100,000) spread over the
   catalog's forms and the 18 processing states, a fifth of them the first company's, with a
   state change each in the last 540 days; rows go in with SQLAlchemy Core `executemany`.
   `--keep` keeps the SQLite file (and the PostgreSQL database `vue_bench_kept`).
2. Cases: the company's first page, its filters by institution, by state, by period (the last
   30 days) and all three, the second page (keyset), and an institution officer's queue. Each
   case calls the real `Desk.vue_status_page` (or `vue_queue`) `--reps` times and times the
   whole call (transaction, query, plain rows).
3. Baseline: the SQL the ORM sent (caught with a `before_cursor_execute` listener) is replayed
   through the engine's own DB-API connection (sqlite3, psycopg), alternating with the
   service calls.

`--smoke` (tests/unit/test_benchmarks_smoke.py) takes the same steps on 500 requests with 2
calls per case, in a temporary folder, and exits 0 whatever the times.
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
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import engines
from sqlalchemy import event, insert

from ecuapass_tui.core.clock import FixedClock
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.vue import catalog
from ecuapass_tui.services.vue.dto import RequestFilter
from ecuapass_tui.services.vue.states import STATE_NAMES
from ecuapass_tui.store import schema
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import Company, User
from ecuapass_tui.store.models_vue import VueInstitutionMember, VueRequest

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
GOAL_MS = 50.0
COMPANIES = 200
SEED = 20261207


def build(db: Database, requests: int) -> None:
    rng = random.Random(SEED)
    started = time.perf_counter()
    forms = catalog.forms(kind="")
    codes = list(STATE_NAMES)
    with db.write() as s:
        for n in range(1, COMPANIES + 1):
            s.add(
                Company(
                    id=n,
                    ruc=f"09{n:08d}001",
                    razon_social=f"Empresa {n}",
                    tipo_persona="juridica_privada",
                    created_at=NOW,
                )
            )
        s.flush()
        s.add(
            User(
                id=1,
                username="empresa1",
                user_class="representante",
                company_id=1,
                full_name="Usuario 1",
                password_hash="x",
                created_at=NOW,
            )
        )
        s.add(
            User(
                id=2,
                username="agro",
                user_class="entidad",
                full_name="Agrocalidad",
                password_hash="x",
                created_at=NOW,
            )
        )
        s.flush()
        s.add(VueInstitutionMember(user_id=2, institution_code="101"))
    batch = 10_000
    for start in range(0, requests, batch):
        rows = []
        for i in range(start, min(requests, start + batch)):
            company = 1 if rng.random() < 0.2 else rng.randint(2, COMPANIES)
            form = rng.choice(forms)
            sent = NOW - timedelta(days=rng.randint(1, 540), minutes=rng.randint(0, 1440))
            rows.append(
                {
                    "id": i + 1,
                    "number": f"{company:08d}2026{i + 1:08d}P",
                    "company_id": company,
                    "oce_code": f"{company:08d}",
                    "institution_code": form.institution_code,
                    "form_code": form.code,
                    "kind": form.kind,
                    "state": rng.choice(codes),
                    "values_json": "{}",
                    "sig_algorithm": "ed25519",
                    "signature": b"x",
                    "certificate": b"x",
                    "signed_by": "CN=BENCH",
                    "created_by": 1,
                    "sent_at": sent,
                    "state_at": sent + timedelta(hours=rng.randint(0, 200)),
                    "version": 1,
                }
            )
        with db.engine.begin() as conn:
            conn.execute(insert(VueRequest), rows)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    print(f"built {requests:,} requests in {time.perf_counter() - started:.0f} s")


class Catcher:
    """The last statement the ORM sent that reads the requests."""

    def __init__(self) -> None:
        self.sql = ""
        self.params: Any = ()

    def __call__(self, conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if "FROM vue_request JOIN company" in statement:
            self.sql, self.params = statement, parameters


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--db", type=Path, default=Path(tempfile.gettempdir()) / "vue_bench.sqlite3"
    )
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the databases")
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=100)
    parser.add_argument("--pg", help=f"a PostgreSQL server's URL (default: ${engines.PG_ENV})")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--pg-only", action="store_true")
    parser.add_argument("--smoke", action="store_true", help="tiny and once; no goal")
    args = parser.parse_args()
    server = None if args.sqlite_only else engines.pg_server(args.pg)
    if not args.smoke:
        return run(args, server)
    with tempfile.TemporaryDirectory(prefix="ecuapass-vue-smoke-") as tmp:
        args.db, args.keep, args.requests, args.reps = Path(tmp) / "b.sqlite3", False, 500, 2
        run(args, server)
    return 0


def run(args: argparse.Namespace, server: str | None) -> int:
    """SQLite, then PostgreSQL when a server is known; the worst p95 decides the status."""
    print(
        f"{platform.system()} {platform.machine()}, Python {platform.python_version()}; "
        f"{args.requests:,} requests; {args.reps} calls per case"
    )
    worst = engines.on_both(
        args.db,
        server,
        "vue_bench",
        lambda url, fresh: measure(url, fresh, args),
        keep=args.keep,
        pg_only=args.pg_only,
    )
    return 0 if worst < GOAL_MS else 1


def measure(url: str, fresh: bool, args: argparse.Namespace) -> float:
    db = Database(url)
    if fresh:
        schema.upgrade(db)
        build(db, args.requests)
    desk = Desk(db, clock=FixedClock(NOW))
    company = Actor(1, "empresa1", "representante", "Usuario 1", 1, "es")
    officer = Actor(2, "agro", "entidad", "Agrocalidad", None, "es")
    catcher = Catcher()
    event.listen(db.engine, "before_cursor_execute", catcher)
    raw = db.engine.raw_connection()
    dialect = db.engine.dialect.name
    month = NOW.date() - timedelta(days=30)
    first = desk.vue_status_page(company, RequestFilter())
    cases: list[tuple[str, Actor, RequestFilter, str | None]] = [
        ("empresa: primera página", company, RequestFilter(), None),
        ("empresa: institución", company, RequestFilter(institution_code="130"), None),
        ("empresa: estado", company, RequestFilter(state="120"), None),
        ("empresa: período (30 días)", company, RequestFilter(start=month, end=NOW.date()), None),
        (
            "empresa: los tres filtros",
            company,
            RequestFilter(institution_code="101", state="320", start=date(2026, 1, 1)),
            None,
        ),
        ("empresa: segunda página", company, RequestFilter(), first.next_cursor),
        ("institución: cola", officer, RequestFilter(), None),
    ]
    print(f"\n{engines.describe(db.engine)}; load average {os.getloadavg()[0]:.2f} at start\n")
    print(
        "| case | service p50 ms | service p95 ms | raw SQL p50 ms | raw SQL p95 ms "
        f"| goal p95 < {GOAL_MS:.0f} ms |"
    )
    print("|---|---|---|---|---|---|")
    worst = 0.0
    for name, actor, wanted, after in cases:
        service, baseline = [], []
        for _ in range(args.reps):
            t0 = time.perf_counter()
            page = desk.vue_status_page(actor, wanted, after=after)
            service.append((time.perf_counter() - t0) * 1000)
            assert actor is officer or all(r.company == "Empresa 1" for r in page.rows)
            t0 = time.perf_counter()
            engines.replay(raw, catcher.sql, catcher.params)
            baseline.append((time.perf_counter() - t0) * 1000)
        worst = max(worst, pct(service, 0.95))
        met = "yes" if pct(service, 0.95) < GOAL_MS else "NO"
        print(
            f"| {name} | {statistics.median(service):.1f} | {pct(service, 0.95):.1f} | "
            f"{statistics.median(baseline):.2f} | {pct(baseline, 0.95):.2f} | {met} |"
        )
    steps = engines.plan(raw, dialect, catcher.sql, catcher.params)
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end; plan of the last page:")
    print("\n".join(f"  {step}" for step in steps))
    raw.close()
    db.dispose()
    return worst


if __name__ == "__main__":
    sys.exit(main())
