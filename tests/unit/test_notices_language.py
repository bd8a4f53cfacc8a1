"""Mailbox notices are read in each reader's language: stored as a code and its parameters
(with the Spanish text beside them); rows without a code are shown as they were stored."""

from __future__ import annotations

import dataclasses
import json

from sqlmodel import col, select
from tests.unit.test_tickets import open_incident, who

from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.store.models import MailboxNotice


def english(actor: Actor) -> Actor:
    return dataclasses.replace(actor, language="en")


def newest(desk: Desk, actor: Actor) -> MailboxNotice:
    with desk.db.read() as s:
        return s.exec(
            select(MailboxNotice)
            .where(MailboxNotice.user_id == actor.user_id)
            .order_by(col(MailboxNotice.id).desc())
        ).first()  # type: ignore[return-value]


def test_an_answer_reads_in_the_readers_language(desk: Desk) -> None:
    agente, analista = who(desk, "agente"), who(desk, "analista")
    number = open_incident(desk, agente)
    desk.take_ticket(analista, number)
    desk.answer_ticket(analista, number, "incidente_solucionado", "Se corrigió el catálogo.")

    row = newest(desk, agente)
    assert row.code == "ticket_answered"
    assert json.loads(row.params) == {
        "numero": number,
        "texto": "Se corrigió el catálogo.",
        "dias": json.loads(row.params)["dias"],
    }
    assert row.subject == f"Ticket {number} respondido"  # the Spanish text stays beside it

    spanish = desk.notices(agente)[0]
    assert spanish.subject == f"Ticket {number} respondido"
    assert "elija Aceptar en Mis tickets" in spanish.body
    assert spanish.body.startswith("Se corrigió el catálogo.")  # what the analyst wrote

    read_in_english = desk.notices(english(agente))[0]
    assert read_in_english.id == spanish.id
    assert read_in_english.subject == f"Ticket {number} answered"
    assert "Aceptar" not in read_in_english.body and "No conforme" not in read_in_english.body
    assert read_in_english.body.startswith("Se corrigió el catálogo.")
    # The De and Destinatario columns too.
    assert (spanish.sender, spanish.recipient) == ("MESA DE SERVICIOS", "BUZON PERSONAL")
    assert (read_in_english.sender, read_in_english.recipient) == (
        "SERVICE DESK",
        "PERSONAL MAILBOX",
    )


def test_rows_without_a_code_or_with_an_unknown_one_read_as_stored(desk: Desk) -> None:
    agente = who(desk, "agente")
    with desk.db.write() as s:
        s.add(
            MailboxNotice(
                user_id=agente.user_id,
                subject="AVISO ANTERIOR",
                body="Texto guardado antes de los códigos.",
                created_at=desk.now(),
            )
        )
        s.add(
            MailboxNotice(
                user_id=agente.user_id,
                subject="AVISO DE OTRA VERSIÓN",
                body="Texto guardado por una versión más nueva.",
                created_at=desk.now(),
                code="codigo_de_otra_version",
                params=json.dumps({"x": 1}),
            )
        )
    for reader in (agente, english(agente)):
        shown = {n.subject: n.body for n in desk.notices(reader)}
        assert shown["AVISO ANTERIOR"] == "Texto guardado antes de los códigos."
        assert shown["AVISO DE OTRA VERSIÓN"] == "Texto guardado por una versión más nueva."


def test_the_demo_notices_are_written_in_both_languages(desk: Desk) -> None:
    agente = who(desk, "agente")
    spanish = {n.id: n.subject for n in desk.notices(agente)}
    english_subjects = {n.id: n.subject for n in desk.notices(english(agente))}
    welcome = next(i for i, s in spanish.items() if s == "Bienvenido a Ecuapass en la terminal")
    assert english_subjects[welcome] == "Welcome to Ecuapass in the terminal"
