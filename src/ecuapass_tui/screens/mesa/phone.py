"""MS.2 Atención telefónica (1800-ADUANA): the analyst finds the caller (or types the data),
fills the call form (`data/forms/atencion_telefonica.toml`, with its draft), and registers a
ticket that is either closed in the call or left in its queue for analysis."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.drafted import DraftedFormScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import MESA_CSS
from ecuapass_tui.services.drafts import Draft, DraftFile
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.mesa.ticket_dto import Caller, TicketRow
from ecuapass_tui.texts import ticket_closure, ticket_state
from ecuapass_tui.widgets.form import FormView
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe

FORM_ID = "atencion_telefonica"
CALLER_KEY = "_llamante"  # kept in the draft beside the form's values


def document_of(caller: Caller) -> dict[str, str]:
    number = caller.document or caller.company_ruc or ""
    kind = (
        {10: "cedula", 13: "ruc"}.get(len(number), "pasaporte")
        if number.isdigit()
        else ("pasaporte")
    )
    return {"type": kind, "number": number}


def caller_values(caller: Caller) -> dict[str, Any]:
    return {
        "nombres": caller.full_name,
        "tipo_persona": caller.tipo_persona,
        "documento": document_of(caller),
        "telefono": caller.phone,
        "correo": caller.email,
    }


class PhoneIntakeScreen(DraftedFormScreen):
    OPTION_NUMBER = "MS.2"
    CSS_PATH = MESA_CSS
    AUTO_FOCUS = "#staff-caller-query"  # focused before the first paint (on_mount is after)
    BINDINGS = [
        *OptionScreen.BINDINGS,
        Binding("f3", "search", N_("Buscar llamante"), id="search"),
        Binding("f4", "forget_caller", N_("Sin llamante registrado"), id="forget-caller"),
        # the form's own Ctrl+S, also from the caller bar and the callers found
        Binding("ctrl+s", "register", N_("Enviar"), id="submit"),
    ]

    FORM_ID = FORM_ID

    def __init__(self) -> None:
        super().__init__()
        self.spec = load_spec(FORM_ID)
        self.callers: list[Caller] = []
        self.caller: Caller | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(id="staff-caller-bar"):
            yield Field(
                placeholder=_("F3 Buscar llamante: RUC, cédula, ID. Usuario o nombre + Enter"),
                id="staff-caller-query",
            )
        yield OptionList(id="staff-callers")
        yield Static("", id="staff-phone-note")
        yield FormView(self.spec, language=self.actor.language, id="form")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#staff-callers").display = False
        self.show_caller()
        self.query_one("#staff-caller-query").focus()
        self.find_draft()

    # -- the caller
    def action_search(self) -> None:
        self.query_one("#staff-caller-query").focus()

    @on(Input.Submitted, "#staff-caller-query")
    def search(self, event: Input.Submitted) -> None:
        self.find(event.value)

    def find(self, query: str) -> None:
        actor = self.actor
        run_job(
            self,
            lambda: self.desk.find_callers(actor, query),
            self.found,
            name="callers",
            group="callers",
            refused=self.refused,
        )

    def found(self, callers: list[Caller]) -> None:
        self.callers = callers
        found = self.query_one("#staff-callers", OptionList)
        found.clear_options()
        for caller in self.callers:
            who = f"{caller.full_name} · {caller.username} · {caller.document}"
            if caller.company_name:
                who += f" · {caller.company_name}"
            found.add_option(Option(safe(who, single_line=True)))
        found.display = bool(self.callers)
        if self.callers:
            found.highlighted = 0
            found.focus()
        else:
            note = _("No se encontró ningún usuario registrado: escriba los datos que dicta.")
            self.query_one("#staff-phone-note", Static).update(Text(note))

    @on(OptionList.OptionSelected, "#staff-callers")
    def pick(self, event: OptionList.OptionSelected) -> None:
        self.caller = self.callers[event.option_index]
        values = {**self.form.values(), **caller_values(self.caller)}
        self.form.set_values(values, self.form.files())
        self.query_one("#staff-callers").display = False
        self.show_caller()
        self.form.focus_field("tipo")
        self.save_draft_later()

    def action_forget_caller(self) -> None:
        self.caller = None
        self.show_caller()
        self.save_draft_later()

    def show_caller(self) -> None:
        if self.caller is None:
            shown = _("Llamante: no registrado (escriba sus datos) · F4 olvida el elegido")
        else:
            shown = _("Llamante: {nombre} ({usuario})").format(
                nombre=self.caller.full_name, usuario=self.caller.username
            )
        self.query_one("#staff-phone-note", Static).update(safe(shown, single_line=True))

    # -- the draft keeps the chosen caller too
    def restore_draft(self, draft: Draft) -> None:
        values = dict(draft.values)
        saved = values.pop(CALLER_KEY, None)
        self.form.set_values(values)
        if isinstance(saved, dict) and "user_id" in saved:
            self.caller = Caller(**saved)
            self.show_caller()

    def draft_values(self) -> dict[str, Any]:
        values: dict[str, Any] = dict(self.form.values())
        if self.caller is not None:
            values[CALLER_KEY] = dict(self.caller.__dict__)
        return values

    def draft_attachments(self) -> tuple[DraftFile, ...]:
        return ()

    # -- registering the call
    def action_register(self) -> None:
        self.form.action_submit()

    @on(FormView.Submitted, "#form")
    def submitted(self, event: FormView.Submitted) -> None:
        caller_id = self.caller.user_id if self.caller is not None else None
        self.send(event.values, caller_id)

    def send(self, values: dict[str, Any], caller_id: int | None) -> None:
        actor = self.actor
        run_job(
            self,
            self.storing(lambda: self._register(actor, values, caller_id)),
            self.registered,
            name="phone-intake",
            group="phone-intake",
            refused=self.refused,
        )

    def _register(self, actor: Actor, values: dict[str, Any], caller_id: int | None) -> TicketRow:
        opened = self.desk.phone_intake(actor, values, caller_id)
        self.desk.discard_draft(actor, FORM_ID)
        return self.desk.ticket(actor, opened.number).row

    def registered(self, row: TicketRow) -> None:
        if row.closure:
            shown = _("Ticket {numero} registrado y cerrado: {cierre}.").format(
                numero=row.number, cierre=ticket_closure(row.closure)
            )
        else:
            shown = _("Ticket {numero} registrado: queda {estado} en su cola.").format(
                numero=row.number, estado=ticket_state(row.state)
            )
        self.caller = None
        self.form.accepted()
        self.form.set_values({})
        self.query_one("#staff-caller-query", Input).value = ""
        self.query_one("#staff-phone-note", Static).update(Text(shown, style="bold"))
        self.notify(shown, markup=False)
        self.query_one("#staff-caller-query").focus()
