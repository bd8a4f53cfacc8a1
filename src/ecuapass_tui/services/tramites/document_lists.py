"""The lists of e-documents: 1.3 Estado de Trámite Integral (filters, keyset pages) and
1.6 e-Documentos (sent and received). Only the actor's company's documents, ever."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, func, or_, select

from ecuapass_tui.core.clock import start_of_local_day
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, PermissionDenied
from ecuapass_tui.services.tramites.documents import DocumentRow, require_documents, to_row
from ecuapass_tui.store.models_tracking import EDocument


@dataclass(frozen=True)
class DocumentFilter:
    operation_type: str = ""  # "" = todos
    title: str = ""
    delivery_number: str = ""
    state: str = ""  # document_state; "" = todos
    direction: str = ""  # enviado / recibido; "" = both
    start: date | None = None  # local days, both included
    end: date | None = None
    text: str = ""  # búsqueda en resultados
    top_level: bool = True  # notifications are shown inside their document


@dataclass(frozen=True)
class DocumentPage:
    rows: tuple[DocumentRow, ...]
    next_cursor: str | None


def period_range(period: str, today: date) -> tuple[date | None, date | None]:
    """Hoy, Semana (the last 7 days), Mes (the last 30 days); 'rango' is given by the user."""
    if period == "hoy":
        return today, today
    if period == "semana":
        return today - timedelta(days=6), today
    if period == "mes":
        return today - timedelta(days=29), today
    return None, None


def _cursor(row: EDocument) -> str:
    return f"{row.delivered_at.isoformat()}|{row.id}"


def _parse_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        at, ident = cursor.rsplit("|", 1)
        return datetime.fromisoformat(at), int(ident)
    except ValueError:
        raise FieldErrors(rules={"cursor": "invalid"}) from None


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def documents_page(
    session: Session,
    actor: Actor,
    wanted: DocumentFilter,
    *,
    after: str | None = None,
    limit: int = 50,
) -> DocumentPage:
    """The company's documents, newest first, `limit` at a time (keyset on delivered_at, id)."""
    if actor.company_id is None:
        raise PermissionDenied()
    require_documents(session, actor)
    if wanted.start and wanted.end and wanted.start > wanted.end:
        raise FieldErrors(rules={"desde": "trk_range_reversed"})
    query = select(EDocument).where(EDocument.company_id == actor.company_id)
    if wanted.top_level:
        query = query.where(col(EDocument.parent_id).is_(None))
    if wanted.operation_type:
        query = query.where(EDocument.operation_type == wanted.operation_type)
    if wanted.direction:
        query = query.where(EDocument.direction == wanted.direction)
    if wanted.state:
        query = query.where(EDocument.document_state == wanted.state)
    if wanted.title.strip():
        pattern = _like(wanted.title.strip())
        query = query.where(func.lower(EDocument.title).like(pattern, escape="\\"))
    if wanted.delivery_number.strip():
        number = wanted.delivery_number.strip().upper()
        query = query.where(col(EDocument.delivery_number).startswith(number, autoescape=True))
    if wanted.start:
        query = query.where(EDocument.delivered_at >= start_of_local_day(wanted.start))
    if wanted.end:
        ends = start_of_local_day(wanted.end + timedelta(days=1))
        query = query.where(EDocument.delivered_at < ends)
    if wanted.text.strip():
        pattern = _like(wanted.text.strip())
        query = query.where(
            or_(
                func.lower(EDocument.title).like(pattern, escape="\\"),
                func.lower(EDocument.delivery_number).like(pattern, escape="\\"),
                func.lower(EDocument.doc_type).like(pattern, escape="\\"),
                func.lower(EDocument.document_state).like(pattern, escape="\\"),
                func.lower(EDocument.transmission_state).like(pattern, escape="\\"),
            )
        )
    if after:
        at, ident = _parse_cursor(after)
        query = query.where(
            or_(
                col(EDocument.delivered_at) < at,
                (col(EDocument.delivered_at) == at) & (col(EDocument.id) < ident),
            )
        )
    query = query.order_by(col(EDocument.delivered_at).desc(), col(EDocument.id).desc())
    rows = session.exec(query.limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    return DocumentPage(
        tuple(to_row(r) for r in rows), _cursor(rows[-1]) if more and rows else None
    )
