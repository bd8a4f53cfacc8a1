"""Pieces shared by the account screens: errors of the rules beside their fields, cantons of
the chosen province, the note that says where a security code went."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.widgets import Input

from ecuapass_tui.forms.engine import FieldError
from ecuapass_tui.forms.fields import FormSpec
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.forms.validators import catalog_options
from ecuapass_tui.i18n import N_, _
from ecuapass_tui.screens.base import support_breadcrumb
from ecuapass_tui.texts.fields import RuleError
from ecuapass_tui.widgets.form import CatalogSelect, FormView

if TYPE_CHECKING:
    from ecuapass_tui.services.cuentas.codes import CodeSent
    from ecuapass_tui.services.errors import FieldErrors


class RegistrarForm(FormView):
    """The Solicitud del uso form: Ctrl+S says Registrar, as its button does."""

    BINDINGS = [Binding("ctrl+s", "submit", N_("Registrar"), id="submit")]


# The account screens' breadcrumb (in base.py, so that the Solicitud del uso list opens
# without this module's form widgets).
breadcrumb = support_breadcrumb


class ModificarForm(FormView):
    """The 3.2.3 form: Ctrl+S says Modificar, as its button does."""

    BINDINGS = [Binding("ctrl+s", "submit", N_("Modificar"), id="submit")]


def rule_error(spec: FormSpec, name: str, code: str, **params: object) -> FieldError:
    base = next((f for f in spec.fields() if f.name == name.removesuffix("__confirm")), None)
    label_es = base.label_es if base else name
    label_en = base.label_en if base else name
    return RuleError(name, code, dict(params), label_es, label_en)


def rule_errors(spec: FormSpec, codes: dict[str, str]) -> list[FieldError]:
    return [rule_error(spec, name, code) for name, code in codes.items()]


def request_errors(spec: FormSpec, invalid: FieldErrors) -> list[FieldError]:
    """The engine's errors and the rules' errors, in the form's field order."""
    order = {field.name: n for n, field in enumerate(spec.fields())}
    errors = [*invalid.errors, *rule_errors(spec, invalid.rules)]
    return sorted(errors, key=lambda e: order.get(e.field.split(".")[0].split("__")[0], 999))


def restrict_cantons(form: FormView) -> None:
    """Ciudad offers the cantons of the chosen Provincia only (all of them before one is
    chosen). Called when either input changes and when the form reports a change: picking
    the province whose name was typed in full changes no input value."""
    box = form.control("ciudad")  # built or not yet (a section built after the first paint)
    if not isinstance(box, CatalogSelect):
        return
    province = str(form.values().get("provincia") or "")
    if getattr(box, "province", None) == province:
        return
    box.province = province  # type: ignore[attr-defined]
    everything = catalog_options("cantons")
    known = {o.value for o in catalog_options("provinces")}
    if province in known:
        box.set_options(tuple(o for o in everything if o.value.startswith(province)))
    else:
        box.set_options(everything)


def province_changed(form: FormView, event: Input.Changed | CatalogSelect.Picked) -> None:
    """Typed into, or picked from, Provincia or Ciudad: Ciudad offers the cantons of the
    province shown, at once (a city typed right after the province is filtered from them)."""
    changed = event.input if isinstance(event, Input.Changed) else event.select.input
    if changed.id in ("f-provincia", "f-ciudad"):
        restrict_cantons(form)


def code_note(sent: CodeSent) -> str:
    if sent.demo_code is not None:
        return _(
            "Modo de demostración (sin servidor de correo): el código quedó en el Buzón "
            "Electrónico de la cuenta. Código: {codigo}"
        ).format(codigo=sent.demo_code)
    if sent.by_mail:
        return _("Se envió un código de seguridad a {correo}; vale 15 minutos.").format(
            correo=sent.to
        )
    return _("El código de seguridad está en su Buzón Electrónico; vale 15 minutos.")


def question_label(code: str, language: str) -> str:
    """The question as the form specs word it (the specs are the source of the texts)."""
    for field in load_spec("solicitud_general").fields():
        if field.name == "pregunta_clave1":
            for option in field.options:
                if option.value == code:
                    return option.label(language)
    return code
