"""A dialog that asks one line (a bank reference, a reason), runs one Desk call with it in a
worker and dismisses with its result; an empty line or a refusal is said in the dialog, and
what was typed stays."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import VUE_CSS
from ecuapass_tui.services.errors import ServiceError
from ecuapass_tui.texts import error_text
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe


class AskScreen(ModalScreen[object]):
    """`job(typed)` runs on a worker's thread; None when the user goes back."""

    CSS_PATH = VUE_CSS
    DEFAULT_CLASSES = "vue-modal"
    BINDINGS = [
        Binding("escape", "cancel", N_("Volver"), id="ask-back"),
        Binding("ctrl+s", "go", N_("Aceptar"), id="ask-go"),
    ]

    def __init__(
        self, heading: str, label: str, job: Callable[[str], object], *, empty: str
    ) -> None:
        super().__init__()
        self.heading = heading
        self.label = label
        self.job = job
        self.empty = empty
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(safe(self.heading), classes="vue-modal-title")
            with Horizontal(classes="field-row"):
                yield Static(safe(self.label, single_line=True), classes="field-label")
                yield Field(max_length=200, compact=True, id="ask-value")
            yield Static("", id="ask-error", classes="vue-error")
            with Horizontal(classes="vue-buttons"):
                yield Button(_("Aceptar"), id="ask-ok", variant="primary", compact=True)
                yield Button(_("Volver"), id="ask-no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#ask-value", Field).focus()

    @on(Button.Pressed, "#ask-no")
    def action_cancel(self) -> None:
        if not self.busy:
            self.dismiss(None)

    @on(Button.Pressed, "#ask-ok")
    @on(Field.Submitted, "#ask-value")
    def action_go(self) -> None:
        typed = self.query_one("#ask-value", Field).value.strip()
        if self.busy:
            return
        if not typed:
            self.say(self.empty)
            return
        self.busy = True
        run_job(self, lambda: self.job(typed), self.dismiss, name="vue-ask", refused=self.refused)

    def refused(self, error: ServiceError) -> None:
        self.busy = False
        self.say(error_text(error))

    def say(self, message: str) -> None:
        self.query_one("#ask-error", Static).update(safe(message))
        self.query_one("#ask-value", Field).focus()

    def show_failure(self, message: str, worker: str) -> None:
        self.say(message)
