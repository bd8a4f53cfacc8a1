"""The demo's Ventanilla Única: an institution user per institution, requests of the
Importadora del Pacífico in every processing state at the four institutions, fees paid,
pending and reversed, a DJO in force and a certificate of origin that expires within 30 days.
Everything goes through the VUE services, signed with the demo's sample certificate."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from ecuapass_tui.core.clock import local
from ecuapass_tui.services.cuentas import signing
from ecuapass_tui.services.demo.certificate import make_demo_p12
from ecuapass_tui.services.demo.login_list import DEMO_CERTIFICATE_PIN
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.vue import catalog, moves, origin, pago_e, records, send, states
from ecuapass_tui.services.vue.dto import SignedText
from ecuapass_tui.services.vue_signed import keep_sent, store_approval
from ecuapass_tui.store.models import MailboxNotice, User
from ecuapass_tui.store.models_vue import (
    VueCounter,
    VueDjo,
    VueInstitutionMember,
    VuePayment,
    VueRequest,
    VueRequestEvent,
    VueRequestFile,
    VueSupportDoc,
)

# Deleted before the e-documents, users and companies they point at.
VUE_TABLES = (
    VueSupportDoc,
    VuePayment,
    VueRequestFile,
    VueRequestEvent,
    VueRequest,
    VueDjo,
    VueInstitutionMember,
    VueCounter,
)
MEMBERS = {"entidad": "101", "arcsa": "130", "mipro": "132", "inp": "109"}
COMPANY_USER = "importador"
OCE = "41700215"
PAY = "pay"
REVERSE = "reverse"
# Each request: its form and the steps after the send (a state, or a payment and its reversal).
LIVES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("101-002-REQ", ()),
    ("130-001-REQ", ("210",)),
    ("132-001-REQ", ("210", "120")),
    ("101-031-REQ", ("210", "120", PAY)),
    ("109-001-REQ", ("210", "120", PAY, "230")),
    ("109-001-REQ", ("210", "120", PAY, "230", "240")),
    ("130-004-REQ", ("210", "310")),
    ("101-002-REQ", ("210", "120", PAY, "320")),
    ("130-001-REQ", ("210", "410")),
    ("132-001-REQ", ("210", "410", "420")),
    ("101-031-REQ", ("210", "120", PAY, "320", "510")),
    ("130-004-REQ", ("210", "120", PAY, "320", "140")),
    ("132-001-REQ", ("210", "120", PAY, "320", "510", "150")),
    ("101-002-REQ", ("610",)),
    ("130-001-REQ", ("610", "620")),
    ("109-001-REQ", ("210", "120", PAY, "320", "640")),
    ("132-001-REQ", ("210", "120", PAY, "320", "640", "650")),
    ("101-031-REQ", ("910",)),
    ("101-002-REQ", ("210", "120", PAY, REVERSE)),
)
NOTES = {
    "310": "El producto requiere registro sanitario previo.",
    "410": "Adjunte la ficha técnica del producto.",
    "420": "Se adjunta la ficha técnica solicitada.",
    "610": "La importación fue cancelada por el proveedor.",
    "640": "Se emitió por error; se solicitará uno nuevo.",
    "910": "La subpartida no corresponde al producto declarado.",
    "140": "Cambio del puerto de llegada.",
    "150": "Corrección del peso neto.",
}
FEES = {"101": "30.00", "130": "120.00", "132": "15.00", "109": "40.00"}


def request_values(day: str = "02/11/2026") -> dict[str, object]:
    """A complete Documentos de Acompañamiento request of the Importadora del Pacífico
    (`day`: its Fecha de la solicitud, dd/mm/aaaa)."""
    return {
        "ciudad": "Guayaquil",
        "fecha_solicitud": day,
        "tipo_documento": "inscripcion",
        "clasificacion": "juridica_privada",
        "identificacion": {"type": "ruc", "number": "0993456780001"},
        "razon_social": "IMPORTADORA DEL PACÍFICO CÍA. LTDA.",
        "provincia": "09",
        "canton": "0901",
        "direccion": "Av. 9 de Octubre 1200 y Pedro Moncayo",
        "representante": "JORGE LUIS ALVARADO CEDEÑO",
        "telefono": "0998765432",
        "correo": "jalvarado@pacifico.example",
        "operacion": "importacion",
        "operador_ruc": "0993456780001",
        "operador_nombre": "IMPORTADORA DEL PACÍFICO CÍA. LTDA.",
        "regimen": "10",
        "pais_origen": "Colombia",
        "pais_embarque": "Colombia",
        "via_transporte": "maritima",
        "puerto": "Guayaquil",
        "fabricante_nombre": "CAFETALERA DEL SUR S.A.",
        "fabricante_pais": "Colombia",
        "productos": [
            {
                "subpartida": "0901119000",
                "complementario": "0000",
                "suplementario": "0000",
                "descripcion": "Café verde sin tostar",
                "cantidad": "1200",
                "unidad": "sacos",
                "peso_neto": "21600",
                "fob": "18500.00",
                "cif": "19650.00",
            }
        ],
        "contenedores": [{"numero": "MSCU1234567", "tipo": "reefer", "sello": "CL884512"}],
    }


def djo_values() -> dict[str, object]:
    return {
        "empresa_ruc": "0993456780001",
        "empresa_nombre": "IMPORTADORA DEL PACÍFICO CÍA. LTDA.",
        "empresa_direccion": "Km 10 vía a Daule, Guayaquil",
        "empresa_telefono": "0998765432",
        "empresa_correo": "jalvarado@pacifico.example",
        "producto": "Camarón congelado",
        "subpartida": "0306171100",
        "unidad": "kg",
        "instrumento": "ninguno",
        "costo_materiales": "4.10",
        "mano_obra": "0.90",
        "gastos_fabrica": "0.40",
        "valor_fabrica": "6.20",
        "proceso": "Cosecha, clasificación, congelación IQF y empaque.",
        "caracteristicas": "Camarón entero congelado, tallas 20/30 a 60/70.",
        "aplicaciones": "Consumo humano.",
        "valor_agregado": "92",
        "acuerdo": "ue",
        "criterio": "Totalmente obtenido",
        "representante_nombre": "JORGE LUIS ALVARADO CEDEÑO",
        "representante_identificacion": {"type": "cedula", "number": "0912345675"},
        "representante_cargo": "GERENTE GENERAL",
        "declaracion": True,
    }


def certificate_values(djo_number: str, day: str = "20/05/2026") -> dict[str, object]:
    return {
        "djo": djo_number,
        "acuerdo": "ue",
        "pais_destino": "España",
        "importador_destino": "PESCADOS DEL CANTÁBRICO S.L.",
        "factura": "001-001-000004512",
        "fecha_factura": day,
        "productos": [
            {
                "subpartida": "0306171100",
                "descripcion": "Camarón congelado",
                "cantidad": "18000",
                "unidad": "kg",
                "fob": "111600",
            }
        ],
    }


class _Builder:
    def __init__(self, session: Session, users: dict[str, User], now: datetime) -> None:
        self.session = session
        # Read once: every demo request is signed with the sample certificate's key.
        self.key, cert = signing.load_certificate(make_demo_p12(), DEMO_CERTIFICATE_PIN, now=now)
        self.der = signing.der_of(cert)
        self.subject = cert.subject.rfc4514_string()[:300]
        self.actors = {name: _actor(user) for name, user in users.items()}
        self.company = self.actors[COMPANY_USER].with_oce(OCE)

    def sign(self, text: str, at: datetime) -> SignedText:
        algorithm, signature = signing.sign_message(self.key, text.encode())
        fingerprint = hashlib.sha256(self.der).hexdigest()
        return SignedText(algorithm, signature, self.der, fingerprint, self.subject)

    def send(self, form_code: str, values: dict[str, object], at: datetime) -> VueRequest:
        prepared = send.prepare(self.session, self.company, form_code, values, None, now=at)
        request = send.store(
            self.session, self.company, prepared, self.sign(prepared.text, at), now=at, mail=False
        )
        keep_sent(self.session, request, prepared.text)
        return request

    def step(self, request: VueRequest, step: str, at: datetime) -> None:
        officer = self.actors[_member_of(request.institution_code)]
        if step == PAY:
            pago_e.pay(
                self.session, self.company, request.number, f"BP{at:%m%d%H%M}01", now=at, mail=False
            )
        elif step == REVERSE:
            pago_e.reverse(
                self.session,
                officer,
                request.number,
                "Cheque devuelto por el banco.",
                now=at,
                mail=False,
            )
        else:
            side = states.TRANSITIONS[request.state][step]
            actor = self.company if side == states.COMPANY else officer
            amount = FEES[request.institution_code] if step == states.FEE_AUTHORISED else None
            moves.move(
                self.session,
                actor,
                request.number,
                step,
                note=NOTES.get(step, ""),
                amount=amount,
                now=at,
                mail=False,
            )
            if step == states.APPROVED:
                store_approval(self.session, request, at)

    def live(self, form_code: str, steps: tuple[str, ...], start: datetime) -> None:
        request = self.send(form_code, request_values(_day(start)), start)
        for n, step in enumerate(steps, start=1):
            self.step(request, step, start + timedelta(hours=5 * n))

    def origin(self, now: datetime) -> None:
        signed_at = now - timedelta(days=200)
        prepared = origin.prepare_djo(self.session, self.company, djo_values(), now=signed_at)
        djo = origin.store_djo(
            self.session, self.company, prepared, self.sign(prepared.text, signed_at), now=signed_at
        )
        start = now - timedelta(days=160)
        form = catalog.origin_form().code
        request = self.send(form, certificate_values(djo.number, _day(start)), start)
        for n, step in enumerate(("210", "120", PAY, "320", "510"), start=1):
            self.step(request, step, start + timedelta(hours=n))


def _day(at: datetime) -> str:
    return local(at).strftime("%d/%m/%Y")


def _actor(user: User) -> Actor:
    assert user.id is not None
    return Actor(user.id, user.username, user.user_class, user.full_name, user.company_id, "es")


def _member_of(institution_code: str) -> str:
    return next(name for name, code in MEMBERS.items() if code == institution_code)


def build_vue(session: Session, now: datetime) -> int:
    """The VUE's demo rows; the number of requests."""
    now = now.astimezone(UTC).replace(microsecond=0)
    users = {
        user.username: user
        for user in session.exec(
            select(User).where(User.username.in_([COMPANY_USER, *MEMBERS]))  # type: ignore[attr-defined]
        ).all()
    }
    if set(users) != {COMPANY_USER, *MEMBERS}:
        return 0
    for name, code in MEMBERS.items():
        user_id = users[name].id
        assert user_id is not None
        session.add(VueInstitutionMember(user_id=user_id, institution_code=code))
    session.flush()
    builder = _Builder(session, users, now)
    for n, (form_code, steps) in enumerate(LIVES):
        builder.live(form_code, steps, now - timedelta(days=len(LIVES) - n, hours=8))
    builder.origin(now)
    _read_all_but_the_newest(session, [user.id for user in users.values() if user.id is not None])
    return len(LIVES) + 1


def _read_all_but_the_newest(session: Session, user_ids: list[int], keep: int = 3) -> None:
    """Twenty requests' lives leave dozens of VUE notices: a trainer's Buzón shows the newest
    few as unread, the rest as read (on the day they came)."""
    for user_id in user_ids:
        notices = session.exec(
            select(MailboxNotice)
            .where(
                MailboxNotice.user_id == user_id,
                MailboxNotice.sender == records.SENDER,
                MailboxNotice.read_at.is_(None),  # type: ignore[union-attr]
            )
            .order_by(MailboxNotice.created_at.desc())  # type: ignore[attr-defined]
            .offset(keep)
        ).all()
        for notice in notices:
            notice.read_at = notice.created_at
            session.add(notice)
