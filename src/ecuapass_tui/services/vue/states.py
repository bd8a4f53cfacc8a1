"""The processing states of a VUE request (the published códigos de distribución de
documento) and the transitions each side may make. The service refuses any other."""

from __future__ import annotations

from ecuapass_tui.i18n import N_

COMPANY = "company"
INSTITUTION = "institution"

SENT = "110"
FEE_AUTHORISED = "120"
PAID = "130"
REFUSED = "310"
APPROVED = "320"

STATE_NAMES: dict[str, str] = {
    "110": N_("Solicitud enviada"),
    "120": N_("Pago autorizado"),
    "130": N_("Pago confirmado"),
    "140": N_("Modificación solicitada"),
    "150": N_("Corrección solicitada"),
    "210": N_("Solicitud receptada"),
    "230": N_("Inspección programada"),
    "240": N_("Inspección realizada"),
    "310": N_("Solicitud no aprobada"),
    "320": N_("Solicitud aprobada"),
    "410": N_("Subsanación requerida"),
    "420": N_("Subsanación enviada"),
    "510": N_("Enviado a aduana"),
    "610": N_("Desistimiento solicitado"),
    "620": N_("Desistimiento aprobado"),
    "640": N_("Anulación solicitada"),
    "650": N_("Anulación aprobada"),
    "910": N_("Error de validación"),
}

# from state -> {to state: the side that may make the move}. 130 and the return to 120 are
# made by Pago-e (pay, reverse), not by a decision.
TRANSITIONS: dict[str, dict[str, str]] = {
    "110": {"210": INSTITUTION, "910": INSTITUTION, "610": COMPANY},
    "210": {
        "120": INSTITUTION,
        "230": INSTITUTION,
        "310": INSTITUTION,
        "410": INSTITUTION,
        "610": COMPANY,
    },
    "120": {"610": COMPANY},
    "130": {"230": INSTITUTION, "310": INSTITUTION, "320": INSTITUTION, "410": INSTITUTION},
    "230": {"240": INSTITUTION},
    "240": {"120": INSTITUTION, "310": INSTITUTION, "320": INSTITUTION, "410": INSTITUTION},
    "410": {"420": COMPANY, "610": COMPANY},
    "420": {"210": INSTITUTION, "310": INSTITUTION, "320": INSTITUTION, "410": INSTITUTION},
    "320": {"510": INSTITUTION, "140": COMPANY, "150": COMPANY, "640": COMPANY},
    "510": {"140": COMPANY, "150": COMPANY, "640": COMPANY},
    "140": {"320": INSTITUTION, "310": INSTITUTION},
    "150": {"320": INSTITUTION, "310": INSTITUTION},
    "610": {"620": INSTITUTION},
    "640": {"650": INSTITUTION},
}
FINAL = frozenset({"310", "620", "650", "910"})
# Moves that must say why.
NOTE_REQUIRED = frozenset({"310", "410", "420", "610", "640", "910", "140", "150"})


def allowed(state: str, side: str) -> tuple[str, ...]:
    return tuple(to for to, who in TRANSITIONS.get(state, {}).items() if who == side)
