"""The frame of the staff's action dialogs: fields with their error line under them, Ctrl+S
runs the action in a thread worker, a refusal stays in the dialog (nothing typed is lost),
success dismisses it with an `ActionDone`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Select, Static

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import ecuapass_app
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import MESA_CSS
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, ServiceError
from ecuapass_tui.texts import error_text, text
from ecuapass_tui.widgets.safe import safe

if TYPE_CHECKING:
    from ecuapass_tui.services.desk import Desk


@dataclass(frozen=True)
class ActionDone:
    """What a dialog did, to tell the analyst (the ticket view reloads after it)."""

    message: str


class Refusal(Exception):
    """A refusal decided by the dialog itself (not by a service), with its message."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class ActionModal(ModalScreen[ActionDone | None]):
    """Subclasses give `heading()`, `fields()` (via `block()`), `values()` and `perform()`."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Volver"), id="cancel"),
        Binding("ctrl+s", "submit", N_("Aceptar"), id="submit"),
    ]
    CSS_PATH = MESA_CSS
    ok_label = N_("Aceptar")

    def __init__(self, number: str) -> None:
        super().__init__(classes="mesa-staff-modal")
        self.number = number
        self.field_names: list[str] = []

    # -- to override
    def heading(self) -> str:
        raise NotImplementedError

    def fields(self) -> ComposeResult:
        yield from ()

    def values(self) -> dict[str, Any]:
        return {}

    def perform(self, desk: Desk, actor: Actor, values: dict[str, Any]) -> str:
        """Runs on a worker thread; returns the message for the analyst."""
        raise NotImplementedError

    # -- layout
    def block(self, name: str, label: str, widget: Widget) -> ComposeResult:
        self.field_names.append(name)
        yield Static(safe(label, single_line=True), classes="mesa-staff-label")
        yield widget
        yield Static("", id=f"staff-err-{name}", classes="field-error mesa-staff-error -empty")

    def compose(self) -> ComposeResult:
        with Vertical(id="staff-modal-box"):
            yield Static(safe(self.heading(), single_line=True), classes="mesa-staff-modal-title")
            yield from self.fields()
            yield Static("", id="staff-err-general", classes="field-error mesa-staff-error -empty")
            with Horizontal(classes="mesa-staff-buttons"):
                yield Button(_(self.ok_label), id="staff-ok", variant="primary", compact=True)
                yield Button(_("Cancelar"), id="staff-cancel", compact=True)
            yield Static(_("Ctrl+S acepta · Esc vuelve sin cambios"), classes="hint")

    def on_mount(self) -> None:
        focusable = [w for w in self.query("Input, TextArea, Select, Button") if w.focusable]
        if focusable:
            focusable[0].focus()

    # -- running
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#staff-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#staff-ok")
    def action_submit(self) -> None:
        self.query_one("#staff-ok", Button).disabled = True
        self.perform_in_thread(self.values())

    def perform_in_thread(self, values: dict[str, Any]) -> None:
        app = ecuapass_app(self.app)
        actor = app.actor
        if actor is None:
            return
        run_job(
            self,
            lambda: self._perform(app.desk, actor, values),
            self._performed,
            name="staff-action",
            group="staff-action",
            refused=self._service_refused,
        )

    def _perform(self, desk: Desk, actor: Actor, values: dict[str, Any]) -> str | Refusal:
        """What the action did (its message), or the dialog's own refusal."""
        try:
            return self.perform(desk, actor, values)
        except Refusal as refusal:
            return refusal

    def _performed(self, outcome: str | Refusal) -> None:
        if not isinstance(outcome, Refusal):
            self.dismiss(ActionDone(outcome))
        elif outcome.field not in self.field_names:
            self.refused({}, outcome.message)
        else:
            self.refused({outcome.field: ""}, outcome.message)

    def _service_refused(self, error: ServiceError) -> None:
        if isinstance(error, FieldErrors):
            self.refused(error.rules)
        else:
            self.refused({}, error_text(error))

    def show_failure(self, message: str, worker: str) -> None:
        """A fault of the database: said in the dialog, which keeps what was typed; Ctrl+S
        tries again."""
        self.refused({}, message)

    def refused(self, fields: dict[str, str], message: str = "") -> None:
        """`fields`: field name -> rule code ("" for `message`); `message`: said in general
        when no field is named."""
        self.query_one("#staff-ok", Button).disabled = False
        general = message if not fields else ""
        first: str | None = None
        for name in self.field_names:
            code = fields.get(name)
            shown = "" if code is None else (text(code) if code else message)
            self._error(name, shown)
            if shown and first is None:
                first = name
        others = [text(c) for n, c in fields.items() if n not in self.field_names]
        self._error("general", "\n".join([general, *others]).strip())
        if first is not None:
            self.focus_field(first)

    def focus_field(self, name: str) -> None:
        label = self.query_one(f"#staff-err-{name}", Static)
        siblings = list(label.parent.children) if label.parent else []
        index = siblings.index(label)
        if index > 0 and siblings[index - 1].focusable:
            siblings[index - 1].focus()

    def _error(self, name: str, message: str) -> None:
        line = self.query_one(f"#staff-err-{name}", Static)
        line.update(safe(message))
        line.set_class(not message, "-empty")


def select_value(widget: Select[str]) -> str:
    return widget.value if isinstance(widget.value, str) else ""
