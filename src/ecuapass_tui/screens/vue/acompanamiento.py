"""4.1 Documentos de Acompañamiento: permits and registrations asked before an import or an
export. Pick the institution (left), then its form (right); Enter opens the form."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ecuapass_tui.i18n import _
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import VUE_CSS
from ecuapass_tui.screens.vue.common import usd
from ecuapass_tui.screens.vue.request_form import RequestFormScreen
from ecuapass_tui.services.vue.dto import Institution, VueForm
from ecuapass_tui.widgets.safe import safe

KIND = "acompanamiento"


class AcompanamientoScreen(OptionScreen):
    OPTION_NUMBER = "4.1"
    CSS_PATH = VUE_CSS

    def __init__(self) -> None:
        super().__init__()
        self.institutions: list[Institution] = []
        self.forms: list[VueForm] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static(
            Text(_("Elija la institución y luego el formulario; Enter abre la solicitud.")),
            classes="vue-line",
        )
        with Horizontal(classes="vue-pickers"):
            institutions = OptionList(id="vue-institutions")
            institutions.border_title = _("Institución")
            yield institutions
            forms = OptionList(id="vue-forms")
            forms.border_title = _("Formulario")
            yield forms
        yield Static("", id="vue-form-fee", classes="vue-line")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#vue-institutions", OptionList).focus()
        run_job(
            self,
            lambda: (self.desk.vue_institutions(), self.desk.vue_forms("", KIND)),
            lambda loaded: self.loaded(*loaded),
            name="vue-catalog",
        )

    def loaded(self, institutions: list[Institution], forms: list[VueForm]) -> None:
        offered = {form.institution_code for form in forms}
        self.institutions = [i for i in institutions if i.code in offered]
        self.forms = forms
        picker = self.query_one("#vue-institutions", OptionList)
        picker.clear_options()
        picker.add_options(
            Option(safe(f"{i.short_name} · {i.name}", single_line=True), id=i.code)
            for i in self.institutions
        )
        if self.institutions:
            picker.highlighted = 0

    def institution_forms(self, code: str) -> list[VueForm]:
        return [form for form in self.forms if form.institution_code == code]

    @on(OptionList.OptionHighlighted, "#vue-institutions")
    def institution_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        picker = self.query_one("#vue-forms", OptionList)
        picker.clear_options()
        picker.add_options(
            Option(safe(f"{f.code} {f.name}", single_line=True), id=f.code)
            for f in self.institution_forms(event.option.id or "")
        )
        if picker.option_count:
            picker.highlighted = 0

    @on(OptionList.OptionSelected, "#vue-institutions")
    def institution_chosen(self) -> None:
        self.query_one("#vue-forms", OptionList).focus()

    @on(OptionList.OptionHighlighted, "#vue-forms")
    def form_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        form = self._form(event.option.id)
        fee = _("Tasa: {valor}").format(valor=usd(form.fee)) if form else ""
        self.query_one("#vue-form-fee", Static).update(Text(fee))

    @on(OptionList.OptionSelected, "#vue-forms")
    def form_chosen(self, event: OptionList.OptionSelected) -> None:
        form = self._form(event.option.id)
        if form is None:
            return
        institution = next(
            (i.short_name for i in self.institutions if i.code == form.institution_code), ""
        )
        self.app.push_screen(RequestFormScreen(form, institution))

    def _form(self, code: str | None) -> VueForm | None:
        return next((form for form in self.forms if form.code == code), None)
