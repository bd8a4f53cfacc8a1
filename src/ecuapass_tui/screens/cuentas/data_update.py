"""3.2.3 Modificar información de registro de usuario (seed 002): the current data, changed
fields marked (a red frame and a sign in the label), keep or change the e-mail, the security
code, Modificar, then the convenio to sign. Also reached from the login screen by a user the
January rule disabled (`YearlyUpdateLoginScreen`): then it is all he may do."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.i18n import N_, _, language
from ecuapass_tui.screens.base import OptionScreen
from ecuapass_tui.screens.cuentas.common import (
    ModificarForm,
    code_note,
    province_changed,
    request_errors,
    restrict_cantons,
    rule_error,
)
from ecuapass_tui.screens.cuentas.signing import ConvenioScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import CUENTAS_CSS
from ecuapass_tui.services.cuentas.codes import CodeRefused
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, ServiceError
from ecuapass_tui.texts import error_text
from ecuapass_tui.widgets.form import CatalogSelect, FieldBlock, FormView, label_text
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe

FORM_ID = "actualizacion_datos"
WATCHED = (
    "provincia",
    "ciudad",
    "direccion",
    "telefono1",
    "telefono2",
    "celular",
    "operadora_celular",
    "fax",
    "recibir_sms",
    "mantener_correo",
)
CHANGED_SIGN = " ◆"


class DataUpdateScreen(OptionScreen):
    OPTION_NUMBER = "3.2.3"
    CSS_PATH = CUENTAS_CSS
    AUTO_FOCUS = ".-first-focus"  # the form's first field, before the first paint
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Volver"), id="back"),
        Binding("f3", "request_code", N_("Solicitar código"), id="update-code"),
    ]

    def __init__(self, restricted: Actor | None = None) -> None:
        super().__init__()
        self.restricted = restricted
        self.spec = load_spec(FORM_ID)
        self.original: dict[str, Any] = {}
        self.sending = False

    @property
    def actor(self) -> Actor:
        return self.restricted or super().actor

    def compose(self) -> ComposeResult:
        # Read while the screen is built (a thread): the values come with the first paint.
        self.load()
        yield from self.compose_header()
        yield Static("", id="update-email", classes="cuentas-note")
        with Horizontal(classes="cuentas-buttons"):
            yield Button(_("Solicitar código de seguridad (F3)"), id="update-code", compact=True)
        yield Static("", id="update-note", classes="cuentas-note")
        yield ModificarForm(
            self.spec, language=self.actor.language, submit_label=_("Modificar"), id="form"
        )
        yield from self.compose_footer()

    @property
    def form(self) -> FormView:
        return self.query_one("#form", FormView)

    def load(self) -> None:
        actor = self.actor
        run_job(
            self,
            lambda: self.desk.update_values(actor),
            lambda loaded: self.loaded(*loaded),
            name="update-load",
            refused=self.refused,
        )

    def loaded(self, values: dict[str, Any], email: str) -> None:
        self.original = dict(values)
        self.form.set_values(dict(values))
        restrict_cantons(self.form)
        registered = _("Correo electrónico registrado: {correo}").format(correo=email)
        self.query_one("#update-email", Static).update(safe(registered))
        self.form.focus_first()

    # -- changed fields: a red frame and a sign, not colour alone
    @on(FormView.Changed, "#form")
    def mark_changes(self) -> None:
        restrict_cantons(self.form)
        values = self.form.values()
        for spec in self.spec.fields():
            if spec.name not in WATCHED and spec.name != "nuevo_correo":
                continue
            if spec.name == "nuevo_correo":
                changed = values.get("mantener_correo") == "no" and bool(values.get("nuevo_correo"))
            else:
                changed = (values.get(spec.name) or "") != (self.original.get(spec.name) or "")
            blocks = self.form.query(f"#fv-{spec.name}")
            if not blocks:
                continue
            block = blocks.first(FieldBlock)
            if block.has_class("-changed") == changed:
                continue  # drawn as it is: repainting its label would cost bytes on each key
            block.set_class(changed, "-changed")
            label = label_text(spec, self.actor.language)
            if changed:
                label.append(CHANGED_SIGN, style="bold")
            block.query(".fv-label").first(Static).update(label)

    @on(Input.Changed)
    @on(CatalogSelect.Picked)
    def _province(self, event: Input.Changed | CatalogSelect.Picked) -> None:
        province_changed(self.form, event)

    # -- the code
    @on(Button.Pressed, "#update-code")
    def action_request_code(self) -> None:
        self.request_code()

    def request_code(self) -> None:
        actor = self.actor
        run_job(
            self,
            lambda: self.desk.request_update_code(actor),
            lambda sent: self.note(code_note(sent)),
            name="update-request-code",
            refused=lambda error: self.note(error_text(error)),
        )

    def note(self, text: str) -> None:
        self.query_one("#update-note", Static).update(safe(text))
        self.form.focus_field("codigo_seguridad")

    # -- Modificar
    @on(FormView.Submitted, "#form")
    def submitted(self, event: FormView.Submitted) -> None:
        if not self.sending:
            self.sending = True
            self.send(event.values)

    def send(self, values: dict[str, Any]) -> None:
        actor = self.actor
        run_job(
            self,
            lambda: self.desk.modify_data(actor, values),
            self.modified,
            name="update-modify",
            refused=self.refused,
        )

    def refused(self, error: ServiceError) -> None:
        self.sending = False
        if isinstance(error, FieldErrors):
            self.form.show_errors(request_errors(self.spec, error))
        elif isinstance(error, CodeRefused):
            code = error.code
            self.form.show_errors([rule_error(self.spec, "codigo_seguridad", code, **error.params)])
        else:
            self.notify(error_text(error), severity="error", markup=False)

    def modified(self, modified: Any) -> None:
        self.form.accepted()
        labels = {f.name: f.label(self.actor.language) for f in self.spec.fields()}
        labels["correo"] = _("Correo electrónico")
        changed = [labels.get(name, name) for name in modified.changes]
        self.app.push_screen(ConvenioScreen(self.actor, modified, changed), self._signed)

    def _signed(self, signed: object) -> None:
        self.sending = False
        if signed is None:
            self.notify(
                _("Sus datos se modificaron; falta firmar el convenio: pulse Modificar de nuevo."),
                markup=False,
            )
            return
        self.app.pop_screen()
        if self.restricted is not None:
            for screen in self.app.screen_stack:
                enabled_again = getattr(screen, "enabled_again", None)  # the login screen's
                if callable(enabled_again):
                    enabled_again()
            self.app.notify(_("Ya puede iniciar sesión."), markup=False, timeout=10)


class YearlyUpdateLoginScreen(OptionScreen):
    """RUC, ID and password of a user disabled by the January rule: only 3.2.3 follows."""

    OPTION_NUMBER = "3.2.3"
    CSS_PATH = CUENTAS_CSS
    BINDINGS = [Binding("escape", "app.pop_screen", N_("Volver"), id="back")]

    @property
    def actor(self) -> Actor:  # the breadcrumb's language before anyone logged in
        return Actor(0, "", "", "", None, language())

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static(
            Text(
                _(
                    "Según la resolución SENAE-DGN-2016-0364-RE, el OCE actualiza sus datos en "
                    "enero de cada año. Ingrese con sus datos para actualizar el registro y "
                    "firmar el convenio; al terminar su ID. USUARIO queda habilitado."
                )
            ),
            classes="hint",
        )
        for key, label, password in (
            ("upd-ruc", _("RUC"), False),
            ("upd-username", _("ID. Usuario"), False),
            ("upd-password", _("Contraseña"), True),
        ):
            with Horizontal(classes="field-row"):
                yield Static(label, classes="field-label")
                yield Field(password=password, max_length=64, compact=True, id=key)
        yield Button(_("Ingresar"), id="upd-go", variant="primary", compact=True)
        yield Static("", id="upd-error", classes="field-error")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#upd-ruc").focus()

    @on(Button.Pressed, "#upd-go")
    @on(Input.Submitted, "#upd-password")
    def go(self) -> None:
        values = [
            self.query_one(f"#{k}", Input).value
            for k in ("upd-ruc", "upd-username", "upd-password")
        ]
        self.sign_in(*values)

    def sign_in(self, ruc: str, username: str, password: str) -> None:
        run_job(
            self,
            lambda: self.desk.sign_in_for_update(ruc, username, password),
            self.signed_in,
            name="update-sign-in",
            refused=lambda error: self.query_one("#upd-error", Static).update(
                safe(error_text(error))
            ),
        )

    def signed_in(self, actor: Actor) -> None:
        self.app.switch_screen(DataUpdateScreen(restricted=actor))
