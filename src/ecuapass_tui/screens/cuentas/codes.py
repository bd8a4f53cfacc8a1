"""A modal that asks for the security code sent by e-mail, with Reenviar; it calls back a
function of the Desk on a thread worker and dismisses with its result (or None)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.cuentas.common import code_note
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import CUENTAS_CSS
from ecuapass_tui.services.cuentas.codes import CodeSent
from ecuapass_tui.services.errors import ServiceError
from ecuapass_tui.texts import error_text
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe


class CodeScreen(ModalScreen[object]):
    """`confirm(code)` and `resend()` run on a worker; a ServiceError is shown under the input."""

    CSS_PATH = CUENTAS_CSS
    BINDINGS = [Binding("escape", "cancel", N_("Cancelar"), id="code-cancel")]

    def __init__(
        self,
        title: str,
        sent: CodeSent,
        confirm: Callable[[str], Any],
        resend: Callable[[], CodeSent] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.sent = sent
        self.confirm = confirm
        self.resend = resend
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical(id="code-box", classes="cuentas-modal"):
            yield Static(safe(self.title_text, single_line=True), classes="cuentas-modal-title")
            yield Static(safe(code_note(self.sent)), id="code-note")
            with Horizontal(classes="field-row"):
                yield Static(_("Código de seguridad"), classes="field-label")
                yield Field(restrict=r"[0-9]*", max_length=6, compact=True, id="code-input")
            yield Static("", id="code-error", classes="field-error")
            with Horizontal(classes="cuentas-buttons"):
                yield Button(_("Confirmar"), id="code-ok", variant="primary", compact=True)
                if self.resend is not None:
                    yield Button(_("Reenviar código"), id="code-resend", compact=True)
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one("#code-input", Field).focus()

    @on(Field.Submitted, "#code-input")
    @on(Button.Pressed, "#code-ok")
    def _ok(self) -> None:
        if not self.busy:
            self.busy = True
            self.run_confirm(self.query_one("#code-input", Field).value)

    @on(Button.Pressed, "#code-resend")
    def _resend(self) -> None:
        if not self.busy:
            self.busy = True
            self.run_resend()

    def run_confirm(self, code: str) -> None:
        run_job(
            self,
            lambda: self.confirm(code),
            self.confirmed,
            name="code-confirm",
            refused=self.refused,
        )

    def run_resend(self) -> None:
        resend = self.resend
        assert resend is not None
        run_job(self, resend, self.resent, name="code-resend", refused=self.refused)

    def show_failure(self, message: str, worker: str) -> None:
        """A fault of the database: said under the code, which stays typed; Enter tries again."""
        self.query_one("#code-error", Static).update(safe(message))

    def confirmed(self, result: object) -> None:
        self.busy = False
        self.dismiss(result if result is not None else True)

    def resent(self, sent: CodeSent) -> None:
        self.busy = False
        self.sent = sent
        self.query_one("#code-note", Static).update(safe(code_note(sent)))
        self.query_one("#code-error", Static).update("")
        self.query_one("#code-input", Field).value = ""
        self.query_one("#code-input", Field).focus()

    def refused(self, error: ServiceError) -> None:
        self.busy = False
        self.query_one("#code-error", Static).update(safe(error_text(error)))
        self.query_one("#code-input", Field).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
