"""A yes/no question as a modal screen that dismisses with a bool."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ecuapass_tui.i18n import N_
from ecuapass_tui.widgets.safe import safe


class ConfirmScreen(ModalScreen[bool]):
    """`question`, then [yes] [no]; Escape answers `escape_answer`."""

    BINDINGS = [Binding("escape", "escape", N_("Volver"), id="escape")]

    def __init__(self, question: str, yes: str, no: str, *, escape_answer: bool) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no
        self.escape_answer = escape_answer

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(safe(self.question))
            with Horizontal(classes="field-row"):
                yield Button(self.yes, id="yes", variant="primary", compact=True)
                yield Button(self.no, id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_escape(self) -> None:
        self.dismiss(self.escape_answer)
