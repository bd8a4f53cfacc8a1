"""Pilot flows of the Ventanilla Única at 80x24: the company asks for a permit (one bad value
said beside its field, fixed, signed, sent) and finds it in Estado de procesamiento and in 1.3;
the institution receives it and authorises its fee, the company pays in Pago-e, the institution
approves it, and the company sees every step; a correction asked and answered; a supporting PDF
registered and linked; a DJO signed and a certificate asked on it. What the user sees and what
the database holds.

Each flow takes 2-6 s: it is a whole trámite across two users (one app session each), the
request's form has some forty fields, and each send is signed with a fresh .p12 (EC keys, the
cheapest). Requests the flow does not look at are made through the Desk."""

from __future__ import annotations

import re
from pathlib import Path

from sqlmodel import select
from tests.helpers import frozen_clock
from tests.p12 import PIN, make_p12
from tests.ui.flows import AGENTE, login_as_agente_to_home, screen_text, settle
from tests.ui.mesa_user_flows import open_option as open_from_palette
from tests.ui.vue_flows import (
    CERTIFICATE,
    DJO,
    IMPORTADOR,
    PRODUCT,
    REQUEST,
    login_as_institution,
    login_to_home,
    sign_in_dialog,
)
from textual.widgets import Button, DataTable, OptionList, Select

from ecuapass_tui.app import EcuapassApp
from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.screens.confirm import ConfirmScreen
from ecuapass_tui.screens.registry import open_option
from ecuapass_tui.screens.vue.ask import AskScreen
from ecuapass_tui.screens.vue.moves import MoveScreen
from ecuapass_tui.screens.vue.request_form import RequestFormScreen, SentScreen
from ecuapass_tui.screens.vue.request_view import RequestScreen
from ecuapass_tui.services.desk import Desk
from ecuapass_tui.services.keyring_store import Remembered
from ecuapass_tui.store.models_vue import VueRequest, VueSupportDoc
from ecuapass_tui.widgets.form import FieldBlock, FormView
from ecuapass_tui.widgets.inputs import Field

SIZE = (80, 24)
HOSTILE = "[b]Falta[/b] la ficha [@click=app.quit]técnica[/] \x1b[31m"


def error_beside(pilot, field: str) -> str:  # type: ignore[no-untyped-def]
    block = pilot.app.screen.query_one(f"#fv-{field}", FieldBlock)
    return " ".join(str(w.render()) for w in block.query(".fv-error"))


async def choose_form(pilot, institution: str, form: str) -> None:  # type: ignore[no-untyped-def]
    screen = pilot.app.screen
    institutions = screen.query_one("#vue-institutions", OptionList)
    institutions.highlighted = institutions.get_option_index(institution)
    await pilot.pause()
    forms = screen.query_one("#vue-forms", OptionList)
    forms.focus()
    forms.highlighted = forms.get_option_index(form)
    await pilot.press("enter")
    await settle(pilot)


async def send_request(pilot, folder: Path) -> str:  # type: ignore[no-untyped-def]
    """4.1, found by a word in the palette: AGROCALIDAD 101-002; a bad e-mail is said beside
    its field before any PIN is asked; a subpartida the tariff lacks comes back from the
    service beside the products; fixed, signed with a .p12 and sent. Returns the number."""
    await open_from_palette(pilot, "fitosanitario")
    assert "AGROCALIDAD" in screen_text(pilot)
    await choose_form(pilot, "101", "101-002-REQ")
    screen = pilot.app.screen
    assert isinstance(screen, RequestFormScreen)
    form = screen.query_one(FormView)
    form.set_values({**REQUEST, "correo": "tramites@"})
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert "Correo electrónico" in error_beside(pilot, "correo")
    assert pilot.app.screen is screen  # no PIN asked for a form with an error
    unknown = {**PRODUCT, "subpartida": "0806201000"}  # not in the tariff: the service says so
    form.set_values({**REQUEST, "productos": [unknown]})
    await pilot.press("ctrl+s")
    await settle(pilot)
    await sign_in_dialog(pilot, folder)
    assert pilot.app.screen is screen
    assert "fila 1, Subpartida" in error_beside(pilot, "productos")
    form.set_values(dict(REQUEST))
    await pilot.press("ctrl+s")
    await settle(pilot)
    await sign_in_dialog(pilot, folder)
    sent = pilot.app.screen
    assert isinstance(sent, SentScreen), screen_text(pilot)
    text = screen_text(pilot)
    assert "110 Solicitud enviada" in text
    number = text.split("Solicitud número: ")[1][:21]
    await pilot.press("enter")
    await settle(pilot)
    return number


async def open_request(pilot, number: str) -> None:  # type: ignore[no-untyped-def]
    table = pilot.app.screen.query_one("#vue-table", DataTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(number))
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, RequestScreen)


async def press_move(pilot, state: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.screen.query_one(f"#move-{state}", Button).press()
    await settle(pilot)


async def test_company_sends_a_request_and_follows_it(make_app, ui_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    async with make_app().run_test(size=SIZE) as pilot:
        await login_as_agente_to_home(pilot)
        number = await send_request(pilot, tmp_path)
        assert len(number) == 21 and number.startswith("03907058") and number.endswith("P")
        open_option(pilot.app, "4.4")
        await settle(pilot)
        text = screen_text(pilot)
        assert number in text and "110 Solicitud e" in text
        await open_request(pilot, number)
        assert "Historial" in screen_text(pilot)
        await pilot.press("escape", "escape")
        open_option(pilot.app, "1.3")  # Tipo de operación VUE: the same requests
        await settle(pilot)
        pilot.app.screen.query_one("#f-operacion", Select).value = "vue"
        await settle(pilot)
        assert number in screen_text(pilot)
    with ui_db.read() as s:
        row = s.exec(select(VueRequest).where(VueRequest.number == number)).one()
        assert row.state == "110" and row.form_code == "101-002-REQ"


def send_through_desk(ui_db) -> str:  # type: ignore[no-untyped-def]
    desk = Desk(ui_db, clock=frozen_clock(), demo_mode=True)
    actor = desk.choose_oce(desk.login(*AGENTE, None), "03907058")
    p12 = make_p12(desk.now(), kind="ec")
    return desk.vue_send(actor, "101-002-REQ", REQUEST, {}, p12, PIN).number


async def institution_moves(make_app, number: str, moves: list[str]) -> str:  # type: ignore[no-untyped-def]
    """The institution's user opens `number` in 4.6 and makes each move; returns the text
    of the request after the last one."""
    async with make_app().run_test(size=SIZE) as pilot:
        await login_as_institution(pilot)
        open_option(pilot.app, "4.6")
        await settle(pilot)
        await open_request(pilot, number)
        for state in moves:
            await press_move(pilot, state)
            if isinstance(pilot.app.screen, ConfirmScreen):
                await pilot.press("enter")  # yes
                await settle(pilot)
            elif isinstance(pilot.app.screen, MoveScreen):
                amount = pilot.app.screen.query_one("#move-amount", Field)
                amount.value = "0"
                await pilot.press("enter")
                await settle(pilot)
                assert "mayor que cero" in screen_text(pilot)  # said in the dialog
                amount.value = "30,00"
                await pilot.press("enter")
                await settle(pilot)
        assert isinstance(pilot.app.screen, RequestScreen)
        return screen_text(pilot)


async def pay_or_reverse(pilot, key: str, typed: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(key)
    await settle(pilot)
    pilot.app.screen.query_one("#ask-value", Field).value = typed
    await pilot.press("enter")
    await settle(pilot)


async def test_institution_decides_and_the_company_pays(make_app, ui_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    number = send_through_desk(ui_db)  # the company's screens are the test above
    text = await institution_moves(make_app, number, ["210", "120"])
    assert "120 Pago autorizado" in text and "USD 30,00" in text
    async with make_app().run_test(size=SIZE) as pilot:
        await login_as_agente_to_home(pilot)
        open_option(pilot.app, "4.5")
        await settle(pilot)
        table = pilot.app.screen.query_one("#fees-table", DataTable)
        table.move_cursor(row=table.get_row_index(number))
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(pilot.app.screen, AskScreen)
        await pilot.press("enter")  # empty: said in the dialog
        await settle(pilot)
        assert "referencia" in screen_text(pilot)
        pilot.app.screen.query_one("#ask-value", Field).value = "BP-2026-778812"
        await pilot.press("enter")
        await settle(pilot)
        assert "130 Pago confirmado" in screen_text(pilot)
        await pilot.press("x")  # the receipt, saved to a folder
        await settle(pilot)
        pilot.app.screen.query_one("#receipt-folder", Field).value = str(tmp_path)
        await pilot.press("enter")
        await settle(pilot)
        (receipt,) = tmp_path.glob("*.txt")
        assert "BP-2026-778812" in receipt.read_text(encoding="utf-8")
    async with make_app().run_test(size=SIZE) as pilot:  # the bank reversed it
        await login_as_institution(pilot)
        open_option(pilot.app, "4.6")
        await settle(pilot)
        await open_request(pilot, number)
        pilot.app.screen.query_one("#reverse", Button).press()
        await settle(pilot)
        pilot.app.screen.query_one("#ask-value", Field).value = "Débito duplicado"
        await pilot.press("enter")
        await settle(pilot)
        assert "120 Pago autorizado" in screen_text(pilot)
    async with make_app().run_test(size=SIZE) as pilot:
        await login_as_agente_to_home(pilot)
        open_option(pilot.app, "4.5")
        await settle(pilot)
        await pay_or_reverse(pilot, "p", "BP-2026-778813")  # the only fee, highlighted
        assert "130 Pago confirmado" in screen_text(pilot)
    text = await institution_moves(make_app, number, ["320"])
    assert "320 Solicitud aprobada" in text
    async with make_app().run_test(size=SIZE) as pilot:
        await login_as_agente_to_home(pilot)
        open_option(pilot.app, "4.4")
        await settle(pilot)
        await open_request(pilot, number)
        text = screen_text(pilot)
        assert "210 Solicitud receptada" in text and "130 Pago confirmado" in text
        assert "320 Solicitud aprobada" in text
    with ui_db.read() as s:
        row = s.exec(select(VueRequest).where(VueRequest.number == number)).one()
        assert row.state in ("320", "510") and row.document_id is not None


async def test_pago_e_in_english(ui_db) -> None:  # type: ignore[no-untyped-def]
    app = EcuapassApp(
        Desk(ui_db, clock=frozen_clock(), demo_mode=True),
        language="en",
        language_explicit=True,
        theme="textual-dark",
        remembered=Remembered(None),
    )
    async with app.run_test(size=SIZE) as pilot:
        await login_to_home(pilot, IMPORTADOR)
        assert open_option(pilot.app, "4.5")
        await settle(pilot)
        shown = screen_text(pilot)
        assert "Single Window (VUE) > 4.5 e-Payment" in shown
        amounts = re.findall(r"USD \d[\d,]*\.\d\d", shown)  # babel's English digits
        assert amounts and not re.search(r"USD \d+,\d\d\b", shown)


async def test_correction_asked_and_answered(make_app, ui_db) -> None:  # type: ignore[no-untyped-def]
    number = send_through_desk(ui_db)
    async with make_app().run_test(size=SIZE) as pilot:
        await login_as_institution(pilot)
        open_option(pilot.app, "4.6")
        await settle(pilot)
        await open_request(pilot, number)
        await press_move(pilot, "210")
        await pilot.press("enter")  # yes
        await settle(pilot)
        await press_move(pilot, "410")
        assert isinstance(pilot.app.screen, MoveScreen)
        await pilot.press("enter")  # no reason: said in the dialog, nothing moved
        await settle(pilot)
        assert "Escriba el motivo." in screen_text(pilot)
        pilot.app.screen.query_one("#move-note", Field).value = HOSTILE
        await pilot.press("enter")
        await settle(pilot)
        assert "410 Subsanación requerida" in screen_text(pilot)
    async with make_app().run_test(size=SIZE) as pilot:
        await login_as_agente_to_home(pilot)
        open_option(pilot.app, "4.4")
        await settle(pilot)
        await open_request(pilot, number)
        shown = screen_text(pilot)  # the reason literally, never as markup; ESC stripped
        assert "[b]Falta[/b] la ficha [@click=app.quit]técnica[/] [31m" in shown
        assert "\x1b" not in shown
        await press_move(pilot, "420")
        pilot.app.screen.query_one("#move-note", Field).value = "Ficha técnica adjunta."
        await pilot.press("enter")
        await settle(pilot)
        assert "420 Subsanación enviada" in screen_text(pilot)
    with ui_db.read() as s:
        assert s.exec(select(VueRequest.state).where(VueRequest.number == number)).one() == "420"


async def test_support_document_registered_linked_and_kept(make_app, ui_db) -> None:  # type: ignore[no-untyped-def]
    number = send_through_desk(ui_db)
    async with make_app().run_test(size=SIZE) as pilot:
        await login_as_agente_to_home(pilot)
        open_option(pilot.app, "4.2")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = pilot.app.screen.query_one(FormView)
        values = {"tipo": "factura_comercial", "numero": "F-001-0004512", "emisor": "Viña"}
        pdf = Attachment("factura.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
        form.set_values({**values, "fecha": "31/02/2026"}, {"archivo": [pdf]})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Fecha" in error_beside(pilot, "fecha")  # 31/02 is no date
        form.set_values({**values, "fecha": "20/11/2026"}, {"archivo": [pdf]})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "F-001-0004512" in screen_text(pilot)  # back in the register
        await pilot.press("l")
        await settle(pilot)
        pilot.app.screen.query_one("#ask-value", Field).value = number
        await pilot.press("enter")
        await settle(pilot)
        assert number in screen_text(pilot)
    with ui_db.read() as s:
        doc = s.exec(select(VueSupportDoc).where(VueSupportDoc.number == "F-001-0004512")).one()
        assert doc.request_id is not None and doc.linked_at is not None


async def test_djo_signed_then_a_certificate_on_it(make_app, ui_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    async with make_app().run_test(size=SIZE) as pilot:
        await login_to_home(pilot, IMPORTADOR)
        open_option(pilot.app, "4.3")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        form = pilot.app.screen.query_one(FormView)
        form.set_values({**DJO, "valor_agregado": "-5"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Valor agregado" in error_beside(pilot, "valor_agregado")
        form.set_values(dict(DJO))
        await pilot.press("ctrl+s")
        await settle(pilot)
        await sign_in_dialog(pilot, tmp_path)
        djo = screen_text(pilot).split("DJO número: ")[1][:15]
        await pilot.press("enter")  # back to 4.3, the new DJO on top
        await settle(pilot)
        assert f"{djo} Café en grano" in screen_text(pilot)
        pilot.app.screen.query_one("#djo-table", DataTable).move_cursor(row=0)
        await pilot.press("c")
        await settle(pilot)
        form = pilot.app.screen.query_one(FormView)
        assert form.values()["djo"] == djo
        form.set_values({**CERTIFICATE, "djo": djo, "pais_destino": ""})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "País de destino" in error_beside(pilot, "pais_destino")
        form.set_values({**CERTIFICATE, "djo": djo})
        await pilot.press("ctrl+s")
        await settle(pilot)
        await sign_in_dialog(pilot, tmp_path)
        assert "110 Solicitud enviada" in screen_text(pilot)
    with ui_db.read() as s:
        row = s.exec(
            select(VueRequest).where(VueRequest.kind == "origen").order_by(VueRequest.id.desc())
        ).first()  # type: ignore[union-attr]
        assert row is not None and row.state == "110" and row.djo_id is not None
