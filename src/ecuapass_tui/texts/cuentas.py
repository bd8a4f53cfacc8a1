"""Texts of the accounts: user classes and states, the first administrator's fields, and the
refusals of login, registration, recovery, the yearly update, approvals, permissions and
signing."""

from __future__ import annotations

from datetime import datetime

from ecuapass_tui.core.clock import format_local, local
from ecuapass_tui.i18n import N_, Labels, _, ngettext
from ecuapass_tui.texts.common import Entry, Params

user_state = Labels(
    {"activo": N_("activo"), "bloqueado": N_("bloqueado"), "inhabilitado": N_("inhabilitado")}
)
# Why an account is disabled (the `reason` of the code "disabled").
disabled_reason = Labels(
    {
        "no_data_update": N_(
            "No actualizó los datos de su registro en enero (resolución SENAE-DGN-2016-0364-RE)."
        ),
        "staff_decision": N_("La Mesa de Servicios inhabilitó la cuenta."),
    }
)
# A user's class; a Solicitud del uso is for one of the first four.
user_class_label = Labels(
    {
        "representante": N_("Representante"),
        "empleado": N_("Empleado"),
        "general": N_("General"),
        "representante_entidad": N_("Representante de la entidad"),
        "entidad": N_("Entidad u Organismo Internacional"),
        "analista": N_("Analista de la Mesa de Servicios"),
        "supervisor": N_("Supervisor de la Mesa de Servicios"),
        "administrador": N_("Administrador"),
    }
)
# The fields of the installation's first administrator (its screen and `create-admin`).
admin_field_label = Labels(
    {
        "username": N_("ID. Usuario"),
        "full_name": N_("Nombre"),
        "cedula": N_("Cédula"),
        "email": N_("Correo"),
        "password": N_("Contraseña"),
        "confirmation": N_("Confirmación"),
    }
)


def _until(value: object) -> str:
    return local(value).strftime("%H:%M") if isinstance(value, datetime) else "?"


def _moment(value: object) -> str:
    return format_local(value)[:10] if isinstance(value, datetime) else "?"


def _seconds(params: Params) -> int:
    return int(str(params.get("seconds", 0)))


def _locked(params: Params) -> str:
    return _(
        "Demasiados intentos fallidos: el ingreso con este ID. Usuario desde esta "
        "conexión está bloqueado hasta las {hora}. Revise su Buzón Electrónico o llame "
        "a la Mesa de Servicios (1800-238262)."
    ).format(hora=_until(params.get("until")))


def _disabled(params: Params) -> str:
    return _(
        "Su ID. Usuario está inhabilitado: {motivo} Para habilitarlo, actualice sus datos "
        "en 3.2.3 Modificar información de registro de usuario (F8 en esta pantalla) o "
        "comuníquese con la Mesa de Servicios (1800-238262, mesadeservicios@aduana.gob.ec)."
    ).format(motivo=disabled_reason(str(params.get("reason", ""))))


def _slowed(params: Params) -> str:
    seconds = _seconds(params)
    return ngettext(
        "RUC, ID. Usuario o contraseña incorrectos. Por seguridad, espere {n} segundo "
        "antes del siguiente intento.",
        "RUC, ID. Usuario o contraseña incorrectos. Por seguridad, espere {n} segundos "
        "antes del siguiente intento.",
        seconds,
    ).format(n=seconds)


def _throttled(params: Params) -> str:
    seconds = _seconds(params)
    return ngettext(
        "Demasiados intentos fallidos: espere {n} segundo antes de intentar de nuevo.",
        "Demasiados intentos fallidos: espere {n} segundos antes de intentar de nuevo.",
        seconds,
    ).format(n=seconds)


def _rejected(params: Params) -> str:
    return _("Su Solicitud del uso fue rechazada: {motivo}").format(
        motivo=params.get("reason") or "—"
    )


def _code_wrong(params: Params) -> str:
    left = int(str(params.get("left", 0)))
    return ngettext(
        "El código de seguridad no es correcto. Le queda {n} intento.",
        "El código de seguridad no es correcto. Le quedan {n} intentos.",
        left,
    ).format(n=left)


def _cert_expired(params: Params) -> str:
    return _("El certificado caducó el {fecha}: renuévelo con su entidad emisora.").format(
        fecha=_moment(params.get("until"))
    )


def _cert_replaced(params: Params) -> str:
    return _(
        "Este certificado fue reemplazado por el registrado el {fecha}: use el certificado vigente."
    ).format(fecha=_moment(params.get("since")))


def _cert_not_yet_valid(params: Params) -> str:
    return _("El certificado aún no es válido (desde el {fecha}).").format(
        fecha=_moment(params.get("since"))
    )


TEXTS: dict[str, Entry] = {
    # login
    "bad_credentials": N_(
        "RUC, ID. Usuario o contraseña incorrectos. Revise los datos e intente de nuevo."
    ),
    "slowed": _slowed,
    "throttled": _throttled,
    "locked": _locked,
    "disabled": _disabled,
    "pending": N_(
        "Su Solicitud del uso aún no ha sido aprobada. Recibirá la decisión en su "
        "correo electrónico."
    ),
    "rejected": _rejected,
    "not_locked": N_("La cuenta no está bloqueada."),
    "user_not_found": N_("No se encontró el registro."),
    "invalid_username": N_("Use de 3 a 40 letras, dígitos, punto o guion bajo."),
    "admin_exists": N_(
        "Ya existe un usuario: el primer administrador solo se crea en una base vacía."
    ),
    # security codes and recovery
    "code_missing": N_("Primero solicite el código de seguridad."),
    "code_wrong": _code_wrong,
    "code_expired": N_("El código de seguridad caducó (vale 15 minutos): solicite uno nuevo."),
    "code_used": N_("Ese código de seguridad ya se usó: solicite uno nuevo."),
    "code_attempts": N_("Demasiados intentos con ese código de seguridad: solicite uno nuevo."),
    "answers_wrong": N_(
        "Las respuestas de seguridad no coinciden. El código ya se usó: solicite uno "
        "nuevo para intentar otra vez."
    ),
    "no_email": N_("El usuario no tiene un correo electrónico registrado."),
    "mail_not_configured": N_(
        "El envío de correo no está configurado en esta instalación; comuníquese con "
        "la Mesa de Servicios (1800-238262)."
    ),
    "account_not_found": N_("Los datos no coinciden con ningún usuario registrado."),
    "no_security_answers": N_(
        "El usuario no tiene preguntas de seguridad registradas; comuníquese con la "
        "Mesa de Servicios (1800-238262)."
    ),
    # registration and approvals
    "request_not_found": N_("No se encontró la solicitud."),
    "request_kind": N_("No se encontró la solicitud."),
    "email_already_confirmed": N_("El correo electrónico de esta solicitud ya fue confirmado."),
    "request_decided": N_("Esa solicitud ya fue decidida. Actualice la lista."),
    "username_taken": N_("Ese ID. Usuario ya está registrado: elija otro."),
    "email_taken": N_("Ese correo electrónico ya está registrado con otro usuario."),
    "question_repeated": N_("Elija una pregunta distinta de las anteriores."),
    "canton_province": N_("La ciudad no pertenece a la provincia elegida."),
    "company_unknown": N_(
        "La empresa no está registrada en Ecuapass: su Representante debe registrarla primero."
    ),
    "company_has_representative": N_(
        "Esta empresa ya tiene un Representante en Ecuapass y solo puede tener uno. Si el "
        "Representante cambió, comuníquese con la Mesa de Servicios (1800-238262)."
    ),
    "company_request_waiting": N_(
        "Ya hay una Solicitud del uso de Representante de esta empresa que espera la "
        "aprobación del SENAE."
    ),
    "ruc_not_public": N_("El RUC no es de una entidad pública (tercer dígito 6)."),
    "oce_start": N_("Escriba el inicio como mes/año, por ejemplo 9/2002, no posterior a hoy."),
    "oce_not_of_company": N_("Uno de los códigos de OCE no pertenece a la empresa."),
    "oce_taken": N_("Uno de los códigos de OCE ya está registrado por otra empresa."),
    "oce_required": N_("Agregue al menos un código de OCE de la empresa."),
    "oce_not_held": N_("Ese código de OCE no pertenece a su empresa."),
    "user_type_mismatch": N_("Elija el tipo de usuario con el que se registró."),
    # permissions, my page, the yearly update and signing
    "option_not_grantable": N_("Esa opción no se asigna a empleados."),
    "mi_menu_full": N_("Mi menú ya tiene 6 opciones: quite una antes de agregar otra."),
    "favourite_not_found": N_("No se encontró el registro."),
    "invalid_language": N_("Elija español o inglés."),
    "sms_without_mobile": N_("Registre un número celular (3.2.3) para recibir mensajes SMS."),
    "no_registration_data": N_(
        "Su tipo de usuario no tiene datos de registro que actualizar aquí."
    ),
    "no_pending_update": N_("Primero modifique sus datos (Modificar); luego firme el convenio."),
    "not_certificate": N_(
        "El archivo no es un certificado de firma electrónica .p12 (PKCS#12) con su clave privada."
    ),
    "wrong_pin": N_("La clave (PIN) del certificado no es correcta."),
    "cert_expired": _cert_expired,
    "cert_not_yet_valid": _cert_not_yet_valid,
    "cert_foreign": N_(
        "El certificado no es el registrado para este usuario (Identificación única de "
        "certificado digital)."
    ),
    "cert_replaced": _cert_replaced,
    "cert_not_proven": N_(
        "La clave privada del archivo no corresponde a su certificado: no se pudo comprobar."
    ),
    "key_unsupported": N_("El tipo de clave del certificado no se puede usar para firmar."),
}
