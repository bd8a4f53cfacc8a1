"""The user's actions on a ticket, each a modal that calls the Desk from a thread worker and
dismisses with a typed result: Responder, Aceptar, No conforme, Queja. Errors go beside their
field and nothing typed is lost."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, RadioButton, RadioSet, Static, TextArea

from ecuapass_tui.forms.attachments import Attachment, ReadError, read_file, sniff
from ecuapass_tui.forms.fields import FILE_KINDS
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import ecuapass_app
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, ServiceError
from ecuapass_tui.services.mesa.ticket_dto import Opened
from ecuapass_tui.texts import error_text, text
from ecuapass_tui.texts.fields import field_text
from ecuapass_tui.widgets.file_picker import FilePicker
from ecuapass_tui.widgets.safe import safe

if TYPE_CHECKING:
    from ecuapass_tui.services.desk import Desk

MAX_REPLY_KB = 5120
T = TypeVar("T")


@dataclass(frozen=True)
class Replied:
    files: int


@dataclass(frozen=True)
class Accepted:
    rating: int


def text_area(id: str) -> TextArea:
    area = TextArea(id=id, soft_wrap=True, tab_behavior="focus", compact=True)
    area.cursor_blink = False
    return area


class ActionModal(ModalScreen[T | None], Generic[T]):
    """Title, fields (each followed by its error line), a general error line, Enviar/Cancelar.
    Subclasses give `fields()` and `call(desk, actor)`, which returns the result or raises."""

    BINDINGS = [
        Binding("ctrl+s", "send", N_("Enviar"), id="user-modal-send"),
        Binding("escape", "cancel", N_("Cancelar"), id="user-modal-cancel"),
    ]
    TITLE_TEXT = ""

    def __init__(self, number: str) -> None:
        super().__init__()
        self.number = number
        self.busy = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="user-modal-box", classes="mesa-user-modal"):
            title = _(self.TITLE_TEXT).format(numero=self.number)
            yield Static(safe(title, single_line=True), classes="mesa-user-modal-title")
            yield from self.fields()
            yield Static("", id="user-modal-error", classes="mesa-user-error")
            with Horizontal(classes="mesa-user-buttons"):
                yield Button(_("Enviar"), id="user-modal-send", variant="primary", compact=True)
                yield Button(_("Cancelar"), id="user-modal-cancel", compact=True)

    def fields(self) -> ComposeResult:
        yield from ()

    def field(self, name: str, label: str, control: Widget) -> ComposeResult:
        yield Static(Text(label), classes="mesa-user-label")
        yield control
        yield Static("", id=f"user-error-{name}", classes="mesa-user-error")

    def on_mount(self) -> None:
        box = self.query_one("#user-modal-box", VerticalScroll)
        box.can_focus = False
        first = self.query("TextArea, RadioSet, Input").first()
        first.focus()

    def check(self) -> dict[str, str]:
        """Errors found before calling the desk: field name -> message."""
        return {}

    def call(self, desk: Desk, actor: Actor) -> object:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#user-modal-cancel")
    def _cancel(self) -> None:
        self.action_cancel()

    @on(Button.Pressed, "#user-modal-send")
    def action_send(self) -> None:
        if self.busy:
            return
        errors = self.check()
        if errors:
            self.failed(errors)
            return
        self.busy = True
        self.run()

    def run(self) -> None:
        app = ecuapass_app(self.app)
        actor = app.actor
        if actor is None:
            return
        run_job(
            self,
            lambda: self.call(app.desk, actor),
            self.done,
            name="user-action",
            group="user-action",
            refused=self.refused,
        )

    def done(self, result: object) -> None:
        self.dismiss(result)  # type: ignore[arg-type]

    def refused(self, error: ServiceError) -> None:
        if isinstance(error, FieldErrors):
            found = {e.field: field_text(e) for e in error.errors}
            found.update((field, text(code)) for field, code in error.rules.items())
            self.failed(found)
        else:
            self.failed({}, error_text(error))

    def failed(self, fields: dict[str, str], message: str = "") -> None:
        self.busy = False
        fields = dict(fields)
        general = message
        for line in self.query(".mesa-user-error").results(Static):
            name = (line.id or "").removeprefix("user-error-")
            if line.id == "user-modal-error":
                continue
            line.update(safe(fields.pop(name, "")))
        general = "\n".join([general, *fields.values()]).strip()
        self.query_one("#user-modal-error", Static).update(safe(general))


class AttachingModal(ActionModal[T]):
    """An action that may carry files: Adjuntar archivo opens the picker; a file refused
    (unreadable, too large, not PDF, PNG, JPEG or DOCX) is named under the button."""

    def __init__(self, number: str) -> None:
        super().__init__(number)
        self.files: list[Attachment] = []
        self.start_dir = Path.home()

    def attach_fields(self) -> ComposeResult:
        yield Static("", id="user-files", classes="mesa-user-note")
        yield Button(_("Adjuntar archivo"), id="user-attach", compact=True)
        yield Static("", id="user-error-archivo", classes="mesa-user-error")

    @on(Button.Pressed, "#user-attach")
    def attach(self) -> None:
        self.app.push_screen(FilePicker(self.start_dir, _("Adjuntar archivo")), self.add)

    def add(self, path: Path | None) -> None:
        self.query_one("#user-attach", Button).focus()
        if path is None:
            return
        self.start_dir = path.parent
        result = read_file(path, max_kb=MAX_REPLY_KB)
        error = self.query_one("#user-error-archivo", Static)
        if isinstance(result, ReadError) or sniff(result.data) not in FILE_KINDS:
            refused = _(
                "No se pudo adjuntar el archivo {name}: adjunte un PDF, PNG, JPEG o DOCX de "
                "hasta 5 MB."
            )
            error.update(safe(refused.format(name=result.name)))
            return
        error.update("")
        self.files.append(result)
        names = ", ".join(item.name for item in self.files)
        shown = self.query_one("#user-files", Static)
        shown.update(safe(_("Adjuntos: {nombres}").format(nombres=names)))


class ReplyModal(AttachingModal[Replied]):
    TITLE_TEXT = N_("Responder a la solicitud de información del ticket {numero}")

    def fields(self) -> ComposeResult:
        label = _("Su respuesta (al menos 10 caracteres)")
        yield from self.field("texto", label, text_area("user-reply-text"))
        yield from self.attach_fields()

    def call(self, desk: Desk, actor: Actor) -> Replied:
        body = self.query_one("#user-reply-text", TextArea).text
        desk.reply_ticket(actor, self.number, body, list(self.files))
        return Replied(len(self.files))


class AcceptModal(ActionModal[Accepted]):
    TITLE_TEXT = N_("Aceptar la respuesta del ticket {numero}")

    def fields(self) -> ComposeResult:
        labels = [_("1 (muy malo)"), "2", "3", "4", _("5 (excelente)")]
        buttons = [RadioButton(Text(label)) for label in labels]
        yield from self.field(
            "calificacion",
            _("Su calificación de la atención (1 a 5)"),
            RadioSet(*buttons, id="user-accept-rating", compact=True),
        )
        comment = Input(id="user-accept-comment", max_length=500, compact=True)
        comment.cursor_blink = False
        yield from self.field("comentario", _("Comentario (opcional)"), comment)

    def rating(self) -> int:
        return self.query_one("#user-accept-rating", RadioSet).pressed_index + 1

    def check(self) -> dict[str, str]:
        return {} if self.rating() > 0 else {"calificacion": text("rating_range")}

    def call(self, desk: Desk, actor: Actor) -> Accepted:
        rating = self.rating()
        comment = self.query_one("#user-accept-comment", Input).value
        desk.accept_ticket(actor, self.number, rating, comment)
        return Accepted(rating)


class RejectModal(AttachingModal[Opened]):
    TITLE_TEXT = N_("No conforme con la respuesta del ticket {numero}")

    def fields(self) -> ComposeResult:
        yield Static(
            _(
                "El ticket se cerrará como no conforme y se registrará uno nuevo, vinculado a "
                "él, con sus archivos y los que adjunte aquí (por ejemplo una nueva captura)."
            ),
            classes="mesa-user-note",
        )
        label = _("Motivo (al menos 10 caracteres)")
        yield from self.field("motivo", label, text_area("user-reject-reason"))
        yield from self.attach_fields()

    def call(self, desk: Desk, actor: Actor) -> Opened:
        reason = self.query_one("#user-reject-reason", TextArea).text
        return desk.reject_ticket(actor, self.number, reason, list(self.files))


class QuejaModal(ActionModal[Opened]):
    TITLE_TEXT = N_("Queja sobre la atención del ticket {numero}")
    MINIMUM = 20

    def fields(self) -> ComposeResult:
        yield Static(
            _("La queja llega a la Jefatura de Atención al Usuario."), classes="mesa-user-note"
        )
        label = _("Describa su queja (al menos 20 caracteres)")
        yield from self.field("texto", label, text_area("user-queja-text"))

    def check(self) -> dict[str, str]:
        body = self.query_one("#user-queja-text", TextArea).text.strip()
        if len(body) < self.MINIMUM:
            return {"texto": _("Escriba un texto más completo (al menos 20 caracteres).")}
        return {}

    def call(self, desk: Desk, actor: Actor) -> Opened:
        body = self.query_one("#user-queja-text", TextArea).text
        return desk.file_queja(actor, self.number, body)


def describe(result: Any) -> str:
    if isinstance(result, Accepted):
        return _("Respuesta aceptada con calificación {n}/5. Gracias.").format(n=result.rating)
    if isinstance(result, Replied):
        return _("Respuesta enviada a la Mesa de Servicios.")
    return ""
