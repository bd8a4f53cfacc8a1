"""The Mesa de Servicios queue on 1,000,000 tickets, beside raw SQL measured in the same run.

    .venv/bin/python benchmarks/queue_bench.py [--keep] [--db PATH] [--tickets N] [--reps 50]
    .venv/bin/python benchmarks/queue_bench.py --pg postgresql+psycopg://USER@HOST:PORT/DB
    .venv/bin/python benchmarks/queue_bench.py --smoke    # 3,000 tickets, 2 calls; a test runs it

Goals: with 1,000,000 tickets the queue opens, and each filter keystroke answers, in under
50 ms (p95) on SQLite and on PostgreSQL; MS.7 Cifras (18 months) in under 100 ms; memory under
200 MB (DESIGN.md, "Performance budgets", asks 100 ms for the queue).

1. A SQLite file is created at head with `services.setup.open_database` (schema, catalogs,
   queues), staff and requesters are added, then N tickets are bulk-loaded with sqlite3
   `executemany` (the ticket table's indexes and FTS triggers are dropped for the load and
   recreated from their own saved DDL, then `ticket_fts` is rebuilt). The spread: kinds, ~70%
   closed, the three queues by kind, the 14 customs districts, created over 18 months (open
   tickets mostly in the last 45 days), Spanish subjects and descriptions from word lists.
   `--keep` keeps the file (default path in the temp dir, or `--db`) and reuses it next time
   (migrated to head first when the program's schema moved on). The month sums of MS.7 are
   counted after the load (the triggers that keep them are off during it).
   Generation runs in a child process, so that it does not count in the measured peak RSS.
2. Each case calls the real `Desk` (`services.facade.Desk` with a `FixedClock`) 50+ times and
   times the whole call (the sweep check, the page query, the names of people, the DTOs).
   The SQL the ORM sent for the page (caught with a `before_cursor_execute` listener, with its
   processed parameters) is replayed through the plain sqlite3 module (psycopg on PostgreSQL)
   on the same file, alternating with the service calls: that is the baseline.
3. Memory: peak RSS (`ru_maxrss`) of this process after all cases, beside the RSS of a bare
   interpreter that imports the package's services (a child process in the same run).

Not a test, and not part of `make bench`. Cases slower than the goal get their EXPLAIN QUERY
PLAN printed. Only SQLite is the product's default; `--pg` runs the same cases on PostgreSQL
(the database named in the URL is created if missing and loaded with COPY). `--smoke`
(tests/unit/test_benchmarks_smoke.py) takes the same steps on 3,000 tickets in a temporary
file, 2 calls per case, and exits 0 whatever the times.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ecuapass_tui.store import month_figures

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = REPO / "src" / "ecuapass_tui" / "data"
NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
GOAL_MS = 50.0  # a page of the queue, p95
FIGURES_GOAL_MS = 100.0  # MS.7 Cifras, p95
GOAL_MB = 200.0
GENERATOR = 4  # bump when the generated data or the schema changes: a kept file is then rebuilt
SEED = 20261124

QUEUES = ("analisis_funcional", "atencion_usuario", "tecnica_aduanera")
ANALYSTS = 12
REQUESTERS = 20_000
MY_SHARE = 6_000  # one ticket in this many belongs to the benchmark requester

# ---------------------------------------------------------------- word lists

PROBLEMS = (
    "Error al", "No puedo", "Falla al", "Consulta sobre", "Problema con", "Demora en",
    "Rechazo de", "Solicitud de ayuda para", "Inconveniente al", "Duda sobre", "Bloqueo al",
    "Lentitud al", "Mensaje de error al", "Pantalla en blanco al", "Tiempo de espera al",
)  # fmt: skip
OBJECTS = (
    "transmitir la DAI", "firmar con el token", "registrar el manifiesto de carga",
    "cargar el documento de soporte", "ingresar al portal Ecuapass", "pagar la liquidación",
    "renovar el certificado digital", "consultar el estado del trámite",
    "generar la declaración aduanera de exportación", "actualizar los datos del OCE",
    "clasificar la partida arancelaria", "valorar la mercancía importada",
    "instalar el token de firma electrónica", "emitir la guía de remisión",
    "aprobar la solicitud de régimen especial", "corregir la declaración andina de valor",
    "asociar el conocimiento de embarque", "registrar la salida del contenedor",
    "obtener la clave de acceso", "descargar el comprobante de pago",
    "enviar la solicitud de devolución condicionada", "anular la DAE transmitida",
    "consultar el aforo físico", "registrar al agente de carga", "sincronizar el token",
)  # fmt: skip
CONTEXTS = (
    "", "", "", "en el distrito de Guayaquil", "desde ayer", "con error 500", "por tercera vez",
    "en horario nocturno", "para la carga consolidada", "del contenedor refrigerado",
    "con el navegador actualizado", "después del mantenimiento", "en la ventanilla única",
    "para el régimen 70", "con la firma caducada", "urgente", "antes del cierre del mes",
)  # fmt: skip
VOCAB = tuple(
    """aduana aduanero declaración mercancía importación exportación trámite régimen carga
    contenedor manifiesto embarque despacho aforo documental físico automático liquidación
    tributo arancel partida subpartida valoración factura comercial proforma certificado
    origen firma electrónica token usuario clave contraseña portal sistema servidor error
    mensaje pantalla botón formulario campo obligatorio archivo adjunto documento soporte
    transmisión envío recepción validación rechazo aprobación notificación buzón correo
    plazo días hábiles urgente operador agente transportista consolidador depósito
    temporal zona primaria puerto aeropuerto frontera terrestre marítimo aéreo courier
    guía remisión conocimiento peso bultos cantidad unidad valor fob cif flete seguro
    garantía aduanera póliza devolución drawback reembolso multa sanción recargo interés
    pago banco transferencia comprobante número referencia fecha hora ayer hoy mañana
    nuevamente todavía siempre nunca intento intenté intentamos reintentar actualicé
    navegador chrome firefox windows certificado caducado renovación registro datos
    empresa representante legal ruc cédula pasaporte dirección teléfono provincia cantón
    distrito guayaquil quito manta esmeraldas cuenca loja machala tulcán huaquillas
    latacunga puerto bolívar santa elena galápagos oriente morona amazónico revisión
    análisis respuesta solución atención servicio mesa ayuda soporte técnico funcional
    favor gracias saludos cordiales estimados señores solicito ayuda inmediata problema
    persiste desde semana pasada cliente espera mercadería detenida bodega almacenamiento
    costo adicional demora perjuicio económico reclamo queja inconformidad""".split()
)
FIRST = ("Ana", "Luis", "María", "Jorge", "Carmen", "Pedro", "Lucía", "Diego", "Rosa", "Juan")
LAST = ("Pérez", "Vera", "Mora", "Cedeño", "Zambrano", "Andrade", "Torres", "Ruiz", "Loor")

# state, share of all tickets
STATES = (
    ("cerrado", 0.62),
    ("anulado", 0.08),
    ("registrado", 0.08),
    ("en_analisis", 0.12),
    ("pendiente_informacion", 0.04),
    ("respondido", 0.06),
)
CLOSURES = ("conforme", "conforme", "conforme", "sin_respuesta", "no_conforme", "fusionado")
OUTCOMES = ("servicio_atendido", "incidente_solucionado", "tramite_exitoso", "consulta_absuelta")

TICKET_COLUMNS = (
    "number kind channel state closure outcome requester_id created_by_id contact_name "
    "contact_document contact_email contact_phone tipo_persona oce_type_code district_code "
    "motive system_option related_document subject description values_json queue_code "
    "assignee_id created_at updated_at first_response_due resolution_due first_response_at "
    "answered_at decision_due closed_at paused_at rating rating_comment version"
).split()


def _ts(value: datetime | None) -> str | None:
    """The text SQLAlchemy's SQLite DATETIME stores (UTC, always with microseconds)."""
    if value is None:
        return None
    text = str(value)  # naive UTC: "YYYY-MM-DD HH:MM:SS[.ffffff]"
    return text if len(text) > 19 else text + ".000000"


def districts() -> list[str]:
    with (DATA / "catalogs" / "districts.csv").open(encoding="utf-8") as fh:
        return [row["code"] for row in csv.DictReader(fh)]


@dataclass
class People:
    supervisor: int
    analyst: int
    requester: int
    analysts: list[int]
    requesters: list[int]


def ticket_rows(n: int, people: People, *, pg: bool = False) -> Iterator[tuple[Any, ...]]:
    """N tickets in id order (numbers per local year, as the counter would give them)."""
    rnd = random.Random(SEED)
    codes = districts()
    now = NOW.replace(tzinfo=None)
    span = 548 * 86400  # 18 months
    state_names = [s for s, _ in STATES]
    state_weights = [w for _, w in STATES]
    # created times first, sorted, so that ids and numbers follow them as in real life
    states = rnd.choices(state_names, state_weights, k=n)
    offsets = []
    for state in states:
        if state in ("cerrado", "anulado") or rnd.random() < 0.03:
            offsets.append(rnd.random() * span)
        else:  # open tickets are mostly recent; 3% are old and stuck
            offsets.append(rnd.random() * 45 * 86400)
    order = sorted(range(n), key=lambda i: -offsets[i])
    counters: dict[int, int] = {}
    r = rnd.random

    def pick(seq: tuple[Any, ...] | list[Any]) -> Any:
        return seq[int(r() * len(seq))]

    fmt = (lambda v: None if v is None else v.replace(tzinfo=UTC)) if pg else _ts
    for i in order:
        state = states[i]
        created = now - timedelta(seconds=offsets[i], microseconds=1 + int(r() * 999_998))
        year = (created - timedelta(hours=5)).year
        counters[year] = counters.get(year, 0) + 1
        number = f"MS-{year}-{counters[year]:06d}"
        roll = r()
        kind = "incidente" if roll < 0.55 else ("consulta" if roll < 0.9 else "queja")
        motive = ""
        if kind == "incidente":
            queue = "analisis_funcional"
        elif kind == "queja":
            queue, motive = "atencion_usuario", "mala_atencion"
        elif r() < 0.3:
            queue, motive = "tecnica_aduanera", "clasificacion_arancelaria"
        else:
            queue, motive = "atencion_usuario", "procedimiento"
        hours = {"incidente": 16, "consulta": 40, "queja": 24}[kind]
        first_due = created + timedelta(hours=4 + r() * 4)
        due = created + timedelta(hours=hours + r() * hours)
        assignee = None if state == "registrado" else pick(people.analysts)
        closed = state in ("cerrado", "anulado")
        done = min(created + timedelta(hours=r() * hours * 1.5), now) if closed else None
        answered = decision_due = paused = first_at = None
        closure = outcome = ""
        rating = None
        if state == "respondido":
            answered = now - timedelta(hours=r() * 48)
            decision_due = now + timedelta(hours=1 + r() * 120)  # the sweep has no work
            outcome = pick(OUTCOMES)
        elif state == "pendiente_informacion":
            paused = now - timedelta(hours=r() * 72)
        if state == "cerrado":
            closure = pick(CLOSURES)
            outcome = pick(OUTCOMES)
            answered = done
            rating = rnd.randint(1, 5) if closure == "conforme" else None
        if state != "registrado":
            first_at = min(created + timedelta(hours=r() * 6), now)
        requester = people.requester if r() * MY_SHARE < 1 else pick(people.requesters)
        name = f"{pick(FIRST)} {pick(LAST)} {pick(LAST)}"
        subject = f"{pick(PROBLEMS)} {pick(OBJECTS)} {pick(CONTEXTS)}".strip()
        words = rnd.choices(VOCAB, k=15 + int(r() * 31))
        if r() < 0.2:
            words.append(f"DAI {pick(codes)}-{year}-10-{1 + int(r() * 99_999_998):08d}")
        description = " ".join(words).capitalize() + "."
        updated = done or first_at or created
        yield (
            number, kind, "en_linea" if r() < 0.85 else "telefonico", state, closure,
            outcome, requester, requester, name, f"09{10_000_000 + int(r() * 89_999_999)}",
            f"u{requester}@example.ec", f"09{10_000_000 + int(r() * 89_999_999)}",
            "natural_ecuatoriana", "", pick(codes), motive, "", "", subject, description,
            "{}", queue, assignee, fmt(created), fmt(updated), fmt(first_due), fmt(due),
            fmt(first_at), fmt(answered), fmt(decision_due), fmt(done), fmt(paused), rating, "",
            1,
        )  # fmt: skip
    ticket_rows.counters = counters  # type: ignore[attr-defined]


# ---------------------------------------------------------------- building the database


def add_people(url: str) -> People:
    """Staff through the ORM (the model's defaults), the many requesters in one executemany."""
    from sqlalchemy import insert
    from sqlmodel import select

    from ecuapass_tui.services.setup import open_database
    from ecuapass_tui.store.models import QueueMember, User

    db = open_database(url)
    try:
        with db.write() as s:
            for i, cls in enumerate(["supervisor"] + ["analista"] * ANALYSTS + ["general"]):
                s.add(
                    User(
                        username=f"bench_{cls}_{i}",
                        user_class=cls,
                        full_name=f"{FIRST[i % 10]} {LAST[i % 9]} ({cls} {i})",
                        password_hash="!",
                        created_at=NOW,
                    )
                )
            s.flush()
            users = s.exec(select(User).where(User.username.startswith("bench_"))).all()
            by_name = {u.username: u.id for u in users}
            supervisor = by_name["bench_supervisor_0"]
            analysts = [by_name[f"bench_analista_{i}"] for i in range(1, ANALYSTS + 1)]
            requester = by_name[f"bench_general_{ANALYSTS + 1}"]
            # the measured analyst works one queue; the others one or two
            s.add(QueueMember(queue_code="atencion_usuario", user_id=analysts[0]))
            for i, uid in enumerate(analysts[1:]):
                s.add(QueueMember(queue_code=QUEUES[i % 3], user_id=uid))
                if i % 2:
                    s.add(QueueMember(queue_code=QUEUES[(i + 1) % 3], user_id=uid))
            s.execute(
                insert(User),
                [
                    {
                        "username": f"bench_req_{i:05d}",
                        "user_class": "general",
                        "full_name": f"{FIRST[i % 10]} {LAST[i % 9]} {LAST[(i // 9) % 9]}",
                        "password_hash": "!",
                        "created_at": NOW,
                    }
                    for i in range(REQUESTERS)
                ],
            )
            requesters = list(
                s.exec(select(User.id).where(User.username.startswith("bench_req_"))).all()
            )
    finally:
        db.dispose()
    return People(supervisor, analysts[0], requester, analysts, requesters)  # type: ignore[arg-type]


def build_sqlite(path: Path, n: int) -> dict[str, Any]:
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    people = add_people(f"sqlite:///{path}")
    times["schema and people"] = time.perf_counter() - t0

    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA cache_size = -262144")  # 256 MB while loading (a child process)
    saved = con.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'ticket' "
        "AND type IN ('index', 'trigger') AND sql IS NOT NULL"
    ).fetchall()
    for kind, name, _ in saved:
        con.execute(f"DROP {kind.upper()} {name}")
    t = time.perf_counter()
    marks = ", ".join("?" * len(TICKET_COLUMNS))
    stmt = f"INSERT INTO ticket ({', '.join(TICKET_COLUMNS)}) VALUES ({marks})"
    rows = ticket_rows(n, people)
    con.execute("BEGIN")
    while True:
        batch = [row for _, row in zip(range(50_000), rows, strict=False)]
        if not batch:
            break
        con.executemany(stmt, batch)
    con.execute("COMMIT")
    times["insert tickets"] = time.perf_counter() - t
    t = time.perf_counter()
    con.execute("BEGIN")
    for kind, _, sql in saved:
        if kind == "index":
            con.execute(sql)
    times["indexes"] = time.perf_counter() - t
    t = time.perf_counter()
    con.execute("INSERT INTO ticket_fts(ticket_fts) VALUES ('rebuild')")
    for kind, _, sql in saved:
        if kind == "trigger":
            con.execute(sql)
    counters = ticket_rows.counters  # type: ignore[attr-defined]
    con.executemany(
        "INSERT OR REPLACE INTO ticket_counter(year, last) VALUES (?, ?)", counters.items()
    )
    con.execute("COMMIT")
    times["fts rebuild"] = time.perf_counter() - t
    t = time.perf_counter()
    con.execute("DELETE FROM ticket_month_figure")
    con.execute(month_figures.rebuild_sql("sqlite"))
    times["month sums"] = time.perf_counter() - t
    con.execute("PRAGMA journal_mode = WAL")
    con.close()
    times["total"] = time.perf_counter() - t0
    return {
        "generator": GENERATOR,
        "tickets": n,
        "people": people.__dict__,
        "setup_s": times,
        "size_mb": path.stat().st_size / 2**20,
    }


def build_pg(url: str, n: int) -> dict[str, Any]:
    """Create the database in the URL if missing (dropping an old one), load with COPY."""
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    name = parsed.database
    admin = parsed.set(drivername="postgresql", database="postgres")
    dsn = admin.render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    people = add_people(url)
    times["schema and people"] = time.perf_counter() - t0
    target = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(target) as conn:
        saved = conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'ticket' "
            "AND indexname NOT LIKE '%pkey' AND indexname NOT LIKE '%number_key'"
        ).fetchall()
        for index, _ in saved:
            conn.execute(f"DROP INDEX {index}")
        conn.execute("ALTER TABLE ticket DISABLE TRIGGER USER")  # the month sums: rebuilt below
        t = time.perf_counter()
        with conn.cursor().copy(f"COPY ticket ({', '.join(TICKET_COLUMNS)}) FROM STDIN") as cp:
            for row in ticket_rows(n, people, pg=True):
                cp.write_row(row)
        times["insert tickets"] = time.perf_counter() - t
        t = time.perf_counter()
        for _, ddl in saved:
            conn.execute(ddl)
        times["indexes (incl. GIN full text)"] = time.perf_counter() - t
        conn.execute("ALTER TABLE ticket ENABLE TRIGGER USER")
        t = time.perf_counter()
        conn.execute("DELETE FROM ticket_month_figure")
        conn.execute(month_figures.rebuild_sql("postgresql"))
        times["month sums"] = time.perf_counter() - t
        counters = ticket_rows.counters  # type: ignore[attr-defined]
        conn.cursor().executemany(
            "INSERT INTO ticket_counter(year, last) VALUES (%s, %s) "
            "ON CONFLICT (year) DO UPDATE SET last = excluded.last",
            list(counters.items()),
        )
        conn.commit()
    with psycopg.connect(target, autocommit=True) as conn:
        t = time.perf_counter()
        conn.execute("VACUUM ANALYZE ticket")  # autovacuum would do it soon after a load
        times["vacuum analyze"] = time.perf_counter() - t
    times["total"] = time.perf_counter() - t0
    return {"generator": GENERATOR, "tickets": n, "people": people.__dict__, "setup_s": times}


def upgrade_to_head(url: str, meta: dict[str, Any]) -> None:
    """A database kept from an older head is migrated (the month sums are counted then)."""
    from ecuapass_tui.store import schema
    from ecuapass_tui.store.engine import Database

    db = Database(url)
    try:
        if schema.current_revision(db) != schema.head_revision():
            t = time.perf_counter()
            schema.upgrade(db)
            meta["setup_s"][f"upgrade to {schema.head_revision()}"] = time.perf_counter() - t
    finally:
        db.dispose()


def apply_indexes(url: str, meta: dict[str, Any], wanted: list[str]) -> None:
    """Create the --try-index indexes, and drop those an earlier run created and this one
    does not want, so that the database is at head plus exactly these."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            for ddl in meta.get("extra_indexes", []):
                if ddl not in wanted:
                    name = ddl.split()[2] if ddl.split()[1].upper() == "INDEX" else ddl.split()[3]
                    conn.execute(text(f"DROP INDEX IF EXISTS {name}"))
            for ddl in wanted:
                if ddl not in meta.get("extra_indexes", []):
                    t = time.perf_counter()
                    conn.execute(text(ddl))
                    meta["setup_s"][f"try-index {ddl.split()[2]}"] = time.perf_counter() - t
    finally:
        engine.dispose()
    meta["extra_indexes"] = list(wanted)


# ---------------------------------------------------------------- measuring


@dataclass
class Case:
    name: str
    call: Callable[[], Any]
    goal_ms: float = GOAL_MS
    page_sql: tuple[str, Any] | None = None
    statements: list[tuple[str, Any]] = field(default_factory=list)
    service_ms: list[float] = field(default_factory=list)
    raw_ms: list[float] = field(default_factory=list)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def baseline_rss() -> float:
    code = (
        "import resource, ecuapass_tui.services.desk, ecuapass_tui.services.mesa.queue, "
        "ecuapass_tui.store.engine; "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def measure(url: str, meta: dict[str, Any], reps: int, budget_s: float) -> dict[str, Any]:
    from sqlalchemy import event

    from ecuapass_tui.core.clock import FixedClock
    from ecuapass_tui.services.desk import Desk
    from ecuapass_tui.services.dto import Actor
    from ecuapass_tui.services.mesa.ticket_dto import QueueFilter
    from ecuapass_tui.store.engine import Database, sqlite_path

    people = meta["people"]
    desk = Desk(Database(url), clock=FixedClock(NOW))
    sup = Actor(people["supervisor"], "bench_supervisor_0", "supervisor", "Supervisor", None, "es")
    ana = Actor(people["analyst"], "bench_analista_1", "analista", "Analista", None, "es")
    req = Actor(people["requester"], "bench_general", "general", "Usuario", None, "es")
    pg = desk.db.dialect == "postgresql"
    if pg:
        import psycopg
        from sqlalchemy.engine import make_url

        dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        raw: Any = psycopg.connect(dsn, autocommit=True, prepare_threshold=None)  # as the app
    else:
        raw = sqlite3.connect(sqlite_path(url), isolation_level=None)

    def raw_run(stmt: str, params: Any) -> list[Any]:
        cur = raw.cursor()
        cur.execute(stmt, params)
        return cur.fetchall()

    capture: list[tuple[str, Any]] | None = None

    @event.listens_for(desk.db.engine, "before_cursor_execute")
    def _catch(conn: Any, cursor: Any, stmt: str, params: Any, context: Any, many: bool) -> None:
        if capture is not None:
            capture.append((stmt, params))

    def page(actor: Actor, after: str | None = None, **kw: Any) -> Callable[[], Any]:
        return lambda: desk.queue_page(actor, QueueFilter(**kw), after=after)

    # the cursor after 20 pages of the supervisor's open queue
    cursor = None
    for _ in range(20):
        cursor = desk.queue_page(sup, QueueFilter(state="open"), after=cursor).next_cursor
    number = desk.queue_page(sup, QueueFilter(state="open")).rows[7].number
    cases = [
        Case("queue opens: supervisor, open", page(sup, state="open")),
        Case("queue opens: analyst (1 queue + own)", page(ana, state="open")),
        Case("next page after 20 pages", page(sup, after=cursor, state="open")),
    ]
    typed = "token"
    for i in range(1, len(typed) + 1):
        cases.append(Case(f'text "{typed[:i]}" (open)', page(sup, state="open", text=typed[:i])))
    for i in (3, 8, len(number)):  # a ticket number typed: "MS-", "MS-2026-", the whole
        part = number[:i]
        cases.append(Case(f'text "{part}" (all states)', page(sup, text=part)))
    cases += [
        Case('analyst, text "token"', page(ana, state="open", text="token")),
        Case("queue + state en_analisis", page(sup, queue="atencion_usuario", state="en_analisis")),
        Case("district 028, open", page(sup, state="open", district="028")),
        Case("due overdue", page(sup, due="overdue")),
        Case("assignee none, open", page(sup, state="open", assignee="none")),
        Case("queue + district + text", page(sup, queue="analisis_funcional", state="open",
                                             district="019", text="firma")),
        Case("Mis tickets (requester)", lambda: desk.my_tickets(req)),
        Case("MS.7 Cifras (18 months)", lambda: desk.mesa_figures(sup), FIGURES_GOAL_MS),
    ]  # fmt: skip

    for case in cases:
        capture = []
        result = case.call()  # warm-up, and the SQL it sends
        case.statements, capture = capture, None
        pages = [s for s in case.statements if "LIMIT" in s[0] and "FROM ticket" in s[0]]
        pages = pages or [s for s in case.statements if "FROM ticket_month_figure" in s[0]]
        case.page_sql = pages[-1] if pages else None
        raw_run(*case.page_sql) if case.page_sql else None
        start = time.perf_counter()
        for i in range(reps):
            t = time.perf_counter()
            case.call()
            case.service_ms.append((time.perf_counter() - t) * 1000)
            if case.page_sql:
                t = time.perf_counter()
                raw_run(*case.page_sql)
                case.raw_ms.append((time.perf_counter() - t) * 1000)
            if i >= 4 and time.perf_counter() - start > budget_s:
                break
        found = len(result.rows) if hasattr(result, "rows") else len(result)
        print(
            f"  {case.name}: {found} rows, p95 {pct(case.service_ms, 0.95):.1f} ms",
            file=sys.stderr,
        )
    peak = rss_mb()

    plans: dict[str, list[str]] = {}
    for case in cases:
        if pct(case.service_ms, 0.95) < case.goal_ms:
            continue
        lines = []
        for stmt, params in case.statements:
            if not stmt.lstrip().upper().startswith(("SELECT", "WITH")):
                continue  # BEGIN / COMMIT
            t = time.perf_counter()
            raw_run(stmt, params)
            ms = (time.perf_counter() - t) * 1000
            explain = "EXPLAIN " if pg else "EXPLAIN QUERY PLAN "
            plan = raw_run(explain + stmt, params)
            detail = [str(r[0] if pg else r[-1]) for r in plan]
            lines.append(f"{ms:8.1f} ms  {' '.join(stmt.split())[:160]}")
            lines += [f"             {d}" for d in detail]
        plans[case.name] = lines
    raw.close()
    desk.db.dispose()
    return {"cases": cases, "peak_mb": peak, "plans": plans}


def report(engine: str, meta: dict[str, Any], res: dict[str, Any], base_mb: float) -> str:
    load = os.getloadavg()[0]
    out = [
        f"Measured {datetime.now(UTC):%Y-%m-%d}, {platform.system()} {platform.machine()}, "
        f"nproc {os.cpu_count()}, Python {platform.python_version()}, {engine}, "
        f"load average {load:.2f} at the end; {meta['tickets']:,} tickets; "
        f"{len(res['cases'][0].service_ms)}+ calls per case (fewer only where a case "
        "passed its time budget: see n).",
        "",
        "| case | n | service p50 | p95 | raw SQL p50 | p95 | ratio | goal p95 ms | met |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for case in res["cases"]:
        s50, s95 = pct(case.service_ms, 0.5), pct(case.service_ms, 0.95)
        if case.raw_ms:
            r50, r95 = pct(case.raw_ms, 0.5), pct(case.raw_ms, 0.95)
            raw_cells = f"{r50:.1f} | {r95:.1f} | {s50 / r50:.1f}x" if r50 else "- | - | -"
        else:
            raw_cells = "- | - | -"
        met = "yes" if s95 < case.goal_ms else "NO"
        out.append(
            f"| {case.name} | {len(case.service_ms)} | {s50:.1f} | {s95:.1f} | {raw_cells} "
            f"| < {case.goal_ms:.0f} | {met} |"
        )
    peak = res["peak_mb"]
    out += [
        "",
        "| memory | bare interpreter + package | measuring process (peak RSS) | goal | met |",
        "|---|---|---|---|---|",
        f"| RSS (MB) | {base_mb:.0f} | {peak:.0f} | < {GOAL_MB:.0f} | "
        f"{'yes' if peak < GOAL_MB else 'NO'} |",
        "",
        "Setup (s): "
        + ", ".join(f"{k} {v:.1f}" for k, v in meta["setup_s"].items())
        + (f"; file {meta['size_mb']:.0f} MB" if "size_mb" in meta else "")
        + (" (reused with --keep)" if meta.get("reused") else ""),
    ]
    if meta.get("extra_indexes"):
        out += ["", "Tried on top of head: " + "; ".join(f"`{d}`" for d in meta["extra_indexes"])]
    if res["plans"]:
        out += ["", "Plans of the cases over the goal (each statement the service sent):", ""]
        for name, lines in res["plans"].items():
            out.append(f"    {name}")
            out += [f"    {line}" for line in lines]
    return "\n".join(out)


# ---------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--db", type=Path, help="SQLite file (default: in the temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the file and reuse it next time")
    ap.add_argument("--tickets", type=int, default=1_000_000)
    ap.add_argument("--reps", type=int, default=50, help="calls per case (default 50)")
    ap.add_argument(
        "--budget", type=float, default=5.0, help="seconds per case before stopping early"
    )
    ap.add_argument(
        "--try-index",
        action="append",
        default=[],
        metavar="SQL",
        help="CREATE INDEX ... to try on the benchmark database (dropped by a run without it)",
    )
    ap.add_argument("--pg", metavar="URL", help="PostgreSQL instead (database created/loaded)")
    ap.add_argument("--pg-reuse", action="store_true", help="with --pg: do not reload")
    ap.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--smoke", action="store_true", help="3,000 tickets, 2 calls; no goal")
    args = ap.parse_args()
    if args.smoke:
        args.tickets, args.reps, args.budget, args.keep, args.db = 3000, 2, 1.0, False, None

    if args.pg:
        url, meta_path = args.pg, Path(tempfile.gettempdir()) / "ecuapass_queue_bench_pg.json"
    else:
        tmp = None
        if args.db is None:
            base = Path(tempfile.gettempdir())
            if not args.keep:
                tmp = Path(tempfile.mkdtemp(prefix="ecuapass_queue_bench_"))
                base = tmp
            args.db = base / f"ecuapass_queue_bench_{args.tickets}.sqlite"
        url, meta_path = f"sqlite:///{args.db}", Path(f"{args.db}.json")

    if args.build_only:  # the child process
        meta = build_pg(url, args.tickets) if args.pg else build_sqlite(args.db, args.tickets)
        meta_path.write_text(json.dumps(meta), encoding="utf-8")
        return 0

    meta = None
    if meta_path.exists() and (args.keep or args.pg_reuse):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        fresh = meta.get("generator") == GENERATOR and meta.get("tickets") == args.tickets
        if fresh and (args.pg or args.db.exists()):
            meta["reused"] = True
        else:
            meta = None
    try:
        if meta is None:
            print(f"building {args.tickets:,} tickets at {args.pg or args.db} ...", file=sys.stderr)
            child = [sys.executable, __file__, "--build-only", "--tickets", str(args.tickets)]
            child += ["--pg", args.pg] if args.pg else ["--db", str(args.db)]
            subprocess.run(child, check=True)
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            print(f"  setup {meta['setup_s']}", file=sys.stderr)
        upgrade_to_head(url, meta)
        apply_indexes(url, meta, args.try_index)
        meta_path.write_text(json.dumps(meta), encoding="utf-8")
        base_mb = baseline_rss()
        print("measuring ...", file=sys.stderr)
        res = measure(url, meta, args.reps, args.budget)
        engine = "PostgreSQL" if args.pg else f"SQLite {sqlite3.sqlite_version}"
        print(report(engine, meta, res, base_mb))
        missed = any(pct(c.service_ms, 0.95) >= c.goal_ms for c in res["cases"])
        return 1 if not args.smoke and (missed or res["peak_mb"] >= GOAL_MB) else 0
    finally:
        if not args.pg and tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
