"""What recording a stage does besides the event (see `tracking_events`): the declaration,
the signed e-documents (DAI, Notificación de aceptado, Pago-e, salida autorizada) and the
mailbox notices to the consignee's and the declarant's users."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from ecuapass_tui.core.clock import local
from ecuapass_tui.core.roles import COMPANY_CLASSES
from ecuapass_tui.services.notices import post_notice
from ecuapass_tui.services.tramites.documents import store_document
from ecuapass_tui.services.tramites.tracking_dto import CHANNEL_NAMES_ES, Channel, EventInput, Stage
from ecuapass_tui.store.models import OceRegistration, User
from ecuapass_tui.store.models_tracking import Cargo, Declaration, EDocument

SENDER = "SENAE TRACKING"


def _owner(session: Session, cargo: Cargo) -> int:
    """The company that sends the declaration: the declarant's, else the consignee."""
    if cargo.declarant_oce:
        row = session.exec(
            select(OceRegistration).where(OceRegistration.code == cargo.declarant_oce)
        ).first()
        if row is not None:
            return row.company_id
    return cargo.company_id


def _notify_companies(
    session: Session, cargo: Cargo, doc_type: str, number: str, body: str, at: datetime
) -> None:
    """The document's notice to both companies: its title in each reader's language, its
    body the signed document as SENAE issued it."""
    companies = {cargo.company_id, _owner(session, cargo)}
    users = session.exec(
        select(User.id).where(
            col(User.company_id).in_(companies),
            col(User.user_class).in_(list(COMPANY_CLASSES)),
            User.state == "activo",
        )
    ).all()
    for user_id in users:
        if user_id is not None:
            post_notice(
                session,
                user_id=user_id,
                code="tracking_document",
                params={"titulo": doc_type, "numero": number},
                body=body,
                at=at,
                sender=SENDER,
            )


def _dai_document(session: Session, declaration: Declaration) -> EDocument | None:
    return session.exec(
        select(EDocument).where(
            EDocument.delivery_number == declaration.delivery_number,
            col(EDocument.parent_id).is_(None),
        )
    ).first()


def _money(cents: int) -> str:
    return f"USD {cents // 100:,}.{cents % 100:02d}"


def _transmitted(session: Session, cargo: Cargo, delivery: str, at: datetime) -> None:
    """A DAI transmitted: the declaration's row and the DAI among the e-documents."""
    session.add(
        Declaration(
            cargo_id=cargo.id or 0,
            company_id=cargo.company_id,
            delivery_number=delivery,
            transmitted_at=at,
        )
    )
    content = (
        "DECLARACIÓN ADUANERA DE IMPORTACIÓN (DAI)\n"
        f"Número de entrega: {delivery}\nMRN: {cargo.mrn}\n"
        f"Documento de transporte: {cargo.transport_doc_type} {cargo.transport_doc}\n"
        f"Declarante (OCE): {cargo.declarant_oce}\nDistrito: {cargo.district_code}\n"
        f"Régimen: {cargo.regime}\nMercancía: {cargo.goods}\n"
        f"Transmitida: {local(at).strftime('%d/%m/%Y %H:%M:%S')}\n"
    )
    store_document(
        session,
        company_id=_owner(session, cargo),
        cargo_id=cargo.id,
        doc_type="dai",
        title="Declaración Aduanera de Importación (DAI)",
        direction="enviado",
        operation_type="importacion",
        delivery_number=delivery,
        at=at,
        transmission_state="transmitido",
        document_state="enviado",
        content=content,
    )


def _stage_notice(stage: Stage, declaration: Declaration) -> tuple[str, str, str] | None:
    """The document a stage sends the companies: its type, title and body (None: none)."""
    if stage == Stage.CANAL_ASIGNADO:
        return (
            "notif_aceptado",
            "Notificación de aceptado",
            f"Número de DAI: {declaration.dai_number}\n"
            f"Canal de aforo: {CHANNEL_NAMES_ES[Channel(declaration.channel)]}\n"
            f"Número de liquidación: {declaration.liquidation_number}\n"
            f"Monto de la liquidación: {_money(declaration.liquidation_cents)}\n",
        )
    if stage == Stage.LIQUIDACION_PAGADA:
        return (
            "pago",
            "Comprobante de pago (Pago-e)",
            f"Número de liquidación: {declaration.liquidation_number}\n"
            f"Monto pagado: {_money(declaration.liquidation_cents)}\n",
        )
    if stage == Stage.SALIDA_AUTORIZADA:
        return (
            "salida",
            "Notificación de salida autorizada",
            f"Número de DAI: {declaration.dai_number}\nLa carga puede salir del depósito.\n",
        )
    return None


def effects(
    session: Session,
    cargo: Cargo,
    declaration: Declaration | None,
    stage: Stage,
    data: EventInput,
    delivery: str,
    dai: str,
    liquidation: str,
    source: str,
) -> None:
    """What a stage changes besides the cargo's own row: the declaration, its e-documents and
    the notices to the companies."""
    at = data.at
    notify = source != "demo"  # demo cargo leaves the demo mailboxes as demo.toml has them
    if stage == Stage.DAI_TRANSMITIDA:
        _transmitted(session, cargo, delivery, at)
        return
    if declaration is None:
        return
    parent = _dai_document(session, declaration)
    if stage == Stage.DAI_ACEPTADA:
        declaration.dai_number = dai
        declaration.liquidation_number = liquidation
        declaration.liquidation_cents = data.liquidation_cents
        declaration.accepted_at = at
        if parent is not None:
            parent.document_state = "aceptado"
            session.add(parent)
    elif stage == Stage.CANAL_ASIGNADO:
        declaration.channel = data.channel
        cargo.channel = data.channel
    elif stage == Stage.LIQUIDACION_PAGADA:
        declaration.paid_at = at
    notice = _stage_notice(stage, declaration)
    if notice is not None:
        _notification(session, cargo, declaration, parent, at, *notice, notify)
    session.add(declaration)


def _notification(
    session: Session,
    cargo: Cargo,
    declaration: Declaration,
    parent: EDocument | None,
    at: datetime,
    doc_type: str,
    title: str,
    body: str,
    notify: bool,
) -> None:
    content = (
        f"{title.upper()}\nNúmero de entrega: {declaration.delivery_number}\nMRN: {cargo.mrn}\n"
        + body
    )
    store_document(
        session,
        company_id=_owner(session, cargo),
        cargo_id=cargo.id,
        doc_type=doc_type,
        title=title,
        direction="recibido",
        operation_type="importacion",
        delivery_number=declaration.delivery_number,
        at=at,
        transmission_state="recibido",
        document_state="emitido",
        content=content,
        parent_id=parent.id if parent else None,
    )
    if notify:
        number = declaration.dai_number or declaration.delivery_number
        _notify_companies(session, cargo, doc_type, number, content, at)
