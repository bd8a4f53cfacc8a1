"""A ticket as the staff see it: every field, the attachments, the whole history (internal
notes marked), and the actions the services allow now, each on a footer key."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ecuapass_tui.core.clock import format_local
from ecuapass_tui.forms.validators import catalog_options
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import AppScreen, title_bar
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.mesa import staff_actions as acts
from ecuapass_tui.screens.mesa.staff_modal import ActionDone, ActionModal
from ecuapass_tui.screens.mesa.ticket_view import form_sections
from ecuapass_tui.screens.styles import MESA_CSS
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.mesa.ticket_dto import Action, HistoryEntry, TicketDetail
from ecuapass_tui.texts import (
    error_text,
    ticket_channel,
    ticket_closure,
    ticket_kind,
    ticket_outcome,
    ticket_state,
)
from ecuapass_tui.texts.mesa import staff_ticket_event
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.safe import safe

# action name of the screen -> the service's Action that enables it
ACTIONS = {
    "take": Action.TAKE,
    "assign": Action.ASSIGN,
    "ask": Action.ASK,
    "answer": Action.ANSWER,
    "note": Action.NOTE,
    "link": Action.LINK,
    "merge": Action.MERGE,
    "cancel": Action.CANCEL,
}


def _line(out: Text, label: str, value: object) -> None:
    if value in (None, "", ()):
        return
    out.append(f"{label}: ", style="bold")
    out.append_text(safe(value))
    out.append("\n")


def persona_label(value: str, language: str) -> str:
    for option in catalog_options("persona_types"):
        if option.value == value:
            return option.label(language)
    return value


def fields_text(d: TicketDetail, language: str, queues: dict[str, str]) -> Text:
    row = d.row
    out = Text()
    state = ticket_state(row.state)
    if row.closure:
        state += f" ({ticket_closure(row.closure)})"
    _line(out, _("Estado"), state + (" · " + _("pausa") if row.paused else ""))
    _line(out, _("Tipo"), f"{ticket_kind(row.kind)} · {ticket_channel(row.channel)}")
    _line(out, _("Cola"), queues.get(row.queue_code, row.queue_code))
    _line(out, _("Asignado a"), row.assignee_name or _("sin asignar"))
    _line(out, _("Registrado"), format_local(row.created_at))
    _line(out, _("Primera respuesta hasta"), format_local(row.first_response_due))
    _line(out, _("Resolución hasta"), format_local(row.resolution_due))
    if row.overdue:
        out.append(_("! Vencido") + "\n", style="bold red")
    _line(out, _("Decisión del usuario hasta"), format_local(row.decision_due))
    _line(out, _("Solicitante"), row.requester_name)
    sections = form_sections(d, language)
    if not sections:  # a queja: no form of its own
        _line(out, _("Contacto"), d.contact_name)
        _line(out, _("Documento"), d.contact_document)
        _line(out, _("Correo"), d.contact_email)
        _line(out, _("Teléfono"), d.contact_phone)
        _line(out, _("Tipo de persona"), persona_label(d.tipo_persona, language))
        _line(out, _("Asunto"), row.subject)
        _line(out, _("Descripción"), d.description)
    for label, value in (pair for section in sections for pair in section):
        _line(out, label, value)
    _line(out, _("Resultado"), ticket_outcome(d.outcome) if d.outcome else "")
    _line(out, _("Respondido"), format_local(d.answered_at))
    _line(out, _("Cerrado"), format_local(d.closed_at))
    _line(out, _("Calificación"), f"{d.rating}/5" if d.rating else "")
    _line(out, _("Comentario"), d.rating_comment)
    _line(out, _("Ticket de origen"), d.parent_number)
    _line(out, _("Fusionado en"), d.merged_into_number)
    _line(out, _("Seguimientos"), ", ".join(d.follow_ups))
    _line(out, _("Vinculados"), ", ".join(d.linked))
    out.rstrip()
    return out


def history_text(entries: tuple[HistoryEntry, ...]) -> Text:
    out = Text()
    for entry in entries:
        head = f"{format_local(entry.at)} · {staff_ticket_event(entry.kind)}"
        out.append(head, style="bold")
        out.append_text(safe(f" · {entry.actor_name}", single_line=True))
        if entry.to_state and entry.to_state != entry.from_state:
            out.append(f" → {ticket_state(entry.to_state)}")
        if not entry.public:
            out.append(" [" + _("interna") + "]", style="bold yellow")
        out.append("\n")
        if entry.body:
            out.append_text(safe(entry.body))
            out.append("\n")
    out.rstrip()
    return out


class StaffTicketScreen(AppScreen):
    CSS_PATH = MESA_CSS
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Volver"), id="back"),
        Binding("t", "take", N_("Tomar"), id="take"),
        Binding("a", "assign", N_("Asignar"), id="assign"),
        Binding("i", "ask", N_("Pedir info"), id="ask"),
        Binding("r", "answer", N_("Responder"), id="answer"),
        Binding("n", "note", N_("Nota"), id="note"),
        Binding("v", "link", N_("Vincular"), id="link"),
        Binding("f", "merge", N_("Fusionar"), id="merge"),
        Binding("x", "cancel", N_("Anular"), id="cancel"),
        Binding("g", "save", N_("Guardar copia"), id="save"),
        Binding("f5", "reload", N_("Actualizar"), id="reload"),
    ]

    def __init__(self, number: str) -> None:
        super().__init__()
        self.number = number
        self.detail: TicketDetail | None = None

    def compose(self) -> ComposeResult:
        yield title_bar(
            _("Consola de Mesa de Servicios · Ticket {numero}").format(numero=self.number)
        )
        with VerticalScroll(id="staff-ticket-body"):
            yield Static("", id="staff-ticket-fields")
            yield Static(
                _("Adjuntos (g guarda una copia)"),
                classes="mesa-staff-heading",
                id="staff-files-heading",
            )
            yield OptionList(id="staff-ticket-files")
            yield Static(_("Historial"), classes="mesa-staff-heading")
            yield Static("", id="staff-ticket-history")
        yield LocalFooter(rows=2)

    def on_mount(self) -> None:
        self.query_one("#staff-ticket-body").focus()
        self.load()

    def load(self, note: str = "") -> None:
        actor = self.actor
        run_job(
            self,
            lambda: self._read(actor),
            lambda read: self.loaded(*read, note=note),
            name="staff-ticket",
            group="staff-ticket",
            refused=lambda error: self.loaded(None, {}, note=error_text(error)),
        )

    def _read(self, actor: Actor) -> tuple[TicketDetail, dict[str, str]]:
        detail = self.desk.ticket(actor, self.number)
        return detail, {q.code: q.name for q in self.desk.queues(actor)}

    def loaded(self, detail: TicketDetail | None, queues: dict[str, str], *, note: str) -> None:
        if note:
            self.notify(note, markup=False, severity="error" if not detail else "information")
        if detail is None:
            return
        self.detail = detail
        self.query_one("#staff-ticket-fields", Static).update(
            fields_text(detail, self.actor.language, queues)
        )
        files = self.query_one("#staff-ticket-files", OptionList)
        files.clear_options()
        files.add_options(
            Option(
                safe(f"{a.name} · {a.media_type} · {max(1, a.size // 1024)} KB", single_line=True),
                id=str(a.id),
            )
            for a in detail.attachments
        )
        files.display = bool(detail.attachments)
        self.query_one("#staff-files-heading").display = bool(detail.attachments)
        self.query_one("#staff-ticket-history", Static).update(history_text(detail.history))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ACTIONS:
            return self.detail is not None and ACTIONS[action] in self.detail.actions
        if action == "save":
            return self.detail is not None and bool(self.detail.attachments)
        return True

    def action_reload(self) -> None:
        self.load()

    # -- actions
    def _open(self, modal: ActionModal) -> None:
        self.app.push_screen(modal, self._done)

    def _done(self, result: ActionDone | None) -> None:
        if result is not None:
            self.load(result.message)

    def action_take(self) -> None:
        self._open(acts.TakeModal(self.number))

    def action_assign(self) -> None:
        self._open(acts.AssignModal(self.number))

    def action_ask(self) -> None:
        self._open(acts.AskModal(self.number))

    def action_answer(self) -> None:
        kind = self.detail.row.kind if self.detail else ""
        self._open(acts.AnswerModal(self.number, kind))

    def action_note(self) -> None:
        self._open(acts.NoteModal(self.number))

    def action_link(self) -> None:
        self._open(acts.LinkModal(self.number))

    def action_merge(self) -> None:
        self._open(acts.MergeModal(self.number))

    def action_cancel(self) -> None:
        self._open(acts.CancelModal(self.number))

    @on(OptionList.OptionSelected, "#staff-ticket-files")
    def action_save(self) -> None:
        if self.detail is None or not self.detail.attachments:
            return
        files = self.query_one("#staff-ticket-files", OptionList)
        index = files.highlighted if files.highlighted is not None else 0
        self._open(acts.SaveAttachmentModal(self.number, self.detail.attachments[index]))
