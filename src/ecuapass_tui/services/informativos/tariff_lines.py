"""A subpartida's national lines in force on a consultation date (2.1.1)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlmodel import Session, col, or_, select

from ecuapass_tui.forms.dates import date_value
from ecuapass_tui.services import access
from ecuapass_tui.services.dto import Actor
from ecuapass_tui.services.errors import FieldErrors, NotFound
from ecuapass_tui.services.informativos.nomenclature import SUBPARTIDA, path
from ecuapass_tui.services.informativos.tariff_dto import (
    ControlDocument,
    NationalLine,
    SubpartidaLines,
    percent,
)
from ecuapass_tui.services.informativos.tariff_search import OPTION
from ecuapass_tui.store.models_tariff import TariffControl, TariffLine


def consultation_date(raw: str, today: date) -> date:
    """The typed consultation date (dd/mm/aaaa or ISO; empty is today), or a FieldErrors
    for the field `fecha`."""
    if not raw.strip():
        return today
    value = date_value(raw.strip())
    if not isinstance(value, date):
        raise FieldErrors(rules={"fecha": "tar_date"})
    return value


def _controls(session: Session, ids: list[int]) -> dict[int, list[ControlDocument]]:
    found: dict[int, list[ControlDocument]] = defaultdict(list)
    if ids:
        rows = session.exec(
            select(TariffControl)
            .where(col(TariffControl.line_id).in_(ids))
            .order_by(col(TariffControl.id))
        ).all()
        for row in rows:
            found[row.line_id].append(ControlDocument(row.institution, row.document))
    return found


def national_line(row: TariffLine, controls: list[ControlDocument]) -> NationalLine:
    assert row.id is not None
    return NationalLine(
        id=row.id,
        identif=row.identif,
        subpartida=row.subpartida,
        complementario=row.complementario,
        suplementario=row.suplementario,
        description=row.description,
        unit=row.unit,
        ad_valorem=percent(row.ad_valorem),
        ice=percent(row.ice),
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        comment=row.comment,
        sample=row.sample,
        controls=tuple(controls),
    )


def lines_on(session: Session, actor: Actor, code: str, on: date) -> SubpartidaLines:
    """The national lines of the 6-digit subpartida `code` in force on `on`."""
    access.require_option(session, actor, OPTION)
    above = path(session, code, actor.language == "en")
    if above[-1].level != SUBPARTIDA:
        raise NotFound()
    rows = session.exec(
        select(TariffLine)
        .where(
            col(TariffLine.subpartida).startswith(code),
            TariffLine.valid_from <= on,
            or_(col(TariffLine.valid_to).is_(None), col(TariffLine.valid_to) >= on),
        )
        .order_by(col(TariffLine.identif))
    ).all()
    controls = _controls(session, [row.id for row in rows if row.id is not None])
    lines = tuple(national_line(row, controls[row.id or 0]) for row in rows)
    return SubpartidaLines(on=on, path=above, lines=lines)
