"""Pilot flows of SENAE Tracking and the Trámites Operativos at 80x24: what the user sees and
what the database holds afterwards. Options are opened through the command palette, so the
menu registry and the screen registry are exercised too."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import col, select
from tests.ui.flows import login_as_agente_to_home, screen_text, settle
from tests.ui.mesa_user_flows import open_option
from tests.ui.tracking_flows import as_supervisor
from textual.widgets import DataTable, Input, TextArea

from ecuapass_tui.store.models import MailboxNotice
from ecuapass_tui.store.models_tracking import PaymentFacility, TrackingEvent
from ecuapass_tui.widgets.form import FormView
from ecuapass_tui.widgets.timeline import TrackingTimeline

SIZE = (80, 24)


def timeline_text(pilot) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one(TrackingTimeline).render())


async def test_tracking_search_timeline_and_keys(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await login_as_agente_to_home(pilot)
        await open_option(pilot, "2.11")
        assert "CEC2026MSCU0001" in screen_text(pilot)
        assert "CEC2026TUL00014" not in screen_text(pilot)  # declared by another company
        field = pilot.app.screen.query_one("#tracking-query", Input)
        field.focus()
        field.value = "HLXU3382210"
        await pilot.press("enter")
        await settle(pilot)
        table = pilot.app.screen.query_one("#tracking-cargo", DataTable)
        assert table.row_count == 1
        text = timeline_text(pilot)
        assert "● Aforo" in text and "actual" in text and "observado" in text
        assert "○ Liquidación pagada" in text and "pendiente" in text
        assert "Documental" in text
        await pilot.press("enter")  # to the timeline
        await pilot.press("up")
        await settle(pilot)
        assert "Canal de aforo asignado ·" in screen_text(pilot)
        field.focus()
        field.value = "CEC2026TUL00014"
        await pilot.press("enter")
        await settle(pilot)
        assert "No hay cargas que coincidan." in screen_text(pilot)


async def test_estado_tramite_detail_export_and_integrity(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await login_as_agente_to_home(pilot)
        await open_option(pilot, "1.3")
        assert "Resultado: 1" in screen_text(pilot)  # Periodo Hoy on the frozen 24/11/2026
        await pilot.press("enter")
        await settle(pilot)
        assert "Declaración Aduanera de Importación (DAI)" in screen_text(pilot)
        await pilot.app.pop_screen()
        await settle(pilot)
        screen = pilot.app.screen
        screen.query_one("#f-periodo").value = "mes"
        await settle(pilot)
        screen.query_one("#f-estado").value = "aceptado"
        await settle(pilot)
        table = screen.query_one("#docs-table", DataTable)
        assert table.row_count >= 3
        table.focus()
        table.move_cursor(row=1)  # the newest accepted DAI has no channel (no notice) yet
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(pilot)
        assert "Notificación de aceptado" in text and "Número de DAI" in text
        await pilot.press("x")
        await settle(pilot)
        pilot.app.screen.query_one("#export-folder", Input).value = str(tmp_path)
        await pilot.press("enter")
        await settle(pilot)
        files = list(tmp_path.glob("dai-*.json"))
        assert len(files) == 1
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await open_option(pilot, "2.7")
        pilot.app.screen.verify(files[0])
        await settle(pilot)
        assert "ÍNTEGRO" in screen_text(pilot)
        files[0].write_text(files[0].read_text().replace("MRN", "MRX"))
        pilot.app.screen.verify(files[0])
        await settle(pilot)
        text = screen_text(pilot)
        assert "ALTERADO" in text and "SHA-256 del contenido: NO coincide" in text


async def test_staff_event_refused_with_reason(make_app, ui_db) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await as_supervisor(pilot)
        await open_option(pilot, "MS.3")
        with ui_db.read() as s:
            before = len(s.exec(select(TrackingEvent)).all())
        form = pilot.app.screen.query_one(FormView)
        form.set_values(
            {
                "mrn": "CEC2026MSCU0007",
                "etapa": "salida_autorizada",
                "fecha_hora": "24/11/2026 09:30",
            }
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(pilot)
        assert "No se puede registrar «Salida autorizada»" in text
        assert "«Aforo concluido»" in text
        with ui_db.read() as s:
            assert len(s.exec(select(TrackingEvent)).all()) == before
        form.set_values(
            {"mrn": "CEC2026MSCU0007", "etapa": "aforo_concluido", "fecha_hora": "24/11/2026 09:30"}
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "✔ Registrado: CEC2026MSCU0007 · Aforo concluido" in screen_text(pilot)


async def test_csv_import_shows_bad_lines(make_app, ui_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "eventos.csv"
    path.write_text(
        "mrn,etapa,fecha_hora\n"
        "CEC2026MSCU0007,aforo_concluido,24/11/2026 09:00\n"
        "CEC2026MSCU0007,salida_autorizada,24/11/2026 09:05\n",
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await as_supervisor(pilot)
        await open_option(pilot, "MS.4")
        pilot.app.screen.run_import(path)
        await settle(pilot)
        text = screen_text(pilot)
        assert "No se importó nada: 1 línea con errores." in text
        assert "Línea 3:" in text and "«Liquidación pagada»" in text
        with ui_db.read() as s:
            assert not s.exec(select(TrackingEvent).where(col(TrackingEvent.source) == "csv")).all()


async def test_payment_facility_request_and_decision(make_app, ui_db) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await login_as_agente_to_home(pilot)
        await open_option(pilot, "1.11")
        await pilot.press("enter")  # the first pending liquidación into the form
        await settle(pilot)
        form = pilot.app.screen.query_one(FormView)
        values = form.values()
        assert values["numero_liquidacion"] and values["distrito"] == "028"
        values.update(cuotas="4", justificacion="x" * 10)
        form.set_values(values)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Justificación" in screen_text(pilot)  # too short: shown beside the field
        values.update(
            justificacion="Pagaremos en cuatro cuotas con las ventas de diciembre y enero."
        )
        form.set_values(values)
        await pilot.press("ctrl+s")
        await settle(pilot)
        with ui_db.read() as s:
            request = s.exec(select(PaymentFacility).where(PaymentFacility.instalments == 4)).one()
        number = request.number
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await as_supervisor(pilot)
        await open_option(pilot, "MS.5")
        table = pilot.app.screen.query_one("#pf-table", DataTable)
        table.move_cursor(row=table.get_row_index(number))
        await pilot.press("enter")
        await settle(pilot)
        pilot.app.screen.query_one("#pf-note", TextArea).text = "Garantía suficiente y sin mora."
        await pilot.click("#pf-approve")
        await settle(pilot)
        with ui_db.read() as s:
            assert s.get(PaymentFacility, request.id).state == "aprobada"  # type: ignore[union-attr]
            notices = s.exec(
                select(MailboxNotice).where(col(MailboxNotice.subject).contains(number))
            )
            assert any("APROBADA" in n.subject for n in notices)
