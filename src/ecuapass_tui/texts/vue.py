"""Texts of the Ventanilla Única: the processing states' labels and the refusals its services
raise (each says why)."""

from __future__ import annotations

from ecuapass_tui.i18n import N_, Labels, _
from ecuapass_tui.services.vue.states import STATE_NAMES
from ecuapass_tui.texts.common import Entry, Params

state_label = Labels(STATE_NAMES)


def state_text(code: str) -> str:
    """'120 Pago autorizado': the code and its label, as the lists show a state."""
    return f"{code} {state_label(code)}"


def _state(params: Params, key: str) -> str:
    return state_text(str(params.get(key, "")))


def _final(params: Params) -> str:
    return _("La solicitud está en {estado}: su trámite terminó y no admite más cambios.").format(
        estado=_state(params, "state")
    )


def _wrong_state(params: Params) -> str:
    return _("Una solicitud en {estado} no puede pasar a {destino}.").format(
        estado=_state(params, "state"), destino=_state(params, "to")
    )


def _institution_move(params: Params) -> str:
    return _("Solo la institución puede pasar la solicitud a {destino}.").format(
        destino=_state(params, "to")
    )


def _company_move(params: Params) -> str:
    return _("Solo la empresa solicitante puede pasar la solicitud a {destino}.").format(
        destino=_state(params, "to")
    )


def _note_required(params: Params) -> str:
    return _("Para pasar la solicitud a {destino} escriba el motivo.").format(
        destino=_state(params, "to")
    )


def _amount_required(params: Params) -> str:
    return _("Escriba el valor de la tasa en USD: mayor que 0 y hasta {maximo}.").format(
        maximo=params.get("most", "")
    )


def _not_payable(params: Params) -> str:
    return _("La solicitud está en {estado}: solo se paga una tasa en 120 Pago autorizado.").format(
        estado=_state(params, "state")
    )


def _not_reversible(params: Params) -> str:
    return _(
        "La solicitud está en {estado}: solo se reversa un pago en 130 Pago confirmado."
    ).format(estado=_state(params, "state"))


TEXTS: dict[str, Entry] = {
    "vue_institution_unknown": N_("No existe esa institución en la Ventanilla Única."),
    "vue_form_unknown": N_("No existe ese formulario en la Ventanilla Única."),
    "vue_company_only": N_(
        "Esta opción es del representante o de los empleados de una empresa (OCE)."
    ),
    "vue_institution_only": N_(
        "Esta opción es de los usuarios de una institución de control (Entidad)."
    ),
    "vue_request_not_found": N_("No se encontró la solicitud entre las que usted puede ver."),
    "vue_no_oce": N_("Elija su código de OCE al ingresar: numera la solicitud."),
    "vue_subpartida_unknown": N_("La subpartida no existe en el arancel cargado."),
    "vue_cif_below_fob": N_("El valor CIF no puede ser menor que el FOB."),
    "vue_djo_not_in_force": N_("Elija una DJO de su empresa que esté vigente."),
    "vue_final": _final,
    "vue_wrong_state": _wrong_state,
    "vue_institution_move": _institution_move,
    "vue_company_move": _company_move,
    "vue_note_required": _note_required,
    "vue_amount_required": _amount_required,
    "vue_amount_cents": N_("El valor de la tasa lleva a lo sumo dos decimales (centavos)."),
    "vue_not_paid": N_(
        "La tasa de la solicitud no está pagada: se aprueba después del pago (130)."
    ),
    "vue_not_payable": _not_payable,
    "vue_bank_reference": N_("La referencia bancaria tiene de 6 a 40 letras, dígitos o guiones."),
    "vue_not_reversible": _not_reversible,
    "vue_no_receipt": N_("La solicitud no tiene un pago confirmado del que emitir comprobante."),
    "vue_range_reversed": N_("La fecha Desde es posterior a la fecha Hasta."),
    "vue_state_unknown": N_("Ese estado no existe en la Ventanilla Única."),
    "vue_support_not_found": N_("No se encontró el documento entre los de su empresa."),
    "vue_support_superseded": N_(
        "El documento ya fue reemplazado: trabaje con el documento que lo reemplaza."
    ),
    "vue_support_linked": N_(
        "El documento ya está vinculado y no puede cambiar; regístrelo de nuevo para reemplazarlo."
    ),
    "vue_link_one": N_("Escriba el número de la DAI o el de la solicitud VUE, uno de los dos."),
    "vue_dai_not_found": N_("No existe una DAI de su empresa con ese número."),
}
