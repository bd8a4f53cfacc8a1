"""Texts of the Informativos: refusals its services raise and labels of its stored codes."""

from __future__ import annotations

from ecuapass_tui.i18n import N_, _, ngettext
from ecuapass_tui.texts.common import Entry, Params
from ecuapass_tui.texts.tariff import TARIFF_TEXTS


def _rates_refused(params: Params) -> str:
    count = int(str(params.get("count", 0)))
    return ngettext(
        "No se importó nada: {n} línea con errores.",
        "No se importó nada: {n} líneas con errores.",
        count,
    ).format(n=count)


def _rates_header(params: Params) -> str:
    return _("Encabezado: faltan las columnas {columnas}.").format(
        columnas=params.get("missing", "")
    )


def _rates_repeated(params: Params) -> str:
    return _("La moneda y la fecha ya están en la línea {linea}.").format(
        linea=params.get("first", "")
    )


def _rates_too_many(params: Params) -> str:
    return _("El archivo tiene más de {max} líneas.").format(max=params.get("max", ""))


# 2.1.2 Consulta de tasa de moneda, its importer and the tax estimate.
RATES_TEXTS: dict[str, Entry] = {
    "rate_not_found": N_("No hay una tasa de esta moneda en esa fecha ni antes."),
    "rate_day_invalid": N_("Escriba la fecha como dd/mm/aaaa."),
    "rate_amount_invalid": N_("Escriba un valor mayor que cero con hasta dos decimales."),
    "rate_currency_format": N_("Escriba el código de 3 letras de la moneda (EUR, COP...)."),
    "tax_quantity_invalid": N_("Escriba una cantidad mayor que cero (hasta 4 decimales)."),
    "rates_import_refused": _rates_refused,
    "rates_csv_too_large": N_("El archivo pasa de 5 MB."),
    "rates_csv_encoding": N_("El archivo no está en UTF-8."),
    "rates_csv_header": _rates_header,
    "rates_csv_too_many": _rates_too_many,
    "rates_csv_empty": N_("El archivo no tiene líneas de tasas."),
    "rates_csv_columns": N_("La línea no tiene las columnas del encabezado."),
    "rates_csv_date": N_("fecha: dd/mm/aaaa o aaaa-mm-dd."),
    "rates_csv_currency": N_("moneda: un código ISO 4217 de 3 letras, distinto de USD."),
    "rates_csv_rate": N_("unidades_por_usd: un número mayor que cero con hasta 6 decimales."),
    "rates_csv_source": N_("fuente: el nombre de la tabla oficial (hasta 120 caracteres)."),
    "rates_csv_repeated": _rates_repeated,
}

TEXTS: dict[str, Entry] = {**RATES_TEXTS, **TARIFF_TEXTS}
