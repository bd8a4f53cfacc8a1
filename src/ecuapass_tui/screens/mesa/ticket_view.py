"""A ticket seen by its user: every field, the public history, the attachments (Guardar copia)
and the actions allowed now (`TicketDetail.actions`): Responder, Aceptar, No conforme, Queja."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from ecuapass_tui.core.clock import format_local
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.forms.validators import options_for
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import AppScreen, title_bar
from ecuapass_tui.screens.confirm import ConfirmScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.mesa.due import due_text
from ecuapass_tui.screens.mesa.save_copy import SaveCopyScreen
from ecuapass_tui.screens.mesa.user_actions import (
    AcceptModal,
    QuejaModal,
    RejectModal,
    ReplyModal,
    describe,
)
from ecuapass_tui.screens.styles import MESA_CSS
from ecuapass_tui.services.mesa.ticket_dto import (
    Action,
    FormEntry,
    Opened,
    TicketDetail,
    TicketRow,
)
from ecuapass_tui.texts import (
    ticket_channel,
    ticket_closure,
    ticket_kind,
    ticket_outcome,
    ticket_state,
)
from ecuapass_tui.texts.mesa import ticket_event
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.safe import safe

ACTION_OF = {
    "reply": Action.REPLY,
    "accept": Action.ACCEPT,
    "reject": Action.REJECT,
    "queja": Action.QUEJA,
}


def choice_label(form_id: str, field: str, value: str, language: str) -> str:
    """The label of a stored choice (catalog or inline option), as the form showed it."""
    spec = load_spec(form_id).field(field)
    if not value or spec is None:
        return value
    for option in options_for(spec):
        if option.value == value:
            return option.label(language)
    return value


def entry_text(form_id: str, entry: FormEntry, language: str) -> str:
    """A stored form value as the form showed it: a choice's label, a date in Ecuapass's
    format, or the text as typed."""
    spec = load_spec(form_id).field(entry.name)
    if spec is None:
        return entry.value
    if spec.type in ("select", "radio"):
        return choice_label(form_id, entry.name, entry.value, language)
    if spec.type == "datetime":
        try:
            return format_local(datetime.fromisoformat(entry.value))
        except ValueError:
            return entry.value
    return entry.value


def form_sections(detail: TicketDetail, language: str) -> list[list[tuple[str, object]]]:
    """Every field filled in the ticket's form, labelled as the form labels it, one list of
    label/value pairs per section of the form (a section with nothing filled is left out)."""
    if not detail.form_id:
        return []
    filled = {entry.name: entry for entry in detail.form}
    sections: list[list[tuple[str, object]]] = []
    for section in load_spec(detail.form_id).sections:
        pairs: list[tuple[str, object]] = [
            (spec.label(language), entry_text(detail.form_id, filled[spec.name], language))
            for spec in section.fields
            if spec.name in filled
        ]
        if pairs:
            sections.append(pairs)
    return sections


def lines(pairs: list[tuple[str, object]]) -> Text:
    """Label: value lines; values are untrusted and go through safe()."""
    out = Text()
    for label, value in pairs:
        if value in (None, ""):
            continue
        value_text = value if isinstance(value, Text) else safe(value)
        out.append(f"{label}: ", style="bold")
        out.append_text(value_text)
        out.append("\n")
    out.rstrip()
    return out


class UserTicketScreen(AppScreen):
    CSS_PATH = MESA_CSS
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Volver"), id="back"),
        Binding("r", "reply", N_("Responder"), id="user-ticket-reply"),
        Binding("a", "accept", N_("Aceptar"), id="user-ticket-accept"),
        Binding("n", "reject", N_("No conforme"), id="user-ticket-reject"),
        Binding("q", "queja", N_("Queja"), id="user-ticket-queja"),
        Binding("g", "save_copy", N_("Guardar copia"), id="user-ticket-save"),
    ]

    def __init__(self, number: str) -> None:
        super().__init__()
        self.number = number
        self.detail: TicketDetail | None = None
        self.save_folder = Path.home()

    def compose(self) -> ComposeResult:
        yield title_bar(_("ECUAPASS · Ticket {numero}").format(numero=self.number))
        with VerticalScroll(id="user-ticket-body"):
            yield Static(_("Cargando el ticket…"), id="user-ticket-summary")
            yield Static("", id="user-ticket-contact", classes="mesa-user-section")
            yield Static("", id="user-ticket-data", classes="mesa-user-section")
            yield Static("", id="user-ticket-history", classes="mesa-user-section")
            table: DataTable[Text] = DataTable(cursor_type="row", id="user-ticket-files")
            table.border_title = _("Adjuntos")
            yield table
        yield LocalFooter()

    def on_mount(self) -> None:
        files = self.query_one("#user-ticket-files", DataTable)
        files.add_columns(_("Archivo"), _("Tamaño (KB)"))
        self.query_one("#user-ticket-contact", Static).border_title = _("Datos de contacto")
        self.query_one("#user-ticket-data", Static).border_title = _("Datos del ticket")
        self.query_one("#user-ticket-history", Static).border_title = _("Historial")
        self.load()

    def load(self) -> None:
        # A refusal or a fault: screens/failures.py says it (one path for every worker).
        actor = self.actor
        run_job(
            self,
            lambda: self.desk.ticket(actor, self.number),
            self.loaded,
            name="user-ticket-load",
            group="user-ticket-load",
        )

    def show_failure(self, message: str, worker: str) -> None:
        if self.detail is None:  # instead of "Cargando el ticket…"
            self.query_one("#user-ticket-summary", Static).update(safe(message))
        else:
            super().show_failure(message, worker)

    def loaded(self, detail: TicketDetail) -> None:
        self.detail = detail
        row = detail.row
        state = ticket_state(row.state)
        if row.closure:
            state = f"{state} ({ticket_closure(row.closure)})"
        summary = lines(
            [
                (_("Número"), Text(row.number, style="bold")),
                (_("Tipo"), ticket_kind(row.kind)),
                (_("Estado"), state),
                (_("Asunto"), row.subject),
                (_("Canal"), ticket_channel(row.channel)),
                (_("Registrado"), format_local(row.created_at)),
                (_("Plazo"), self._due(row)),
                (_("Ticket de origen"), detail.parent_number or ""),
                (_("Tickets derivados"), ", ".join(detail.follow_ups)),
            ]
        )
        self.query_one("#user-ticket-summary", Static).update(summary)
        sections = form_sections(detail, self.language)
        contact = lines(sections[0]) if sections else self._contact(detail)
        self.query_one("#user-ticket-contact", Static).update(contact)
        self.query_one("#user-ticket-data", Static).update(self._data(detail))
        self.query_one("#user-ticket-history", Static).update(self._history(detail))
        files = self.query_one("#user-ticket-files", DataTable)
        files.clear()
        for item in detail.attachments:
            size = Text(str(-(-item.size // 1024)))
            files.add_row(safe(item.name, single_line=True), size, key=str(item.id))
        self.refresh_bindings()

    @staticmethod
    def _due(row: TicketRow) -> Text | str:
        if row.due is None:
            return ""
        if row.overdue:
            return Text("! " + due_text(row), style="bold red")
        return due_text(row)

    @property
    def language(self) -> str:
        return self.actor.language

    def _label(self, field: str, value: str) -> str:
        return choice_label("incidente", field, value, self.language)

    def _contact(self, detail: TicketDetail) -> Text:
        return lines(
            [
                (_("Nombres y apellidos"), detail.contact_name),
                (_("Documento"), detail.contact_document),
                (_("Correo electrónico"), detail.contact_email),
                (_("Teléfono"), detail.contact_phone),
                (_("Tipo de persona"), self._label("tipo_persona", detail.tipo_persona)),
                (_("Tipo de OCE"), self._label("tipo_oce", detail.oce_type_code)),
            ]
        )

    def _data(self, detail: TicketDetail) -> Text:
        rating = f"{detail.rating}/5" if detail.rating else ""
        sections = form_sections(detail, self.language)
        filled = [pair for section in sections[1:] for pair in section]
        if not sections:  # a queja: no form of its own
            filled = [(_("Descripción"), detail.description)]
        return lines(
            [
                *filled,
                (_("Resultado"), ticket_outcome(detail.outcome) if detail.outcome else ""),
                (_("Respondido el"), format_local(detail.answered_at)),
                (_("Cerrado el"), format_local(detail.closed_at)),
                (_("Calificación"), rating),
                (_("Comentario"), detail.rating_comment),
            ]
        )

    def _history(self, detail: TicketDetail) -> Text:
        out = Text()
        for entry in detail.history:
            out.append(f"{format_local(entry.at)} · {ticket_event(entry.kind)}", style="bold")
            if entry.actor_name:
                out.append(" · ")
                out.append_text(safe(entry.actor_name, single_line=True))
            out.append("\n")
            if entry.body:
                out.append_text(safe(entry.body))
                out.append("\n")
        out.rstrip()
        return out if out.plain else Text(_("Sin movimientos."))

    # -- actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ACTION_OF:
            return self.detail is not None and ACTION_OF[action] in self.detail.actions
        if action == "save_copy":
            return self.detail is not None and bool(self.detail.attachments)
        return True

    def action_reply(self) -> None:
        self.app.push_screen(ReplyModal(self.number), self.acted)

    def action_accept(self) -> None:
        self.app.push_screen(AcceptModal(self.number), self.acted)

    def action_reject(self) -> None:
        self.app.push_screen(RejectModal(self.number), self.acted)

    def action_queja(self) -> None:
        self.app.push_screen(QuejaModal(self.number), self.acted)

    def acted(self, result: Any) -> None:
        if result is None:
            return
        self.load()
        if isinstance(result, Opened):
            question = _("Se registró el ticket {numero}. ¿Lo abre ahora?").format(
                numero=result.number
            )
            self.app.push_screen(
                ConfirmScreen(question, _("Abrir"), _("Quedarse aquí"), escape_answer=False),
                lambda yes: self._open(result.number) if yes else None,
            )
        else:
            self.notify(describe(result), markup=False)

    def _open(self, number: str) -> None:
        self.app.push_screen(UserTicketScreen(number))

    def action_save_copy(self) -> None:
        if self.detail is None or not self.detail.attachments:
            return
        files = self.query_one("#user-ticket-files", DataTable)
        index = max(0, min(files.cursor_row, len(self.detail.attachments) - 1))
        item = self.detail.attachments[index]
        self.app.push_screen(SaveCopyScreen(item, self.save_folder), self.saved)

    def saved(self, path: Path | None) -> None:
        if path is not None:
            self.save_folder = path.parent
            self.notify(_("Copia guardada en {ruta}.").format(ruta=str(path)), markup=False)
