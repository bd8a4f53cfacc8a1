"""A yes/no question as a modal screen that dismisses with a bool, and the question asked
before the session ends while a form holds what the user typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ecuapass_tui.i18n import N_, _
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


def holds_unsent_text(app: App[Any]) -> bool:
    """Whether a form on any open screen holds something the user typed and did not send."""
    from ecuapass_tui.widgets.form import FormView

    return any(form.unsent() for screen in app.screen_stack for form in screen.query(FormView))


def end_session_asking(app: App[Any], end: Callable[[], None]) -> None:
    """Cerrar sesión: at once, or after a question when a form holds unsent text."""
    if not holds_unsent_text(app):
        end()
        return
    question = _(
        "Hay un formulario con datos que no se enviaron. ¿Cerrar la sesión de todos modos?"
    )
    app.push_screen(
        ConfirmScreen(question, _("Cerrar sesión"), _("Volver"), escape_answer=False),
        lambda yes: end() if yes else None,
    )
