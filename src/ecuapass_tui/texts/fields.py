"""The text of each field error (forms/engine.py's `FieldError`), in the current language,
naming the field and saying what is expected."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ecuapass_tui.core.clock import local
from ecuapass_tui.formats import number
from ecuapass_tui.forms.engine import FieldError
from ecuapass_tui.i18n import N_, _, language, ngettext
from ecuapass_tui.texts import text as rule_text


@dataclass(frozen=True)
class RuleError(FieldError):
    """A service rule's error beside its field (password policy, taken ID...: the `rules` of
    `services.errors.FieldErrors`), worded by `texts.text` for its code."""


def shown(value: object) -> str:
    """A parameter as users read it: dd/mm/aaaa dates, numbers as the language writes them."""
    if isinstance(value, datetime):
        return local(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        exponent = value.normalize().as_tuple().exponent
        return number(value, max(0, -exponent) if isinstance(exponent, int) else 0)
    return str(value)


def field_name(error: FieldError) -> str:
    """The field as its error names it: its label, or table, row and column for a cell."""
    label = error.label()
    if error.row is None:
        return label
    if not error.column_es:
        return _("{tabla}, fila {fila}").format(tabla=label, fila=error.row)
    column = error.column_en if language() == "en" else error.column_es
    return _("{tabla}, fila {fila}, {columna}").format(tabla=label, fila=error.row, columna=column)


# The text of each field error code whose words need nothing but its parameters; the
# codes that need more (a hint, the other field, plurals, the file kinds) are in field_text.
SIMPLE: dict[str, str] = {
    "required": N_("«{campo}» es obligatorio."),
    "must_check": N_("Debe marcar «{campo}»."),
    "too_short": N_("«{campo}» debe tener al menos {min} caracteres."),
    "too_long": N_("«{campo}» debe tener como máximo {max} caracteres."),
    "not_integer": N_("«{campo}»: escriba un número entero, sin decimales."),
    "not_decimal": N_(
        "«{campo}»: escriba un número, con coma o punto decimal (por ejemplo 12,50)."
    ),
    "too_small": N_("«{campo}» debe ser como mínimo {min}."),
    "too_large": N_("«{campo}» debe ser como máximo {max}."),
    "date_format": N_("«{campo}»: escriba la fecha como dd/mm/aaaa."),
    "datetime_format": N_("«{campo}»: escriba la fecha y la hora como dd/mm/aaaa hh:mm."),
    "date_invalid": N_("«{campo}»: esa fecha u hora no existe."),
    "not_future": N_("«{campo}» no puede estar en el futuro (ahora: {now})."),
    "not_option": N_("«{campo}»: elija una de las opciones de la lista."),
    "email_invalid": N_("«{campo}»: escriba un correo electrónico válido, como nombre@dominio.ec."),
    "phone_invalid": N_(
        "«{campo}»: escriba un teléfono válido, como 0991234567 o 022345678 (o +código de país)."
    ),
    "ruc_format": N_("«{campo}»: el RUC tiene 13 dígitos."),
    "ruc_invalid": N_("«{campo}»: el RUC no es válido; revise los dígitos."),
    "cedula_format": N_("«{campo}»: la cédula tiene 10 dígitos."),
    "cedula_invalid": N_("«{campo}»: la cédula no es válida; revise los dígitos."),
    "passport_invalid": N_("«{campo}»: el pasaporte tiene de 5 a 20 letras o dígitos."),
    "document_type": N_("«{campo}»: elija el tipo de documento: cédula, RUC o pasaporte."),
    "password_mismatch": N_("«{campo}»: la confirmación no coincide; escriba la misma contraseña."),
    "too_many_files": N_("«{campo}»: adjunte como máximo {max} archivos."),
    "file_too_large": N_("«{campo}»: «{name}» pesa {size} KB; el máximo por archivo es {max} KB."),
    "total_too_large": N_(
        "«{campo}»: los adjuntos suman {total} KB; el máximo del formulario es {max} KB."
    ),
    "file_missing": N_("«{campo}»: el archivo «{name}» ya no existe."),
    "file_unreadable": N_("«{campo}»: no se pudo leer el archivo «{name}»."),
    "too_many_rows": N_("«{campo}»: como máximo {max} filas."),
}


def field_text(error: FieldError) -> str:
    """What the user reads for a field error."""
    if isinstance(error, RuleError):
        message = rule_text(error.code, **error.params)
        return _("«{campo}»: {mensaje}").format(campo=error.label(), mensaje=message)
    campo = field_name(error)
    p: dict[str, Any] = {k: shown(v) for k, v in error.params.items() if isinstance(k, str)}
    english = language() == "en"
    match error.code:
        case code if code in SIMPLE:
            text = _(SIMPLE[code])
        case "pattern":
            hint = error.params.get("hint_en" if english else "hint_es") or ""
            if hint:
                return _("«{campo}»: {pista}").format(campo=campo, pista=hint)
            text = _("«{campo}» no tiene el formato esperado.")
        case "not_equal":
            otro = error.params.get("other_en" if english else "other_es", "")
            return _("«{campo}» debe ser igual a «{otro}».").format(campo=campo, otro=otro)
        case "too_few_files":
            count = int(error.params.get("min", 1))
            text = ngettext(
                "«{campo}»: adjunte al menos {min} archivo.",
                "«{campo}»: adjunte al menos {min} archivos.",
                count,
            )
        case "file_type":
            kinds = error.params.get("accept") or ()
            p["accept"] = ", ".join(str(k).upper() for k in kinds)
            text = _(
                "«{campo}»: «{name}» no es un archivo permitido ({accept}); se reconoce por su"
                " contenido, no por su nombre."
            )
        case "too_few_rows":
            count = int(error.params.get("min", 1))
            text = ngettext(
                "«{campo}»: agregue al menos {min} fila.",
                "«{campo}»: agregue al menos {min} filas.",
                count,
            )
        case _:
            text = _("«{campo}»: el valor no es válido.")
    try:
        return text.format(campo=campo, **{k: v for k, v in p.items() if k != "campo"})
    except (KeyError, IndexError, ValueError):
        return _("«{campo}»: el valor no es válido.").format(campo=campo)
