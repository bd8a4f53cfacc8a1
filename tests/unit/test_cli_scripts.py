"""`ecuapass-tui tickets|tracking|figures`, run in-process as a script runs them: the exit
status, what is printed (JSON parsed and compared with the database) and what the database
holds afterwards; one refusal (1) and one bad usage (2) per command."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import col, func, select
from tests.helpers import frozen_clock

from ecuapass_tui import cli
from ecuapass_tui.core.clock import ECUADOR, FixedClock
from ecuapass_tui.services.errors import LoginFailed, NotFound, PermissionDenied
from ecuapass_tui.services.mesa.figures import published
from ecuapass_tui.services.mesa.ticket_dto import TicketState
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import AuditEvent, OceRegistration, Ticket, TicketEvent, User
from ecuapass_tui.store.models_tracking import Cargo, TrackingEvent
from ecuapass_tui.store.models_vue import VueRequest
from ecuapass_tui.texts import error_text, text

pytestmark = pytest.mark.cheap_hashes

PASSWORDS = {
    "analista": "Analista2026ec",
    "supervisor": "Supervisor2026ec",
    "ciudadano": "General2026ec",
    "importador": "Pacifico2026ec",
    "arcsa": "Entidad2026ec",
}


@dataclass
class Run:
    status: int
    out: str
    err: str

    def json(self) -> dict[str, object]:
        document = json.loads(self.out)
        assert document["version"] == 1
        return document


Runner = Callable[..., Run]


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FixedClock:
    fixed = frozen_clock()
    monkeypatch.setattr("ecuapass_tui.subcommands.session.clock_for", lambda _settings: fixed)
    return fixed


@pytest.fixture
def run(
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    clock: FixedClock,
) -> Runner:
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.setenv("ECUAPASS_SYSTEM_CONFIG", str(tmp_path / "etc" / "config.toml"))
    monkeypatch.setenv("ECUAPASS_DATABASE_URL", "")
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"

    def run(*args: str, user: str | None = "analista", password: str | None = None) -> Run:
        secret = password or PASSWORDS.get(user or "", "")
        monkeypatch.setenv("ECUAPASS_PASSWORD", secret)
        login = ["--user", user] if user else []
        status = cli.main(["--db", url, *args, *login])
        out, err = capsys.readouterr()
        assert not secret or secret not in out + err  # a password is never printed
        return Run(status, out, err)

    return run


def ticket(db: Database, number: str) -> Ticket:
    with db.read() as s:
        return s.exec(select(Ticket).where(Ticket.number == number)).one()


def first_ticket(db: Database, *states: str) -> Ticket:
    with db.read() as s:
        query = select(Ticket).where(col(Ticket.state).in_(states)).order_by(col(Ticket.id))
        return s.exec(query).first()  # type: ignore[return-value]


def user_id(db: Database, username: str) -> int:
    with db.read() as s:
        return s.exec(select(User.id).where(User.username == username)).one()  # type: ignore[return-value]


def test_tickets_list_json_csv_and_text(run: Runner, demo_db: Database) -> None:
    listed = run("tickets", "list", "--state", "all", "--limit", "500", "--json")
    assert listed.status == 0, listed.err
    rows = listed.json()["tickets"]
    assert isinstance(rows, list) and rows
    with demo_db.read() as s:
        analista = s.exec(select(User).where(User.username == "analista")).one()
        for row in rows:
            stored = s.exec(select(Ticket).where(Ticket.number == row["number"])).one()
            assert (row["state"], row["kind"], row["queue"]) == (
                stored.state,
                stored.kind,
                stored.queue_code,
            )
            assert row["created_at"] == stored.created_at.astimezone(ECUADOR).isoformat()
            assert row["created_at"].endswith("-05:00")
    assert analista.id is not None
    open_rows = run("tickets", "list", "--csv")
    lines = open_rows.out.splitlines()
    assert lines[0].startswith("number,kind,channel,state,")
    assert {line.split(",")[3] for line in lines[1:]} <= {s.value for s in TicketState} - {
        "cerrado",
        "anulado",
    }
    shown = run("tickets", "list", "--state", "all", "--text", str(rows[0]["number"]))
    assert shown.status == 0 and rows[0]["number"] in shown.out

    refused = run("tickets", "list", "--json", user="ciudadano")
    assert (refused.status, refused.out) == (1, "")
    assert error_text(PermissionDenied()) in refused.err
    assert run("tickets", "list", "--state", "nada").status == 2
    other = run("tickets", "list", "--queue", "no_existe")
    assert other.status == 2 and "--queue" in other.err


def test_tickets_show_json_text_and_not_found(run: Runner, demo_db: Database) -> None:
    stored = first_ticket(demo_db, TicketState.PENDIENTE_INFORMACION)
    shown = run("tickets", "show", stored.number.lower(), "--json", user="supervisor")
    assert shown.status == 0, shown.err
    data = shown.json()["ticket"]
    assert isinstance(data, dict)
    assert (data["number"], data["state"], data["description"]) == (
        stored.number,
        stored.state,
        stored.description,
    )
    with demo_db.read() as s:
        events = s.exec(select(func.count()).where(TicketEvent.ticket_id == stored.id)).one()
    assert len(data["history"]) == events  # staff see the internal entries too
    text_form = run("tickets", "show", stored.number, user="supervisor")
    assert text_form.status == 0 and stored.number in text_form.out

    # Another user's ticket is not found, never forbidden.
    refused = run("tickets", "show", stored.number, "--json", user="ciudadano")
    assert (refused.status, refused.out) == (1, "")
    assert error_text(NotFound("ticket_not_found")) in refused.err
    assert run("tickets", "show", "--json").status == 2  # no number


def test_tickets_take(run: Runner, demo_db: Database) -> None:
    stored = first_ticket(demo_db, TicketState.REGISTRADO)
    taken = run("tickets", "take", stored.number, user="supervisor")
    assert taken.status == 0, taken.err
    after = ticket(demo_db, stored.number)
    assert after.assignee_id == user_id(demo_db, "supervisor")
    assert after.state == TicketState.EN_ANALISIS

    closed = first_ticket(demo_db, TicketState.CERRADO)
    refused = run("tickets", "take", closed.number, user="supervisor")
    assert refused.status == 1
    assert "Cerrado" in refused.err
    assert ticket(demo_db, closed.number).assignee_id == closed.assignee_id
    assert run("tickets", "take", stored.number, user=None).status == 2  # no --user


def test_tickets_assign(run: Runner, demo_db: Database) -> None:
    stored = first_ticket(demo_db, TicketState.REGISTRADO)
    number = stored.number
    done = run("tickets", "assign", number, "--to", "analista", "--reason", "Conoce el caso")
    assert done.status == 0, done.err
    assert ticket(demo_db, number).assignee_id == user_id(demo_db, "analista")

    refused = run("tickets", "assign", number, "--to", "analista", "--reason", "Conoce el caso",
                  user="ciudadano")  # fmt: skip
    assert refused.status == 1 and error_text(PermissionDenied()) in refused.err
    short = run("tickets", "assign", number, "--to", "supervisor", "--reason", "ya")
    assert short.status == 2 and short.err.startswith("ecuapass-tui: --reason: ")
    assert ticket(demo_db, number).assignee_id == user_id(demo_db, "analista")
    both = run("tickets", "assign", number, "--to", "a", "--queue", "b", "--reason", "motivo")
    assert both.status == 2


def test_tickets_answer_from_stdin_and_a_file(
    run: Runner, demo_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    first, second = [t.number for t in _open_tickets(demo_db, 2)]
    answer = "Se corrigió la configuración; vuelva a intentar la transmisión."
    hostile = answer.replace("la configuración", "la\x1b[2J configuración\u202e")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(hostile.encode())))
    done = run("tickets", "answer", first, "--outcome", "consulta_absuelta", user="supervisor")
    assert done.status == 0, done.err
    after = ticket(demo_db, first)
    assert (after.state, after.outcome) == (TicketState.RESPONDIDO, "consulta_absuelta")
    with demo_db.read() as s:
        body = s.exec(
            select(TicketEvent.body).where(
                TicketEvent.ticket_id == after.id, TicketEvent.kind == "answered"
            )
        ).one()
    assert body == answer.replace("la configuración", "la[2J configuración")  # no controls

    path = tmp_path / "respuesta.txt"
    path.write_text(answer, encoding="utf-8")
    from_file = run("tickets", "answer", second, "--outcome", "servicio_atendido", "--file",
                    str(path), user="supervisor")  # fmt: skip
    assert from_file.status == 0, from_file.err
    assert ticket(demo_db, second).state == TicketState.RESPONDIDO

    again = run("tickets", "answer", first, "--outcome", "consulta_absuelta", "--text", answer,
                user="supervisor")  # fmt: skip
    assert again.status == 1 and "Respondido" in again.err
    bad = run("tickets", "answer", second, "--outcome", "nada", "--text", answer)
    assert bad.status == 2


def _open_tickets(db: Database, count: int) -> list[Ticket]:
    with db.read() as s:
        query = (
            select(Ticket)
            .where(col(Ticket.state).in_([TicketState.REGISTRADO, TicketState.EN_ANALISIS]))
            .order_by(col(Ticket.id))
            .limit(count)
        )
        return list(s.exec(query).all())


def test_tickets_close_cancels_with_a_reason(run: Runner, demo_db: Database) -> None:
    number = _open_tickets(demo_db, 1)[0].number
    short = run("tickets", "close", number, "--reason", "corto", user="supervisor")
    assert short.status == 2 and "--reason" in short.err
    done = run("tickets", "close", number, "--reason", "Duplicado de otro caso", user="supervisor")
    assert done.status == 0, done.err
    assert ticket(demo_db, number).state == TicketState.ANULADO
    again = run("tickets", "close", number, "--reason", "Duplicado de otro caso", user="supervisor")
    assert again.status == 1 and "Anulado" in again.err


def test_tracking_show(run: Runner, demo_db: Database) -> None:
    with demo_db.read() as s:
        company = s.exec(select(User.company_id).where(User.username == "importador")).one()
        codes = s.exec(select(OceRegistration.code).where(OceRegistration.company_id == company))
        cargo = s.exec(select(Cargo).where(Cargo.company_id == company)).first()
        other = s.exec(
            select(Cargo).where(
                Cargo.company_id != company, col(Cargo.declarant_oce).not_in(list(codes))
            )
        ).first()
        assert cargo is not None and other is not None
        events = s.exec(select(func.count()).where(TrackingEvent.cargo_id == cargo.id)).one()
    ruc = ("--ruc", "0993456780001")
    shown = run("tracking", "show", cargo.mrn.lower(), "--json", *ruc, user="importador")
    assert shown.status == 0, shown.err
    data = shown.json()["cargo"]
    assert isinstance(data, dict)
    assert (data["mrn"], data["stage"], len(data["events"])) == (cargo.mrn, cargo.stage, events)
    assert len(data["steps"]) == 10
    assert "MRN " + cargo.mrn in run("tracking", "show", cargo.mrn, *ruc, user="importador").out

    # Another company's cargo is not found, never forbidden.
    hidden = run("tracking", "show", other.mrn, "--json", *ruc, user="importador")
    assert (hidden.status, hidden.out) == (1, "")
    assert error_text(NotFound("trk_cargo_not_found")) in hidden.err
    assert run("tracking", "show", "--json", user="supervisor").status == 2


def test_figures(run: Runner, demo_db: Database) -> None:
    shown = run("figures", "--months", "3", "--json", user="supervisor")
    assert shown.status == 0, shown.err
    data = shown.json()
    desk = data["desk"]
    assert isinstance(desk, list) and [m["month"] for m in desk] == [
        "2026-09",
        "2026-10",
        "2026-11",
    ]
    with demo_db.read() as s:
        registered = s.exec(
            select(func.count()).where(
                col(Ticket.kind).in_(["incidente", "consulta"]),
                Ticket.state != TicketState.ANULADO,
                col(Ticket.created_at) >= datetime(2026, 9, 1, tzinfo=ECUADOR),
            )
        ).one()
    assert sum(int(m["atenciones"]) for m in desk) == registered
    assert data["published"]["mesa"][0] == {  # type: ignore[index]
        "month": published("mesa")[0].month,
        "atenciones": published("mesa")[0].atenciones,
        "quejas": published("mesa")[0].quejas,
    }
    refused = run("figures", "--json", user="ciudadano")
    assert (refused.status, refused.out) == (1, "")
    assert run("figures", "--months", "0").status == 2


def test_a_wrong_password_locks_the_account_as_in_the_app(
    run: Runner, demo_db: Database, clock: FixedClock
) -> None:
    seen = []
    for _ in range(10):
        tried = run("figures", user="supervisor", password="equivocada1234")
        assert tried.status == 1 and tried.out == ""
        seen.append(tried.err)
        with demo_db.read() as s:
            user = s.exec(select(User).where(User.username == "supervisor")).one()
        if user.locked_until is not None:
            break
        clock.advance(timedelta(seconds=61))  # past any wait the login asked for
    assert user.locked_until is not None
    locked = error_text(LoginFailed("locked", until=user.locked_until))
    assert locked in seen[-1]
    # The right password is refused while the lock runs, with the same words.
    right = run("figures", user="supervisor")
    assert right.status == 1 and locked in right.err
    with demo_db.read() as s:
        actions = s.exec(select(AuditEvent.action).where(AuditEvent.action == "lock")).all()
    assert actions == ["lock"]
    assert text("bad_credentials") in seen[0]


def test_vue_list_shows_a_company_its_requests_and_an_institution_its_own(
    run: Runner, demo_db: Database
) -> None:
    ruc = ("--ruc", "0993456780001")
    company = run("vue", "list", "--json", "--limit", "500", *ruc, user="importador")
    assert company.status == 0, company.err
    numbers = {row["number"] for row in company.json()["requests"]}  # type: ignore[index]
    with demo_db.read() as s:
        stored = set(s.exec(select(VueRequest.number).where(col(VueRequest.state) != "")).all())
        arcsa = set(
            s.exec(select(VueRequest.number).where(VueRequest.institution_code == "130")).all()
        )
    assert numbers and numbers <= stored
    sent = run("vue", "list", "--state", "120", "--csv", *ruc, user="importador")
    assert sent.status == 0 and sent.out.startswith("number,institution,form")
    assert all(",120," in line for line in sent.out.splitlines()[1:])
    # The institution (ARCSA, 130) sees only what was sent to it.
    queue = run("vue", "list", "--json", "--limit", "500", user="arcsa")
    assert queue.status == 0, queue.err
    received = {row["number"] for row in queue.json()["requests"]}  # type: ignore[index]
    assert received and received <= arcsa
    # Staff are neither a company nor an institution: refused with the app's text.
    refused = run("vue", "list", "--json")
    assert refused.status == 1 and refused.out == ""
    assert run("vue", "list", "--from", "ayer", *ruc, user="importador").status == 2
