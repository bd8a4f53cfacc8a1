"""Desk methods for SENAE Tracking and the Trámites Operativos; a part of `Desk`."""

from __future__ import annotations

from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.services.desk_base import DeskBase
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.tramites import (
    document_lists,
    documents,
    integrity,
    payments,
    tracking,
    tracking_events,
    tracking_form,
    tracking_import,
)
from ecuapass_tui.services.tramites.tracking_dto import CargoDetail, CargoPage, EventInput, Recorded


class TrackingDesk(DeskBase):
    # -- SENAE Tracking, 2.11
    def search_cargo(
        self, actor: Actor, query: str = "", after: str | None = None, limit: int = 50
    ) -> CargoPage:
        with self.db.read() as s:
            return tracking.search(s, actor, query, after=after, limit=limit)

    def cargo(self, actor: Actor, cargo_id: int) -> CargoDetail:
        with self.db.read() as s:
            return tracking.detail(s, actor, cargo_id)

    # -- staff: MS.3, MS.4
    def record_event(self, actor: Actor, data: EventInput) -> Recorded:
        with self.db.write() as s:
            return tracking_events.record_event(s, actor, data, now=self.now())

    def record_event_form(self, actor: Actor, values: dict[str, object]) -> Recorded:
        with self.db.write() as s:
            return tracking_form.record_from_form(s, actor, values, now=self.now())

    def import_events(self, actor: Actor, content: bytes) -> tracking_import.ImportResult:
        with self.db.write() as s:
            return tracking_import.import_csv(s, actor, content, now=self.now())

    # -- 1.3, 1.6, 2.7
    def documents_page(
        self,
        actor: Actor,
        wanted: document_lists.DocumentFilter,
        after: str | None = None,
        limit: int = 50,
    ) -> document_lists.DocumentPage:
        with self.db.read() as s:
            return document_lists.documents_page(s, actor, wanted, after=after, limit=limit)

    def document(self, actor: Actor, document_id: int) -> documents.DocumentDetail:
        with self.db.read() as s:
            return documents.detail(s, actor, document_id)

    def export_document(self, actor: Actor, document_id: int) -> tuple[str, bytes]:
        with self.db.write() as s:
            row = documents.to_row(documents.load(s, actor, document_id))
            data = documents.export_bytes(s, actor, document_id, now=self.now())
        return documents.export_name(row), data

    def verify_document(self, actor: Actor, content: bytes) -> integrity.IntegrityResult:
        with self.db.write() as s:
            return integrity.verify_file(s, actor, content, now=self.now())

    # -- 1.11 and MS.5
    def pending_liquidations(self, actor: Actor) -> list[payments.PendingLiquidation]:
        with self.db.read() as s:
            return payments.pending_liquidations(s, actor)

    def request_payment_facility(
        self,
        actor: Actor,
        values: dict[str, object],
        attachments: dict[str, list[Attachment]] | None = None,
    ) -> str:
        with self.db.write() as s:
            return payments.submit(s, actor, values, attachments, now=self.now())

    def my_payment_facilities(self, actor: Actor) -> list[payments.FacilityRow]:
        with self.db.read() as s:
            return payments.my_requests(s, actor)

    def payment_facilities_to_decide(self, actor: Actor) -> list[payments.FacilityRow]:
        with self.db.read() as s:
            return payments.requests_to_decide(s, actor)

    def decide_payment_facility(self, actor: Actor, number: str, approve: bool, note: str) -> None:
        with self.db.write() as s:
            payments.decide(s, actor, number, approve, note, now=self.now())
