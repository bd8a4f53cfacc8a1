"""First run of a real installation: create the first administrator."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Static

from ecuapass_tui.i18n import N_, _, ngettext
from ecuapass_tui.screens.base import AppScreen, FieldRow, title_bar
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.services.errors import FieldErrors, ServiceError
from ecuapass_tui.texts import error_text, text
from ecuapass_tui.texts.cuentas import admin_field_label
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe

ADMIN_FIELDS = ("username", "full_name", "cedula", "email", "password", "confirmation")


class AdminCreateScreen(AppScreen):
    BINDINGS = [Binding("ctrl+s", "create", N_("Crear administrador"), id="create")]

    def compose(self) -> ComposeResult:
        yield title_bar(_("ECUAPASS · Primer administrador de la instalación"))
        with VerticalScroll():
            with Vertical(classes="section") as box:
                box.border_title = _("Crear administrador")
                yield Static(
                    _(
                        "La base de datos está vacía. Cree la cuenta del primer administrador; "
                        "la contraseña tiene al menos 10 caracteres, con letras y dígitos."
                    ),
                    classes="hint",
                )
                for name in ADMIN_FIELDS:
                    yield FieldRow(
                        admin_field_label(name),
                        Field(
                            password=name in ("password", "confirmation"),
                            compact=True,
                            id=name,
                            max_length=13 if name == "cedula" else 200,
                        ),
                        name=name,
                    )
                yield Button(_("Crear administrador"), id="create", variant="primary", compact=True)
                yield Static("", id="form-message", classes="form-message -empty")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one("#username", Field).focus()

    @on(Button.Pressed, "#create")
    @on(Field.Submitted)
    def action_create(self) -> None:
        values = {name: self.query_one(f"#{name}", Field).value for name in ADMIN_FIELDS}
        self.submit(values)

    def submit(self, values: dict[str, str]) -> None:
        run_job(
            self,
            lambda: self.desk.create_first_admin(**values),
            self.done,
            name="admin-create",
            refused=self.refused,
        )

    def refused(self, error: ServiceError) -> None:
        if isinstance(error, FieldErrors):
            fields, message = error.rules, ""
        else:
            fields, message = {}, error_text(error)
        for name in ADMIN_FIELDS:
            code = fields.get(name)
            self.query_one(f"#row-{name}", FieldRow).show_error(text(code) if code else None)
        count = len(fields)
        summary = message or ngettext(
            "Hay {n} error en el formulario.", "Hay {n} errores en el formulario.", count
        ).format(n=count)
        widget = self.query_one("#form-message", Static)
        widget.update(safe(summary))
        widget.set_class(False, "-empty")
        first = next((name for name in ADMIN_FIELDS if name in fields), None)
        if first:
            self.query_one(f"#{first}", Field).focus()

    def done(self, _created: object) -> None:
        self.ecuapass.end_session()  # no session yet: back to the login screen
        self.app.notify(_("Administrador creado. Inicie sesión con su ID. Usuario."), markup=False)
