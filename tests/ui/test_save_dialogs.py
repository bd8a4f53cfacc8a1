"""Saving a copy and picking a file: a hostile stored file name becomes a plain name, copies are
written 0600 inside the home folder (or the configured folder) and nowhere else, and the picker
never climbs above those folders."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from types import SimpleNamespace

from sqlmodel import select
from tests.ui.flows import AGENTE, login, login_as_agente_to_home, screen_text, settle
from tests.ui.mesa_user_flows import open_incident, open_option, open_ticket_from_list
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import DirectoryTree, Input, Static

from ecuapass_tui.screens.mesa.save_copy import SaveCopyScreen
from ecuapass_tui.screens.mesa.staff_actions import SaveAttachmentModal
from ecuapass_tui.store.engine import Database
from ecuapass_tui.store.models import Ticket, TicketAttachment
from ecuapass_tui.widgets.file_picker import FilePicker

# OSC 0 (window title), DCS, C1 CSI, a bidi override, a NUL, and a way out of the folder.
HOSTILE_NAME = "\x1b]0;owned\x07\x1bP1$q\x1b\\\x9b2J\u202e../../.bashrc\x00.png"
CLEAN_NAME = "bashrc.png"
ANALISTA = ("", "analista", "Analista2026ec")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def store_hostile_name(db: Database, number: str) -> None:
    with db.write() as session:
        ticket_id = session.exec(select(Ticket.id).where(Ticket.number == number)).one()
        for row in session.exec(
            select(TicketAttachment).where(TicketAttachment.ticket_id == ticket_id)
        ):
            row.name = HOSTILE_NAME
            session.add(row)


async def test_user_save_copy_of_a_hostile_name(make_app, ui_db, home_is_tmp_path: Path) -> None:
    home = home_is_tmp_path
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login_as_agente_to_home(pilot)
        number = open_incident(pilot.app.desk, pilot.app.actor)
        store_hostile_name(ui_db, number)
        await open_option(pilot, "3.9.3")
        await open_ticket_from_list(pilot, number)
        await pilot.press("g")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, SaveCopyScreen)
        assert f"«{CLEAN_NAME}»" in screen_text(pilot)
        folder = screen.query_one("#user-save-folder", Input)
        folder.value = "/etc"
        await pilot.press("enter")
        await settle(pilot)
        error = str(screen.query_one("#user-save-error", Static).render())
        assert f"Elija una carpeta dentro de {home.resolve()}." == error
        folder.value = "../.."
        await pilot.press("enter")
        await settle(pilot)
        assert "Elija una carpeta dentro de" in str(screen.query_one("#user-save-error").render())
        folder.value = str(home)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, SaveCopyScreen)
    written = [p.name for p in home.iterdir() if p.is_file()]
    assert CLEAN_NAME in written
    assert (home / CLEAN_NAME).read_bytes().startswith(b"\x89PNG")
    assert mode(home / CLEAN_NAME) == 0o600


async def test_staff_save_in_refuses_outside_home_beside_the_field(
    make_app, ui_db, home_is_tmp_path: Path
) -> None:
    home = home_is_tmp_path.resolve()
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login(pilot, *AGENTE)
        number = open_incident(pilot.app.desk, pilot.app.actor)
        store_hostile_name(ui_db, number)
    async with make_app().run_test(size=(80, 24)) as pilot:
        await login(pilot, *ANALISTA)
        detail = pilot.app.desk.ticket(pilot.app.actor, number)
        pilot.app.push_screen(SaveAttachmentModal(number, detail.attachments[0]))
        await settle(pilot)
        path = pilot.app.screen.query_one("#staff-path", Input)
        assert path.value == str(home / CLEAN_NAME)
        assert f"Guardar una copia de {CLEAN_NAME}" in screen_text(pilot)
        error = pilot.app.screen.query_one("#staff-err-ruta", Static)
        for outside in ("/etc/x.png", "/etc", "../../x.png", "~/../x.png"):
            path.value = outside
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert str(error.render()) == f"Elija una carpeta dentro de {home}.", outside
        path.value = str(home / "no-existe" / "x.png")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert str(error.render()) == "La carpeta no existe."
        path.value = "~"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, SaveAttachmentModal)
    assert mode(home / CLEAN_NAME) == 0o600
    assert not Path("/etc/x.png").exists()


class PickerHost(App[None]):
    def __init__(self, start: Path, files_folder: Path | None) -> None:
        super().__init__()
        self.settings = SimpleNamespace(files_folder=files_folder)
        self.start = start

    def compose(self) -> ComposeResult:
        yield Static("host")

    def on_mount(self) -> None:
        self.push_screen(FilePicker(self.start, "Elegir"))


async def listed(pilot: Pilot) -> tuple[str, list[str]]:
    """The folder the picker shows, and the names it lists there."""
    tree = pilot.app.screen.query_one("#picker-tree", DirectoryTree)
    names: list[str] = []
    for _ in range(200):  # until the folder is listed and the list has stopped changing
        await pilot.pause(0.02)
        now = [str(node.label) for node in tree.root.children]
        if now and now == names:
            break
        names = now
    folder = str(pilot.app.screen.query_one("#picker-folder", Static).render())
    return folder, sorted(str(node.label) for node in tree.root.children)


async def test_picker_stays_inside_home_and_the_configured_folder(
    home_is_tmp_path: Path, monkeypatch
) -> None:
    home = home_is_tmp_path / "home"
    home.mkdir()
    (home / "doc.txt").write_text("x")
    (home / "fuera").symlink_to("/etc")
    (home / "passwd").symlink_to("/etc/passwd")
    shared = home_is_tmp_path / "compartida"
    shared.mkdir()
    (shared / "comun.csv").write_text("x")
    monkeypatch.setenv("HOME", str(home))
    app = PickerHost(Path("/etc"), shared)  # a start outside the roots becomes home
    async with app.run_test(size=(80, 24)) as pilot:
        assert await listed(pilot) == (str(home.resolve()), ["doc.txt"])
        await pilot.press("backspace")  # never above home
        assert await listed(pilot) == (str(home.resolve()), ["doc.txt"])
        await pilot.press("ctrl+o")
        assert await listed(pilot) == (str(shared.resolve()), ["comun.csv"])
        await pilot.press("backspace")
        assert await listed(pilot) == (str(shared.resolve()), ["comun.csv"])
        await pilot.press("ctrl+o")
        assert (await listed(pilot))[0] == str(home.resolve())
