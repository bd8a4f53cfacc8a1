"""Texts of 2.1.1 Consulta de arancel: the importer's refusals (each line's problem) and the
consultation date; part of the Informativos table (texts/informativos.py)."""

from __future__ import annotations

from ecuapass_tui.i18n import N_, _, ngettext
from ecuapass_tui.texts.common import Entry, Params

ATTRIBUTION = N_(
    "Fuente: Nomenclatura Combinada 2026, Oficina de Publicaciones de la Unión Europea "
    "(© Unión Europea); códigos SA 2022 (UN Comtrade)."
)
SAMPLE_MARK = N_("MUESTRA DE DEMOSTRACIÓN — no válida para declarar")


def _refused(params: Params) -> str:
    count = int(str(params.get("count", 0)))
    return ngettext(
        "No se importó nada: {n} problema.", "No se importó nada: {n} problemas.", count
    ).format(n=count)


def _header(params: Params) -> str:
    return _("Encabezado: faltan {faltan}; columnas desconocidas: {sobran}.").format(
        faltan=params.get("missing") or "—", sobran=params.get("unknown") or "—"
    )


def _columns(params: Params) -> str:
    return _("La línea tiene {n} columnas, no las del encabezado.").format(n=params.get("found"))


def _code(params: Params) -> str:
    return _("Escriba {n} dígitos (puntos y espacios se ignoran).").format(n=params.get("size"))


def _unknown(params: Params) -> str:
    return _("La subpartida {codigo} no existe en el Sistema Armonizado 2022.").format(
        codigo=params.get("hs")
    )


def _identif(params: Params) -> str:
    return _(
        "identif no coincide con subpartida + complementario + suplementario ({esperado})."
    ).format(esperado=params.get("expected"))


def _duplicate(params: Params) -> str:
    return _("La misma línea y fecha de vigencia ya están en la línea {n}.").format(
        n=params.get("first")
    )


def _too_many(params: Params) -> str:
    return _("El archivo tiene más de {max} líneas.").format(max=params.get("max"))


TARIFF_TEXTS: dict[str, Entry] = {
    "tar_import_refused": _refused,
    "tar_too_large": N_("El archivo pasa de 20 MB."),
    "tar_encoding": N_("El archivo no está en UTF-8."),
    "tar_json": N_('El JSON no tiene la forma {"data": [...]} del servicio de arancel.'),
    "tar_json_item": N_("El elemento no es un objeto JSON."),
    "tar_empty": N_("El archivo no tiene líneas."),
    "tar_header": _header,
    "tar_too_many": _too_many,
    "tar_columns": _columns,
    "tar_code": _code,
    "tar_unknown_hs": _unknown,
    "tar_required": N_("Falta este valor."),
    "tar_file_date": N_("Fecha: dd/mm/aaaa o aaaa-mm-dd."),
    "tar_rate": N_("Un porcentaje entre 0 y 1000 con hasta dos decimales."),
    "tar_control": N_("Escriba «INSTITUCIÓN: documento», separados por punto y coma."),
    "tar_too_long": N_("El texto es demasiado largo."),
    "tar_dates_order": N_("La vigencia termina antes de empezar."),
    "tar_identif": _identif,
    "tar_duplicate": _duplicate,
    "tar_date": N_("Escriba la fecha como dd/mm/aaaa."),
}
