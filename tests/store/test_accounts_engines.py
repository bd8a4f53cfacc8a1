"""The account services on SQLite and PostgreSQL: an Empleado registers, confirms the e-mail
code, is approved by the Representante, is granted an option, resets the password after a
lockout and signs the convenio (row locks, booleans, binary columns, case-insensitive names)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import select
from tests.helpers import lock_out
from tests.p12 import PIN, make_p12
from tests.unit.registration_values import PASSWORD, values_for

from ecuapass_tui.core.clock import FixedClock
from ecuapass_tui.services.catalogs import load_catalogs
from ecuapass_tui.services.cuentas import signing
from ecuapass_tui.services.cuentas.auth import hash_password
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.errors import PermissionDenied
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import Company, OceRegistration, User
from ecuapass_tui.store.models_accounts import SignedConvenio

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
RUC = "1792060346001"


def seed(db: Database) -> None:
    with db.write() as s:
        load_catalogs(s)
        company = Company(
            ruc=RUC,
            razon_social="AGENCIA ADUANERA ANDINA S.A.",
            tipo_persona="juridica_privada",
            created_at=NOW,
        )
        s.add(company)
        s.flush()
        assert company.id is not None
        s.add(
            OceRegistration(
                company_id=company.id,
                code="03907058",
                oce_type_code="agente_aduana",
                start=date(2002, 9, 1),
                end=date(9999, 12, 31),
            )
        )
        s.add(
            User(
                username="agente",
                user_class="representante",
                company_id=company.id,
                full_name="CARLOS MORENO",
                email="cmoreno@andina.example",
                password_hash=hash_password("Aduana2026ec"),
                created_at=NOW,
                data_updated_at=date(2026, 1, 10),
            )
        )


def test_an_employee_from_request_to_signed_convenio(any_db: Database) -> None:
    seed(any_db)
    desk = Desk(any_db, clock=FixedClock(NOW), demo_mode=True)
    done = desk.submit_registration("empleado", values_for("empleado", username="Aux.Uno"), None)
    assert done.sent.demo_code is not None
    assert desk.confirm_registration(done.request_id, done.sent.demo_code) == "pendiente"
    agente = desk.login(RUC, "agente", "Aduana2026ec", None)
    (pending,) = desk.pending_requests(agente)
    assert desk.decide_request(agente, pending.id, True) == "aprobada"
    empleado = desk.login(RUC, "aux.uno", PASSWORD, None)
    with pytest.raises(PermissionDenied):
        desk.lookup_ruc(empleado, RUC)
    desk.set_permission(agente, empleado.user_id, "2.4.1", True)
    assert desk.lookup_ruc(empleado, RUC).registered
    lock_out(desk, RUC, "aux.uno")
    started = desk.start_reset("AUX.UNO", "auxuno@correo.example")
    assert desk.reset_password(
        username="aux.uno",
        email="auxuno@correo.example",
        code=started.sent.demo_code,
        answers=["junio", "firulais", "cuenca"],
        password="OtraClave2027",
        confirmation="OtraClave2027",
    )
    empleado = desk.login(RUC, "aux.uno", "OtraClave2027", None)
    values, _email = desk.update_values(empleado)
    values.update(codigo_seguridad=desk.request_update_code(empleado).demo_code)
    desk.modify_data(empleado, values)
    desk.sign_convenio(empleado, make_p12(NOW), PIN)
    with any_db.read() as s:
        row = s.exec(select(SignedConvenio)).one()
    assert signing.verify(row.certificate, row.algorithm, row.signature, signing.convenio().text)
