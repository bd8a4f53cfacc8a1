"""Texts for SENAE Tracking and the Trámites Operativos: stage, channel and state names, and
the refusals the tracking services raise (asked by `messages.text()` first)."""

from __future__ import annotations

from datetime import datetime

from ecuapass_tui.formats import amount, moment
from ecuapass_tui.i18n import _, ngettext


def stage_label(stage: str) -> str:
    labels = {
        "manifiesto": _("Manifiesto transmitido"),
        "arribo": _("Arribo"),
        "deposito": _("Ingreso a depósito temporal"),
        "dai_transmitida": _("DAI transmitida"),
        "dai_aceptada": _("DAI aceptada"),
        "canal_asignado": _("Canal de aforo asignado"),
        "aforo": _("Aforo"),
        "aforo_en_proceso": _("Aforo en proceso"),
        "aforo_observado": _("Aforo observado"),
        "aforo_concluido": _("Aforo concluido"),
        "liquidacion_pagada": _("Liquidación pagada"),
        "salida_autorizada": _("Salida autorizada"),
        "salida_deposito": _("Salida de depósito registrada"),
        "": _("sin eventos"),
    }
    return labels.get(stage, stage)


def channel_label(channel: str) -> str:
    labels = {
        "automatico": _("Automático"),
        "electronico": _("Electrónico"),
        "documental": _("Documental"),
        "fisico_intrusivo": _("Físico intrusivo"),
        "fisico_no_intrusivo": _("Físico no intrusivo (scanner)"),
        "": _("sin asignar"),
    }
    return labels.get(channel, channel)


def document_state_label(state: str) -> str:
    labels = {
        "enviado": _("Enviado"),
        "aceptado": _("Aceptado"),
        "rechazado": _("Rechazado"),
        "emitido": _("Emitido"),
        "transmitido": _("Transmitido"),
        "recibido": _("Recibido"),
        "error": _("Error de transmisión"),
    }
    return labels.get(state, state)


def operation_label(value: str) -> str:
    labels = {"importacion": _("Importación"), "exportacion": _("Exportación"), "vue": _("VUE")}
    return labels.get(value, value)


def direction_label(value: str) -> str:
    return {"enviado": _("Enviado"), "recibido": _("Recibido")}.get(value, value)


def facility_state_label(state: str) -> str:
    labels = {"pendiente": _("Pendiente"), "aprobada": _("Aprobada"), "rechazada": _("Rechazada")}
    return labels.get(state, state)


def money(cents: int) -> str:
    return amount(cents)


def _time(value: object) -> str:
    return moment(value) if isinstance(value, datetime) else "?"


def tracking_text(code: str, **params: object) -> str | None:
    stage = stage_label(str(params.get("stage", "")))
    match code:
        case "trk_cargo_not_found":
            return _("No existe una carga con ese MRN entre las que usted puede ver.")
        case "trk_document_not_found":
            return _("No se encontró el documento entre los de su empresa.")
        case "trk_stage_unknown":
            return _("La etapa «{etapa}» no existe.").format(etapa=params.get("stage", ""))
        case "trk_cargo_finished":
            return _("La carga ya salió del depósito: su trámite terminó y no admite más etapas.")
        case "trk_stage_repeated":
            return _("«{etapa}» ya está registrada para esta carga (está en «{actual}»).").format(
                etapa=stage, actual=stage_label(str(params.get("current", "")))
            )
        case "trk_stage_order":
            return _(
                "No se puede registrar «{etapa}»: antes debe registrarse «{falta}» "
                "(la carga está en «{actual}»)."
            ).format(
                etapa=stage,
                falta=stage_label(str(params.get("missing", ""))),
                actual=stage_label(str(params.get("current", ""))),
            )
        case "trk_aforo_automatic":
            return _("La carga tiene canal automático: no pasa por aforo; registre el pago.")
        case "trk_time_future":
            return _("La fecha y hora del evento no puede ser futura.")
        case "trk_time_before":
            return _("La fecha y hora es anterior al último evento de la carga ({fecha}).").format(
                fecha=_time(params.get("previous"))
            )
        case "trk_observation_required":
            return _("Escriba la observación del aforo.")
        case "trk_delivery_format":
            return _(
                "El número de entrega tiene 21 caracteres: código de OCE (8 dígitos), año (4), "
                "secuencial (8) y una letra."
            )
        case "trk_delivery_oce":
            return _(
                "El número de entrega debe empezar con el código del declarante {oce}."
            ).format(oce=params.get("oce", ""))
        case "trk_delivery_taken" | "trk_dai_taken" | "trk_liquidation_taken":
            return _("El número {numero} ya está registrado en otra declaración.").format(
                numero=params.get("number", "")
            )
        case "trk_liquidation_format":
            return _("El número de liquidación tiene de 6 a 20 dígitos.")
        case "trk_amount_required":
            return _("Indique el monto de la liquidación (mayor que cero).")
        case "trk_channel_required":
            return _("Elija el canal de aforo.")
        case "trk_doc_type":
            return _("El tipo de documento de transporte es BL, AWB o CRT.")
        case "trk_company_unknown":
            return _("No hay una empresa registrada con ese RUC.")
        case "trk_oce_unknown":
            return _("No existe ese código de OCE.")
        case "trk_district_unknown":
            return _("No existe ese distrito aduanero.")
        case "trk_container_format":
            return _("Cada contenedor tiene 4 letras y 7 dígitos, p. ej. MSCU4812053.")
        case "trk_mrn_format":
            return _("El MRN tiene de 8 a 30 letras y dígitos.")
        case "trk_query_too_long":
            return _("Escriba un MRN, BL, contenedor, DAI o número de entrega (máximo 40).")
        case "trk_range_reversed":
            return _("La fecha «desde» es posterior a la fecha «hasta».")
        case "trk_import_refused":
            count = int(str(params.get("count", 0)))
            return ngettext(
                "No se importó nada: {n} línea con errores.",
                "No se importó nada: {n} líneas con errores.",
                count,
            ).format(n=count)
        case "trk_csv_too_large":
            return _("El archivo pasa de 5 MB.")
        case "trk_csv_encoding":
            return _("El archivo no está en UTF-8.")
        case "trk_csv_header":
            return _(
                "Encabezado: faltan columnas [{faltan}]; columnas desconocidas [{sobran}]."
            ).format(faltan=params.get("missing", ""), sobran=params.get("unknown", ""))
        case "trk_csv_columns":
            return _("La línea tiene {n} columnas; el encabezado, {m}.").format(
                n=params.get("found", ""), m=params.get("expected", "")
            )
        case "trk_csv_too_many":
            return _("El archivo tiene más de {max} líneas.").format(max=params.get("max", ""))
        case "trk_csv_time":
            return _("Fecha y hora: dd/mm/aaaa hh:mm (hora de Ecuador) o ISO 8601 con zona.")
        case "trk_csv_amount":
            return _("Monto: un número mayor que cero con hasta dos decimales.")
        case "trk_csv_empty":
            return _("El archivo no tiene líneas de eventos.")
        case "fp_not_pending":
            return _("Esa liquidación no está entre las pendientes de pago de su empresa.")
        case "fp_district_mismatch":
            return _("La liquidación es del distrito {distrito}.").format(
                distrito=params.get("district", "")
            )
        case "fp_amount_mismatch":
            return _("El monto pendiente de esa liquidación es {monto}.").format(
                monto=money(int(str(params.get("amount", 0))))
            )
        case "fp_delivery_mismatch":
            return _("Ese número de entrega no corresponde a la liquidación.")
        case "fp_instalment_small":
            return _(
                "Cada cuota debe ser de al menos USD 50: para este monto, hasta {max} cuotas."
            ).format(max=params.get("max", ""))
        case "fp_not_found":
            return _("No existe esa solicitud de facilidades de pago.")
        case "fp_already_decided":
            return _("La solicitud ya fue decidida ({estado}).").format(
                estado=facility_state_label(str(params.get("state", "")))
            )
    return None


# --- what a tracking event says, and who reported it -----------------------------------
# Events written by this program (the demo, SENAE's own steps) store a code, `ecuapass:<key>`,
# drawn here in the reader's language and worded for the cargo's transport mode (a plane
# never reaches a port). What a user or a CSV import wrote stays as it was written.
EVENT_CODE = "ecuapass:"
_MODE = {"BL": "mar", "AWB": "aire", "CRT": "tierra"}
# Rows stored before the codes existed (the demo's Spanish texts).
_LEGACY = {
    "Naviera (transportista)": "transportista",
    "Autoridad portuaria": "autoridad_arribo",
    "Arribo del buque al puerto": "arribo",
    "Depósito temporal": "deposito",
    "Ingreso al depósito temporal (IMDT)": "ingreso_deposito",
    "Aforo asignado al técnico de turno": "aforo_asignado",
    "Falta el certificado de origen; se notificó al declarante": "falta_certificado",
    "Aforo sin novedad": "aforo_sin_novedad",
}


def _by_mode(mode: str, sea: str, air: str, land: str, other: str) -> str:
    return {"mar": sea, "aire": air, "tierra": land}.get(mode, other)


def event_text(value: str, transport_doc_type: str) -> str:
    """An event's detail or reporter as the reader reads it (see EVENT_CODE)."""
    key = value.removeprefix(EVENT_CODE) if value.startswith(EVENT_CODE) else _LEGACY.get(value)
    if key is None:
        return value
    mode = _MODE.get(transport_doc_type.strip().upper(), "")
    match key:
        case "transportista":
            return _by_mode(
                mode,
                _("Naviera (transportista)"),
                _("Aerolínea (transportista)"),
                _("Transportista terrestre"),
                _("Transportista"),
            )
        case "autoridad_arribo":
            return _by_mode(
                mode,
                _("Autoridad portuaria"),
                _("Autoridad aeroportuaria"),
                _("Control de frontera"),
                _("Autoridad del lugar de arribo"),
            )
        case "arribo":
            return _by_mode(
                mode,
                _("Arribo del buque al puerto"),
                _("Arribo de la aeronave al aeropuerto"),
                _("Llegada del vehículo al paso de frontera"),
                _("Arribo del medio de transporte"),
            )
        case "deposito":
            return _("Depósito temporal")
        case "ingreso_deposito":
            return _("Ingreso al depósito temporal (IMDT)")
        case "aforo_asignado":
            return _("Aforo asignado al técnico de turno")
        case "falta_certificado":
            return _("Falta el certificado de origen; se notificó al declarante")
        case "aforo_sin_novedad":
            return _("Aforo sin novedad")
    return value
