"""The queue's text filter on both engines: SQLite FTS5 and PostgreSQL's spanish tsvector find
words of the number, subject and description, prefixes while typing, and never break on
characters that mean something to the query language; the open view's own index follows the
tickets' states and texts."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.services.catalogs import load_catalogs
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.mesa import queue
from ecuapass_tui.services.mesa.ticket_dto import QueueFilter
from ecuapass_tui.services.mesa.tickets import open_ticket
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import Ticket


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    return importlib.import_module("_ticket_workers")


def test_text_filter_on_each_engine(any_db: Database, rows, workers) -> None:
    with any_db.write() as session:
        load_catalogs(session)
        company = rows.company(session)
        user = rows.user(session, user_class="representante", company_id=company.id)
        boss = rows.user(session, user_class="supervisor")
        requester = Actor(user.id, user.username, "representante", user.full_name, company.id, "es")
        supervisor = Actor(boss.id, boss.username, "supervisor", boss.full_name, None, "es")
        texts = {
            "token": "La firma electrónica con el token no responde al transmitir la DAI.",
            "manifiesto": "El manifiesto de carga MRN no aparece en 1.3 Integración de estados.",
            "liquidacion": "La liquidación de la declaración no se puede pagar por Pago-e hoy.",
        }
        numbers = {}
        for key, description in texts.items():
            values = workers.values()
            values["descripcion"] = description + " Ocurrió varias veces durante la mañana."
            opened = open_ticket(
                session,
                requester,
                "incidente",
                values,
                {"capturas": [Attachment("c.png", workers.PNG)]},
                now=workers.NOW,
            )
            numbers[key] = opened.number

    def found(text: str) -> set[str]:
        with any_db.read() as session:
            page = queue.queue_page(
                session, supervisor, QueueFilter(text=text), now=workers.NOW, limit=100
            )
        return {r.number for r in page.rows}

    assert found("token") == {numbers["token"]}
    assert found("tok") == {numbers["token"]}  # a prefix while typing
    assert found("firma token") == {numbers["token"]}  # every word must be there
    assert found("manifiesto carga") == {numbers["manifiesto"]}
    assert found("liquidación") == {numbers["liquidacion"]}
    assert found(numbers["manifiesto"]) == {numbers["manifiesto"]}
    assert found("MS-2026-") == set(numbers.values())  # the start of a number
    assert found("ms-") == found("MS") == set(numbers.values())
    assert found(numbers["token"].lower()) == {numbers["token"]}
    assert found("to") == set()  # under 3 letters a word is matched whole, not as a prefix
    assert found("catálogo inexistente") == set()
    for hostile in ('"', "'", "a) OR (b", "NEAR(x y)", "*", "--", "x:* | y", "&&"):
        found(hostile)  # no error from the query language
    assert found("Catálogos") == set(numbers.values())  # the subject is searched too


def test_the_open_view_follows_state_and_text(any_db: Database, rows, workers) -> None:  # type: ignore[no-untyped-def]
    """The open tickets' own index (store/open_search.py): a ticket closed leaves the open
    view's search and stays in the search of all states; reopened, it is found again; a
    changed text is found by its new words only; the same on both engines."""
    with any_db.write() as session:
        load_catalogs(session)
        company = rows.company(session)
        user = rows.user(session, user_class="representante", company_id=company.id)
        boss = rows.user(session, user_class="supervisor")
        requester = Actor(user.id, user.username, "representante", user.full_name, company.id, "es")
        supervisor = Actor(boss.id, boss.username, "supervisor", boss.full_name, None, "es")
        values = workers.values()
        values["descripcion"] = (
            "El contenedor refrigerado no aparece en la consulta de aforo. Ocurrió varias veces."
        )
        files = {"capturas": [Attachment("c.png", workers.PNG)]}
        number = open_ticket(session, requester, "incidente", values, files, now=workers.NOW)
        ticket = session.get(Ticket, number.id)

    def found(text: str, state: str = "open") -> bool:
        with any_db.read() as session:
            page = queue.queue_page(
                session, supervisor, QueueFilter(text=text, state=state), now=workers.NOW
            )
        return [r.number for r in page.rows] == [number.number]

    def change(**fields: object) -> None:
        with any_db.write() as session:
            row = session.get(Ticket, number.id)
            for name, value in fields.items():
                setattr(row, name, value)

    assert ticket is not None and found("refrigera") and found("refrigerado", "")
    change(state="en_analisis")  # from one open state to another
    assert found("refrigerado")
    change(state="cerrado")
    assert not found("refrigerado") and found("refrigerado", "") and found("refri", "cerrado")
    change(state="en_analisis")
    assert found("refrigerado")
    new_text = "La balanza del puerto marca un peso distinto al declarado."
    change(subject=new_text, description=new_text)
    assert found("balanza") and not found("refrigerado")
    assert found("balanza", "") and not found("refrigerado", "")
