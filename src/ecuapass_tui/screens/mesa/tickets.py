"""3.9.1 Reporte de incidente and 3.9.2 Consulta: the forms `data/forms/incidente.toml` and
`consulta.toml`, contact data prefilled from the account (editable), drafts saved while typing
like Sugerencias, and on success the ticket number shown in a result screen."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.drafted import DraftedFormScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.mesa.my_tickets import MyTicketsScreen
from ecuapass_tui.screens.styles import MESA_CSS
from ecuapass_tui.services.drafts import Draft
from ecuapass_tui.services.errors import ServiceError
from ecuapass_tui.services.mesa.ticket_dto import TicketKind
from ecuapass_tui.services.mesa.tickets import FORMS
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.form import FormView
from ecuapass_tui.widgets.safe import safe


class TicketOpenedScreen(ModalScreen[str]):
    """The new ticket's number, large; dismisses with "tickets" (open Mis tickets) or "back"."""

    BINDINGS = [
        Binding("t", "choose('tickets')", N_("Mis tickets"), id="user-opened-tickets"),
        Binding("escape,enter", "choose('back')", N_("Volver"), id="user-opened-back"),
    ]

    def __init__(self, number: str) -> None:
        super().__init__()
        self.number = number

    def compose(self) -> ComposeResult:
        with Vertical(id="user-opened-box"):
            yield Static(_("Su ticket fue registrado con el número"), classes="mesa-user-note")
            yield Static(safe(self.number, single_line=True), id="user-opened-number")
            yield Static(
                _(
                    "Lo encontrará también en su Buzón Electrónico. Siga su atención en"
                    " Mis tickets (opción 3.9.3)."
                ),
                classes="mesa-user-note",
            )
            yield Static(
                Text(_("T: abrir Mis tickets · Enter o Esc: volver al menú")),
                classes="mesa-user-hint",
            )
        yield LocalFooter()

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class ReportScreen(DraftedFormScreen):
    """Shared by the incident and the consultation forms (KIND says which)."""

    CSS_PATH = MESA_CSS
    AUTO_FOCUS = ".-first-focus"  # the form's first field, before the first paint
    KIND = TicketKind.INCIDENTE

    def __init__(self) -> None:
        super().__init__()
        self.form_id = FORMS[self.KIND]
        self.spec = load_spec(self.form_id)
        self.sending = False

    def compose(self) -> ComposeResult:
        # Read while the screen is built (a thread): the values come with the first paint.
        self.load_start()
        yield from self.compose_header()
        yield FormView(self.spec, language=self.actor.language, id="form")
        yield from self.compose_footer()

    # -- prefill and draft
    def load_start(self) -> None:
        actor = self.actor
        run_job(
            self,
            lambda: (self.desk.load_draft(actor, self.form_id), self.desk.ticket_prefill(actor)),
            lambda loaded: self.prefilled(*loaded),
            name="report-start",
            group="report-start",
            refused=self.refused,
        )

    def prefilled(self, draft: Draft | None, prefill: dict[str, object]) -> None:
        self.form.set_values(dict(prefill))
        self.form.focus_first()
        self.offer_draft(draft)

    # -- sending
    @on(FormView.Submitted, "#form")
    def submitted(self, event: FormView.Submitted) -> None:
        if self.sending:
            return
        self.sending = True
        self.send(event.values, event.files)

    def send(self, values: dict[str, Any], files: dict[str, list[Attachment]]) -> None:
        actor = self.actor
        run_job(
            self,
            self.storing(lambda: self.desk.open_ticket(actor, self.KIND, values, files).number),
            self.opened,
            name="report-send",
            group="report-send",
            refused=self.refused,
        )

    def refused(self, error: ServiceError) -> None:
        self.sending = False
        super().refused(error)

    def opened(self, number: str) -> None:
        self.sent = True
        self.form.accepted()
        self.app.push_screen(TicketOpenedScreen(number), self._after)

    def _after(self, choice: str | None) -> None:
        self.app.pop_screen()
        if choice == "tickets":
            self.app.push_screen(MyTicketsScreen())


class IncidenteScreen(ReportScreen):
    OPTION_NUMBER = "3.9.1"
    KIND = TicketKind.INCIDENTE


class ConsultaScreen(ReportScreen):
    OPTION_NUMBER = "3.9.2"
    KIND = TicketKind.CONSULTA
