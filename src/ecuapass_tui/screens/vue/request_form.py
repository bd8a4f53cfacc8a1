"""A VUE request's form (the spec its institution's form names), kept as a draft while the
user types; Firmar y enviar checks it with the form engine first (each error beside its field),
then asks for the certificate and PIN (screens/vue/signing.py) and sends it (110). Errors the
service finds (a subpartida not in the tariff, a rule) come back beside their fields too."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.forms.engine import Invalid, validate
from ecuapass_tui.forms.fields import FormSpec
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.drafted import DraftedFormScreen
from ecuapass_tui.screens.styles import VUE_CSS
from ecuapass_tui.screens.vue.common import rule_errors, state_text
from ecuapass_tui.screens.vue.signing import SignScreen
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, ServiceError
from ecuapass_tui.services.vue.dto import RequestRow, VueForm, draft_id
from ecuapass_tui.texts import text
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.form import FormView
from ecuapass_tui.widgets.safe import safe

Values = dict[str, Any]
Files = dict[str, list[Attachment]]


class SentScreen(ModalScreen[None]):
    """What was signed and sent: its number and state (or validity)."""

    CSS_PATH = VUE_CSS
    DEFAULT_CLASSES = "vue-modal"
    BINDINGS = [Binding("escape,enter", "close", N_("Aceptar"), id="sent-close")]

    def __init__(self, heading: str, lines: list[str]) -> None:
        super().__init__()
        self.heading = heading
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(safe(self.heading), classes="vue-modal-title")
            for line in self.lines:
                yield Static(safe(line), classes="sent-line")
            yield Static(Text(_("Enter: aceptar")), classes="vue-line")
        yield LocalFooter()

    def action_close(self) -> None:
        self.dismiss(None)


class SignedFormScreen(DraftedFormScreen):
    """A form kept as a draft, checked, signed with the user's .p12 and sent: a subclass says
    what it sends (`deliver`, on a worker's thread) and what the user reads after."""

    CSS_PATH = VUE_CSS

    def __init__(self, spec_id: str, form_id: str, title: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.spec = load_spec(spec_id)
        self.title = title
        self.sending = False

    def deliver(self, actor: Actor, values: Values, files: Files, p12: bytes, pin: str) -> object:
        raise NotImplementedError

    def sent_lines(self, result: object) -> list[str]:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static(safe(self.title, single_line=True), classes="vue-line", id="signed-form-title")
        yield FormView(
            self.spec,
            language=self.actor.language,
            submit_label=_("Firmar y enviar"),
            id="form",
        )
        yield from self.compose_footer()

    def prefill(self) -> Values:
        """Values the form starts with (a draft offered back replaces them)."""
        return {}

    def on_mount(self) -> None:
        if start := self.prefill():
            self.form.set_values(start)
        self.form.focus_first()
        self.find_draft()

    @on(FormView.Submitted, "#form")
    def submitted(self, event: FormView.Submitted) -> None:
        if self.sending:
            return
        checked = validate(self.spec, event.values, event.files, now=self.desk.now())
        if isinstance(checked, Invalid):
            self.form.show_errors(checked.errors)
            return
        self.sending = True
        actor, values, files = self.actor, dict(event.values), event.files

        def send(p12: bytes, pin: str) -> object:
            return self.storing(lambda: self.deliver(actor, values, files, p12, pin))()

        heading = _("Firmar y enviar: {titulo}").format(titulo=self.title)
        self.app.push_screen(SignScreen(heading, send), self.signed)

    def refused(self, error: ServiceError) -> None:
        self.sending = False
        refused_beside(self, self.spec, error)

    def signed(self, result: object) -> None:
        self.sending = False
        if isinstance(result, FieldErrors):
            self.refused(result)
            return
        if result is None:
            return  # back from the dialog: nothing sent, the form keeps everything
        self.sent = True
        self.form.accepted()
        heading = _("Firmado y enviado.")
        self.app.push_screen(SentScreen(heading, self.sent_lines(result)), self._close)

    def _close(self, _closed: None) -> None:
        self.app.pop_screen()  # not returned: Textual would await it inside this callback


def refused_beside(screen: DraftedFormScreen, spec: FormSpec, error: ServiceError) -> None:
    """A refusal of a VUE form: the form's errors and the service's rules beside their fields;
    a rule that names no field of the form in a notification."""
    if not isinstance(error, FieldErrors) or not error.rules:
        DraftedFormScreen.refused(screen, error)
        return
    placed, left = rule_errors(spec, error.rules)
    if placed or error.errors:
        screen.form.show_errors([*error.errors, *placed])
    if left:
        message = " ".join(text(code) for code in left.values())
        screen.notify(message, severity="error", markup=False)


class RequestFormScreen(SignedFormScreen):
    OPTION_NUMBER = "4.1"

    def __init__(self, form: VueForm, institution: str) -> None:
        title = f"{institution} · {form.code} {form.name}"
        super().__init__(form.spec_id, draft_id(form.code), title)
        self.vue_form = form

    def deliver(
        self, actor: Actor, values: Values, files: Files, p12: bytes, pin: str
    ) -> RequestRow:
        return self.desk.vue_send(actor, self.vue_form.code, values, files, p12, pin)

    def sent_lines(self, result: object) -> list[str]:
        return request_lines(result) if isinstance(result, RequestRow) else []


def request_lines(row: RequestRow) -> list[str]:
    return [
        _("Solicitud número: {numero}").format(numero=row.number),
        _("Estado: {estado}").format(estado=state_text(row.state)),
        _("Siga su trámite en 4.4 Estado de procesamiento."),
    ]
