"""The plain data the VUE services return (docs/vue.md lists the Desk methods)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

DRAFT_PREFIX = "vue:"


def draft_id(form_code: str) -> str:
    """The shared drafts' form id of a VUE form: one draft per user and form."""
    return DRAFT_PREFIX + form_code


@dataclass(frozen=True)
class Institution:
    code: str
    short_name: str
    name: str


@dataclass(frozen=True)
class VueForm:
    code: str
    institution_code: str
    name: str
    kind: str  # acompanamiento | origen
    spec_id: str
    fee: Decimal


@dataclass(frozen=True)
class RequestFilter:
    institution_code: str = ""
    state: str = ""
    start: date | None = None  # local days, both included (fecha de estado)
    end: date | None = None
    kind: str = ""  # "" = every kind


@dataclass(frozen=True)
class RequestRow:
    number: str
    institution_code: str
    institution: str
    form_code: str
    form_name: str
    company: str
    sent_at: datetime | None
    state: str
    state_at: datetime
    fee: Decimal | None
    document_id: int | None


@dataclass(frozen=True)
class RequestPage:
    rows: tuple[RequestRow, ...]
    next_cursor: str | None


@dataclass(frozen=True)
class HistoryEntry:
    state: str
    from_state: str
    at: datetime
    by: str
    note: str


@dataclass(frozen=True)
class RequestDetail:
    row: RequestRow
    values: dict[str, object]
    history: tuple[HistoryEntry, ...]
    allowed: tuple[str, ...]
    signed_by: str
    djo_number: str


@dataclass(frozen=True)
class Fee:
    number: str
    institution: str
    form_name: str
    amount: Decimal
    authorised_at: datetime
    state: str
    bank_reference: str
    paid_at: datetime | None
    reversed_at: datetime | None
    reversal_reason: str


@dataclass(frozen=True)
class DjoRow:
    number: str
    product: str
    subpartida: str
    signed_at: datetime
    valid_from: date
    valid_until: date
    in_force: bool


@dataclass(frozen=True)
class CertificateRow:
    number: str
    djo_number: str
    state: str
    valid_until: date | None
    expires_soon: bool


@dataclass(frozen=True)
class SupportDoc:
    id: int
    kind: str
    number: str
    issued_on: date
    issuer: str
    sha256: str
    file_name: str
    dai_number: str
    request_number: str
    linked_at: datetime | None
    superseded_by: int | None


@dataclass(frozen=True)
class SignedText:
    """A signature made with the user's .p12 (made by the Desk with the 3.2.3 signer)."""

    algorithm: str
    signature: bytes
    certificate: bytes
    fingerprint: str
    subject: str
