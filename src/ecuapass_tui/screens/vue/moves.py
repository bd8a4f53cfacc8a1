"""The moves of a VUE request, as buttons and dialogs: what each target state is called on a
button, which need a reason or an amount, and the dialog that asks for them. The service
decides which moves the actor may make (`RequestDetail.allowed`) and refuses the rest."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import ecuapass_app
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import VUE_CSS
from ecuapass_tui.screens.vue.common import typed_amount
from ecuapass_tui.services.errors import ServiceError
from ecuapass_tui.services.vue.dto import RequestDetail
from ecuapass_tui.services.vue.states import NOTE_REQUIRED
from ecuapass_tui.texts import error_text
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe

if TYPE_CHECKING:
    from ecuapass_tui.services.desk import Desk
    from ecuapass_tui.services.dto import Actor

# What the button that moves a request to each state says.
MOVE_LABELS = {
    "210": N_("Receptar"),
    "120": N_("Autorizar pago"),
    "230": N_("Programar inspección"),
    "240": N_("Inspección realizada"),
    "310": N_("No aprobar"),
    "320": N_("Aprobar"),
    "410": N_("Pedir subsanación"),
    "420": N_("Enviar subsanación"),
    "510": N_("Enviar a aduana"),
    "610": N_("Desistir"),
    "620": N_("Aprobar desistimiento"),
    "640": N_("Solicitar anulación"),
    "650": N_("Aprobar anulación"),
    "910": N_("Error de validación"),
    "140": N_("Solicitar modificación"),
    "150": N_("Solicitar corrección"),
}
NEEDS_NOTE = NOTE_REQUIRED
NEEDS_AMOUNT = frozenset({"120"})


def move_label(state: str) -> str:
    label = MOVE_LABELS.get(state)
    return _(label) if label else state


class MoveScreen(ModalScreen[RequestDetail | None]):
    """Asks the reason (and the amount of a fee) of one move, makes it in a worker; a refusal
    stays in the dialog with what was typed; success dismisses with the request as it is now."""

    CSS_PATH = VUE_CSS
    DEFAULT_CLASSES = "vue-modal"
    BINDINGS = [
        Binding("escape", "cancel", N_("Volver"), id="move-back"),
        Binding("ctrl+s", "go", N_("Aceptar"), id="move-go"),
    ]

    def __init__(self, number: str, state: str) -> None:
        super().__init__()
        self.number = number
        self.state = state
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical():
            heading = f"{move_label(self.state)} · {self.number}"
            yield Static(safe(heading, single_line=True), classes="vue-modal-title")
            if self.state in NEEDS_AMOUNT:
                with Horizontal(classes="field-row"):
                    yield Static(_("Valor de la tasa (USD)"), classes="field-label")
                    yield Field(max_length=20, compact=True, id="move-amount")
            with Horizontal(classes="field-row"):
                label = _("Motivo") if self.state in NEEDS_NOTE else _("Observación")
                yield Static(label, classes="field-label")
                yield Field(max_length=500, compact=True, id="move-note")
            yield Static("", id="move-error", classes="vue-error")
            with Horizontal(classes="vue-buttons"):
                yield Button(_("Aceptar"), id="move-ok", variant="primary", compact=True)
                yield Button(_("Volver"), id="move-no", compact=True)

    def on_mount(self) -> None:
        first = "#move-amount" if self.state in NEEDS_AMOUNT else "#move-note"
        self.query_one(first, Field).focus()

    @on(Button.Pressed, "#move-no")
    def action_cancel(self) -> None:
        if not self.busy:
            self.dismiss(None)

    @on(Button.Pressed, "#move-ok")
    @on(Field.Submitted)
    def action_go(self) -> None:
        if self.busy:
            return
        amount: Decimal | None = None
        if self.state in NEEDS_AMOUNT:
            amount = typed_amount(self.query_one("#move-amount", Field).value)
            if amount is None or amount <= 0:
                self.say(_("Escriba el valor en USD, mayor que cero (p. ej. 25,50)."))
                self.query_one("#move-amount", Field).focus()
                return
        note = self.query_one("#move-note", Field).value.strip()
        if self.state in NEEDS_NOTE and not note:
            self.say(_("Escriba el motivo."))
            self.query_one("#move-note", Field).focus()
            return
        self.busy = True
        app = ecuapass_app(self.app)
        desk, actor = app.desk, app.actor
        if actor is None:
            return
        run_job(
            self,
            lambda: move(desk, actor, self.number, self.state, note, amount),
            self.dismiss,
            name="vue-move",
            refused=self.refused,
        )

    def refused(self, error: ServiceError) -> None:
        self.busy = False
        self.say(error_text(error))

    def say(self, message: str) -> None:
        self.query_one("#move-error", Static).update(safe(message))

    def show_failure(self, message: str, worker: str) -> None:
        self.say(message)


def move(
    desk: Desk,
    actor: Actor,
    number: str,
    state: str,
    note: str = "",
    amount: Decimal | None = None,
) -> RequestDetail:
    """One move through the Desk (on a worker's thread)."""
    return desk.vue_move(actor, number, state, note=note, amount=amount)


def plain_move_question(number: str, state: str) -> Text:
    return Text(
        _("¿{accion} la solicitud {numero}?").format(accion=move_label(state), numero=number)
    )
