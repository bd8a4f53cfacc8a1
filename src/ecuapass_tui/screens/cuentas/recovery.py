"""Buscar ID / Reinicio de clave, from the login screen.

Buscar ID: classification + RUC or cédula + e-mail -> the ID goes to the registered e-mail.
Reinicio de clave: ID + e-mail -> [Solicitar código] shows the three questions; the code,
the answers and the new password twice -> [Reiniciar] (a lockout is lifted).
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Select, Static

from ecuapass_tui.i18n import N_, _, language
from ecuapass_tui.screens.base import AppScreen, title_bar
from ecuapass_tui.screens.cuentas.common import breadcrumb, code_note, question_label
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.screens.styles import CUENTAS_CSS
from ecuapass_tui.services.cuentas.recovery import IdSent, ResetStarted
from ecuapass_tui.services.errors import FieldErrors, ServiceError
from ecuapass_tui.texts import error_text, text
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe

CLASSES = (
    ("representante", N_("Representante")),
    ("empleado", N_("Empleado")),
    ("general", N_("General")),
    ("representante_entidad", N_("Representante de la entidad")),
    ("entidad", N_("Entidad u Organismo Internacional")),
)


def row(label: str, widget: Widget) -> Horizontal:
    return Horizontal(
        Static(safe(label, single_line=True), classes="field-label"), widget, classes="field-row"
    )


class RecoveryScreen(AppScreen):
    CSS_PATH = CUENTAS_CSS
    BINDINGS = [Binding("escape", "app.pop_screen", N_("Volver"), id="back")]

    def compose(self) -> ComposeResult:
        yield title_bar("ECUAPASS · " + _("Buscar ID / Reinicio de clave"))
        yield breadcrumb(_("Buscar ID / Reinicio de clave"))
        with VerticalScroll(classes="cuentas-scroll", id="recovery-scroll"):
            with Vertical(classes="cuentas-section", id="find-box") as box:
                box.border_title = _("Buscar ID. Usuario")
                yield row(
                    _("Clasificación"),
                    Select(
                        [(_(label), value) for value, label in CLASSES],
                        value="representante",
                        allow_blank=False,
                        compact=True,
                        id="find-class",
                    ),
                )
                yield row(
                    _("RUC o cédula"),
                    Field(
                        restrict=r"[A-Za-z0-9]*", max_length=20, compact=True, id="find-document"
                    ),
                )
                yield row(
                    _("Correo registrado"), Field(max_length=254, compact=True, id="find-email")
                )
                yield Button(_("Buscar ID"), id="find-go", compact=True)
                yield Static("", id="find-result", classes="cuentas-note")
            with Vertical(classes="cuentas-section", id="reset-box") as box:
                box.border_title = _("Reinicio de clave")
                yield row(_("ID. Usuario"), Field(max_length=40, compact=True, id="reset-username"))
                yield row(
                    _("Correo registrado"), Field(max_length=254, compact=True, id="reset-email")
                )
                yield Button(_("Solicitar código"), id="reset-start", compact=True)
                yield Static("", id="reset-note", classes="cuentas-note")
                with Vertical(id="reset-step2"):
                    for n in (1, 2, 3):
                        yield Static("", id=f"reset-q{n}", classes="hint")
                        yield row(
                            _("Respuesta {n}").format(n=n),
                            Field(max_length=60, compact=True, id=f"reset-a{n}"),
                        )
                    yield row(
                        _("Código de seguridad"),
                        Field(restrict=r"[0-9]*", max_length=6, compact=True, id="reset-code"),
                    )
                    yield row(
                        _("Nueva contraseña"),
                        Field(password=True, max_length=64, compact=True, id="reset-password"),
                    )
                    yield row(
                        _("Confirmación"),
                        Field(password=True, max_length=64, compact=True, id="reset-confirm"),
                    )
                    yield Static(
                        _("Al menos 10 caracteres, con letras y dígitos; sin su ID ni su nombre."),
                        classes="hint",
                    )
                    yield Button(
                        _("Reiniciar contraseña"), id="reset-go", variant="primary", compact=True
                    )
                yield Static("", id="reset-result", classes="cuentas-note")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one("#reset-step2").display = False
        self.query_one("#find-document", Field).focus()

    def value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Field).value

    # -- Buscar ID
    @on(Button.Pressed, "#find-go")
    def _find(self) -> None:
        kind = self.query_one("#find-class", Select).value
        self.find(str(kind), self.value("find-document"), self.value("find-email"))

    def find(self, kind: str, document: str, email: str) -> None:
        run_job(
            self,
            lambda: self.desk.find_user_id(kind, document, email),
            self.found,
            name="recovery-find",
            refused=lambda error: self.refused("find", error),
        )

    def found(self, sent: IdSent) -> None:
        note = _("Se envió su ID. Usuario a {correo}.").format(correo=sent.to)
        if sent.demo_username:
            note = _(
                "Modo de demostración (sin servidor de correo): su ID. Usuario es {id}."
            ).format(id=sent.demo_username)
        self.show("find", note)

    # -- Reinicio de clave
    @on(Button.Pressed, "#reset-start")
    def _start(self) -> None:
        self.start(self.value("reset-username"), self.value("reset-email"))

    def start(self, username: str, email: str) -> None:
        run_job(
            self,
            lambda: self.desk.start_reset(username, email),
            self.started,
            name="recovery-start",
            refused=lambda error: self.refused("start", error),
        )

    def started(self, started: ResetStarted) -> None:
        self.show("start", code_note(started.sent))
        for n, question in enumerate(started.questions, start=1):
            label = _("Pregunta {n}: {pregunta}").format(
                n=n, pregunta=question_label(question, language())
            )
            self.query_one(f"#reset-q{n}", Static).update(safe(label))
        self.query_one("#reset-step2").display = True
        self.query_one("#reset-a1", Field).focus()

    @on(Button.Pressed, "#reset-go")
    def _reset(self) -> None:
        self.reset(
            {
                "username": self.value("reset-username"),
                "email": self.value("reset-email"),
                "code": self.value("reset-code"),
                "answers": [self.value(f"reset-a{n}") for n in (1, 2, 3)],
                "password": self.value("reset-password"),
                "confirmation": self.value("reset-confirm"),
            }
        )

    def reset(self, values: dict[str, Any]) -> None:
        run_job(
            self,
            lambda: self.desk.reset_password(**values),
            self.done,
            name="recovery-reset",
            refused=lambda error: self.refused("reset", error),
        )

    # -- what each step shows
    def show(self, step: str, message: str, *, error: bool = False) -> None:
        targets = {"find": "#find-result", "start": "#reset-note", "reset": "#reset-result"}
        shown = self.query_one(targets[step], Static)
        shown.set_class(error, "-error")
        shown.update(safe(message))

    def refused(self, step: str, error: ServiceError) -> None:
        if isinstance(error, FieldErrors) and step == "find":
            message = _("Escriba el documento y el correo.")
        elif isinstance(error, FieldErrors) and step == "reset":
            message = " ".join(text(c) for c in error.rules.values())
        else:
            message = error_text(error)
        self.show(step, message, error=True)

    def done(self, unlocked: bool) -> None:
        self.query_one("#reset-result", Static).set_class(False, "-error")
        note = _("Su contraseña se reinició. Ya puede iniciar sesión.")
        if unlocked:
            note = _(
                "Su contraseña se reinició y su cuenta se desbloqueó. Ya puede iniciar sesión."
            )
        self.app.pop_screen()
        self.app.notify(note, markup=False, timeout=10)
