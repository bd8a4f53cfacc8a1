"""User-facing texts for the codes that services raise (see services/errors.py)."""

from __future__ import annotations

from datetime import datetime

from ecuapass_tui.core.clock import local
from ecuapass_tui.i18n import _
from ecuapass_tui.services.errors import ServiceError


def _until(value: object) -> str:
    if isinstance(value, datetime):
        return local(value).strftime("%H:%M")
    return "?"


def disabled_reason(code: str) -> str:
    if code == "no_data_update":
        return _(
            "No actualizó los datos de su registro en enero (resolución SENAE-DGN-2016-0364-RE)."
        )
    if code == "staff_decision":
        return _("La Mesa de Servicios inhabilitó la cuenta.")
    return code


def user_state(state: str) -> str:
    labels = {"activo": _("activo"), "bloqueado": _("bloqueado"), "inhabilitado": _("inhabilitado")}
    return labels.get(state, state)


def ticket_state(state: str) -> str:
    labels = {
        "registrado": _("Registrado"),
        "en_analisis": _("En análisis"),
        "pendiente_informacion": _("Pendiente de información"),
        "respondido": _("Respondido"),
        "cerrado": _("Cerrado"),
        "anulado": _("Anulado"),
    }
    return labels.get(state, state)


def ticket_closure(closure: str) -> str:
    labels = {
        "conforme": _("conforme"),
        "no_conforme": _("no conforme"),
        "sin_respuesta": _("sin respuesta"),
        "atendido_en_llamada": _("atendido en la llamada"),
        "fusionado": _("fusionado"),
    }
    return labels.get(closure, closure)


def ticket_kind(kind: str) -> str:
    labels = {"incidente": _("Incidente"), "consulta": _("Consulta"), "queja": _("Queja")}
    return labels.get(kind, kind)


def ticket_outcome(outcome: str) -> str:
    labels = {
        "servicio_atendido": _("Servicio atendido"),
        "incidente_solucionado": _("Incidente solucionado"),
        "tramite_exitoso": _("Trámite exitoso"),
        "consulta_absuelta": _("Consulta absuelta"),
    }
    return labels.get(outcome, outcome)


def ticket_channel(channel: str) -> str:
    labels = {"en_linea": _("En línea"), "telefonico": _("Telefónico"), "correo": _("Correo")}
    return labels.get(channel, channel)


def text(code: str, **params: object) -> str:
    """The message for an error code, in the current language."""
    from ecuapass_tui.texts.cuentas import account_text  # account codes

    if (found := account_text(code, **params)) is not None:
        return found
    if code.startswith(("trk_", "fp_")):
        from ecuapass_tui.texts.tramites import tracking_text  # tracking codes

        if (found := tracking_text(code, **params)) is not None:
            return found
    if code.startswith("text_min_") and code[9:].isdigit():
        return _("Escriba un texto más completo (al menos {n} caracteres).").format(n=code[9:])
    match code:
        case "bad_credentials":
            return _(
                "RUC, ID. Usuario o contraseña incorrectos. Revise los datos e intente de nuevo."
            )
        case "locked":
            return _(
                "Demasiados intentos fallidos: el ingreso con este ID. Usuario desde esta "
                "conexión está bloqueado hasta las {hora}. Revise su Buzón Electrónico o llame "
                "a la Mesa de Servicios (1800-238262)."
            ).format(hora=_until(params.get("until")))
        case "disabled":
            return _(
                "Su ID. Usuario está inhabilitado: {motivo} Para habilitarlo, actualice sus datos "
                "en 3.2.3 Modificar información de registro de usuario (F8 en esta pantalla) o "
                "comuníquese con la Mesa de Servicios (1800-238262, mesadeservicios@aduana.gob.ec)."
            ).format(motivo=disabled_reason(str(params.get("reason", ""))))
        case "required":
            return _("Este campo es obligatorio.")
        case "ruc_format":
            return _("El RUC tiene 13 dígitos.")
        case "ruc_invalid":
            return _("El RUC no es válido: revise los dígitos.")
        case "cedula_format":
            return _("La cédula tiene 10 dígitos.")
        case "cedula_invalid":
            return _("La cédula no es válida: revise los dígitos.")
        case "email_invalid":
            return _("Escriba un correo electrónico válido, por ejemplo nombre@dominio.ec.")
        case "password_short":
            return _("La contraseña debe tener al menos 10 caracteres.")
        case "password_letters_digits":
            return _("La contraseña debe tener letras y dígitos.")
        case "password_personal":
            return _("La contraseña no puede contener su ID. Usuario ni su nombre.")
        case "password_mismatch":
            return _("La confirmación no coincide con la contraseña.")
        case "invalid_username":
            return _("Use de 3 a 40 letras, dígitos, punto o guion bajo.")
        case "admin_exists":
            return _(
                "Ya existe un usuario: el primer administrador solo se crea en una base vacía."
            )
        case "permission_denied":
            return _("No está asignado el permiso al usuario.")
        case "mi_menu_full":
            return _("Mi menú ya tiene 6 opciones: quite una antes de agregar otra.")
        case "draft_too_large":
            return _(
                "El borrador es demasiado grande para guardarlo; "
                "envíe el formulario o quite archivos."
            )
        case "not_locked":
            return _("La cuenta no está bloqueada.")
        case "oce_not_held":
            return _("Ese código de OCE no pertenece a su empresa.")
        case "ticket_not_found":
            return _("No existe un ticket con ese número entre los que usted puede ver.")
        case "ticket_wrong_state":
            return _(
                "El ticket está en estado «{estado}»: esa acción ya no corresponde. "
                "Actualice la vista."
            ).format(estado=ticket_state(str(params.get("state", ""))))
        case "text_too_short":
            return _("Escriba un texto más completo (al menos 10 caracteres).")
        case "text_too_long":
            return _("El texto es demasiado largo (máximo 4000 caracteres).")
        case "rating_range":
            return _("Elija una calificación de 1 a 5.")
        case "same_ticket":
            return _("Indique otro ticket, no el mismo.")
        case "invalid":
            return _("El valor no es válido.")
        case "attachment_not_found":
            return _("No se encontró el archivo adjunto.")
        case "notice_not_found" | "not_found" | "user_not_found" | "favourite_not_found":
            return _("No se encontró el registro.")
    return _("No se pudo completar la operación ({codigo}).").format(codigo=code)


def error_text(error: ServiceError) -> str:
    return text(error.code, **error.params)


def fault_text(code: str) -> str:
    """What the user reads when the database or the disk failed (codes of store/faults.py):
    what happened and what to do; what was typed is kept, so trying again is enough."""
    match code:
        case "db_busy":
            return _(
                "La base de datos está ocupada por otro proceso; intente de nuevo en unos segundos."
            )
        case "db_full":
            return _(
                "No se puede escribir: el disco está lleno. Libere espacio e intente de nuevo."
            )
        case "db_readonly":
            return _(
                "La base de datos es de solo lectura: no se guardó nada. "
                "Pida permiso de escritura al administrador e intente de nuevo."
            )
        case "db_offline":
            return _(
                "Sin conexión con el servidor de base de datos; intente de nuevo en unos momentos."
            )
        case "db_io":
            return _(
                "No se puede leer o escribir el archivo de la base de datos; "
                "avise al administrador e intente de nuevo."
            )
        case "disk_denied":
            return _("No hay permiso para escribir ese archivo o carpeta; elija otro lugar.")
    return _("La base de datos no respondió; intente de nuevo en unos momentos.")


def unexpected_text(log: object | None) -> str:
    """One line for an error nobody expected; the details went to the log file."""
    if log is None:
        return _("Ocurrió un error inesperado; intente de nuevo.")
    return _("Ocurrió un error inesperado; el detalle quedó en {archivo}.").format(archivo=log)
