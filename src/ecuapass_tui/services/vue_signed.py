"""The Ventanilla Única's uses that meet other domains, composed on the Desk's level: sending
a request or a DJO signs it with the user's .p12 (the signer of 3.2.3's convenio), the request
is kept among the company's e-documents (1.3 with Tipo de operación VUE lists it), and an
approval gives its document as a signed e-document (1.6, verifiable in 2.7)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session

from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.services import drafts
from ecuapass_tui.services.cuentas import signing
from ecuapass_tui.services.desk_base import DeskBase
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.tramites import documents
from ecuapass_tui.services.vue import catalog, moves, origin, send, states, status
from ecuapass_tui.services.vue.dto import DjoRow, RequestDetail, RequestRow, SignedText, draft_id
from ecuapass_tui.store.models_vue import VueRequest

OPERATION = "vue"


def _signed(p12: bytes, pin: str, text: str, now: datetime) -> SignedText:
    return SignedText(**asdict(signing.sign_text(p12, pin, text, now=now)))


def keep_sent(session: Session, request: VueRequest, text: str) -> None:
    """The request as sent, among the company's e-documents."""
    doc = documents.store_document(
        session,
        company_id=request.company_id,
        cargo_id=None,
        doc_type=request.form_code,
        title=catalog.form(request.form_code).name,
        direction="enviado",
        operation_type=OPERATION,
        delivery_number=request.number,
        at=request.sent_at,
        transmission_state="transmitido",
        document_state="enviado",
        content=text,
    )
    request.sent_document_id = doc.id
    session.add(request)


def store_approval(session: Session, request: VueRequest, at: datetime) -> None:
    """The approved document, signed by the installation, received by the company."""
    title, content = moves.approval_content(session, request)
    doc = documents.store_document(
        session,
        company_id=request.company_id,
        cargo_id=None,
        doc_type=request.form_code.replace("-REQ", "-RES"),
        title=title,
        direction="recibido",
        operation_type=OPERATION,
        delivery_number=request.number,
        at=at,
        transmission_state="recibido",
        document_state="emitido",
        content=content,
        parent_id=request.sent_document_id,
    )
    assert doc.id is not None
    moves.attach_document(session, request, doc.id)


class VueSignedDesk(DeskBase):
    def vue_send(
        self,
        actor: Actor,
        form_code: str,
        values: dict[str, object],
        attachments: dict[str, list[Attachment]] | None,
        p12: bytes,
        pin: str,
    ) -> RequestRow:
        now = self.now()
        with self.db.read() as s:
            prepared = send.prepare(s, actor, form_code, values, attachments, now=now)
        signed = _signed(p12, pin, prepared.text, now)
        with self.db.write() as s:
            request = send.store(s, actor, prepared, signed, now=now, mail=self.sends_mail)
            keep_sent(s, request, prepared.text)
            drafts.discard_draft(s, actor, draft_id(form_code))
            row = send.row_of(s, request)
        self.wake_mail()
        return row

    def vue_request_certificate(
        self,
        actor: Actor,
        djo_number: str,
        values: dict[str, object],
        p12: bytes,
        pin: str,
        attachments: dict[str, list[Attachment]] | None = None,
    ) -> RequestRow:
        form = catalog.origin_form()
        wanted = {**values, "djo": djo_number}
        return self.vue_send(actor, form.code, wanted, attachments, p12, pin)

    def vue_sign_djo(self, actor: Actor, values: dict[str, object], p12: bytes, pin: str) -> DjoRow:
        now = self.now()
        with self.db.read() as s:
            prepared = origin.prepare_djo(s, actor, values, now=now)
        signed = _signed(p12, pin, prepared.text, now)
        with self.db.write() as s:
            row = origin.store_djo(s, actor, prepared, signed, now=now)
            drafts.discard_draft(s, actor, draft_id(origin.DJO_SPEC))
        return row

    def vue_move(
        self,
        actor: Actor,
        number: str,
        to_state: str,
        note: str = "",
        amount: Decimal | str | None = None,
    ) -> RequestDetail:
        now = self.now()
        with self.db.write() as s:
            request = moves.move(
                s,
                actor,
                number,
                to_state,
                note=note,
                amount=amount,
                now=now,
                mail=self.sends_mail,
            )
            if to_state == states.APPROVED:
                store_approval(s, request, now)
            detail = status.detail(s, actor, number)
        self.wake_mail()
        return detail
