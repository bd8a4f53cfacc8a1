"""The demo data set, built from `data/demo/demo.toml` (trainers, `--demo`, `demo reset`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import Session, delete, select

from ecuapass_tui.core.identity import check_ruc
from ecuapass_tui.core.resources import read_toml
from ecuapass_tui.services import notice_texts
from ecuapass_tui.services.catalogs import load_catalogs
from ecuapass_tui.services.demo.accounts import ACCOUNT_TABLES, build_accounts
from ecuapass_tui.services.demo.hashes import demo_hash
from ecuapass_tui.services.demo.tickets import build_demo_tickets, reference_now
from ecuapass_tui.services.demo.tracking import TRACKING_TABLES, build_tracking
from ecuapass_tui.services.demo.vue import VUE_TABLES, build_vue
from ecuapass_tui.services.informativos.tariff_import import load_sample_lines
from ecuapass_tui.store.models import (
    AuditEvent,
    Company,
    DraftAttachment,
    Favourite,
    FormDraft,
    MailboxNotice,
    OceRegistration,
    OutboxMail,
    QueueMember,
    Suggestion,
    Ticket,
    TicketAttachment,
    TicketCounter,
    TicketEvent,
    TicketLink,
    User,
)
from ecuapass_tui.store.models_tracking import Cargo

_CREATED = datetime(2026, 1, 2, 13, 0, tzinfo=UTC)


class DemoDataError(Exception):
    pass


def demo_spec() -> dict[str, Any]:
    return read_toml("demo", "demo.toml")


def _clear(session: Session) -> None:
    for model in (
        *VUE_TABLES,
        *TRACKING_TABLES,
        *ACCOUNT_TABLES,
        OutboxMail,
        TicketLink,
        TicketAttachment,
        TicketEvent,
        Ticket,
        TicketCounter,
        QueueMember,
        Suggestion,
        DraftAttachment,
        FormDraft,
        AuditEvent,
        Favourite,
        MailboxNotice,
        User,
        OceRegistration,
        Company,
    ):
        session.exec(delete(model))  # type: ignore[call-overload]
    session.flush()


def _companies(session: Session, spec: dict[str, Any]) -> dict[str, Company]:
    """The demo's companies by RUC, with their OCE codes."""
    companies: dict[str, Company] = {}
    for item in spec["company"]:
        if check_ruc(item["ruc"]) is not None:
            raise DemoDataError(f"demo.toml: RUC no válido {item['ruc']}")
        company = Company(created_at=_CREATED, **item)
        session.add(company)
        companies[item["ruc"]] = company
    session.flush()
    for item in spec["oce"]:
        company = companies[item["ruc"]]
        assert company.id is not None
        session.add(
            OceRegistration(
                company_id=company.id,
                code=item["code"],
                oce_type_code=item["type"],
                start=item["start"],
                end=item["end"],
            )
        )
    return companies


def _users(
    session: Session, spec: dict[str, Any], companies: dict[str, Company]
) -> dict[str, User]:
    """The demo's users by username, with the queues of the staff."""
    users: dict[str, User] = {}
    for item in spec["user"]:
        ruc = item.get("ruc")
        company_id = companies[ruc].id if ruc else None
        updated = item.get("data_updated_at")
        user = User(
            username=item["username"],
            user_class=item["user_class"],
            company_id=company_id,
            id_doc_type=item.get("id_doc_type", "cedula"),
            id_doc_number=item.get("id_doc_number", ""),
            full_name=item["full_name"],
            email=item.get("email", ""),
            phone1=item.get("phone1", ""),
            mobile=item.get("mobile", ""),
            province_code=item.get("province"),
            canton_code=item.get("canton"),
            password_hash=demo_hash(item["password"]),
            state=item.get("state", "activo"),
            disabled_reason=item.get("disabled_reason", ""),
            data_updated_at=updated if isinstance(updated, date) else None,
            created_at=_CREATED,
        )
        session.add(user)
        users[item["username"]] = user
    session.flush()
    for item in spec["user"]:
        for code in item.get("queues", []):
            user_id = users[item["username"]].id
            assert user_id is not None
            session.add(QueueMember(queue_code=code, user_id=user_id))
    return users


def _notices(session: Session, spec: dict[str, Any], users: dict[str, User]) -> None:
    """The notices already in the demo's mailboxes."""
    for item in spec.get("notice", []):
        owner = users[item["username"]]
        assert owner.id is not None
        at = item["at"]
        texts = {
            "subject_es": item["subject"],
            "body_es": item.get("body", ""),
            "subject_en": item.get("subject_en", ""),
            "body_en": item.get("body_en", ""),
        }
        session.add(
            MailboxNotice(
                user_id=owner.id,
                subject=item["subject"],
                body=item.get("body", ""),
                created_at=at,
                read_at=at if item.get("read") else None,
                # Read in each reader's language (services/notice_texts.py, code "text").
                code="text" if texts["subject_en"] else "",
                params=notice_texts.dump(texts) if texts["subject_en"] else "",
            )
        )


def build_demo(
    session: Session,
    *,
    reference: datetime | None = None,
    catalogs: bool = True,
    activity: bool = True,
) -> dict[str, int]:
    """Replace every company, user and notice with the demo set; catalogs are refreshed
    (unless `catalogs` is False: they were loaded a moment ago).
    `reference`: the moment the demo tickets lead up to (default: the real clock; `--today`
    passes its day so that due times make sense on the day a trainer shows).
    Without `activity` only the people are built (companies, users, their notices and
    account data: what a login needs); `build_demo_activity` adds the rest."""
    spec = demo_spec()
    _clear(session)
    if catalogs:
        load_catalogs(session)
    companies = _companies(session, spec)
    users = _users(session, spec, companies)
    _notices(session, spec, users)
    build_accounts(session, users)
    load_sample_lines(session)
    if activity:
        build_demo_activity(session, users, reference=reference)
    session.flush()
    return {
        "companies": len(companies),
        "users": len(users),
        "notices": len(spec.get("notice", [])),
    }


def build_demo_activity(
    session: Session,
    users: Mapping[str, User],
    *,
    reference: datetime | None = None,
    checkpoint: Callable[[], None] | None = None,
) -> None:
    """The demo's tickets and cargo tracking, after its people. `checkpoint` is called between
    the tickets' steps (the demo's first start commits there, so that a login need not wait
    for the whole build). The tracking comes last: its rows mark a finished demo."""
    build_demo_tickets(
        session, users, params=demo_spec().get("tickets"), now=reference, checkpoint=checkpoint
    )
    build_vue(session, reference or reference_now())
    build_tracking(session)


def is_demo_built(session: Session) -> bool:
    """A demo whose build ran to its end (one stopped half-way is built again)."""
    return (
        session.exec(select(User).limit(1)).first() is not None
        and session.exec(select(Cargo).limit(1)).first() is not None
    )
