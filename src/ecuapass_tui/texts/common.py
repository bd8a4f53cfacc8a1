"""What the texts of every domain share: the shape of a text table, how the tables merge into
one, and the texts of the codes several domains raise (identity numbers, passwords, drafts,
notices, the database's faults)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ecuapass_tui.i18n import N_, Labels, _

Params = Mapping[str, object]
# A code's text: a msgid marked with N_() (translated when read), or a function of the
# code's parameters for a text that names them.
Entry = str | Callable[[Params], str]


def merged(tables: Mapping[str, Mapping[str, Entry]]) -> dict[str, Entry]:
    """One table from the domain tables (domain name -> its table). A code belongs to one
    domain: a code found in two tables is an error."""
    table: dict[str, Entry] = {}
    owner: dict[str, str] = {}
    for domain, entries in tables.items():
        for code, entry in entries.items():
            if code in owner:
                raise ValueError(f"code {code!r} is in the texts of {owner[code]} and {domain}")
            owner[code] = domain
            table[code] = entry
    return table


# What kind of holder a RUC's third digit says (core/identity.ruc_kind).
ruc_kind_label = Labels(
    {
        "natural": N_("persona natural"),
        "publica": N_("entidad pública"),
        "privada": N_("sociedad privada"),
    }
)

TEXTS: dict[str, Entry] = {
    "required": N_("Este campo es obligatorio."),
    "ruc_format": N_("El RUC tiene 13 dígitos."),
    "ruc_invalid": N_("El RUC no es válido: revise los dígitos."),
    "cedula_format": N_("La cédula tiene 10 dígitos."),
    "cedula_invalid": N_("La cédula no es válida: revise los dígitos."),
    "email_invalid": N_("Escriba un correo electrónico válido, por ejemplo nombre@dominio.ec."),
    "password_short": N_("La contraseña debe tener al menos 10 caracteres."),
    "password_letters_digits": N_("La contraseña debe tener letras y dígitos."),
    "password_personal": N_("La contraseña no puede contener su ID. Usuario ni su nombre."),
    "password_mismatch": N_("La confirmación no coincide con la contraseña."),
    "permission_denied": N_("No está asignado el permiso al usuario."),
    "guest_not_allowed": N_(
        "Inicie sesión para usar esta opción: sin cuenta solo están los servicios de uso frecuente."
    ),
    "draft_too_large": N_(
        "El borrador es demasiado grande para guardarlo; envíe el formulario o quite archivos."
    ),
    "text_too_short": N_("Escriba un texto más completo (al menos 10 caracteres)."),
    "text_too_long": N_("El texto es demasiado largo (máximo 4000 caracteres)."),
    "invalid": N_("El valor no es válido."),
    "not_found": N_("No se encontró el registro."),
    "notice_not_found": N_("No se encontró el registro."),
}


def untabled_text(code: str) -> str:
    """The text of a code no table holds: `text_min_<n>` (a text shorter than n characters),
    or the operation that failed, naming the code."""
    if code.startswith("text_min_") and code[9:].isdigit():
        return _("Escriba un texto más completo (al menos {n} caracteres).").format(n=code[9:])
    return _("No se pudo completar la operación ({codigo}).").format(codigo=code)


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
