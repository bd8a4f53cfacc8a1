"""Texts for the error codes of accounts; `messages.text()` asks here first."""

from __future__ import annotations

from datetime import datetime

from ecuapass_tui.core.clock import format_local
from ecuapass_tui.i18n import _, ngettext


def _moment(value: object) -> str:
    return format_local(value)[:10] if isinstance(value, datetime) else "?"


def account_text(code: str, **params: object) -> str | None:
    match code:
        case "slowed":
            seconds = int(str(params.get("seconds", 0)))
            return ngettext(
                "RUC, ID. Usuario o contraseña incorrectos. Por seguridad, espere {n} segundo "
                "antes del siguiente intento.",
                "RUC, ID. Usuario o contraseña incorrectos. Por seguridad, espere {n} segundos "
                "antes del siguiente intento.",
                seconds,
            ).format(n=seconds)
        case "throttled":
            seconds = int(str(params.get("seconds", 0)))
            return ngettext(
                "Demasiados intentos fallidos: espere {n} segundo antes de intentar de nuevo.",
                "Demasiados intentos fallidos: espere {n} segundos antes de intentar de nuevo.",
                seconds,
            ).format(n=seconds)
        case "pending":
            return _(
                "Su Solicitud del uso aún no ha sido aprobada. Recibirá la decisión en su "
                "correo electrónico."
            )
        case "rejected":
            return _("Su Solicitud del uso fue rechazada: {motivo}").format(
                motivo=params.get("reason") or "—"
            )
        case "code_missing":
            return _("Primero solicite el código de seguridad.")
        case "code_wrong":
            left = int(str(params.get("left", 0)))
            return ngettext(
                "El código de seguridad no es correcto. Le queda {n} intento.",
                "El código de seguridad no es correcto. Le quedan {n} intentos.",
                left,
            ).format(n=left)
        case "code_expired":
            return _("El código de seguridad caducó (vale 15 minutos): solicite uno nuevo.")
        case "code_used":
            return _("Ese código de seguridad ya se usó: solicite uno nuevo.")
        case "code_attempts":
            return _("Demasiados intentos con ese código de seguridad: solicite uno nuevo.")
        case "answers_wrong":
            return _(
                "Las respuestas de seguridad no coinciden. El código ya se usó: solicite uno "
                "nuevo para intentar otra vez."
            )
        case "no_email":
            return _("El usuario no tiene un correo electrónico registrado.")
        case "mail_not_configured":
            return _(
                "El envío de correo no está configurado en esta instalación; comuníquese con "
                "la Mesa de Servicios (1800-238262)."
            )
        case "request_not_found" | "request_kind":
            return _("No se encontró la solicitud.")
        case "email_already_confirmed":
            return _("El correo electrónico de esta solicitud ya fue confirmado.")
        case "request_decided":
            return _("Esa solicitud ya fue decidida. Actualice la lista.")
        case "username_taken":
            return _("Ese ID. Usuario ya está registrado: elija otro.")
        case "email_taken":
            return _("Ese correo electrónico ya está registrado con otro usuario.")
        case "question_repeated":
            return _("Elija una pregunta distinta de las anteriores.")
        case "canton_province":
            return _("La ciudad no pertenece a la provincia elegida.")
        case "company_unknown":
            return _(
                "La empresa no está registrada en Ecuapass: su Representante debe registrarla "
                "primero."
            )
        case "company_has_representative":
            return _(
                "Esta empresa ya tiene un Representante en Ecuapass y solo puede tener uno. Si el "
                "Representante cambió, comuníquese con la Mesa de Servicios (1800-238262)."
            )
        case "company_request_waiting":
            return _(
                "Ya hay una Solicitud del uso de Representante de esta empresa que espera la "
                "aprobación del SENAE."
            )
        case "ruc_not_public":
            return _("El RUC no es de una entidad pública (tercer dígito 6).")
        case "oce_start":
            return _("Escriba el inicio como mes/año, por ejemplo 9/2002, no posterior a hoy.")
        case "oce_not_of_company":
            return _("Uno de los códigos de OCE no pertenece a la empresa.")
        case "oce_taken":
            return _("Uno de los códigos de OCE ya está registrado por otra empresa.")
        case "oce_required":
            return _("Agregue al menos un código de OCE de la empresa.")
        case "user_type_mismatch":
            return _("Elija el tipo de usuario con el que se registró.")
        case "option_not_grantable":
            return _("Esa opción no se asigna a empleados.")
        case "account_not_found":
            return _("Los datos no coinciden con ningún usuario registrado.")
        case "no_security_answers":
            return _(
                "El usuario no tiene preguntas de seguridad registradas; comuníquese con la "
                "Mesa de Servicios (1800-238262)."
            )
        case "no_registration_data":
            return _("Su tipo de usuario no tiene datos de registro que actualizar aquí.")
        case "no_pending_update":
            return _("Primero modifique sus datos (Modificar); luego firme el convenio.")
        case "not_certificate":
            return _(
                "El archivo no es un certificado de firma electrónica .p12 (PKCS#12) con su "
                "clave privada."
            )
        case "wrong_pin":
            return _("La clave (PIN) del certificado no es correcta.")
        case "cert_expired":
            return _("El certificado caducó el {fecha}: renuévelo con su entidad emisora.").format(
                fecha=_moment(params.get("until"))
            )
        case "cert_not_yet_valid":
            return _("El certificado aún no es válido (desde el {fecha}).").format(
                fecha=_moment(params.get("since"))
            )
        case "key_unsupported":
            return _("El tipo de clave del certificado no se puede usar para firmar.")
        case "invalid_language":
            return _("Elija español o inglés.")
        case "sms_without_mobile":
            return _("Registre un número celular (3.2.3) para recibir mensajes SMS.")
    return None
