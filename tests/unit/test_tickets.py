"""Mesa de Servicios services on a demo SQLite file: the way of a ticket, who may see and do
what, SLA pauses, the sweep, routing, search and pages, audit and mail.

Staff and users act through the Desk, as the screens do; permissions are proven by calling
the services directly, with no screen in between."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import col, select

from ecuapass_tui.core.clock import FixedClock
from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, NotFound, PermissionDenied
from ecuapass_tui.services.mesa import sla
from ecuapass_tui.services.mesa.routing import routing
from ecuapass_tui.services.mesa.ticket_dto import Action, QueueFilter
from ecuapass_tui.services.mesa.ticket_store import TicketRefused
from ecuapass_tui.store.models import AuditEvent, MailboxNotice, OutboxMail, Ticket

# The subject here is what is checked, not what a hash costs.
pytestmark = pytest.mark.cheap_hashes

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%demo\n"
ACCOUNTS = {
    "agente": ("1792060346001", "Aduana2026ec"),
    "empleado": ("1792060346001", "Empleado2026ec"),
    "importador": ("0993456780001", "Pacifico2026ec"),
    "ciudadano": ("", "General2026ec"),
    "analista": ("", "Analista2026ec"),
    "supervisor": ("", "Supervisor2026ec"),
}


def who(desk: Desk, username: str) -> Actor:
    ruc, password = ACCOUNTS[username]
    return desk.login(ruc, username, password, None)


def incident(desk: Desk, actor: Actor, **changes: object) -> dict[str, Any]:
    values: dict[str, Any] = dict(desk.ticket_prefill(actor))
    values.update(
        forma_opcion="menu",
        opcion_sistema="2.6",
        fecha_evento="24/11/2026 09:15",
        distrito="028",
        descripcion=(
            "Al consultar el catálogo de distritos aparece el mensaje «Error 500» y la pantalla "
            "queda en blanco; ocurrió tres veces seguidas desde las 09:15."
        ),
    )
    values.update(changes)
    return values


def open_incident(desk: Desk, actor: Actor, **changes: object) -> str:
    opened = desk.open_ticket(
        actor,
        "incidente",
        incident(desk, actor, **changes),
        {"capturas": [Attachment("c.png", PNG)]},
    )
    return opened.number


def ticket_row(desk: Desk, number: str) -> Ticket:
    with desk.db.read() as s:
        return s.exec(select(Ticket).where(Ticket.number == number)).one()


@pytest.fixture
def agente(desk: Desk) -> Actor:
    return who(desk, "agente")


@pytest.fixture
def analista(desk: Desk) -> Actor:
    return who(desk, "analista")


# ---------------------------------------------------------------- the way of a ticket


def test_incident_is_numbered_routed_timed_and_acknowledged(desk: Desk, agente: Actor) -> None:
    number = open_incident(desk, agente)

    ticket = ticket_row(desk, number)
    assert number.startswith("MS-2026-") and len(number) == 14
    assert ticket.state == "registrado" and ticket.queue_code == "analisis_funcional"
    assert ticket.district_code == "028"
    assert ticket.subject.startswith("2.6 Catálogos: Al consultar el catálogo de distritos")
    assert len(ticket.subject) <= 120 and ticket.subject.endswith("…")
    assert ticket.first_response_due == sla.add_business_hours(desk.now(), 4)
    detail = desk.ticket(agente, number)
    assert [a.name for a in detail.attachments] == ["c.png"]
    assert detail.attachments[0].media_type == "image/png"
    with desk.db.read() as s:
        notice = s.exec(
            select(MailboxNotice)
            .where(MailboxNotice.user_id == agente.user_id)
            .order_by(col(MailboxNotice.id).desc())
        ).first()
    assert notice is not None and number in notice.subject and number in notice.body


def test_a_bad_form_stores_nothing_and_names_the_fields(desk: Desk, agente: Actor) -> None:
    with desk.db.read() as s:
        before = len(s.exec(select(Ticket.id)).all())
    values = incident(desk, agente, distrito="", fecha_evento="24/11/2026 11:30")
    with pytest.raises(FieldErrors) as refused:
        desk.open_ticket(agente, "incidente", values, {"capturas": []})
    fields = {e.field for e in refused.value.errors}
    assert fields == {"distrito", "fecha_evento", "capturas"}  # 11:30 is in the future
    with desk.db.read() as s:
        assert len(s.exec(select(Ticket.id)).all()) == before


def test_consultation_motives_that_need_documents(desk: Desk, agente: Actor) -> None:
    values = dict(desk.ticket_prefill(agente))
    values.update(
        motivo="clasificacion_arancelaria",
        asunto="Subpartida de bombas sumergibles",
        descripcion="¿En qué subpartida se clasifican las bombas de agua sumergibles de 2 HP?",
    )
    with pytest.raises(FieldErrors) as refused:
        desk.open_ticket(agente, "consulta", values, {"documentos": []})
    assert [e.field for e in refused.value.errors] == ["documentos"]
    opened = desk.open_ticket(
        agente, "consulta", values, {"documentos": [Attachment("f.pdf", PDF)]}
    )
    assert ticket_row(desk, opened.number).queue_code == "tecnica_aduanera"
    values["motivo"] = "otros"
    other = desk.open_ticket(agente, "consulta", values, {"documentos": []})
    assert ticket_row(desk, other.number).queue_code == "atencion_usuario"


def test_routing_and_the_consulta_form_agree_on_mandatory_documents() -> None:
    rule = load_spec("consulta").field("documentos")
    assert rule is not None and rule.required_when is not None
    needed = {r.motive for r in routing().routes if r.kind == "consulta" and r.attachments_required}
    assert set(rule.required_when.values) == needed


def test_the_whole_loop_with_a_pause_and_no_conforme(
    desk: Desk, agente: Actor, analista: Actor
) -> None:
    clock = desk.clock
    assert isinstance(clock, FixedClock)
    number = open_incident(desk, agente)
    desk.take_ticket(analista, number)
    assert ticket_row(desk, number).state == "en_analisis"

    desk.request_info(analista, number, "Indique el número de entrega afectado, por favor.")
    paused = ticket_row(desk, number)
    assert paused.state == "pendiente_informacion" and paused.paused_at == desk.now()
    assert Action.REPLY in desk.ticket(agente, number).actions
    due_before = paused.resolution_due
    clock.advance(timedelta(hours=2))  # 12:00 local: two business hours paused
    desk.reply_ticket(agente, number, "Es el 03907058202400012345F, enviado a las 09:10.")
    resumed = ticket_row(desk, number)
    assert resumed.state == "en_analisis" and resumed.paused_at is None
    assert resumed.resolution_due == sla.add_business_hours(due_before, 2)

    desk.answer_ticket(analista, number, "incidente_solucionado", "Se corrigió el catálogo.")
    answered = ticket_row(desk, number)
    assert answered.state == "respondido" and answered.outcome == "incidente_solucionado"
    assert desk.ticket(agente, number).actions == {Action.ACCEPT, Action.REJECT}

    why = "El error 500 sigue apareciendo a las 12:05."
    with pytest.raises(FieldErrors) as refused:  # a file that is not PDF, PNG, JPEG, DOCX
        desk.reject_ticket(agente, number, why, [Attachment("nota.txt", b"hola")])
    assert [e.code for e in refused.value.errors] == ["file_type"]
    assert ticket_row(desk, number).state == "respondido"  # nothing changed
    new = desk.reject_ticket(agente, number, why, [Attachment("nueva.pdf", PDF)])
    old = ticket_row(desk, number)
    assert (old.state, old.closure) == ("cerrado", "no_conforme")
    follow = desk.ticket(agente, new.number)
    assert follow.parent_number == number and follow.row.state == "registrado"
    assert follow.description == old.description and follow.row.district_code == "028"
    assert [a.name for a in follow.attachments] == ["c.png", "nueva.pdf"]  # with the new one
    assert "No conforme" in follow.history[0].body
    assert desk.ticket(agente, number).follow_ups == (new.number,)


def test_accept_stores_the_rating_and_a_queja_goes_to_atencion_al_usuario(
    desk: Desk, agente: Actor, analista: Actor
) -> None:
    number = open_incident(desk, agente)
    desk.answer_ticket(analista, number, "servicio_atendido", "Se atendió el requerimiento.")
    with pytest.raises(FieldErrors):
        desk.accept_ticket(agente, number, 6)
    desk.accept_ticket(agente, number, 4, "Rápido")
    done = ticket_row(desk, number)
    assert (done.state, done.closure, done.rating, done.rating_comment) == (
        "cerrado",
        "conforme",
        4,
        "Rápido",
    )
    queja = desk.file_queja(agente, number, "El analista no explicó qué se corrigió en el sistema.")
    row = ticket_row(desk, queja.number)
    assert (row.kind, row.queue_code, row.parent_id) == ("queja", "atencion_usuario", done.id)
    assert Action.QUEJA not in desk.ticket(agente, queja.number).actions


def test_unanswered_tickets_close_sin_respuesta_after_the_decision_days(
    desk: Desk, agente: Actor, analista: Actor
) -> None:
    clock = desk.clock
    assert isinstance(clock, FixedClock)
    number = open_incident(desk, agente)
    desk.answer_ticket(analista, number, "servicio_atendido", "Se atendió el requerimiento.")
    decision_due = ticket_row(desk, number).decision_due
    assert decision_due == sla.add_business_days(desk.now(), 5)
    clock.at = decision_due - timedelta(minutes=1)
    desk.sweep()  # the demo's own answered tickets may close here
    assert ticket_row(desk, number).state == "respondido"
    assert desk.sweep() == 0
    clock.at = decision_due
    assert desk.sweep() == 1
    closed = ticket_row(desk, number)
    assert (closed.state, closed.closure) == ("cerrado", "sin_respuesta")


def test_wrong_state_and_missing_text_are_refused(
    desk: Desk, agente: Actor, analista: Actor
) -> None:
    number = open_incident(desk, agente)
    with pytest.raises(TicketRefused):
        desk.accept_ticket(agente, number, 5)
    with pytest.raises(TicketRefused):
        desk.reply_ticket(agente, number, "una respuesta que nadie pidió")
    with pytest.raises(FieldErrors) as empty:
        desk.request_info(analista, number, "   ")
    assert empty.value.rules == {"texto": "required"}
    desk.cancel_ticket(analista, number, "Registrado dos veces por error.")
    with pytest.raises(TicketRefused):
        desk.answer_ticket(analista, number, "servicio_atendido", "Ya no corresponde.")
    assert ticket_row(desk, number).state == "anulado"


# ---------------------------------------------------------------- permissions


def test_a_user_cannot_read_or_change_another_users_ticket(
    desk: Desk, agente: Actor, analista: Actor
) -> None:
    other = who(desk, "importador")
    number = open_incident(desk, agente)
    desk.request_info(analista, number, "Adjunte la captura con la hora, por favor.")
    with pytest.raises(NotFound):
        desk.ticket(other, number)
    with pytest.raises(NotFound):
        desk.reply_ticket(other, number, "Intento responder un ticket ajeno.")
    attachment_id = desk.ticket(agente, number).attachments[0].id
    with pytest.raises(NotFound):
        desk.attachment(other, attachment_id)
    assert number not in {r.number for r in desk.my_tickets(other, limit=500).rows}
    with pytest.raises(PermissionDenied):
        desk.queue_page(other, QueueFilter())
    with pytest.raises(PermissionDenied):
        desk.take_ticket(other, number)
    assert ticket_row(desk, number).state == "pendiente_informacion"


def test_a_representante_sees_his_companys_tickets_but_cannot_act_on_them(
    desk: Desk, agente: Actor, analista: Actor
) -> None:
    empleado = who(desk, "empleado")
    number = open_incident(desk, empleado)
    assert desk.ticket(agente, number).row.number == number
    assert number in {r.number for r in desk.my_tickets(agente, limit=500).rows}
    assert desk.ticket(agente, number).actions == frozenset()
    mine = open_incident(desk, agente)
    with pytest.raises(NotFound):
        desk.ticket(empleado, mine)
    desk.answer_ticket(analista, number, "servicio_atendido", "Se atendió el requerimiento.")
    with pytest.raises(PermissionDenied):
        desk.accept_ticket(agente, number, 5)


def test_analysts_see_their_queues_supervisors_everything(desk: Desk, agente: Actor) -> None:
    analista, supervisor = who(desk, "analista"), who(desk, "supervisor")
    values = dict(desk.ticket_prefill(agente))
    values.update(
        motivo="valoracion_aduanera",
        asunto="Valor en aduana de un contrato FOB",
        descripcion="¿Cómo se declara el seguro cuando la factura es FOB y no hay póliza?",
    )
    number = desk.open_ticket(
        agente, "consulta", values, {"documentos": [Attachment("f.pdf", PDF)]}
    ).number
    with pytest.raises(NotFound):
        desk.ticket(analista, number)
    with pytest.raises(NotFound):
        desk.take_ticket(analista, number)
    assert number not in {
        r.number for r in desk.queue_page(analista, QueueFilter(text=number)).rows
    }
    assert [r.number for r in desk.queue_page(supervisor, QueueFilter(text=number)).rows] == [
        number
    ]
    assert {q.code for q in desk.queues(analista)} == {"analisis_funcional", "atencion_usuario"}
    desk.assign_ticket(
        supervisor, number, "Consulta de valor: apoyo de la Mesa.", assignee_id=analista.user_id
    )
    assert desk.ticket(analista, number).row.assignee_name == analista.full_name


def test_internal_notes_and_assignments_are_never_shown_to_the_user(
    desk: Desk, agente: Actor, analista: Actor
) -> None:
    number = open_incident(desk, agente)
    desk.take_ticket(analista, number)
    desk.add_note(analista, number, "Posible duplicado del reporte de la mañana.")
    staff_kinds = [h.kind for h in desk.ticket(analista, number).history]
    user_kinds = [h.kind for h in desk.ticket(agente, number).history]
    assert staff_kinds == ["created", "taken", "note"]
    assert user_kinds == ["created"]


# ---------------------------------------------------------------- staff tools


def test_link_merge_and_phone_intake(desk: Desk, agente: Actor, analista: Actor) -> None:
    first, second = open_incident(desk, agente), open_incident(desk, agente)
    desk.link_tickets(analista, first, second)
    assert desk.ticket(analista, first).linked == (second,)
    with pytest.raises(FieldErrors):
        desk.link_tickets(analista, first, first)
    desk.merge_ticket(analista, second, first)
    merged = desk.ticket(agente, second)
    assert (merged.row.state, merged.row.closure, merged.merged_into_number) == (
        "cerrado",
        "fusionado",
        first,
    )

    caller = desk.find_callers(analista, "1792060346001")[0]
    values: dict[str, Any] = {
        "nombres": caller.full_name,
        "tipo_persona": caller.tipo_persona,
        "documento": {"type": "cedula", "number": caller.document},
        "telefono": caller.phone,
        "tipo": "consulta",
        "motivo": "tramites_ecuapass",
        "asunto": "Horario de atención",
        "descripcion": "Pregunta hasta qué hora atiende la Mesa de Servicios los viernes.",
        "resolver": "si",
        "resultado": "consulta_absuelta",
        "respuesta": "De lunes a viernes de 08h00 a 17h00.",
    }
    closed = desk.phone_intake(analista, values, caller.user_id)
    row = ticket_row(desk, closed.number)
    assert (row.channel, row.state, row.closure, row.requester_id) == (
        "telefonico",
        "cerrado",
        "atendido_en_llamada",
        agente.user_id,
    )
    values.update(resolver="no", resultado="", respuesta="")
    left = desk.phone_intake(analista, values, None)
    row = ticket_row(desk, left.number)
    assert (row.state, row.assignee_id, row.requester_id) == ("en_analisis", analista.user_id, None)
    values["resolver"] = "si"
    with pytest.raises(FieldErrors) as refused:
        desk.phone_intake(analista, values, None)
    assert {e.field for e in refused.value.errors} == {"resultado", "respuesta"}


def test_queue_filters_search_and_keyset_pages(desk: Desk, agente: Actor) -> None:
    supervisor = who(desk, "supervisor")
    numbers = [
        open_incident(
            desk,
            agente,
            descripcion=f"Falla al transmitir la DAI número {n} con firma "
            "electrónica: el token no responde y aparece el error de certificado.",
        )
        for n in range(7)
    ]
    words = desk.queue_page(supervisor, QueueFilter(text="token certif"), limit=500)
    assert set(numbers) <= {r.number for r in words.rows}
    accents = desk.queue_page(supervisor, QueueFilter(text="electronica"), limit=500)
    assert set(numbers) <= {r.number for r in accents.rows}
    assert [r.number for r in desk.queue_page(supervisor, QueueFilter(text=numbers[3])).rows] == [
        numbers[3]
    ]
    hostile = desk.queue_page(supervisor, QueueFilter(text='") OR 1=1 -- NEAR(*'))
    assert hostile.rows == () or all(r.number for r in hostile.rows)

    seen: list[str] = []
    after = None
    while True:
        page = desk.queue_page(supervisor, QueueFilter(state="open"), after=after, limit=3)
        seen += [r.number for r in page.rows]
        dues = [(r.resolution_due, r.id) for r in page.rows]
        assert dues == sorted(dues)
        if page.next_cursor is None:
            break
        after = page.next_cursor
    assert len(seen) == len(set(seen)) and set(numbers) <= set(seen)
    assert all(
        r.state != "cerrado" for r in desk.queue_page(supervisor, QueueFilter(state="open")).rows
    )


def test_every_change_is_an_audit_event(desk: Desk, agente: Actor, analista: Actor) -> None:
    number = open_incident(desk, agente)
    desk.take_ticket(analista, number)
    desk.answer_ticket(analista, number, "incidente_solucionado", "Se corrigió el catálogo.")
    with desk.db.read() as s:
        events = s.exec(
            select(AuditEvent).where(AuditEvent.entity == "ticket", AuditEvent.entity_id == number)
        ).all()
    steps = [(e.action, e.from_state, e.to_state, e.actor_id) for e in events]
    assert steps == [
        ("ticket_created", "registrado", "registrado", agente.user_id),
        ("ticket_taken", "registrado", "en_analisis", analista.user_id),
        ("ticket_answered", "en_analisis", "respondido", analista.user_id),
    ]
    assert json.loads(events[0].detail)["public"] is True


def test_mail_is_queued_in_the_transaction_and_the_sender_woken_after(
    desk: Desk, agente: Actor
) -> None:
    woken: list[int] = []

    def wake() -> None:
        with desk.db.read() as s:  # the row is committed before the sender is woken
            woken.append(len(s.exec(select(OutboxMail)).all()))

    desk.mail_sent = wake
    number = open_incident(desk, agente)
    with desk.db.read() as s:
        mails = s.exec(select(OutboxMail)).all()
    assert woken == [1]
    assert mails[0].to_addr == "cmoreno@andina.example" and number in mails[0].subject
    desk.mail_sent = None
    open_incident(desk, agente)
    with desk.db.read() as s:
        assert len(s.exec(select(OutboxMail)).all()) == 1  # no SMTP configured: no mail
