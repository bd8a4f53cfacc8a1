"""One VUE request: its data, its history (every state with its date, who and why), and a
button for each move the actor may make now (the institution's decisions, the company's
answer to a correction). A move that needs a reason or an amount asks for it in a dialog; the
others ask first (screens/confirm.py)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from ecuapass_tui.core.roles import UserClass
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import AppScreen, title_bar
from ecuapass_tui.screens.confirm import ConfirmScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import VUE_CSS
from ecuapass_tui.screens.vue.ask import AskScreen
from ecuapass_tui.screens.vue.common import state_text, usd, when
from ecuapass_tui.screens.vue.moves import (
    NEEDS_AMOUNT,
    NEEDS_NOTE,
    MoveScreen,
    move,
    move_label,
    plain_move_question,
)
from ecuapass_tui.services.vue.dto import RequestDetail
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.safe import safe

INSTITUTION_CLASSES = frozenset({UserClass.ENTIDAD, UserClass.REPRESENTANTE_ENTIDAD})


def head_text(detail: RequestDetail) -> Text:
    row = detail.row
    head = safe(row.number, single_line=True)
    head.stylize("bold")
    lines = [
        f"{row.institution} · {row.form_code} {row.form_name}",
        _("Empresa: {empresa}").format(empresa=row.company),
        _("Enviada: {fecha}").format(fecha=when(row.sent_at) or "—"),
        _("Estado: {estado} ({fecha})").format(
            estado=state_text(row.state), fecha=when(row.state_at)
        ),
    ]
    if row.fee is not None:
        lines.append(_("Tasa: {valor}").format(valor=usd(row.fee)))
    if detail.signed_by:
        lines.append(_("Firmada por: {firmante}").format(firmante=detail.signed_by))
    if detail.djo_number:
        lines.append(_("DJO: {numero}").format(numero=detail.djo_number))
    for line in lines:
        head.append("\n")
        head.append_text(safe(line))
    return head


def history_text(detail: RequestDetail) -> Text:
    text = Text(_("Historial"), style="bold")
    for entry in detail.history:
        text.append("\n")
        text.append_text(safe(f"{when(entry.at)} · {state_text(entry.state)} · {entry.by}"))
        if entry.note:
            text.append("\n    ")
            text.append_text(safe(entry.note))
    return text


class RequestScreen(AppScreen):
    CSS_PATH = VUE_CSS
    BINDINGS = [Binding("escape", "back", N_("Volver"), id="request-back")]

    def __init__(self, number: str) -> None:
        super().__init__()
        self.number = number
        self.detail: RequestDetail | None = None

    def compose(self) -> ComposeResult:
        yield title_bar(_("ECUAPASS · Ventanilla Única · Solicitud"))
        with VerticalScroll(id="request-body", classes="vue-body"):
            yield Static("", id="request-head")
            yield Static("", id="request-history")
        yield Horizontal(id="request-moves", classes="vue-buttons")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one("#request-body").focus()
        actor = self.actor
        run_job(
            self,
            lambda: self.desk.vue_request(actor, self.number),
            self.loaded,
            name="request-load",
            group="request-load",
        )

    def loaded(self, detail: RequestDetail) -> None:
        self.detail = detail
        self.query_one("#request-head", Static).update(head_text(detail))
        self.query_one("#request-history", Static).update(history_text(detail))
        moves = self.query_one("#request-moves", Horizontal)
        moves.remove_children()
        buttons = [
            Button(move_label(state), id=f"move-{state}", compact=True) for state in detail.allowed
        ]
        if detail.row.state == "130" and self.actor.user_class in INSTITUTION_CLASSES:
            buttons.append(Button(_("Registrar reverso del pago"), id="reverse", compact=True))
        moves.mount_all(buttons)
        moves.display = bool(buttons)

    @on(Button.Pressed, "#reverse")
    def reverse(self, event: Button.Pressed) -> None:
        """The bank reversed the payment: the fee is due again (120)."""
        event.stop()
        actor, desk, number = self.actor, self.desk, self.number

        def reverse(reason: str) -> RequestDetail:
            desk.vue_reverse_payment(actor, number, reason)
            return desk.vue_request(actor, number)

        self.app.push_screen(
            AskScreen(
                _("Registrar el reverso del pago de {numero}").format(numero=number),
                _("Motivo"),
                reverse,
                empty=_("Escriba el motivo del reverso."),
            ),
            self.reversed,
        )

    def reversed(self, detail: object) -> None:
        if isinstance(detail, RequestDetail):
            self.moved(detail)

    @on(Button.Pressed, "#request-moves Button")
    def pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "reverse":
            return
        state = (event.button.id or "").removeprefix("move-")
        if state in NEEDS_NOTE or state in NEEDS_AMOUNT:
            self.app.push_screen(MoveScreen(self.number, state), self.moved)
            return
        self.app.push_screen(
            ConfirmScreen(
                str(plain_move_question(self.number, state)),
                move_label(state),
                _("Volver"),
                escape_answer=False,
            ),
            lambda yes: self.move_now(state) if yes else None,
        )

    def move_now(self, state: str) -> None:
        actor, desk = self.actor, self.desk
        run_job(
            self,
            lambda: move(desk, actor, self.number, state),
            self.moved,
            name="request-move",
            group="request-move",
        )

    def moved(self, detail: RequestDetail | None) -> None:
        if detail is None:
            return
        self.notify(
            _("Solicitud {numero}: {estado}").format(
                numero=detail.row.number, estado=state_text(detail.row.state)
            ),
            markup=False,
        )
        self.loaded(detail)

    def action_back(self) -> None:
        self.dismiss(None)
