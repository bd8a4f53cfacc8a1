"""SENAE Tracking search on 1,000,000 tracking events, beside the same raw SQL in the same run.

    .venv/bin/python benchmarks/tracking_bench.py [--db PATH] [--keep] [--cargo 100000] [--reps 100]
        [--pg URL] [--sqlite-only | --pg-only]
    .venv/bin/python benchmarks/tracking_bench.py --smoke   # 2,000 cargos, 2 calls; a test runs it

Goal: a search answers in under 100 ms at p95 (DESIGN.md's budget for a keystroke's query).

Each engine in turn, in the same run: SQLite, then PostgreSQL when `--pg URL` or
ECUAPASS_TEST_PG_URL names a server (a database of its own, created and dropped; see
engines.py).

1. A database at head (`store.schema.upgrade` + catalogs) gets 300 companies with two OCE
   codes each, N cargos (default 100,000) with 10 tracking events each (1,000,000 events), one
   container each, and a declaration (número de entrega, DAI, liquidación) for the 70% that
   reached DAI transmitida. Rows go in with SQLAlchemy Core `executemany` (the column types'
   own processors, so times are stored as the ORM stores them). `--keep` keeps the SQLite
   file (and the PostgreSQL database `tracking_bench_kept`).
2. Cases: a company user searching by MRN, BL, container, DAI and número de entrega (random
   existing ones, half of them the company's own and half another company's: those must come
   back empty), the company's first page (no query), staff searching by container, and the
   timeline (`Desk.cargo`: the cargo, its 10 events, containers, declaration). Each case calls
   the real `Desk` `--reps` times and times the whole call (transaction, query, DTOs).
3. Baseline: the SQL the ORM sent for the search (caught with a `before_cursor_execute`
   listener, processed parameters included) is replayed through the engine's own DB-API
   connection (sqlite3, psycopg), alternating with the service calls.

`--smoke` (tests/unit/test_benchmarks_smoke.py) takes the same steps on 2,000 cargos with 2
calls per case, in a file of its own temporary folder, and exits 0 whatever the times.
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
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import engines
from sqlalchemy import event, insert
from sqlmodel import col, or_

from ecuapass_tui.core.clock import FixedClock
from ecuapass_tui.services.catalogs import load_catalogs
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.tramites.tracking_dto import STAGES, Channel
from ecuapass_tui.store import schema
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import Company, OceRegistration, OceType, User
from ecuapass_tui.store.models_tracking import Cargo, CargoContainer, Declaration, TrackingEvent

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
GOAL_MS = 100.0
COMPANIES = 300
SEED = 20261124
LINEAR = [s for s in STAGES if s.value != "aforo_observado"][:10]  # 10 events per cargo


def build(db: Database, cargos: int) -> None:
    rng = random.Random(SEED)
    started = time.perf_counter()
    with db.write() as s:
        load_catalogs(s)
        s.add(OceType(code="bench", name_es="Agente", name_en="Broker"))
        for n in range(1, COMPANIES + 1):
            s.add(
                Company(
                    id=n,
                    ruc=f"17{n:08d}001",
                    razon_social=f"Empresa {n}",
                    tipo_persona="juridica_privada",
                    created_at=NOW,
                )
            )
        s.flush()
        for n in range(1, COMPANIES + 1):
            for k in (0, 1):
                s.add(
                    OceRegistration(
                        company_id=n,
                        code=f"{n:06d}{k:02d}",
                        oce_type_code="bench",
                        start=NOW.date(),
                        end=NOW.date(),
                    )
                )
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
                username="staff",
                user_class="supervisor",
                full_name="Staff",
                password_hash="x",
                created_at=NOW,
            )
        )
    conn_engine = db.engine
    channels = list(Channel)
    batch = 10_000
    for start in range(0, cargos, batch):
        cargo_rows, boxes, decls, events = [], [], [], []
        for i in range(start, min(cargos, start + batch)):
            ident = i + 1
            owner = rng.randint(1, COMPANIES)
            declarant = rng.randint(1, COMPANIES)
            first = NOW - timedelta(days=rng.randint(1, 540), minutes=rng.randint(0, 1440))
            reached = rng.randint(3, 10)  # events per cargo: 10 on average with the filler below
            channel = rng.choice(channels)
            cargo_rows.append(
                {
                    "id": ident,
                    "mrn": f"CEC2026B{ident:08d}",
                    "transport_doc_type": "BL",
                    "transport_doc": f"BLB{ident:09d}",
                    "company_id": owner,
                    "declarant_oce": f"{declarant:06d}00",
                    "district_code": "028",
                    "regime": "10",
                    "goods": "Mercancía",
                    "stage": LINEAR[reached - 1].value,
                    "channel": channel.value if reached >= 6 else "",
                    "created_at": first,
                    "updated_at": first + timedelta(hours=10 * reached),
                    "version": reached,
                }
            )
            boxes.append({"cargo_id": ident, "number": f"BENU{ident:07d}"})
            if reached >= 4:
                decls.append(
                    {
                        "cargo_id": ident,
                        "company_id": owner,
                        "delivery_number": f"{declarant:06d}002026{ident:08d}E",
                        "dai_number": f"028-2026-10-{ident:08d}" if reached >= 5 else None,
                        "channel": channel.value if reached >= 6 else "",
                        "liquidation_number": f"2026028{ident:08d}" if reached >= 5 else None,
                        "liquidation_cents": 100_000,
                        "transmitted_at": first,
                        "accepted_at": None,
                        "paid_at": None,
                    }
                )
            for k in range(10):  # every cargo gets 10 events (the timeline reads them all)
                stage = LINEAR[min(k, reached - 1)].value
                events.append(
                    {
                        "cargo_id": ident,
                        "stage": stage,
                        "at": first + timedelta(hours=10 * k),
                        "detail": "",
                        "who": "SENAE",
                        "actor_id": None,
                        "source": "csv",
                        "recorded_at": first + timedelta(hours=10 * k),
                    }
                )
        with conn_engine.begin() as conn:
            conn.execute(insert(Cargo), cargo_rows)
            conn.execute(insert(CargoContainer), boxes)
            if decls:
                conn.execute(insert(Declaration), decls)
            conn.execute(insert(TrackingEvent), events)
    with conn_engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    print(
        f"built {cargos:,} cargos, {cargos * 10:,} events in {time.perf_counter() - started:.0f} s"
    )


class Catcher:
    """The last statement the ORM sent that reads `cargo` joined with `company`."""

    def __init__(self) -> None:
        self.sql = ""
        self.params: Any = ()

    def __call__(self, conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if "FROM cargo JOIN company" in statement:
            self.sql, self.params = statement, parameters


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--db", type=Path, default=Path(tempfile.gettempdir()) / "tracking_bench.sqlite3"
    )
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the databases")
    parser.add_argument("--cargo", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=100)
    parser.add_argument("--pg", help=f"a PostgreSQL server's URL (default: ${engines.PG_ENV})")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--pg-only", action="store_true")
    parser.add_argument("--smoke", action="store_true", help="tiny and once; no goal")
    args = parser.parse_args()
    server = None if args.sqlite_only else engines.pg_server(args.pg)
    if not args.smoke:
        return run(args, server)
    with tempfile.TemporaryDirectory(prefix="ecuapass-tracking-smoke-") as tmp:
        args.db, args.keep, args.cargo, args.reps = Path(tmp) / "bench.sqlite3", False, 2000, 2
        run(args, server)
    return 0


def run(args: argparse.Namespace, server: str | None) -> int:
    """SQLite, then PostgreSQL when a server is known; the worst p95 decides the status."""
    print(
        f"{platform.system()} {platform.machine()}, Python {platform.python_version()}; "
        f"{args.cargo:,} cargos, {args.cargo * 10:,} tracking events; {args.reps} calls per case"
    )
    worst = engines.on_both(
        args.db,
        server,
        "tracking_bench",
        lambda url, fresh: measure(url, fresh, args),
        keep=args.keep,
        pg_only=args.pg_only,
    )
    return 0 if worst < GOAL_MS else 1


def measure(url: str, fresh: bool, args: argparse.Namespace) -> float:
    db = Database(url)
    if fresh:
        schema.upgrade(db)
        build(db, args.cargo)
    desk = Desk(db, clock=FixedClock(NOW))
    company = Actor(1, "empresa1", "representante", "Usuario 1", 1, "es")
    staff = Actor(2, "staff", "supervisor", "Staff", None, "es")
    catcher = Catcher()
    event.listen(db.engine, "before_cursor_execute", catcher)
    raw = db.engine.raw_connection()
    dialect = db.engine.dialect.name
    rng = random.Random(SEED + 1)
    with db.read() as s:
        mine = [
            c
            for c in s.execute(
                Cargo.__table__.select().where(  # type: ignore[attr-defined]
                    or_(
                        col(Cargo.company_id) == 1,
                        col(Cargo.declarant_oce).in_(["00000100", "00000101"]),
                    )
                )
            ).all()
        ]
    decls = {}
    with db.read() as s:
        for row in s.execute(Declaration.__table__.select()).all():  # type: ignore[attr-defined]
            decls[row.cargo_id] = row
    total = args.cargo

    def pick(kind: str, own: bool) -> str:
        cargo_id = rng.choice(mine).id if own else rng.randint(1, total)
        while kind in ("dai", "entrega") and (
            cargo_id not in decls or not decls[cargo_id].dai_number
        ):
            cargo_id = rng.choice(mine).id if own else rng.randint(1, total)
        d = decls.get(cargo_id)
        return {
            "mrn": f"CEC2026B{cargo_id:08d}",
            "bl": f"BLB{cargo_id:09d}",
            "contenedor": f"BENU{cargo_id:07d}",
            "dai": d.dai_number if d else "",
            "entrega": d.delivery_number if d else "",
        }[kind]

    cases: list[tuple[str, Actor, Any]] = [
        *((f"empresa: {k}", company, k) for k in ("mrn", "bl", "contenedor", "dai", "entrega")),
        ("empresa: primera página", company, ""),
        ("staff: contenedor", staff, "contenedor"),
    ]
    print(f"\n{engines.describe(db.engine)}; load average {os.getloadavg()[0]:.2f} at start\n")
    print(
        "| case | service p50 ms | service p95 ms | raw SQL p50 ms | raw SQL p95 ms "
        f"| goal p95 < {GOAL_MS:.0f} ms |"
    )
    print("|---|---|---|---|---|---|")
    worst = 0.0
    for name, actor, kind in cases:
        service, baseline = [], []
        for rep in range(args.reps):
            query = pick(kind, own=rep % 2 == 0 or actor is staff) if kind else ""
            t0 = time.perf_counter()
            page = desk.search_cargo(actor, query)
            service.append((time.perf_counter() - t0) * 1000)
            if kind and actor is company and rep % 2 == 1:
                assert all(r.mrn in {c.mrn for c in mine} for r in page.rows)
            t0 = time.perf_counter()
            engines.replay(raw, catcher.sql, catcher.params)
            baseline.append((time.perf_counter() - t0) * 1000)
        worst = max(worst, pct(service, 0.95))
        met = "yes" if pct(service, 0.95) < GOAL_MS else "NO"
        print(
            f"| {name} | {statistics.median(service):.1f} | {pct(service, 0.95):.1f} | "
            f"{statistics.median(baseline):.2f} | {pct(baseline, 0.95):.2f} | {met} |"
        )
    timeline = []
    for _ in range(args.reps):
        cargo_id = rng.choice(mine).id
        t0 = time.perf_counter()
        detail = desk.cargo(company, cargo_id)
        timeline.append((time.perf_counter() - t0) * 1000)
        assert len(detail.events) == 10
    worst = max(worst, pct(timeline, 0.95))
    print(
        f"| empresa: timeline (Desk.cargo) | {statistics.median(timeline):.1f} | "
        f"{pct(timeline, 0.95):.1f} | — | — | {'yes' if pct(timeline, 0.95) < GOAL_MS else 'NO'} |"
    )
    steps = engines.plan(raw, dialect, catcher.sql, catcher.params)
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end; plan of the last search:")
    print("\n".join(f"  {step}" for step in steps))
    raw.close()
    db.dispose()
    return worst


if __name__ == "__main__":
    sys.exit(main())
