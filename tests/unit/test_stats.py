"""MS.7 figures: the published series shipped in data/stats/ are the seeds' numbers, and the
installation's own volumes count what the Mesa de Servicios registers (a queja as a queja,
an incident as an atención), for staff only."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.unit.test_tickets import open_incident, who

from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.errors import PermissionDenied
from ecuapass_tui.services.mesa import figures as stats

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
SEED_ROW = re.compile(r"\d+ (\d{4}-\d{2}) (\d+) (\d+)")


def seed_series(prefix: str) -> dict[str, tuple[int, int]]:
    """month -> (quejas, atenciones) from a seed's "# Año-Mes Volumen de Quejas Volumen de
    Atenciones" table."""
    if not SEEDS.is_dir():
        pytest.skip(f"the seeds are not beside the project ({SEEDS})")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    text = path.read_text(encoding="utf-8")
    table = text.split("# Año-Mes Volumen de Quejas Volumen de Atenciones", 1)[1]
    rows = {}
    for line in table.splitlines()[1:]:
        match = SEED_ROW.fullmatch(line.strip())
        if match is None:
            break
        month, quejas, atenciones = match.groups()
        rows[month] = (int(quejas), int(atenciones))
    return rows


@pytest.mark.parametrize(("series", "seed"), [("mesa", "000"), ("tracking", "001")])
def test_published_series_are_the_seeds_numbers(series: str, seed: str) -> None:
    shipped = {f.month: (f.quejas, f.atenciones) for f in stats.published(series)}
    expected = seed_series(seed)
    assert len(expected) == 62
    assert shipped == expected


def test_published_series_by_hand() -> None:
    mesa = {f.month: f for f in stats.published("mesa")}
    tracking = {f.month: f for f in stats.published("tracking")}
    assert (mesa["2024-08"].quejas, mesa["2024-08"].atenciones) == (65, 4503)
    assert (mesa["2020-01"].quejas, mesa["2020-01"].atenciones) == (1, 1500)
    assert (mesa["2025-02"].quejas, mesa["2025-02"].atenciones) == (27, 2843)
    assert (tracking["2024-12"].quejas, tracking["2024-12"].atenciones) == (0, 301780)
    assert (tracking["2021-12"].quejas, tracking["2021-12"].atenciones) == (1, 26577)
    months = [f.month for f in stats.published("mesa")]
    assert months == sorted(months) and months[0] == "2020-01" and months[-1] == "2025-02"
    with pytest.raises(ValueError):
        stats.published("otra")


def test_months_are_ecuadors() -> None:
    # 2026-12-01 03:00 UTC is still 30 November in Guayaquil (UTC-5).
    bounds = stats.month_starts(datetime(2026, 12, 1, 3, 0, tzinfo=UTC), 3)
    assert bounds == [
        datetime(2026, 9, 1, 5, tzinfo=UTC),
        datetime(2026, 10, 1, 5, tzinfo=UTC),
        datetime(2026, 11, 1, 5, tzinfo=UTC),
        datetime(2026, 12, 1, 5, tzinfo=UTC),
    ]
    across_year = stats.month_starts(datetime(2026, 1, 15, tzinfo=UTC), 2)
    assert across_year[0] == datetime(2025, 12, 1, 5, tzinfo=UTC)


def current(desk: Desk) -> stats.MonthFigure:
    figures = desk.mesa_figures(who(desk, "supervisor"))
    assert len(figures) == 18
    assert figures[-1].month == desk.now().astimezone(stats.ECUADOR).strftime("%Y-%m")
    return figures[-1]


def test_an_incident_and_a_queja_count_in_the_current_month(desk: Desk) -> None:
    agente, analista = who(desk, "agente"), who(desk, "analista")
    before = current(desk)
    number = open_incident(desk, agente)
    after_incident = current(desk)
    assert after_incident.atenciones == before.atenciones + 1
    assert after_incident.quejas == before.quejas
    desk.answer_ticket(analista, number, "incidente_solucionado", "Se corrigió el catálogo.")
    desk.accept_ticket(agente, number, 5, "Bien")
    desk.file_queja(agente, number, "El analista no explicó qué se corrigió en el sistema.")
    after_queja = current(desk)
    assert after_queja.quejas == before.quejas + 1
    assert after_queja.atenciones == after_incident.atenciones  # a queja is not an atención
    assert after_queja.rating is not None and after_queja.on_time is not None


def test_an_anulado_ticket_is_not_counted(desk: Desk) -> None:
    agente, analista = who(desk, "agente"), who(desk, "analista")
    before = current(desk)
    number = open_incident(desk, agente)
    desk.cancel_ticket(analista, number, "Duplicado de otro ticket del mismo usuario.")
    assert current(desk).atenciones == before.atenciones


def test_months_without_tickets_are_zero_and_the_demo_spreads_over_the_months(
    desk: Desk,
) -> None:
    figures = desk.mesa_figures(who(desk, "supervisor"), months=30)
    assert len(figures) == 30
    assert [f.month for f in figures] == sorted(f.month for f in figures)
    assert figures[0].atenciones == figures[0].quejas == 0  # before the demo's 18 months
    assert figures[0].rating is None and figures[0].on_time is None
    assert sum(f.atenciones for f in figures[-18:]) > 18


@pytest.mark.parametrize("username", ["agente", "ciudadano", "importador"])
def test_users_may_not_read_the_figures(desk: Desk, username: str) -> None:
    with pytest.raises(PermissionDenied):
        desk.mesa_figures(who(desk, username))


def test_analysts_and_supervisors_may(desk: Desk) -> None:
    for username in ("analista", "supervisor"):
        assert len(desk.mesa_figures(who(desk, username))) == 18
