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
from ecuapass_tui.i18n import _, language, ngettext
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


def field_text(error: FieldError) -> str:
    """What the user reads for a field error."""
    if isinstance(error, RuleError):
        message = rule_text(error.code, **error.params)
        return _("«{campo}»: {mensaje}").format(campo=error.label(), mensaje=message)
    campo = field_name(error)
    p: dict[str, Any] = {k: shown(v) for k, v in error.params.items() if isinstance(k, str)}
    english = language() == "en"
    match error.code:
        case "required":
            text = _("«{campo}» es obligatorio.")
        case "must_check":
            text = _("Debe marcar «{campo}».")
        case "too_short":
            text = _("«{campo}» debe tener al menos {min} caracteres.")
        case "too_long":
            text = _("«{campo}» debe tener como máximo {max} caracteres.")
        case "pattern":
            hint = error.params.get("hint_en" if english else "hint_es") or ""
            if hint:
                return _("«{campo}»: {pista}").format(campo=campo, pista=hint)
            text = _("«{campo}» no tiene el formato esperado.")
        case "not_integer":
            text = _("«{campo}»: escriba un número entero, sin decimales.")
        case "not_decimal":
            text = _("«{campo}»: escriba un número, con coma o punto decimal (por ejemplo 12,50).")
        case "too_small":
            text = _("«{campo}» debe ser como mínimo {min}.")
        case "too_large":
            text = _("«{campo}» debe ser como máximo {max}.")
        case "date_format":
            text = _("«{campo}»: escriba la fecha como dd/mm/aaaa.")
        case "datetime_format":
            text = _("«{campo}»: escriba la fecha y la hora como dd/mm/aaaa hh:mm.")
        case "date_invalid":
            text = _("«{campo}»: esa fecha u hora no existe.")
        case "not_future":
            text = _("«{campo}» no puede estar en el futuro (ahora: {now}).")
        case "not_option":
            text = _("«{campo}»: elija una de las opciones de la lista.")
        case "email_invalid":
            text = _("«{campo}»: escriba un correo electrónico válido, como nombre@dominio.ec.")
        case "phone_invalid":
            text = _(
                "«{campo}»: escriba un teléfono válido, como 0991234567 o 022345678"
                " (o +código de país)."
            )
        case "ruc_format":
            text = _("«{campo}»: el RUC tiene 13 dígitos.")
        case "ruc_invalid":
            text = _("«{campo}»: el RUC no es válido; revise los dígitos.")
        case "cedula_format":
            text = _("«{campo}»: la cédula tiene 10 dígitos.")
        case "cedula_invalid":
            text = _("«{campo}»: la cédula no es válida; revise los dígitos.")
        case "passport_invalid":
            text = _("«{campo}»: el pasaporte tiene de 5 a 20 letras o dígitos.")
        case "document_type":
            text = _("«{campo}»: elija el tipo de documento: cédula, RUC o pasaporte.")
        case "password_mismatch":
            text = _("«{campo}»: la confirmación no coincide; escriba la misma contraseña.")
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
        case "too_many_files":
            text = _("«{campo}»: adjunte como máximo {max} archivos.")
        case "file_too_large":
            text = _("«{campo}»: «{name}» pesa {size} KB; el máximo por archivo es {max} KB.")
        case "file_type":
            kinds = error.params.get("accept") or ()
            p["accept"] = ", ".join(str(k).upper() for k in kinds)
            text = _(
                "«{campo}»: «{name}» no es un archivo permitido ({accept}); se reconoce por su"
                " contenido, no por su nombre."
            )
        case "total_too_large":
            text = _(
                "«{campo}»: los adjuntos suman {total} KB; el máximo del formulario es {max} KB."
            )
        case "file_missing":
            text = _("«{campo}»: el archivo «{name}» ya no existe.")
        case "file_unreadable":
            text = _("«{campo}»: no se pudo leer el archivo «{name}».")
        case "too_few_rows":
            count = int(error.params.get("min", 1))
            text = ngettext(
                "«{campo}»: agregue al menos {min} fila.",
                "«{campo}»: agregue al menos {min} filas.",
                count,
            )
        case "too_many_rows":
            text = _("«{campo}»: como máximo {max} filas.")
        case _:
            text = _("«{campo}»: el valor no es válido.")
    try:
        return text.format(campo=campo, **{k: v for k, v in p.items() if k != "campo"})
    except (KeyError, IndexError, ValueError):
        return _("«{campo}»: el valor no es válido.").format(campo=campo)
