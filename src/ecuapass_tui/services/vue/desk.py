"""The Ventanilla Única's part of the Desk (docs/vue.md). What needs another domain (the
signer of 3.2.3, the e-documents of 1.6) is composed in `services/vue_signed.py`."""

from __future__ import annotations

from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.services.desk_base import DeskBase
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.vue import catalog, origin, pago_e, records, status, support
from ecuapass_tui.services.vue.dto import (
    CertificateRow,
    DjoRow,
    Fee,
    Institution,
    RequestDetail,
    RequestFilter,
    RequestPage,
    SupportDoc,
    VueForm,
)


class VueDesk(DeskBase):
    # -- catalog
    def vue_institutions(self) -> list[Institution]:
        return catalog.institutions()

    def vue_forms(
        self, institution_code: str = "", kind: str = catalog.ACOMPANAMIENTO
    ) -> list[VueForm]:
        return catalog.forms(institution_code, kind)

    # -- Estado de procesamiento, the institution's queue
    def vue_status_page(
        self, actor: Actor, wanted: RequestFilter, after: str | None = None, limit: int = 50
    ) -> RequestPage:
        with self.db.read() as s:
            return status.page(s, actor, wanted, after=after, limit=limit)

    def vue_queue(
        self, actor: Actor, wanted: RequestFilter, after: str | None = None, limit: int = 50
    ) -> RequestPage:
        with self.db.read() as s:
            records.institution_actor(s, actor)
            return status.page(s, actor, wanted, after=after, limit=limit)

    def vue_request(self, actor: Actor, number: str) -> RequestDetail:
        with self.db.read() as s:
            return status.detail(s, actor, number)

    # -- Pago-e
    def vue_fees(self, actor: Actor) -> list[Fee]:
        with self.db.read() as s:
            return pago_e.fees(s, actor)

    def vue_pay(self, actor: Actor, number: str, bank_reference: str) -> Fee:
        with self.db.write() as s:
            fee = pago_e.pay(s, actor, number, bank_reference, now=self.now(), mail=self.sends_mail)
        self.wake_mail()
        return fee

    def vue_reverse_payment(self, actor: Actor, number: str, reason: str) -> Fee:
        with self.db.write() as s:
            fee = pago_e.reverse(s, actor, number, reason, now=self.now(), mail=self.sends_mail)
        self.wake_mail()
        return fee

    def vue_receipt(self, actor: Actor, number: str) -> tuple[str, bytes]:
        with self.db.write() as s:
            return pago_e.receipt(s, actor, number, now=self.now())

    # -- Certificados de Origen y DJO
    def vue_djos(self, actor: Actor) -> list[DjoRow]:
        with self.db.read() as s:
            return origin.djos(s, actor, now=self.now())

    def vue_certificates(self, actor: Actor) -> list[CertificateRow]:
        with self.db.read() as s:
            return origin.certificates(s, actor, now=self.now())

    # -- Documentos de Soporte
    def vue_support_docs(self, actor: Actor) -> list[SupportDoc]:
        with self.db.read() as s:
            return support.documents(s, actor)

    def vue_register_support(
        self,
        actor: Actor,
        values: dict[str, object],
        attachments: dict[str, list[Attachment]] | None = None,
    ) -> SupportDoc:
        with self.db.write() as s:
            return support.register(s, actor, values, attachments, now=self.now())

    def vue_link_support(
        self, actor: Actor, doc_id: int, dai_number: str = "", request_number: str = ""
    ) -> SupportDoc:
        with self.db.write() as s:
            return support.link(
                s,
                actor,
                doc_id,
                dai_number=dai_number,
                request_number=request_number,
                now=self.now(),
            )

    def vue_supersede_support(
        self,
        actor: Actor,
        doc_id: int,
        values: dict[str, object],
        attachments: dict[str, list[Attachment]] | None = None,
    ) -> SupportDoc:
        with self.db.write() as s:
            return support.supersede(s, actor, doc_id, values, attachments, now=self.now())

    def vue_support_file(self, actor: Actor, doc_id: int) -> tuple[str, bytes]:
        with self.db.read() as s:
            return support.file(s, actor, doc_id)
