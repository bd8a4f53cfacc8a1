"""MS.3 Registrar evento de carga (staff): the form `evento_carga` with its draft; a refused
stage shows why (e.g. «Salida autorizada» before «Liquidación pagada») on the status line.
After a stage is recorded the MRN stays, so the next stage of the same cargo is quick."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.i18n import _
from ecuapass_tui.screens.drafted import DraftedFormScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import TRAMITES_CSS
from ecuapass_tui.services.errors import FieldErrors, ServiceError
from ecuapass_tui.services.tramites.tracking_dto import Recorded
from ecuapass_tui.services.tramites.tracking_form import FORM_ID
from ecuapass_tui.texts import error_text, text
from ecuapass_tui.texts.tramites import stage_label
from ecuapass_tui.widgets.form import FormView
from ecuapass_tui.widgets.safe import safe


class StaffEventScreen(DraftedFormScreen):
    OPTION_NUMBER = "MS.3"
    CSS_PATH = TRAMITES_CSS
    FORM_ID = FORM_ID

    def __init__(self) -> None:
        super().__init__()
        self.spec = load_spec(FORM_ID)

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static(
            Text(_("Ctrl+S registra el evento. El orden de las etapas se comprueba.")),
            id="event-status",
            classes="tramites-line",
        )
        yield FormView(self.spec, language=self.actor.language, id="form")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.find_draft()

    @on(FormView.Submitted, "#form")
    def submitted(self, event: FormView.Submitted) -> None:
        self.send(event.values)

    def send(self, values: dict[str, Any]) -> None:
        actor = self.actor
        run_job(
            self,
            self.storing(lambda: self.desk.record_event_form(actor, values)),
            self.done,
            name="event-send",
            refused=self.refused,
        )

    def refused(self, error: ServiceError) -> None:
        status = self.query_one("#event-status", Static)
        if isinstance(error, FieldErrors):
            if error.errors:
                self.form.show_errors(error.errors)
                status.update(Text(_("Revise los campos marcados."), style="bold red"))
                return
            message = " ".join(text(code) for code in error.rules.values())
        else:
            message = error_text(error)
        line = safe("✘ " + message)
        line.stylize("bold red")
        status.update(line)
        self.notify(message, severity="error", markup=False)

    def done(self, recorded: Recorded) -> None:
        summary = _("✔ Registrado: {mrn} · {etapa}").format(
            mrn=recorded.mrn, etapa=stage_label(recorded.stage)
        )
        line = safe(summary)
        line.stylize("bold green")
        self.query_one("#event-status", Static).update(line)
        self.form.accepted()
        self.notify(summary, markup=False)
        self.form.set_values({"mrn": recorded.mrn})
