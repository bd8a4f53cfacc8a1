"""One demo ticket's life, as a script of steps: registered through the form check, worked by
the desk (taken, assigned, asked, noted, linked, answered, cancelled, merged), decided by the
user (accepted, rejected, a queja) as far as its fate goes; and a call to 1800-ADUANA. Each
step calls the real use case at the moment the script yields."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from stdnum.ec import ci

from ecuapass_tui.core.clock import local
from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.services.demo.ticket_builder import Builder, Script
from ecuapass_tui.services.demo.ticket_texts import texts
from ecuapass_tui.services.errors import FieldErrors
from ecuapass_tui.services.mesa import phone, sla, tickets, user_actions
from ecuapass_tui.services.mesa import staff as desk
from ecuapass_tui.services.mesa.ticket_dto import Outcome, TicketKind, TicketState

# The form asks for a telephone: these users have none in their account (or, mtorres, one the
# form refuses: 097 is not a mobile prefix) and type one.
TYPED_PHONES = {"entidad": "02 382 8860", "organismo": "02 299 5500", "ciudadano": "098 445 5667",
                "mtorres": "099 711 2233"}  # fmt: skip
DISTRICTS = ("028", "028", "028", "019", "019", "055", "055", "037", "064", "091", "073", "082")


@dataclass
class Plan:
    user: str
    kind: str
    created: datetime
    fate: str  # conforme, no_conforme, sin_respuesta, anulado, fusionado, open_*
    motive: str = ""
    template: int = 0
    ask: bool = False
    note: bool = False
    reroute: bool = False
    queja: bool = False
    speed: float = 1.0  # > 1: the desk is late with this one
    depth: int = 0


def _values(b: Builder, plan: Plan) -> tuple[dict[str, object], list[tuple[str, Attachment]]]:
    t = texts()
    values = b.prefill(plan.user)
    values["telefono"] = TYPED_PHONES.get(plan.user) or values.get("telefono")
    rng = b.rng
    district = rng.choice(DISTRICTS)
    dai = f"{district}-{local(plan.created).year}-10-{rng.randrange(10**7, 10**8):08d}"
    if plan.kind == TicketKind.INCIDENTE:
        incident = t.incidents[plan.template % len(t.incidents)]
        how, option, text = incident.how, incident.option, incident.text
        values["forma_opcion"] = how
        values["opcion_sistema" if how == "menu" else "nombre_pantalla"] = option
        values["fecha_evento"] = plan.created - timedelta(minutes=rng.randrange(5, 600))
        values["distrito"] = district
        if "{dai}" in text:
            values["documento_relacionado"] = dai
        values["descripcion"] = text.format(dai=dai)
        shots = [b.screenshot(dai, option) for _ in range(1 + (rng.random() < 0.3))]
        values["capturas"] = shots
        return values, [("capturas", s) for s in shots]
    consultas = t.consultas[plan.motive]
    consulta = consultas[plan.template % len(consultas)]
    asunto = consulta.asunto
    values.update(motivo=plan.motive, asunto=asunto, descripcion=consulta.descripcion)
    docs: list[Attachment] = []
    if plan.motive in ("clasificacion_arancelaria", "valoracion_aduanera") or rng.random() < 0.2:
        docs = [b.document(asunto)]
        values["documentos"] = docs
    return values, [("documentos", d) for d in docs]


def _answer_text(plan: Plan, rng: random.Random) -> tuple[str, str]:
    t = texts()
    if plan.kind == TicketKind.INCIDENTE:
        return Outcome.INCIDENTE_SOLUCIONADO, rng.choice(t.incident_answers)
    if plan.kind == TicketKind.QUEJA:
        return Outcome.SERVICIO_ATENDIDO, rng.choice(t.queja_answers)
    consultas = t.consultas[plan.motive]
    answer = consultas[plan.template % len(consultas)].answer
    if plan.motive == "registro_oce_usuarios":
        return Outcome.TRAMITE_EXITOSO, answer
    return Outcome.CONSULTA_ABSUELTA, answer


def _open(b: Builder, plan: Plan) -> str:
    values, files = _values(b, plan)
    try:
        typed = tickets.validated(plan.kind, values, b.at)
    except FieldErrors as error:  # a text or a value of this module is wrong
        wrong = ", ".join(f"{e.field}: {e.code}" for e in error.errors)
        raise RuntimeError(f"demo ticket of {plan.user} does not pass its form: {wrong}") from None
    ticket = tickets.create(
        b.session,
        kind=plan.kind,
        typed=typed,
        files=files,
        now=b.at,
        requester=b.users[plan.user],
        created_by=b.actors[plan.user],
    )
    if plan.kind == TicketKind.INCIDENTE:
        b.last_incident = ticket.number
    return b.known(ticket.number, ticket.id)


def ticket_life(b: Builder, plan: Plan, number: str | None = None) -> Script:
    """Registration (unless `number` is given), then the desk's work and the user's decision,
    as far as `plan.fate` goes. Each `yield` is the moment of the next step."""
    t, rng, s = texts(), b.rng, b.session
    if number is None:
        yield plan.created
        number = _open(b, plan)
        if plan.fate == "fusionado":
            b.spawn(_duplicate(b, plan, number))
    if plan.fate == "open_registrado":
        return
    ticket = b.ticket(number)
    targets = sla.targets_for(plan.kind, plan.motive or None)
    yield b.work(b.at, 0.2, targets.first_response_hours * 0.9 * plan.speed)
    staff = b.staff_for(ticket)
    if plan.reroute and ticket.queue_code == "atencion_usuario" and plan.kind == "consulta":
        desk.assign(
            s, b.analista, number, queue="tecnica_aduanera", now=b.at,
            reason="La consulta requiere el criterio técnico de la Dirección de Técnica Aduanera.",
        )  # fmt: skip
        yield b.work(b.at, 0.5, 3)
        staff = b.supervisor
    if ticket.queue_code == "tecnica_aduanera" and rng.random() < 0.5:
        desk.assign(
            s, b.supervisor, number, assignee_id=b.analista.user_id, now=b.at,
            reason="Asignado a la analista con experiencia en el tema para el análisis.",
        )  # fmt: skip
        staff = b.analista
    else:
        desk.take(s, staff, number, now=b.at)
    if plan.note:
        yield b.work(b.at, 0.2, 3)
        desk.add_note(s, staff, number, rng.choice(t.notes), now=b.at)
        if plan.kind == TicketKind.INCIDENTE and b.last_incident not in (None, number):
            desk.link(s, b.supervisor, number, str(b.last_incident), now=b.at)
    if plan.fate == "open_en_analisis":
        return
    if plan.ask:
        yield b.work(b.at, 0.5, 4)
        desk.request_info(s, staff, number, rng.choice(t.asks), now=b.at)
        if plan.fate == "open_pendiente":
            return
        yield b.later(b.at, 2, 40)
        shot = [b.screenshot(number, "Respuesta del usuario")] if rng.random() < 0.6 else []
        user_actions.reply(s, b.actors[plan.user], number, rng.choice(t.replies), shot, now=b.at)
    if plan.fate == "anulado":
        yield b.work(b.at, 0.5, 6)
        desk.cancel(s, staff, number, rng.choice(t.cancels), now=b.at)
        return
    yield b.work(b.at, 1, targets.resolution_hours * 0.8 * plan.speed)
    outcome, text = _answer_text(plan, rng)
    desk.answer(s, staff, number, outcome, text, now=b.at)
    decision_due = b.ticket(number).decision_due
    assert decision_due is not None
    if plan.fate == "open_respondido":
        return
    yield from _decision(b, plan, number, decision_due)


def _decision(b: Builder, plan: Plan, number: str, decision_due: datetime) -> Script:
    """The user's decision on the answer (none, accepted, or "No conforme" and a follow-up),
    then perhaps a queja about the closed ticket."""
    t, rng, s = texts(), b.rng, b.session
    if plan.fate == "sin_respuesta":
        yield decision_due + timedelta(minutes=rng.randrange(5, 55))
        desk.close_unanswered(s, now=b.at)
    else:
        yield min(b.later(b.at, 1, 60), decision_due - timedelta(minutes=30))
        user = b.actors[plan.user]
        if plan.fate == "no_conforme" and plan.depth < 2:
            opened = user_actions.reject(s, user, number, rng.choice(t.rejects), now=b.at)
            b.known(opened.number, opened.id)
            follow = Plan(
                plan.user, plan.kind, b.at, "conforme" if rng.random() < 0.8 else "no_conforme",
                plan.motive, plan.template, note=rng.random() < 0.5, depth=plan.depth + 1,
                ask=rng.random() < 0.4, queja=rng.random() < 0.3,
            )  # fmt: skip
            b.spawn(ticket_life(b, follow, opened.number))
            return
        rating = rng.choice((5, 5, 4, 4, 4, 3)) if not plan.queja else rng.choice((1, 2, 3))
        user_actions.accept(s, user, number, rating, rng.choice(t.comments), now=b.at)
    if plan.queja and plan.kind != TicketKind.QUEJA:
        yield b.later(b.at, 3, 72)
        text = rng.choice(t.quejas).format(n=number)
        opened = user_actions.file_queja(s, b.actors[plan.user], number, text, now=b.at)
        b.known(opened.number, opened.id)
        fate = rng.choice(("conforme", "conforme", "sin_respuesta"))
        queja = Plan(plan.user, TicketKind.QUEJA, b.at, fate, note=rng.random() < 0.5)
        b.spawn(ticket_life(b, queja, opened.number))


def _duplicate(b: Builder, plan: Plan, original: str) -> Script:
    """The user sends the same report again; the desk merges it into the first one."""
    yield plan.created + timedelta(minutes=b.rng.randrange(15, 120))
    copy = Plan(plan.user, plan.kind, b.at, "conforme", plan.motive, plan.template)
    number = _open(b, copy)
    yield b.work(b.at, 0.1, 1.5)
    if b.ticket(original).state in (TicketState.CERRADO, TicketState.ANULADO):
        desk.cancel(b.session, b.supervisor, number, "Duplicado de " + original, now=b.at)
        return
    desk.merge(b.session, b.supervisor, number, original, now=b.at)


def phone_call(b: Builder, plan: Plan) -> Script:
    """A call to 1800-ADUANA: answered in the call, or left for analysis."""
    t = texts()
    yield plan.created
    calls = t.phone_calls
    call = calls[plan.template % len(calls)]
    if call.kind == "incidente" and (plan.user == "anon" or plan.fate != "analisis"):
        call = calls[plan.template % (len(calls) - 1)]  # a consultation instead
    kind, outcome, answer = call.kind, call.outcome, call.answer
    staff = b.analista if b.rng.random() < 0.7 else b.supervisor
    caller: int | None = None
    if plan.user == "anon":
        name, nine = t.anon_callers[plan.template % len(t.anon_callers)]
        values: dict[str, object] = {
            "nombres": name, "tipo_persona": "natural_ecuatoriana", "telefono": "099 812 3456",
            "documento": {"type": "cedula", "number": _cedula(nine)}, "correo": "",
        }  # fmt: skip
    else:
        values = b.prefill(plan.user)
        values.pop("tipo_oce", None)
        values["telefono"] = TYPED_PHONES.get(plan.user) or values.get("telefono")
        caller = b.actors[plan.user].user_id
    values.update(tipo=kind, asunto=call.asunto, descripcion=call.descripcion)
    if kind == "consulta":
        values["motivo"] = call.motive
    else:
        values["distrito"] = b.rng.choice(DISTRICTS)
    resolved = plan.fate == "llamada"
    values["resolver"] = "si" if resolved else "no"
    if resolved:
        values.update(resultado=outcome, respuesta=answer)
    opened = phone.phone_intake(b.session, staff, values, now=b.at, caller_id=caller)
    b.known(opened.number, opened.id)
    if resolved or plan.fate == "open_en_analisis":
        return
    if kind == TicketKind.INCIDENTE:  # the screenshots come through the portal
        yield b.work(b.at, 0.2, 1)
        desk.request_info(b.session, staff, opened.number, t.asks[0], now=b.at)
        yield b.later(b.at, 1, 20)
        shot = [b.screenshot(opened.number, "Captura enviada tras la llamada")]
        user_actions.reply(
            b.session, b.actors[plan.user], opened.number, t.replies[0], shot, now=b.at
        )
    yield b.work(b.at, 1, 8)
    desk.answer(b.session, staff, opened.number, outcome, answer, now=b.at)
    if caller is not None:
        decision_due = b.ticket(opened.number).decision_due
        assert decision_due is not None
        yield min(b.later(b.at, 2, 48), decision_due - timedelta(minutes=30))
        user_actions.accept(b.session, b.actors[plan.user], opened.number, 5, "", now=b.at)
    else:
        yield (b.ticket(opened.number).decision_due or b.at) + timedelta(minutes=20)
        desk.close_unanswered(b.session, now=b.at)


def _cedula(first_nine: str) -> str:
    return next(first_nine + str(d) for d in range(10) if ci.is_valid(first_nine + str(d)))
