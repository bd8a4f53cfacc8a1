"""OCE type, then OCE code when the company holds more than one of that type (seed 004)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from ecuapass_tui import formats
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import AppScreen, title_bar
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.services.dto import OceTypeChoice
from ecuapass_tui.services.errors import ServiceError
from ecuapass_tui.texts import error_text
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.safe import safe


class OceSelectScreen(AppScreen):
    BINDINGS = [
        Binding("escape", "back", N_("Volver"), id="back"),
        Binding("ctrl+s", "enter", N_("Ingresar"), id="enter"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.choices: list[OceTypeChoice] = []
        self.chosen_type: OceTypeChoice | None = None

    def compose(self) -> ComposeResult:
        yield title_bar(f"ECUAPASS · {self.actor.full_name}")
        with Vertical(classes="section", id="oce-box") as box:
            box.border_title = _("Seleccione el tipo de OCE")
            yield Static(_("Cargando…"), id="oce-hint", classes="hint")
            yield OptionList(id="oce-types")
            yield OptionList(id="oce-codes")
            yield Button(_("Ingresar"), id="enter", variant="primary", compact=True)
            yield Static("", id="form-message", classes="form-message -empty")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one("#oce-codes").display = False
        self.load()

    def load(self) -> None:
        actor = self.actor
        run_job(self, lambda: self.desk.oce_choices(actor), self.loaded, name="oce-choices")

    def loaded(self, choices: list[OceTypeChoice]) -> None:
        self.choices = choices
        hint = self.query_one("#oce-hint", Static)
        if not self.choices:
            hint.update(_("Su empresa no tiene códigos de OCE vigentes. Ingresará sin código."))
            self.query_one("#oce-types").display = False
            self.query_one("#enter", Button).focus()
            return
        hint.update(_("Use ↑ ↓ y Enter."))
        types = self.query_one("#oce-types", OptionList)
        for choice in self.choices:
            count = len(choice.codes)
            detail = choice.codes[0].code if count == 1 else _("{n} códigos").format(n=count)
            types.add_option(Option(safe(f"{choice.name}  ({detail})", single_line=True)))
        types.highlighted = 0
        types.focus()

    @on(OptionList.OptionSelected, "#oce-types")
    def type_selected(self, event: OptionList.OptionSelected) -> None:
        choice = self.choices[event.option_index]
        self.chosen_type = choice
        if len(choice.codes) == 1:
            self.enter(choice.codes[0].code)
            return
        box = self.query_one("#oce-box")
        box.border_title = _("Seleccione el código de OCE")
        codes = self.query_one("#oce-codes", OptionList)
        codes.clear_options()
        for code in choice.codes:
            since = formats.month(code.start)
            codes.add_option(
                Option(safe(f"{code.code}  {code.oce_type_name}  {since}", single_line=True))
            )
        self.query_one("#oce-types").display = False
        codes.display = True
        codes.highlighted = 0
        codes.focus()

    @on(OptionList.OptionSelected, "#oce-codes")
    def code_selected(self, event: OptionList.OptionSelected) -> None:
        assert self.chosen_type is not None
        self.enter(self.chosen_type.codes[event.option_index].code)

    @on(Button.Pressed, "#enter")
    def action_enter(self) -> None:
        if not self.choices:
            self.ecuapass.enter_home(self.actor)
            return
        codes = self.query_one("#oce-codes", OptionList)
        if codes.display and codes.highlighted is not None and self.chosen_type:
            self.enter(self.chosen_type.codes[codes.highlighted].code)
            return
        types = self.query_one("#oce-types", OptionList)
        if types.highlighted is not None:
            types.action_select()

    def action_back(self) -> None:
        codes = self.query_one("#oce-codes", OptionList)
        if codes.display:
            codes.display = False
            types = self.query_one("#oce-types", OptionList)
            types.display = True
            self.query_one("#oce-box").border_title = _("Seleccione el tipo de OCE")
            types.focus()
        else:
            self.ecuapass.end_session()

    def enter(self, code: str) -> None:
        self.choose(code)

    def choose(self, code: str) -> None:
        actor = self.actor
        run_job(
            self,
            lambda: self.desk.choose_oce(actor, code),
            self.ecuapass.enter_home,
            name="oce-choose",
            refused=self.refused,
        )

    def refused(self, error: ServiceError) -> None:
        widget = self.query_one("#form-message", Static)
        widget.update(safe(error_text(error)))
        widget.set_class(False, "-empty")
