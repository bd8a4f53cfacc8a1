"""The accounts part of the demo set: security answers of three demo users (for Reinicio de
clave), the options granted to the demo Empleado, and two Solicitudes del uso waiting for a
decision (an Empleado of Agencia Aduanera Andina for its Representante, a new company's
Representante for the administrator)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from ecuapass_tui.core.roles import UserState
from ecuapass_tui.services.cuentas.registration_rules import normalise_answer
from ecuapass_tui.services.demo.certificate import demo_certificate_id
from ecuapass_tui.services.demo.hashes import demo_hash
from ecuapass_tui.services.demo.login_list import DEMO_CERTIFICATE_USER
from ecuapass_tui.store.models import User
from ecuapass_tui.store.models_accounts import (
    AccountRequest,
    EmployeePermission,
    RequestFile,
    SecurityAnswer,
    SecurityCode,
    SignedConvenio,
    UserContact,
    UserPreference,
)

ACCOUNT_TABLES = (
    RequestFile,
    AccountRequest,
    SecurityAnswer,
    SecurityCode,
    EmployeePermission,
    SignedConvenio,
    UserContact,
    UserPreference,
)
# Same answers for the three, so that a trainer remembers them.
DEMO_ANSWERS = (
    ("ciudad_preferida", "Quito"),
    ("primera_mascota", "Firulais"),
    ("escuela_primaria", "Simón Bolívar"),
)
ANSWERED = ("agente", "empleado", "ciudadano")
EMPLOYEE_GRANTS = ("3.9.1", "3.9.2", "3.9.3")
_AT = datetime(2026, 11, 20, 14, 0, tzinfo=UTC)
PENDING_PASSWORD = "Pendiente2026ec"  # noqa: S105  (demo data: their requests are pending)

PENDING: tuple[dict[str, Any], ...] = (
    {
        "kind": "empleado",
        "username": "auxiliar",
        "full_name": "PEDRO JOSÉ CALDERÓN RÍOS",
        "cedula": "1710034065",
        "email": "pcalderon@andina.example",
        "ruc": "1792060346001",
        "values": {
            "razon_social": "AGENCIA ADUANERA ANDINA S.A.",
            "posicion": "AUXILIAR DE ADUANA",
            "tipos_oce": [{"codigo": "03907058", "tipo": "agente_aduana", "inicio": "9/2002"}],
        },
    },
    {
        "kind": "representante",
        "username": "transandes",
        "full_name": "GABRIELA SOFÍA NARVÁEZ PAZMIÑO",
        "cedula": "1803456712",
        "email": "gnarvaez@transandes.example",
        "ruc": "1790016900001",
        "values": {
            "razon_social": "TRANSPORTES ANDES DEL NORTE S.A.",
            "direccion_empresa": "Panamericana Norte km 7, Quito",
            "telefono_empresa": "+59322801234",
            "posicion": "representantes",
            "tipos_oce": [
                {"codigo": "21907744", "tipo": "transportista_terrestre", "inicio": "3/2020"}
            ],
        },
    },
)


# Registration data app_user does not hold, so that 3.2.3 starts filled in.
CONTACTS = {
    "agente": ("Av. Amazonas N34-120 y Av. Atahualpa, Quito", "claro", "representantes"),
    "empleado": ("Av. Amazonas N34-120 y Av. Atahualpa, Quito", "movistar", "AUXILIAR"),
    "importador": ("Av. 9 de Octubre 1911 y Los Ríos, Guayaquil", "claro", "representantes"),
    "mtorres": ("Calle Larga 7-55 y Borrero, Cuenca", "cnt", "representantes"),
    "entidad": ("Av. Eloy Alfaro N30-350 y Av. Amazonas, Quito", "", "DIRECTORA"),
    "ciudadano": ("Av. García Moreno 12-40, Guaranda", "claro", ""),
}


def build_accounts(session: Session, users: dict[str, User]) -> None:
    for name, (direccion, operadora, posicion) in CONTACTS.items():
        user_id = users[name].id
        assert user_id is not None
        session.add(
            UserContact(
                user_id=user_id,
                direccion=direccion,
                operadora=operadora,
                posicion=posicion,
                updated_at=_AT,
            )
        )
    for name in ANSWERED:
        user_id = users[name].id
        assert user_id is not None
        for position, (question, answer) in enumerate(DEMO_ANSWERS, start=1):
            session.add(
                SecurityAnswer(
                    user_id=user_id,
                    position=position,
                    question=question,
                    answer_hash=demo_hash(normalise_answer(answer)),
                )
            )
    _register_sample_certificate(session, users[DEMO_CERTIFICATE_USER])
    employee_id = users["empleado"].id
    granter_id = users["agente"].id
    assert employee_id is not None and granter_id is not None
    for number in EMPLOYEE_GRANTS:
        session.add(
            EmployeePermission(
                user_id=employee_id, option_number=number, granted_by_id=granter_id, granted_at=_AT
            )
        )
    for item in PENDING:
        user = User(
            username=str(item["username"]),
            user_class=str(item["kind"]),
            company_id=users["agente"].company_id if item["kind"] == "empleado" else None,
            id_doc_number=str(item["cedula"]),
            full_name=str(item["full_name"]),
            email=str(item["email"]),
            province_code="17",
            canton_code="1701",
            password_hash=demo_hash(PENDING_PASSWORD),
            state=UserState.PENDIENTE,
            created_at=_AT,
        )
        session.add(user)
        session.flush()
        assert user.id is not None
        values: dict[str, Any] = dict(item["values"])
        values.update(id_usuario=user.username, nombre_usuario=user.full_name, correo=user.email)
        session.add(
            AccountRequest(
                kind=str(item["kind"]),
                user_id=user.id,
                company_ruc=str(item["ruc"]),
                state="pendiente",
                values_json=json.dumps(values, ensure_ascii=False, sort_keys=True),
                created_at=_AT,
                email_confirmed_at=_AT,
            )
        )


def _register_sample_certificate(session: Session, user: User) -> None:
    """The user's Solicitud del uso, approved, named the sample certificate (certificado-demo.p12):
    a trainer logs in with it (Certificado on the login screen)."""
    assert user.id is not None
    session.add(
        AccountRequest(
            kind=user.user_class,
            user_id=user.id,
            state="aprobada",
            values_json=json.dumps({"certificado_id": demo_certificate_id()}),
            created_at=_AT,
            email_confirmed_at=_AT,
            decided_at=_AT,
        )
    )
