"""Solicitud del uso through the Desk: every type from the form to the first login, the
refusals beside their fields, the e-mail code (frozen clock), approvals by the right people."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import col, select
from tests.unit.registration_values import PASSWORD, values_for

from ecuapass_tui.services.cuentas.codes import CodeRefused
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.errors import FieldErrors, LoginFailed, NotFound, PermissionDenied
from ecuapass_tui.store.models import Company, MailboxNotice, OceRegistration, User
from ecuapass_tui.store.models_accounts import AccountRequest, SecurityAnswer, SecurityCode

# The subject here is what is checked, not what a hash costs.
pytestmark = pytest.mark.cheap_hashes

LOGIN_RUC = {"representante": "1790016910001", "empleado": "1792060346001"}


def refused_fields(desk: Desk, kind: str, **changes: object) -> dict[str, str]:
    with pytest.raises(FieldErrors) as caught:
        desk.submit_registration(kind, values_for(kind, **changes), None)
    fields = {e.field.split(".")[0]: e.code for e in caught.value.errors}
    fields.update(caught.value.rules)
    return fields


@pytest.mark.parametrize(
    ("kind", "decider"),
    [
        ("representante", "admin"),
        ("empleado", "agente"),
        ("general", None),
        ("representante_entidad", "admin"),
        ("entidad", "admin"),
    ],
)
def test_each_type_registers_confirms_its_email_is_approved_and_logs_in(
    desk: Desk, kind: str, decider: str | None
) -> None:

    done = desk.submit_registration(kind, values_for(kind), None)
    assert done.sent.demo_code is not None and done.sent.to.startswith("nu***")
    ruc = LOGIN_RUC.get(kind, "1760001550001" if kind == "representante_entidad" else "")
    with pytest.raises(LoginFailed) as waiting:
        desk.login(ruc, "nuevo.usuario", PASSWORD, None)
    assert waiting.value.code == "pendiente"
    state = desk.confirm_registration(done.request_id, done.sent.demo_code)
    assert state == ("aprobada" if decider is None else "pendiente")
    if decider is not None:
        passwords = {"admin": "Admin2026ecuapass", "agente": "Aduana2026ec"}
        deciding = desk.login(
            "1792060346001" if decider == "agente" else "", decider, passwords[decider], None
        )
        assert [r.id for r in desk.pending_requests(deciding) if r.username == "nuevo.usuario"]
        assert desk.decide_request(deciding, done.request_id, True) == "aprobada"
    actor = desk.login(ruc, "nuevo.usuario", PASSWORD, None)
    assert actor.user_class == kind
    with desk.db.read() as s:
        user = s.get(User, actor.user_id)
        assert user is not None and user.state == "activo"
        assert user.password_hash != PASSWORD and PASSWORD not in user.password_hash
        answers = s.exec(select(SecurityAnswer).where(SecurityAnswer.user_id == user.id)).all()
        assert len(answers) == 3 and all(a.answer_hash.startswith("$argon2") for a in answers)
        request = s.get(AccountRequest, done.request_id)
        assert request is not None and PASSWORD not in request.values_json
        assert "Firulais" not in request.values_json
    if kind == "representante":
        assert [c.code for c in desk.oce_choices(actor)[0].codes] == ["21907755"]
        with desk.db.read() as s:
            company = s.exec(select(Company).where(Company.ruc == "1790016910001")).one()
            reg = s.exec(select(OceRegistration).where(OceRegistration.code == "21907755")).one()
            assert reg.company_id == company.id and reg.end.year == 9999
            assert (reg.start.month, reg.start.year) == (3, 2020)


@pytest.mark.parametrize(
    ("field", "bad", "code"),
    [
        ("ruc_empresa", "1763154690001", "ruc_invalid"),
        ("documento", {"type": "cedula", "number": "1710034066"}, "cedula_invalid"),
        ("correo", "pedro@@correo", "email_invalid"),
        ("telefono1", "12345", "phone_invalid"),
    ],
)
def test_invalid_ruc_cedula_email_and_phone_are_refused_beside_their_field(
    desk: Desk, field: str, bad: object, code: str
) -> None:
    assert refused_fields(desk, "representante", **{field: bad}).get(field) == code


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("Corta2026", "too_short"),  # the form engine says it first (min_length = 10)
        ("soloLetrasSinNumeros", "password_letters_digits"),
        ("nuevo.usuario2026", "password_personal"),
        ("Calderon20262026", "password_personal"),
    ],
)
def test_the_password_policy_is_enforced_beside_the_password(
    desk: Desk, password: str, code: str
) -> None:
    fields = refused_fields(desk, "general", contrasena=password, contrasena__confirm=password)
    assert fields.get("contrasena") == code


def test_confirmations_must_match(desk: Desk) -> None:
    fields = refused_fields(
        desk, "general", contrasena__confirm="Otra2026clave", correo_confirmacion="x@correo.example"
    )
    assert fields["contrasena__confirm"] == "password_mismatch"
    assert fields["correo_confirmacion"] == "not_equal"


def test_taken_names_repeated_questions_and_a_foreign_canton_are_refused(desk: Desk) -> None:
    fields = refused_fields(
        desk,
        "general",
        username="agente",
        correo="cmoreno@andina.example",
        correo_confirmacion="cmoreno@andina.example",
        pregunta_clave2="mes_matrimonio",
        ciudad="0901",
    )
    assert fields["pregunta_clave2"] == "question_repeated"
    assert fields["ciudad"] == "canton_province"
    fields = refused_fields(
        desk,
        "general",
        username="AGENTE",
        correo="CMoreno@andina.example",
        correo_confirmacion="CMoreno@andina.example",
    )
    assert fields == {"id_usuario": "username_taken", "correo": "email_taken"}
    assert not desk.username_available("Agente") and desk.username_available("libre.2026")
    assert not desk.email_available("cmoreno@andina.example")


def test_an_employee_needs_a_registered_company_and_its_own_oce_codes(desk: Desk) -> None:
    fields = refused_fields(desk, "empleado", ruc_empresa="1790016910001")
    assert fields["ruc_empresa"] == "company_unknown"
    other = [{"codigo": "41700215", "tipo": "importador_exportador", "inicio": "6/2015"}]
    assert refused_fields(desk, "empleado", tipos_oce=other)["tipos_oce"] == "oce_not_of_company"
    taken = [{"codigo": "03907058", "tipo": "agente_aduana", "inicio": "9/2002"}]
    assert refused_fields(desk, "representante", tipos_oce=taken)["tipos_oce"] == "oce_taken"
    future = [{"codigo": "21907755", "tipo": "agente_aduana", "inicio": "12/2099"}]
    assert refused_fields(desk, "representante", tipos_oce=future)["tipos_oce"] == "oce_start"


def test_an_entity_representative_needs_a_public_entitys_ruc(desk: Desk) -> None:
    fields = refused_fields(desk, "representante_entidad", ruc_entidad="1792060346001")
    assert fields == {"ruc_entidad": "ruc_not_public"}
    fields = refused_fields(
        desk, "representante_entidad", ruc_entidad="1792060346001", correo="mal@@correo"
    )
    assert fields["ruc_entidad"] == "ruc_not_public" and fields["correo"] == "email_invalid"


def test_consultar_gives_the_known_company_data(desk: Desk) -> None:
    info = desk.registration_company("1792060346001")
    assert info is not None and info.razon_social == "AGENCIA ADUANERA ANDINA S.A."
    assert desk.registration_company("1790016910001") is None


@pytest.mark.parametrize(
    ("kind", "ruc", "case"),
    [
        ("empleado", "1792060346001", "found"),
        ("representante", "1792060346001", "company_has_representative"),
        ("representante", "1790016910001", "unknown"),
        ("representante", "1763154690001", "ruc_invalid"),
        ("representante", "17920603", "ruc_format"),
        ("representante", " ", "required"),
        ("representante_entidad", "1792060346001", "ruc_not_public"),
    ],
)
def test_consultar_says_which_case_the_ruc_is(desk: Desk, kind: str, ruc: str, case: str) -> None:
    found = desk.registration_lookup(kind, ruc)
    assert found.case == case
    known = case in ("found", "company_has_representative")
    assert (found.info is not None) == known
    if known:
        assert found.info is not None and found.info.razon_social == "AGENCIA ADUANERA ANDINA S.A."


def test_a_company_has_one_representative(desk: Desk) -> None:
    taken = {"ruc_empresa": "1792060346001", "tipos_oce": []}
    assert refused_fields(desk, "representante", **taken)["ruc_empresa"] == (
        "company_has_representative"
    )
    done = desk.submit_registration("representante", values_for("representante"), None)
    assert done.sent.demo_code is not None
    assert desk.confirm_registration(done.request_id, done.sent.demo_code) == "pendiente"
    second = values_for("representante", username="otro.rep")
    with pytest.raises(FieldErrors) as waiting:
        desk.submit_registration("representante", second, None)
    assert waiting.value.rules["ruc_empresa"] == "company_request_waiting"
    assert desk.registration_lookup("representante", "1790016910001").case == "unknown"


def test_leaving_the_code_dialog_frees_the_id_and_the_email_at_once(desk: Desk) -> None:
    first = desk.submit_registration("general", values_for("general"), None)
    assert desk.cancel_registration(first.request_id) is True
    assert desk.username_available("nuevo.usuario")
    assert desk.email_available("nuevousuario@correo.example")
    again = desk.submit_registration("general", values_for("general"), None)
    assert again.sent.demo_code is not None
    assert desk.confirm_registration(again.request_id, again.sent.demo_code) == "aprobada"
    assert desk.cancel_registration(again.request_id) is False  # confirmed: it stays
    assert desk.login("", "nuevo.usuario", PASSWORD, None).username == "nuevo.usuario"


def test_the_same_person_submitting_again_replaces_the_unconfirmed_request(desk: Desk) -> None:
    """The dialog never got its answer (the link dropped): the same ID and e-mail again."""
    first = desk.submit_registration("general", values_for("general"), None)
    again = desk.submit_registration("general", values_for("general"), None)
    assert first.sent.demo_code is not None and again.sent.demo_code is not None
    if first.sent.demo_code != again.sent.demo_code:
        with pytest.raises(CodeRefused):  # the first code went with its request
            desk.confirm_registration(again.request_id, first.sent.demo_code)
    assert desk.confirm_registration(again.request_id, again.sent.demo_code) == "aprobada"
    with desk.db.read() as s:
        users = s.exec(select(User).where(User.username == "nuevo.usuario")).all()
        requests = s.exec(
            select(AccountRequest).where(col(AccountRequest.user_id).in_([u.id for u in users]))
        ).all()
    assert len(users) == 1 and [r.state for r in requests] == ["aprobada"]


def test_an_expired_code_is_refused_and_a_new_one_replaces_it(desk: Desk) -> None:
    done = desk.submit_registration("general", values_for("general"), None)
    code = done.sent.demo_code
    assert code is not None
    desk.clock.advance(timedelta(minutes=16))  # type: ignore[attr-defined]
    with pytest.raises(CodeRefused) as late:
        desk.confirm_registration(done.request_id, code)
    assert late.value.code == "code_expired"
    fresh = desk.resend_registration_code(done.request_id).demo_code
    assert fresh is not None
    if fresh != code:
        with pytest.raises(CodeRefused) as replaced:
            desk.confirm_registration(done.request_id, code)  # a new code spends the old one
        assert replaced.value.code == "code_wrong"
    assert desk.confirm_registration(done.request_id, fresh) == "aprobada"
    with pytest.raises(Exception) as again:
        desk.confirm_registration(done.request_id, fresh)
    assert getattr(again.value, "code", "") == "email_already_confirmed"


def test_wrong_codes_are_counted_and_persist_until_the_code_is_spent(desk: Desk) -> None:
    done = desk.submit_registration("general", values_for("general"), None)
    assert done.sent.demo_code is not None
    wrong = "000000" if done.sent.demo_code != "000000" else "111111"
    lefts = []
    for _ in range(4):
        with pytest.raises(CodeRefused) as caught:
            desk.confirm_registration(done.request_id, wrong)
        lefts.append(caught.value.params.get("left"))
    assert lefts == [4, 3, 2, 1]
    with pytest.raises(CodeRefused) as last:
        desk.confirm_registration(done.request_id, wrong)
    assert last.value.code == "code_attempts"
    with pytest.raises(CodeRefused) as blocked:
        desk.confirm_registration(done.request_id, done.sent.demo_code)
    assert blocked.value.code == "code_attempts"
    with desk.db.read() as s:
        row = s.exec(select(SecurityCode).where(SecurityCode.purpose == "confirmar_correo")).all()[
            -1
        ]
        assert row.attempts == 5 and done.sent.demo_code not in row.code_hash


def test_only_the_right_people_decide_and_the_decision_reaches_the_applicant(
    desk: Desk,
) -> None:
    rep = desk.submit_registration("representante", values_for("representante"), None)
    emp = desk.submit_registration("empleado", values_for("empleado", username="aux.dos"), None)
    for done in (rep, emp):
        assert done.sent.demo_code is not None
        desk.confirm_registration(done.request_id, done.sent.demo_code)
    admin = desk.login("", "admin", "Admin2026ecuapass", None)
    agente = desk.login("1792060346001", "agente", "Aduana2026ec", None)
    importador = desk.login("0993456780001", "importador", "Pacifico2026ec", None)
    analista = desk.login("", "analista", "Analista2026ec", None)
    assert {r.username for r in desk.pending_requests(admin)} == {"nuevo.usuario", "transandes"}
    assert {r.username for r in desk.pending_requests(agente)} == {"aux.dos", "auxiliar"}
    assert desk.pending_requests(importador) == []
    with pytest.raises(PermissionDenied):
        desk.pending_requests(analista)
    with pytest.raises(NotFound):
        desk.decide_request(agente, rep.request_id, True)  # not his to decide
    with pytest.raises(NotFound):
        desk.decide_request(importador, emp.request_id, True)  # another company's employee
    with pytest.raises(FieldErrors):
        desk.decide_request(admin, rep.request_id, False, "no")  # a reason is required
    assert desk.decide_request(admin, rep.request_id, False, "El RUC no corresponde al SRI.")
    with pytest.raises(LoginFailed) as refused:
        desk.login("1790016910001", "nuevo.usuario", PASSWORD, None)
    assert refused.value.code == "rechazado"
    assert "El RUC no corresponde" in str(refused.value.params["reason"])
    assert desk.decide_request(agente, emp.request_id, True) == "aprobada"
    with pytest.raises(Exception) as twice:
        desk.decide_request(agente, emp.request_id, False, "Ya no trabaja con nosotros.")
    assert getattr(twice.value, "code", "") == "request_decided"
    with desk.db.read() as s:
        subjects = [
            n.subject
            for n in s.exec(select(MailboxNotice)).all()
            if n.subject.startswith("SOLICITUD DEL USO")
        ]
    assert "SOLICITUD DEL USO RECHAZADA" in subjects and "SOLICITUD DEL USO APROBADA" in subjects


def test_with_smtp_the_code_is_mailed_and_not_shown(demo_db) -> None:  # type: ignore[no-untyped-def]
    from tests.helpers import frozen_clock

    from ecuapass_tui.store.models import OutboxMail

    woken: list[bool] = []
    desk = Desk(demo_db, clock=frozen_clock(), demo_mode=True, mail_sent=lambda: woken.append(True))
    done = desk.submit_registration("general", values_for("general"), None)
    assert done.sent.demo_code is None and done.sent.by_mail and woken == [True]
    with desk.db.read() as s:
        mail = s.exec(select(OutboxMail)).all()[-1]
        notice = s.exec(select(MailboxNotice)).all()[-1]
    assert mail.to_addr == "nuevousuario@correo.example"
    assert "Su código de seguridad" in mail.body and mail.body == notice.body
    code = mail.body.split("es: ")[1][:6]
    assert desk.confirm_registration(done.request_id, code) == "aprobada"


def test_without_smtp_and_without_demo_a_code_cannot_be_sent(demo_db) -> None:  # type: ignore[no-untyped-def]
    from tests.helpers import frozen_clock

    from ecuapass_tui.services.errors import ServiceError

    desk = Desk(demo_db, clock=frozen_clock(), demo_mode=False)
    with pytest.raises(ServiceError) as refused:
        desk.submit_registration("general", values_for("general"), None)
    assert refused.value.code == "mail_not_configured"
    with desk.db.read() as s:
        assert s.exec(select(User).where(User.username == "nuevo.usuario")).first() is None


def test_an_unconfirmed_request_lapses_after_a_day_and_frees_its_id(desk: Desk) -> None:
    desk.submit_registration("general", values_for("general"), None)
    other = {"correo": "otro@correo.example", "correo_confirmacion": "otro@correo.example"}
    assert refused_fields(desk, "general", **other)["id_usuario"] == "username_taken"
    desk.clock.advance(timedelta(hours=25))  # type: ignore[attr-defined]
    again = desk.submit_registration("general", values_for("general"), None)
    with desk.db.read() as s:
        users = s.exec(select(User).where(User.username == "nuevo.usuario")).all()
        requests = s.exec(select(AccountRequest)).all()
    assert [u.id for u in users] == [again.sent and users[0].id]
    assert [r.id for r in requests if r.state == "correo_pendiente"] == [again.request_id]
