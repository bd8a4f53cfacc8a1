"""The staff's actions on a ticket, one dialog each: Tomar, Asignar, Solicitar información,
Responder (with canned answers), Nota interna, Vincular, Fusionar, Anular, and saving a copy
of an attachment."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from ecuapass_tui.core.text import sanitize_name
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.paths import write_private
from ecuapass_tui.screens.base import ecuapass_app
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.mesa.staff_modal import ActionModal, Refusal, select_value
from ecuapass_tui.screens.save_to_folder import refused_text
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.files import PathRefused, exists, path_target
from ecuapass_tui.services.mesa.ticket_dto import (
    AnalystInfo,
    AttachmentInfo,
    CannedAnswer,
    Outcome,
    QueueInfo,
)
from ecuapass_tui.texts import ticket_outcome
from ecuapass_tui.widgets.file_picker import app_roots
from ecuapass_tui.widgets.form import AreaControl
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe

if TYPE_CHECKING:
    from ecuapass_tui.services.desk import Desk


class TakeModal(ActionModal):
    ok_label = N_("Tomar")

    def heading(self) -> str:
        return _("Tomar el ticket {numero}: queda asignado a usted.").format(numero=self.number)

    def perform(self, desk: Desk, actor: Actor, values: dict[str, Any]) -> str:
        desk.take_ticket(actor, self.number)
        return _("Tomó el ticket {numero}.").format(numero=self.number)


class TextModal(ActionModal):
    """One text box: Solicitar información, Nota interna, Anular (`field` is the service's
    name for it, so its errors land under it)."""

    field = "texto"
    label = N_("Texto")

    def fields(self) -> ComposeResult:
        yield from self.block(self.field, _(self.label), AreaControl(id="staff-text"))

    def values(self) -> dict[str, Any]:
        return {"text": self.query_one("#staff-text", TextArea).text}


class AskModal(TextModal):
    label = N_("Información que necesita del usuario")
    ok_label = N_("Solicitar")

    def heading(self) -> str:
        return _("Solicitar información · {numero}").format(numero=self.number)

    def perform(self, desk: Desk, actor: Actor, values: dict[str, Any]) -> str:
        desk.request_info(actor, self.number, values["text"])
        return _("Se pidió información al usuario: el ticket queda pendiente.")


class NoteModal(TextModal):
    label = N_("Nota (solo la ve el personal de la Mesa)")
    ok_label = N_("Guardar nota")

    def heading(self) -> str:
        return _("Nota interna · {numero}").format(numero=self.number)

    def perform(self, desk: Desk, actor: Actor, values: dict[str, Any]) -> str:
        desk.add_note(actor, self.number, values["text"])
        return _("Nota interna guardada.")


class CancelModal(TextModal):
    field = "motivo"
    label = N_("Motivo de la anulación")
    ok_label = N_("Anular")

    def heading(self) -> str:
        return _("Anular el ticket {numero}").format(numero=self.number)

    def perform(self, desk: Desk, actor: Actor, values: dict[str, Any]) -> str:
        desk.cancel_ticket(actor, self.number, values["text"])
        return _("Ticket anulado.")


class OtherTicketModal(ActionModal):
    """Vincular / Fusionar: the other ticket's number."""

    def fields(self) -> ComposeResult:
        yield from self.block(
            "otro",
            _("Número del otro ticket"),
            Field(placeholder="MS-2026-000001", id="staff-other"),
        )

    def values(self) -> dict[str, Any]:
        return {"other": self.query_one("#staff-other", Input).value.strip().upper()}


class LinkModal(OtherTicketModal):
    ok_label = N_("Vincular")

    def heading(self) -> str:
        return _("Vincular {numero} con otro ticket").format(numero=self.number)

    def perform(self, desk: Desk, actor: Actor, values: dict[str, Any]) -> str:
        desk.link_tickets(actor, self.number, values["other"])
        return _("Tickets vinculados.")


class MergeModal(OtherTicketModal):
    ok_label = N_("Fusionar")

    def heading(self) -> str:
        return _("Fusionar {numero} (duplicado) en otro ticket").format(numero=self.number)

    def perform(self, desk: Desk, actor: Actor, values: dict[str, Any]) -> str:
        desk.merge_ticket(actor, self.number, values["other"])
        return _("Ticket fusionado en {otro}.").format(otro=values["other"])


class AssignModal(ActionModal):
    ok_label = N_("Asignar")

    def heading(self) -> str:
        return _("Asignar o reasignar {numero}").format(numero=self.number)

    def fields(self) -> ComposeResult:
        target: Select[str] = Select(
            [], prompt=_("Elija analista o cola"), id="staff-target", compact=True
        )
        yield from self.block("destino", _("Analista o cola"), target)
        yield from self.block("motivo", _("Motivo"), AreaControl(id="staff-text"))

    def on_mount(self) -> None:
        super().on_mount()
        self.load_targets()

    def load_targets(self) -> None:
        app = ecuapass_app(self.app)
        actor = app.actor
        if actor is None:
            return
        run_job(
            self,
            lambda: (app.desk.analysts(actor), app.desk.queues(actor)),
            lambda found: self.targets(*found),
            name="assign-targets",
            group="assign-targets",
            refused=lambda _error: None,  # the list stays empty; the queue is still typed
        )

    def targets(self, people: list[AnalystInfo], queues: list[QueueInfo]) -> None:
        options = [(f"u:{a.id}", _("Analista: {n}").format(n=a.full_name)) for a in people]
        options += [(f"q:{q.code}", _("Cola: {n}").format(n=q.name)) for q in queues]
        self.query_one("#staff-target", Select).set_options(
            [(safe(label, single_line=True), value) for value, label in options]
        )

    def values(self) -> dict[str, Any]:
        return {
            "target": select_value(self.query_one("#staff-target", Select)),
            "reason": self.query_one("#staff-text", TextArea).text,
        }

    def perform(self, desk: Desk, actor: Actor, values: dict[str, Any]) -> str:
        kind, _sep, value = values["target"].partition(":")
        assignee = int(value) if kind == "u" and value.isdigit() else None
        queue = value if kind == "q" else None
        desk.assign_ticket(actor, self.number, values["reason"], assignee_id=assignee, queue=queue)
        return _("Ticket asignado.")


class CannedPicker(ModalScreen[CannedAnswer | None]):
    """Respuestas tipo for this kind of ticket; Enter picks one."""

    BINDINGS = [Binding("escape", "back", N_("Volver"), id="back")]

    def __init__(self, answers: list[CannedAnswer]) -> None:
        super().__init__(classes="mesa-staff-modal")
        self.answers = answers

    def compose(self) -> ComposeResult:
        yield Static(_("Respuestas tipo (Enter inserta)"), classes="mesa-staff-modal-title")
        options = [
            Option(safe(f"{a.title} · {ticket_outcome(a.outcome)}", single_line=True), id=a.id)
            for a in self.answers
        ]
        yield OptionList(*options, id="staff-canned")

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(next(a for a in self.answers if a.id == event.option.id))

    def action_back(self) -> None:
        self.dismiss(None)


class AnswerModal(ActionModal):
    ok_label = N_("Responder")
    BINDINGS = [*ActionModal.BINDINGS, Binding("f4", "canned", N_("Respuestas tipo"), id="canned")]

    def __init__(self, number: str, kind: str) -> None:
        super().__init__(number)
        self.kind = kind

    def heading(self) -> str:
        return _("Responder {numero} · F4 respuestas tipo").format(numero=self.number)

    def fields(self) -> ComposeResult:
        outcomes = [(ticket_outcome(o), o.value) for o in Outcome]
        outcome: Select[str] = Select(
            outcomes, prompt=_("Elija el resultado"), id="staff-outcome", compact=True
        )
        yield from self.block("resultado", _("Resultado"), outcome)
        yield from self.block("texto", _("Respuesta al usuario"), AreaControl(id="staff-text"))

    def action_canned(self) -> None:
        self.load_canned()

    def load_canned(self) -> None:
        app = ecuapass_app(self.app)
        actor = app.actor
        if actor is not None:
            run_job(
                self,
                lambda: app.desk.canned_answers(actor, self.kind),
                lambda answers: self.app.push_screen(CannedPicker(answers), self.insert),
                name="canned",
                group="canned",
            )

    def insert(self, answer: CannedAnswer | None) -> None:
        if answer is None:
            return
        area = self.query_one("#staff-text", TextArea)
        area.insert(answer.body if not area.text.strip() else f"\n{answer.body}")
        self.query_one("#staff-outcome", Select).value = answer.outcome
        area.focus()

    def values(self) -> dict[str, Any]:
        return {
            "outcome": select_value(self.query_one("#staff-outcome", Select)),
            "text": self.query_one("#staff-text", TextArea).text,
        }

    def perform(self, desk: Desk, actor: Actor, values: dict[str, Any]) -> str:
        desk.answer_ticket(actor, self.number, values["outcome"], values["text"])
        return _("Respuesta enviada: el ticket queda Respondido.")


class SaveAttachmentModal(ActionModal):
    """A copy of an attachment (0600, under its sanitised name) at a typed path inside the
    home or the configured folder; an existing file only with Reemplazar."""

    ok_label = N_("Guardar")

    def __init__(self, number: str, attachment: AttachmentInfo) -> None:
        super().__init__(number)
        self.attachment = attachment
        self.file_name = sanitize_name(attachment.name)
        self.roots: tuple[Path, ...] = ()

    def heading(self) -> str:
        return _("Guardar una copia de {archivo}").format(archivo=self.file_name)

    def fields(self) -> ComposeResult:
        self.roots = app_roots(self.app)
        default = str((self.roots[0] if self.roots else Path.home()) / self.file_name)
        yield from self.block("ruta", _("Guardar en"), Field(default, id="staff-path"))
        yield Checkbox(_("Reemplazar el archivo si ya existe"), id="staff-overwrite", compact=True)

    def values(self) -> dict[str, Any]:
        return {
            "path": self.query_one("#staff-path", Input).value.strip(),
            "overwrite": self.query_one("#staff-overwrite", Checkbox).value,
        }

    def perform(self, desk: Desk, actor: Actor, values: dict[str, Any]) -> str:
        if not values["path"]:
            raise Refusal("ruta", _("Escriba la ruta del archivo."))
        try:
            target = path_target(values["path"], self.file_name, self.roots)
        except PathRefused as error:
            raise Refusal("ruta", refused_text(error, self.roots)) from None
        already = _("Ya existe {ruta}: marque Reemplazar o elija otro nombre.").format(ruta=target)
        if exists(target) and not values["overwrite"]:
            raise Refusal("ruta", already)
        _name, data = desk.attachment(actor, self.attachment.id)
        try:
            write_private(target, data, overwrite=values["overwrite"])
        except FileExistsError:
            raise Refusal("ruta", already) from None
        except OSError as error:
            raise Refusal(
                "ruta", _("No se pudo guardar: {motivo}").format(motivo=error.strerror or error)
            ) from None
        return _("Copia guardada en {ruta}.").format(ruta=target)
