"""Solicitud del uso (seed 003) of one user type: its form (`data/forms/solicitud_<type>.toml`)
with Consultar (the company's known data), Comprobar disponibilidad of the ID and the e-mail,
Buscar (the certificate's unique identification) and Registrar; then the e-mail code."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.i18n import N_, _, language
from ecuapass_tui.screens.base import AppScreen, title_bar
from ecuapass_tui.screens.cuentas.certificate import CertificateScreen
from ecuapass_tui.screens.cuentas.codes import CodeScreen
from ecuapass_tui.screens.cuentas.common import (
    RegistrarForm,
    breadcrumb,
    province_changed,
    request_errors,
    restrict_cantons,
)
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import CUENTAS_CSS
from ecuapass_tui.services.cuentas.registration import CompanyLookup, Submitted, form_spec
from ecuapass_tui.services.errors import FieldErrors, ServiceError
from ecuapass_tui.texts import error_text, text
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.form import CatalogSelect, FormView
from ecuapass_tui.widgets.safe import safe

COMPANY_FIELDS = {
    "representante": ("ruc_empresa", "razon_social", "direccion_empresa", "telefono_empresa"),
    "empleado": ("ruc_empresa", "razon_social", "", ""),
    "representante_entidad": (
        "ruc_entidad",
        "nombre_entidad",
        "direccion_entidad",
        "telefono_entidad",
    ),
}


class RegistrationScreen(AppScreen):
    CSS_PATH = CUENTAS_CSS
    AUTO_FOCUS = ".-first-focus"  # the form's first field, before the first paint
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Volver"), id="back"),
        Binding("f3", "consultar", N_("Consultar RUC"), id="consultar-ruc"),
        Binding("f4", "check('id_usuario')", N_("ID libre"), id="check-id"),
        Binding("f5", "check('correo')", N_("Correo libre"), id="check-email"),
        Binding("f9", "certificate", N_("Certificado"), id="find-certificate", show=False),
    ]

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind
        self.spec = form_spec(kind)
        self.has_certificate = any(f.name == "certificado_id" for f in self.spec.fields())
        self.sending = False
        self.fetched: dict[str, Any] = {}  # what the last Consultar put in the form
        self.request_id: int | None = None  # the request waiting for its e-mail code

    def compose(self) -> ComposeResult:
        title = self.spec.title(language())
        yield title_bar("ECUAPASS · " + title)
        yield breadcrumb(title)
        with Horizontal(id="solicitud-actions", classes="cuentas-buttons"):
            if self.kind in COMPANY_FIELDS:
                yield Button(_("Consultar (F3)"), id="do-consultar", compact=True)
            yield Button(_("ID libre (F4)"), id="do-check-id", compact=True)
            yield Button(_("Correo libre (F5)"), id="do-check-email", compact=True)
            if self.has_certificate:
                yield Button(_("Buscar certificado (F9)"), id="do-certificate", compact=True)
        yield Static("", id="check-result", classes="cuentas-note")
        yield RegistrarForm(self.spec, language=language(), submit_label=_("Registrar"), id="form")
        yield LocalFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F3 Consultar only on the forms that have a company (or entity) RUC."""
        if action == "consultar":
            return self.kind in COMPANY_FIELDS
        if action == "certificate":
            return self.has_certificate
        return True

    @property
    def form(self) -> FormView:
        return self.query_one("#form", FormView)

    def on_mount(self) -> None:
        self.form.focus_first()

    @on(Input.Changed)
    @on(CatalogSelect.Picked)
    def _province(self, event: Input.Changed | CatalogSelect.Picked) -> None:
        province_changed(self.form, event)

    @on(FormView.Changed, "#form")
    def _form_changed(self) -> None:
        restrict_cantons(self.form)

    @on(Button.Pressed, "#do-consultar")
    def action_consultar(self) -> None:
        if self.kind not in COMPANY_FIELDS:
            return
        ruc = str(self.form.values().get(COMPANY_FIELDS[self.kind][0]) or "").strip()
        self.lookup(ruc)

    @on(Button.Pressed, "#do-check-id")
    def _check_id(self) -> None:
        self.action_check("id_usuario")

    @on(Button.Pressed, "#do-check-email")
    def _check_email(self) -> None:
        self.action_check("correo")

    @on(Button.Pressed, "#do-certificate")
    def action_certificate(self) -> None:
        self.app.push_screen(CertificateScreen(), self._certificate)

    def _certificate(self, identity: str | None) -> None:
        if identity:
            values = self.form.values()
            values["certificado_id"] = identity
            self.form.set_values(values, self.form.files())
            self.query_one("#check-result", Static).update(
                safe(_("Identificación del certificado copiada: {id}…").format(id=identity[:16]))
            )

    def action_check(self, field: str) -> None:
        self.check(field, str(self.form.values().get(field) or "").strip())

    def lookup(self, ruc: str) -> None:
        run_job(
            self,
            lambda: self.desk.registration_lookup(self.kind, ruc),
            lambda found: self.looked_up(found, ruc),
            name="solicitud-lookup",
        )

    def looked_up(self, found: CompanyLookup, ruc: str) -> None:
        values: dict[str, Any] = {}
        if found.info is not None:
            names = COMPANY_FIELDS[self.kind]
            info = found.info
            pairs = zip(names[1:], (info.razon_social, info.direccion, info.telefono), strict=True)
            values = {k: v for k, v in pairs if k}
        if found.case == "found":
            note = _("Datos de la empresa traídos del registro.")
        elif found.case in ("required", "ruc_format"):
            note = _("Escriba el RUC de 13 dígitos y pulse Consultar.")
        elif found.case == "unknown" and self.kind != "empleado":
            note = _("El RUC {ruc} no está registrado: escriba los datos.").format(ruc=ruc)
        else:  # invalid, not public, unknown to an Empleado, a company that has a Representante
            note = text("company_unknown" if found.case == "unknown" else found.case)
        self.note(note, values, lookup=True)

    def check(self, field: str, value: str) -> None:
        if not value:
            self.note(_("Escriba primero el valor que desea comprobar."))
            return
        available = (
            self.desk.username_available if field == "id_usuario" else self.desk.email_available
        )
        run_job(
            self,
            lambda: available(value),
            lambda free: self.checked(field, value, free),
            name="solicitud-check",
            refused=lambda error: self.note(error_text(error)),
        )

    def checked(self, field: str, value: str, free: bool) -> None:
        if field == "id_usuario":
            note = (
                _("El ID. Usuario «{v}» está disponible.")
                if free
                else _("El ID. Usuario «{v}» ya está registrado: elija otro.")
            )
        else:
            note = (
                _("El correo «{v}» está disponible.")
                if free
                else _("El correo «{v}» ya está registrado con otro usuario.")
            )
        self.note(note.format(v=value))

    def note(
        self, shown: str, values: dict[str, Any] | None = None, *, lookup: bool = False
    ) -> None:
        """`shown` under the buttons; `values` into the form. `lookup`: a Consultar answer,
        which replaces what the last one brought."""
        self.query_one("#check-result", Static).update(safe(shown))
        if not (values or lookup):
            return
        current = self.form.values()
        if lookup:
            # The previous company's data go unless the user has changed them since.
            for name, fetched in self.fetched.items():
                if current.get(name) == fetched:
                    current[name] = ""
            self.fetched = dict(values or {})
        current.update(values or {})
        self.form.set_values(current, self.form.files())

    # -- Registrar
    @on(FormView.Submitted, "#form")
    def submitted(self, event: FormView.Submitted) -> None:
        if not self.sending:
            self.sending = True
            self.send(event.values, event.files)

    def send(self, values: dict[str, Any], files: dict[str, list[Attachment]]) -> None:
        run_job(
            self,
            lambda: self.desk.submit_registration(self.kind, values, files),
            self.registered,
            name="solicitud-send",
            refused=self.refused,
        )

    def cancel_request(self, request_id: int) -> None:
        """The code dialog was left: the request goes, its ID and e-mail are free again."""
        run_job(
            self,
            lambda: self.desk.cancel_registration(request_id),
            lambda _cancelled: self.cancelled(),
            name="solicitud-cancel",
        )

    def cancelled(self) -> None:
        self.request_id = None
        self.note(
            _(
                "El correo no quedó confirmado y la solicitud se anuló: el ID. Usuario y el "
                "correo quedan libres. Pulse Registrar de nuevo para recibir otro código."
            )
        )

    def refused(self, error: ServiceError) -> None:
        self.sending = False
        if isinstance(error, FieldErrors):
            self.form.show_errors(request_errors(self.spec, error))
        else:
            self.notify(error_text(error), severity="error", markup=False)

    def registered(self, done: Submitted) -> None:
        desk = self.desk
        self.form.accepted()
        self.request_id = done.request_id
        self.app.push_screen(
            CodeScreen(
                _("Confirme su correo electrónico"),
                done.sent,
                lambda code: desk.confirm_registration(done.request_id, code),
                lambda: desk.resend_registration_code(done.request_id),
            ),
            self._confirmed,
        )

    def _confirmed(self, state: object) -> None:
        if state is None:
            self.sending = False
            if self.request_id is not None:
                self.cancel_request(self.request_id)
            return
        if state == "aprobada":
            note = _("Su cuenta está activa: ya puede iniciar sesión.")
        else:
            note = _(
                "Su solicitud fue registrada y espera la aprobación. Recibirá la decisión en "
                "su correo electrónico."
            )
        while len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        self.app.notify(note, markup=False, timeout=10)
