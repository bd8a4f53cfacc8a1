"""2.4.1 Puntos de vista de RUC: check a RUC and see the public data of its holder."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Static

from ecuapass_tui.i18n import _
from ecuapass_tui.screens.base import FieldRow, OptionScreen
from ecuapass_tui.screens.loading import run_job
from ecuapass_tui.services.errors import FieldErrors
from ecuapass_tui.services.informativos.ruc_lookup import RucLookup
from ecuapass_tui.texts import text
from ecuapass_tui.texts.common import ruc_kind_label
from ecuapass_tui.widgets.inputs import Field
from ecuapass_tui.widgets.safe import safe


def describe(result: RucLookup) -> str:
    kind = ruc_kind_label(result.kind)
    lines = [_("RUC {ruc}: válido ({tipo}).").format(ruc=result.ruc, tipo=kind)]
    if not result.registered:
        lines.append(_("No está registrado como Operador de Comercio Exterior en esta base."))
        return "\n".join(lines)
    lines.append(_("Razón social: {nombre}").format(nombre=result.razon_social))
    if result.oce_codes:
        lines.append(_("Códigos de OCE vigentes:"))
        lines.extend(f"  {c.code}  {c.oce_type_name}" for c in result.oce_codes)
    else:
        lines.append(_("Sin códigos de OCE vigentes."))
    return "\n".join(lines)


class RucLookupScreen(OptionScreen):
    OPTION_NUMBER = "2.4.1"

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with VerticalScroll():
            with Vertical(classes="section") as box:
                box.border_title = _("Consultar RUC")
                yield FieldRow(
                    _("RUC"),
                    Field(max_length=13, restrict=r"[0-9]*", compact=True, id="ruc"),
                    name="ruc",
                )
                yield Button(_("Consultar"), id="consult", variant="primary", compact=True)
            yield Static("", id="result", classes="section")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#ruc", Field).focus()
        self.query_one("#result").display = False

    @on(Button.Pressed, "#consult")
    @on(Field.Submitted, "#ruc")
    def consult(self) -> None:
        self.lookup(self.query_one("#ruc", Field).value)

    def lookup(self, ruc: str) -> None:
        actor = self.actor
        run_job(
            self,
            lambda: self.desk.lookup_ruc(actor, ruc),
            self.answered,
            name="ruc-lookup",
            refused=self.refused,
            refusal=FieldErrors,
        )

    def refused(self, error: FieldErrors) -> None:
        self.query_one("#row-ruc", FieldRow).show_error(text(error.rules["ruc"]))
        self.query_one("#result", Static).display = False
        self.query_one("#ruc", Field).focus()

    def answered(self, result: RucLookup) -> None:
        self.query_one("#row-ruc", FieldRow).show_error(None)
        shown = self.query_one("#result", Static)
        shown.update(safe(describe(result)))
        shown.display = True
