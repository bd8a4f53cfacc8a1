"""3.8 Sugerencias: the form from `data/forms/sugerencias.toml`, with its draft saved while
typing and offered back when the form is opened again (after a crash, a SIGHUP or a dropped
SSH session)."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.message import Message

from ecuapass_tui.forms.engine import FieldError
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.i18n import _
from ecuapass_tui.screens.drafted import DraftedFormScreen
from ecuapass_tui.services.errors import FieldErrors, ServiceError
from ecuapass_tui.services.mesa.suggestions import FORM_ID
from ecuapass_tui.texts import error_text
from ecuapass_tui.widgets.form import FormView


class SuggestionsScreen(DraftedFormScreen):
    OPTION_NUMBER = "3.8"
    FORM_ID = FORM_ID

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

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield FormView(self.spec, language=self.actor.language, id="form")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.find_draft()

    # -- sending
    @on(FormView.Submitted, "#form")
    def submitted(self, event: FormView.Submitted) -> None:
        self.send(event.values)

    @work(thread=True, exclusive=True, name="suggestion-send")
    def send(self, values: dict[str, Any]) -> None:
        try:
            number = self.desk.submit_suggestion(self.actor, values)
        except FieldErrors as invalid:
            self.post_message(self.Refused(invalid.errors))
            return
        except ServiceError as error:
            self.post_message(self.Refused([], error_text(error)))
            return
        self.post_message(self.Sent(number))

    def on_suggestions_screen_refused(self, message: Refused) -> None:
        if message.errors:
            self.form.show_errors(message.errors)
        else:
            self.notify(message.message, severity="error", markup=False)

    def on_suggestions_screen_sent(self, message: Sent) -> None:
        self.sent = True
        self.app.pop_screen()
        self.app.notify(
            _("Sugerencia enviada: SUG-{numero:06d}. Gracias.").format(numero=message.number),
            markup=False,
        )
