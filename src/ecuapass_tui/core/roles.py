"""User classes and what each may reach."""

from __future__ import annotations

from enum import StrEnum


class UserClass(StrEnum):
    REPRESENTANTE = "representante"
    EMPLEADO = "empleado"
    GENERAL = "general"
    REPRESENTANTE_ENTIDAD = "representante_entidad"
    ENTIDAD = "entidad"
    ANALISTA = "analista"
    SUPERVISOR = "supervisor"
    ADMINISTRADOR = "administrador"


OCE_CLASSES = frozenset(
    {
        UserClass.REPRESENTANTE,
        UserClass.EMPLEADO,
        UserClass.GENERAL,
        UserClass.REPRESENTANTE_ENTIDAD,
        UserClass.ENTIDAD,
    }
)
STAFF_CLASSES = frozenset({UserClass.ANALISTA, UserClass.SUPERVISOR, UserClass.ADMINISTRADOR})
# Classes that belong to a company and log in with its RUC.
COMPANY_CLASSES = frozenset(
    {UserClass.REPRESENTANTE, UserClass.EMPLEADO, UserClass.REPRESENTANTE_ENTIDAD}
)
# Staff who may unlock accounts.
UNLOCKERS = frozenset({UserClass.SUPERVISOR, UserClass.ADMINISTRADOR})


# Someone who opened the Servicios de uso frecuente from the login screen without an account:
# the options that menus.toml marks `public`, nothing else (services/desk_base.py, access.py).
GUEST = "invitado"


def is_staff(user_class: str) -> bool:
    return user_class in STAFF_CLASSES


class UserState(StrEnum):
    ACTIVO = "activo"
    BLOQUEADO = "bloqueado"
    INHABILITADO = "inhabilitado"
    PENDIENTE = "pendiente"  # a Solicitud del uso not yet approved
    RECHAZADO = "rechazado"  # a Solicitud del uso rejected
