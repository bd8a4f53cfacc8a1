"""FormView filled with the keyboard only, for the shipped specs, and checked with the engine."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import FROZEN_NOW
from tests.ui.cuentas_flows import put_text
from tests.ui.keys_flows import burst
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import DataTable, DirectoryTree, Input, Static, TextArea

from ecuapass_tui.forms.attachments import Attachment
from ecuapass_tui.forms.engine import Invalid, Valid, validate
from ecuapass_tui.forms.spec import load_spec
from ecuapass_tui.widgets.file_picker import FilePicker
from ecuapass_tui.widgets.footer import LocalFooter
from ecuapass_tui.widgets.form import FormView

CEDULA = "1710034065"
RUC = "1792060346001"
TEXT_80 = (
    "Al enviar la DAI aparece el error E-102 y la pantalla se cierra; ocurre cada vez desde ayer."
)


class FormHost(App[None]):
    """A tiny app hosting one FormView; a submit is validated with the engine (frozen now)."""

    def __init__(
        self,
        form_id: str,
        *,
        start_dir: Path | None = None,
        values: dict[str, Any] | None = None,
        files: dict[str, list[Attachment]] | None = None,
    ) -> None:
        super().__init__()
        self.spec = load_spec(form_id)
        self.start_dir = start_dir
        self.initial = (values, files)
        self.result: Valid | Invalid | None = None
        self.changes = 0

    def on_mount(self) -> None:
        self.theme = "textual-dark"

    def compose(self) -> ComposeResult:
        values, files = self.initial
        yield FormView(
            self.spec, language="es", values=values, files=files, start_dir=self.start_dir
        )
        yield LocalFooter()

    @property
    def form(self) -> FormView:
        return self.query_one(FormView)

    def on_form_view_submitted(self, event: FormView.Submitted) -> None:
        self.result = validate(self.spec, event.values, event.files, now=FROZEN_NOW)
        if isinstance(self.result, Invalid):
            event.form_view.show_errors(self.result.errors)
        else:
            event.form_view.clear_errors()

    def on_form_view_changed(self, event: FormView.Changed) -> None:
        self.changes += 1


def tiny_png() -> bytes:
    """A real 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


async def type_text(pilot: Pilot, text: str) -> None:
    """Key by key (Pilot spends about 60 ms a key): for the first field of a flow and where
    the test is about typing (a list filtered as it is typed); the other fields take their
    text with `put_text`, in one insertion at the cursor."""
    await pilot.press(*text)


def focused_id(pilot: Pilot) -> str | None:
    focused = pilot.app.focused
    return focused.id if focused is not None else None


def error_text(pilot: Pilot, name: str) -> str:
    block = pilot.app.query_one(f"#fv-{name}")
    return " ".join(str(w.render()) for w in block.query(".fv-error").results(Static))


async def pick_file(pilot: Pilot, file_name: str) -> None:
    """In the picker: walk the tree with Down until the file is under the cursor, Enter."""
    assert isinstance(pilot.app.screen, FilePicker)
    tree = pilot.app.screen.query_one("#picker-tree", DirectoryTree)
    for _ in range(100):  # the tree loads its folder in a worker that never ends
        if tree.root.children:
            break
        await pilot.pause(0.02)
    for _ in range(20):
        node = tree.cursor_node
        if node is not None and node.data is not None and node.data.path.name == file_name:
            break
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()


async def fill_incidente(pilot: Pilot) -> None:
    assert focused_id(pilot) == "f-nombres"
    await type_text(pilot, "Ana María Pérez")
    await pilot.press("tab")
    assert focused_id(pilot) == "f-tipo_persona"
    await type_text(pilot, "natural ec")  # filters the catalog as it is typed
    await pilot.press("enter")
    await pilot.press("tab")  # document type: Cédula already chosen
    assert focused_id(pilot) == "f-documento-type"
    await pilot.press("tab")
    await put_text(pilot, CEDULA)
    await pilot.press("tab")
    await put_text(pilot, "ana@example.ec")
    await pilot.press("tab")
    await put_text(pilot, "0991234567")
    await pilot.press("tab", "tab")  # Tipo de OCE is optional
    assert focused_id(pilot) == "f-forma_opcion"
    await pilot.press("enter")  # the first radio button: pick from the menu
    await pilot.press("tab")
    assert focused_id(pilot) == "f-opcion_sistema"
    await type_text(pilot, "2.6")
    await pilot.press("enter")
    await pilot.press("tab", "tab")  # the screen name is not needed with a menu option
    assert focused_id(pilot) == "f-fecha_evento"
    await put_text(pilot, "20/11/2026 09:45")
    await pilot.press("tab")
    await put_text(pilot, "guayaquil mar")
    await pilot.press("down", "up", "enter")
    await pilot.press("tab", "tab")  # the related document is optional
    assert focused_id(pilot) == "f-descripcion"
    await put_text(pilot, TEXT_80)
    await pilot.press("tab", "tab")  # the attachment list, then Agregar
    assert focused_id(pilot) == "f-capturas-add"
    await pilot.press("enter")
    await pilot.pause()
    await pick_file(pilot, "captura.png")


async def test_fill_incidente_with_keyboard_and_submit(tmp_path: Path) -> None:
    (tmp_path / "captura.png").write_bytes(tiny_png())
    (tmp_path / "notas.txt").write_text("no es una imagen")
    app = FormHost("incidente", start_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await fill_incidente(pilot)
        form = app.form
        assert [a.name for a in form.files()["capturas"]] == ["captura.png"]
        assert "Tamaño total de archivo: 1 KB" in str(
            app.query_one("#fv-capturas .attachment-total", Static).render()
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.result, Valid), app.result
        typed = app.result.values
        assert typed["tipo_persona"] == "natural_ecuatoriana"
        assert typed["documento"] == {"type": "cedula", "number": CEDULA}
        assert typed["forma_opcion"] == "menu"
        assert typed["opcion_sistema"] == "2.6"
        assert typed["distrito"] == "028"
        assert typed["fecha_evento"].strftime("%d/%m/%Y %H:%M") == "20/11/2026 09:45"
        assert typed["telefono"] == "+593991234567"
        assert str(app.query_one("#fv-count", Static).render()) == ""


async def test_refused_file_shows_its_message_and_nothing_breaks(tmp_path: Path) -> None:
    (tmp_path / "notas.txt").write_text("no es una imagen")
    app = FormHost("incidente", start_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.query_one("#f-capturas-add").focus()
        await pilot.press("enter")
        await pick_file(pilot, "notas.txt")
        assert app.form.files()["capturas"] == []
        assert "notas.txt" in error_text(pilot, "capturas")
        assert "no es un archivo permitido" in error_text(pilot, "capturas")
        # Escape in the picker cancels and nothing changes.
        app.query_one("#f-capturas-add").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FilePicker)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, FilePicker)
        assert app.form.files()["capturas"] == []


async def test_vanished_file_is_a_message_not_a_crash(tmp_path: Path) -> None:
    app = FormHost("incidente", start_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = app.query_one("#fv-capturas").query_one("AttachmentList")
        box.add_path(tmp_path / "se-fue.png")  # type: ignore[attr-defined]
        await pilot.pause()
        assert "ya no existe" in error_text(pilot, "capturas")


async def fill_representante(pilot: Pilot) -> None:
    steps: list[tuple[str, str]] = [
        ("f-ruc_empresa", RUC),
        ("f-razon_social", "Importadora Andina S.A."),
        ("f-direccion_empresa", "Av. 9 de Octubre 100"),
        ("f-telefono_empresa", "042345678"),
        ("f-id_usuario", "arepresentante"),
    ]
    for field_id, text in steps:
        assert focused_id(pilot) == field_id
        await (type_text if field_id == "f-ruc_empresa" else put_text)(pilot, text)
        await pilot.press("tab")
    assert focused_id(pilot) == "f-documento-type"
    await pilot.press("tab")
    await put_text(pilot, CEDULA)
    await pilot.press("tab")
    await put_text(pilot, "Ana Pérez")
    await pilot.press("tab")
    await put_text(pilot, "Clave2026ok")
    await pilot.press("tab")
    assert focused_id(pilot) == "f-contrasena__confirm"
    await put_text(pilot, "Clave2026ok")
    for number, answer in (("1", "Quito"), ("2", "Firulais"), ("3", "Maria")):
        await pilot.press("tab")
        assert focused_id(pilot) == f"f-pregunta_clave{number}"
        await pilot.press("enter")  # open the list
        await pilot.press(*(["down"] * (int(number) + 1)), "enter")
        await pilot.press("tab")
        await put_text(pilot, answer)
    await pilot.press("tab")
    assert focused_id(pilot) == "f-provincia"
    await put_text(pilot, "guayas")
    await pilot.press("enter", "tab")
    assert focused_id(pilot) == "f-ciudad"
    await type_text(pilot, "sambor")  # 221 cantons filtered to one as it is typed
    options = pilot.app.query_one("#fv-ciudad OptionList")
    assert options.option_count == 1  # type: ignore[attr-defined]
    await pilot.press("enter", "tab")
    await put_text(pilot, "Cdla. Kennedy, calle 3")
    await pilot.press("tab")
    await put_text(pilot, "042345678")
    await pilot.press("tab", "tab", "tab", "tab", "tab")  # phone 2, mobile, operator, fax
    assert focused_id(pilot) == "f-correo"
    await put_text(pilot, "ana@example.ec")
    await pilot.press("tab")
    await put_text(pilot, "ana@example.ec")
    await pilot.press("tab", "tab", "tab")  # position, SENAE e-mail
    assert focused_id(pilot) == "f-recibir_sms"
    await pilot.press("down", "enter")  # No recibir
    await pilot.press("tab", "tab")  # the rows table, then the new row's first cell
    assert focused_id(pilot) == "f-tipos_oce-codigo"
    await put_text(pilot, "03907058")
    await pilot.press("tab")
    await put_text(pilot, "agente")
    await pilot.press("enter", "tab")
    await put_text(pilot, "2/2020")  # start as month/year (seed 003: 9/2002)
    await pilot.press("tab")
    await put_text(pilot, "31/12/9999")
    await pilot.press("tab")
    assert focused_id(pilot) == "f-tipos_oce-add"
    await pilot.press("enter")
    await pilot.pause()
    assert focused_id(pilot) == "f-tipos_oce-codigo"
    await pilot.press("tab", "tab", "tab", "tab", "tab", "tab")
    assert focused_id(pilot) == "f-certificado_id"
    await put_text(pilot, "CN=ANA PEREZ 2026")


async def test_fill_solicitud_representante_with_a_table_row(tmp_path: Path) -> None:
    app = FormHost("solicitud_representante", start_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await fill_representante(pilot)
        assert app.query_one("#f-tipos_oce", DataTable).row_count == 1
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.result, Valid), app.result
        typed = app.result.values
        assert typed["ciudad"] == "0916"
        assert typed["provincia"] == "09"
        assert typed["recibir_sms"] == "no_recibir"
        assert typed["tipos_oce"][0]["codigo"] == "03907058"
        assert typed["tipos_oce"][0]["tipo"] == "agente_aduana"
        assert typed["contrasena"] == "Clave2026ok"


async def test_invalid_ruc_message_beside_the_field_nothing_cleared(tmp_path: Path) -> None:
    app = FormHost("solicitud_representante", start_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "1792060347001")  # wrong check digit (6)
        await pilot.press("tab")
        await type_text(pilot, "Importadora Andina")
        app.query_one("#f-direccion_empresa", Input).value = "Av. Quito"
        before = app.form.values()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.result, Invalid)
        message = error_text(pilot, "ruc_empresa")
        assert "RUC empresa" in message and "no es válido" in message
        # The message sits right under the RUC line, before the next field.
        block = app.query_one("#fv-ruc_empresa")
        kinds = [type(w).__name__ + str(sorted(w.classes)) for w in block.children]
        assert "fv-error" in kinds[1]
        assert app.form.values() == before
        assert app.query_one("#f-ruc_empresa", Input).value == "1792060347001"
        count = str(app.query_one("#fv-count", Static).render())
        errors = len(app.result.errors)
        assert count == f"Hay {errors} errores en el formulario."
        assert focused_id(pilot) == "f-ruc_empresa"  # the first invalid field


async def test_focus_goes_to_the_first_invalid_field() -> None:
    app = FormHost("incidente")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Ana Pérez")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.result, Invalid)
        assert app.result.errors[0].field == "tipo_persona"
        assert focused_id(pilot) == "f-tipo_persona"
        assert app.query_one("#f-nombres", Input).value == "Ana Pérez"
        assert "obligatorio" in error_text(pilot, "tipo_persona")
        # Corrected and sent again: the old messages go away.
        app.form.clear_errors()
        await pilot.pause()
        assert error_text(pilot, "tipo_persona") == ""
        assert not app.query_one("#fv-count").display


async def test_set_values_restores_a_draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The program's quiet time, as before the tests shortened it: with a draft given to the
    # constructor the form still posts one Changed once its controls are drawn (the state it
    # keeps at mount differs from the state on screen), which `again.changes` would count.
    monkeypatch.setattr(FormView, "CHANGED_DELAY", 0.5)
    draft = {
        "ruc_empresa": RUC,
        "documento": {"type": "pasaporte", "number": "AB12345"},
        "contrasena": "Clave2026ok",
        "contrasena__confirm": "Clave2026ok",
        "pregunta_clave1": "primera_mascota",
        "ciudad": "0916",
        "recibir_sms": "recibir",
        "tipos_oce": [
            {"codigo": "03907058", "tipo": "agente_aduana", "inicio": "01/02/2020", "fin": ""}
        ],
    }
    files = {"adjuntos": [Attachment("nombramiento.png", tiny_png())]}
    app = FormHost("solicitud_representante", start_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.form.set_values(draft, files)
        await pilot.pause()
        values = app.form.values()
        for name, value in draft.items():
            assert values[name] == value, name
        assert values["razon_social"] == ""
        assert app.query_one("#f-ciudad", Input).value == "Samborondón (Guayas)"
        assert app.query_one("#f-tipos_oce", DataTable).row_count == 1
        assert [a.name for a in app.form.files()["adjuntos"]] == ["nombramiento.png"]
        # A draft given to the constructor is shown the same way.
    again = FormHost("solicitud_representante", values=draft, files=files)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.form.values()["ciudad"] == "0916"
        assert again.form.values()["documento"]["type"] == "pasaporte"
        assert again.form.files()["adjuntos"][0].name == "nombramiento.png"
        assert again.changes == 0


async def test_changed_is_debounced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FormView, "CHANGED_DELAY", 0.2)  # room for a burst on a loaded machine
    wait = FormView.CHANGED_DELAY + 0.15
    app = FormHost("incidente", start_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(pilot, [*"Ana"])  # three keys at once, as a typist's burst arrives: one change
        await pilot.pause(wait)
        assert app.changes == 1
        await pilot.press("tab")  # focus moves, nothing changes
        await pilot.pause(wait)
        assert app.changes == 1
        area = app.query_one("#f-descripcion", TextArea)
        area.focus()
        await type_text(pilot, "x")
        await pilot.pause(wait)
        assert app.changes == 2
