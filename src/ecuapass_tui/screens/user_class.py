"""The user classes by their names, as the screens show them."""

from __future__ import annotations

from ecuapass_tui.i18n import N_, _


def user_class_label(user_class: str) -> str:
    labels = {
        "representante": N_("Representante"),
        "empleado": N_("Empleado"),
        "general": N_("General"),
        "representante_entidad": N_("Representante de la entidad"),
        "entidad": N_("Entidad u Organismo Internacional"),
        "analista": N_("Analista de la Mesa de Servicios"),
        "supervisor": N_("Supervisor de la Mesa de Servicios"),
        "administrador": N_("Administrador"),
    }
    return _(labels.get(user_class, user_class))
