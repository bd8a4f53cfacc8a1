"""One mailbox notice, shown in full; opening it marks it read."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ecuapass_tui.core.clock import format_local
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import ecuapass_app
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.services.dto import Notice
from ecuapass_tui.texts import error_text
from ecuapass_tui.widgets.safe import safe


class NoticeScreen(ModalScreen[bool]):
    BINDINGS = [Binding("escape", "close", N_("Cerrar"), id="close")]

    def __init__(self, notice_id: int) -> None:
        super().__init__()
        self.notice_id = notice_id

    def compose(self) -> ComposeResult:
        with Vertical(id="notice-box") as box:
            box.border_title = _("Notificación")
            yield Static("", id="notice-head")
            with VerticalScroll(id="notice-body"):
                yield Static(_("Cargando…"), id="notice-text")
            yield Button(_("Cerrar"), id="close", compact=True, variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()
        self.fetch()

    def fetch(self) -> None:
        app = ecuapass_app(self.app)
        actor = app.actor
        if actor is None:
            return
        run_job(
            self,
            lambda: app.desk.open_notice(actor, self.notice_id),
            self.show,
            name="notice-open",
            refused=lambda error: self.query_one("#notice-text", Static).update(error_text(error)),
        )

    def show(self, notice: Notice) -> None:
        head = "\n".join(
            (
                f"{_('Asunto')}: {notice.subject}",
                f"{_('De')}: {notice.sender}   {_('Destinatario')}: {notice.recipient}",
                f"{_('Fecha')}: {format_local(notice.created_at)}",
            )
        )
        self.query_one("#notice-head", Static).update(safe(head))
        self.query_one("#notice-text", Static).update(safe(notice.body))

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(True)
