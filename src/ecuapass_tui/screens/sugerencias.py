"""3.8 Sugerencias: the form from `data/forms/sugerencias.toml`, with its draft saved while
typing and offered back when the form is opened again (after a crash, a SIGHUP or a dropped
SSH session)."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.message import Message

from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.forms.engine import FieldError
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.i18n import _
from ecuapass_tui.messages import error_text
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.confirm import ConfirmScreen
from ecuapass_tui.services.clock import format_local
from ecuapass_tui.services.drafts import Draft, DraftFile
from ecuapass_tui.services.errors import ServiceError
from ecuapass_tui.services.suggestions import FORM_ID, SuggestionInvalid
from ecuapass_tui.widgets.form_view import FormView


def draft_files(files: dict[str, list[Attachment]]) -> tuple[DraftFile, ...]:
    return tuple(
        DraftFile(field, item.name, item.data) for field, items in files.items() for item in items
    )


def form_files(draft: Draft) -> dict[str, list[Attachment]]:
    files: dict[str, list[Attachment]] = {}
    for item in draft.files:
        files.setdefault(item.field, []).append(Attachment(item.name, item.content))
    return files


class SugerenciasScreen(OptionScreen):
    OPTION_NUMBER = "3.8"

    class DraftFound(Message):
        def __init__(self, draft: Draft | None) -> None:
            super().__init__()
            self.draft = draft

    class Refused(Message):
        def __init__(self, errors: list[FieldError], message: str = "") -> None:
            super().__init__()
            self.errors = errors
            self.message = message

    class Sent(Message):
        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    def __init__(self) -> None:
        super().__init__()
        self.spec = load_spec(FORM_ID)
        self.sent = False

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield FormView(self.spec, language=self.actor.language, id="form")
        yield from self.compose_footer()

    @property
    def form(self) -> FormView:
        return self.query_one("#form", FormView)

    def on_mount(self) -> None:
        self.find_draft()

    # -- the draft
    @work(thread=True, exclusive=True, name="draft-load")
    def find_draft(self) -> None:
        self.post_message(self.DraftFound(self.desk.load_draft(self.actor, FORM_ID)))

    def on_sugerencias_screen_draft_found(self, message: DraftFound) -> None:
        draft = message.draft
        if draft is None:
            return
        question = _("Tiene un borrador de este formulario guardado el {fecha}. ¿Lo restaura?")
        self.app.push_screen(
            ConfirmScreen(
                question.format(fecha=format_local(draft.updated_at)),
                _("Restaurar"),
                _("Descartar"),
                escape_answer=True,
            ),
            lambda restore: self._restore_or_discard(draft, bool(restore)),
        )

    def _restore_or_discard(self, draft: Draft, restore: bool) -> None:
        if restore:
            self.form.set_values(dict(draft.values), form_files(draft))
        else:
            self.discard()

    @work(thread=True, exclusive=True, name="draft-discard")
    def discard(self) -> None:
        self.desk.discard_draft(self.actor, FORM_ID)

    @on(FormView.Changed, "#form")
    def changed(self) -> None:
        if not self.sent:
            self.save(self.form.values(), draft_files(self.form.files()))

    @work(thread=True, exclusive=True, name="draft-save")
    def save(self, values: dict[str, Any], files: tuple[DraftFile, ...]) -> None:
        try:
            self.desk.save_draft(self.actor, FORM_ID, values, files)
        except ServiceError as error:
            self.app.call_from_thread(self.notify, error_text(error), severity="warning")

    def flush_draft(self) -> None:
        """Save now, on this thread: the app is about to end (SIGHUP)."""
        if not self.sent:
            self.desk.save_draft(
                self.actor, FORM_ID, self.form.values(), draft_files(self.form.files())
            )

    # -- sending
    @on(FormView.Submitted, "#form")
    def submitted(self, event: FormView.Submitted) -> None:
        self.send(event.values)

    @work(thread=True, exclusive=True, name="suggestion-send")
    def send(self, values: dict[str, Any]) -> None:
        try:
            number = self.desk.submit_suggestion(self.actor, values)
        except SuggestionInvalid as invalid:
            self.post_message(self.Refused(invalid.errors))
            return
        except ServiceError as error:
            self.post_message(self.Refused([], error_text(error)))
            return
        self.post_message(self.Sent(number))

    def on_sugerencias_screen_refused(self, message: Refused) -> None:
        if message.errors:
            self.form.show_errors(message.errors)
        else:
            self.notify(message.message, severity="error", markup=False)

    def on_sugerencias_screen_sent(self, message: Sent) -> None:
        self.sent = True
        self.app.pop_screen()
        self.app.notify(
            _("Sugerencia enviada: SUG-{numero:06d}. Gracias.").format(numero=message.number),
            markup=False,
        )
