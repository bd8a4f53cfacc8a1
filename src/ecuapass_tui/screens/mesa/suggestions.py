"""3.8 Sugerencias: the form from `data/forms/sugerencias.toml`, with its draft saved while
typing and offered back when the form is opened again (after a crash, a SIGHUP or a dropped
SSH session)."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult

from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.i18n import _
from ecuapass_tui.screens.drafted import DraftedFormScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.services.mesa.suggestions import FORM_ID
from ecuapass_tui.widgets.form import FormView


class SuggestionsScreen(DraftedFormScreen):
    OPTION_NUMBER = "3.8"
    FORM_ID = FORM_ID

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

    def send(self, values: dict[str, Any]) -> None:
        actor = self.actor
        run_job(
            self,
            self.storing(lambda: self.desk.submit_suggestion(actor, values)),
            self.sent_as,
            name="suggestion-send",
            refused=self.refused,
        )

    def sent_as(self, number: int) -> None:
        self.sent = True
        self.app.pop_screen()
        self.app.notify(
            _("Sugerencia enviada: SUG-{numero:06d}. Gracias.").format(numero=number),
            markup=False,
        )
