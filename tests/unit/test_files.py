"""Files on a shared host: names built from stored data, where copies may go, and the modes of
everything the app creates (0600 files, 0700 folders) whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from ecuapass_tui.config import load_settings
from ecuapass_tui.core.text import MAX_NAME, MAX_NAME_BYTES, clean, sanitize_name
from ecuapass_tui.paths import Paths, create_private_file, private_dir, write_private
from ecuapass_tui.services.files import (
    PathRefused,
    allowed_roots,
    folder_target,
    inside,
    path_target,
)
from ecuapass_tui.store import schema
from ecuapass_tui.store.engine import Database

HOSTILE_NAMES = [
    "../../etc/passwd",
    "/etc/shadow",
    "..\\..\\boot.ini",
    "\x1b]0;owned\x07titulo.pdf",  # OSC 0: the window title
    "\x1bP1$qm\x1b\\dcs.pdf",  # DCS
    "\x9b2Jc1.pdf",  # C1 CSI
    "\u202egpj.exe",  # bidi override
    "nul\x00byte.png",
    ".bashrc",
    " . .profile",
    "",
    "..",
    "\ud800lone-surrogate.pdf",
]

# Any character, and often the ones that attack a path or a terminal.
NAME_CHARACTERS = st.one_of(
    st.characters(),
    st.sampled_from(["/", "\\", ".", " ", "\x00", "\x1b", "\x07", "\x9b", "\u202e", "\ud800", "ñ"]),
)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture(params=[0o022, 0o000], ids=["umask022", "umask000"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


# ------------------------------------------------------------------ the sanitiser


@pytest.mark.parametrize("raw", HOSTILE_NAMES)
def test_hostile_names_become_plain_names(raw: str, tmp_path: Path) -> None:
    name = sanitize_name(raw)
    assert name and "/" not in name and "\\" not in name
    assert name == clean(name, single_line=True)
    assert not name.startswith((".", " "))
    # The name opens a file inside the folder it is given, and nowhere else.
    target = tmp_path / name
    write_private(target, b"x")
    assert target.parent == tmp_path and [p.name for p in tmp_path.iterdir()] == [name]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("\x1b]0;owned\x07titulo.pdf", "]0;ownedtitulo.pdf"),
        ("nul\x00byte.png", "nulbyte.png"),
        ("\u202egpj.exe", "gpj.exe"),
        (" . .profile", "profile"),
        ("..", "archivo"),
        (None, "archivo"),
    ],
)
def test_sanitised_names(raw: object, expected: str) -> None:
    assert sanitize_name(raw) == expected


def test_fallback_and_length_caps() -> None:
    assert sanitize_name("\x00\x1b", fallback="documento.json") == "documento.json"
    wide = sanitize_name("ñ" * 200 + ".pdf")  # 2 bytes a character
    assert wide.endswith(".pdf") and len(wide.encode()) <= MAX_NAME_BYTES
    assert len(sanitize_name("a" * 500 + ".docx")) == MAX_NAME


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.text(NAME_CHARACTERS, max_size=400))
def test_any_text_gives_a_name_that_can_be_written_where_it_is_asked(
    raw: str, tmp_path: Path
) -> None:
    name = sanitize_name(raw)
    assert name
    assert len(name) <= MAX_NAME and len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert name == clean(name, single_line=True)  # no control characters, no bidi
    assert not name.startswith((".", " "))
    assert sanitize_name(name) == name  # once is enough
    folder = tmp_path / "out"
    folder.mkdir(exist_ok=True)
    target = folder / name
    write_private(target, b"x", overwrite=True)
    assert target.resolve().parent == folder.resolve()
    target.unlink()


# ------------------------------------------------------------------ where copies may go


def test_targets_stay_inside_the_roots(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "docs").mkdir(parents=True)
    shared = tmp_path / "compartida"
    shared.mkdir()
    (home / "fuera").symlink_to("/etc")
    roots = (home.resolve(), shared.resolve())
    assert folder_target("docs", "../../x.pdf", roots) == home.resolve() / "docs" / "x.pdf"
    assert folder_target("", "a.pdf", roots) == home.resolve() / "a.pdf"
    assert path_target(str(shared / "b.pdf"), "a.pdf", roots) == shared.resolve() / "b.pdf"
    assert path_target(str(home / "docs"), "\x1b]0;t\x07.pdf", roots).name == "]0;t.pdf"
    for outside in ("/etc", "/", "../..", str(home / "fuera"), str(tmp_path), "docs/../../"):
        with pytest.raises(PathRefused) as refused:
            folder_target(outside, "a.pdf", roots)
        assert refused.value.reason == "outside"
    with pytest.raises(PathRefused) as refused:
        path_target("/etc/passwd", "a.pdf", roots)
    assert refused.value.reason == "outside"
    with pytest.raises(PathRefused) as refused:
        folder_target("no-existe", "a.pdf", roots)
    assert refused.value.reason == "no_folder"
    with pytest.raises(PathRefused):
        folder_target("do\x00cs", "a.pdf", roots)
    assert not inside(home / "fuera" / "passwd", roots)


def test_allowed_roots_are_home_and_an_existing_configured_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert allowed_roots() == (tmp_path.resolve(),)
    assert allowed_roots(tmp_path / "no-existe") == (tmp_path.resolve(),)
    (tmp_path / "c").mkdir()
    assert allowed_roots(tmp_path / "c") == (tmp_path.resolve(), (tmp_path / "c").resolve())


# ------------------------------------------------------------------ modes on disk


def test_database_wal_and_shm_are_0600_and_folders_0700(umask: int, tmp_path: Path) -> None:
    path = tmp_path / "nueva" / "datos" / "ecuapass.sqlite3"
    db = Database(f"sqlite:///{path}")
    try:
        schema.upgrade(db)
        with db.write() as session:  # an open connection keeps the -wal and -shm files
            session.execute(text("select 1"))
        files = sorted(p.name for p in path.parent.iterdir())
        assert files == [
            "ecuapass.sqlite3",
            "ecuapass.sqlite3-shm",
            "ecuapass.sqlite3-wal",
            "ecuapass.sqlite3-writer",  # the writers' queue (store/write_queue.py)
        ]
        assert {name: mode(path.parent / name) for name in files} == dict.fromkeys(files, 0o600)
        assert mode(path.parent) == mode(path.parent.parent) == 0o700
    finally:
        db.dispose()


def test_an_existing_database_keeps_its_mode(tmp_path: Path) -> None:
    """A shared database the administrator made group-writable stays so."""
    path = tmp_path / "compartida.sqlite3"
    Database(f"sqlite:///{path}").dispose()
    os.chmod(path, 0o660)
    db = Database(f"sqlite:///{path}")
    schema.upgrade(db)
    db.dispose()
    assert mode(path) == 0o660


def test_app_folders_and_saved_copies(umask: int, tmp_path: Path) -> None:
    paths = Paths(tmp_path / "d" / "data", tmp_path / "d" / "config", tmp_path / "d" / "log")
    paths.ensure()
    for folder in (paths.data_dir, paths.config_dir, paths.log_dir, tmp_path / "d"):
        assert mode(folder) == 0o700
    os.chmod(paths.data_dir, 0o755)  # made by an older version
    os.chmod(paths.log_dir, 0o555)  # closed on purpose: it stays closed
    paths.ensure()
    assert (mode(paths.data_dir), mode(paths.log_dir)) == (0o700, 0o500)
    os.chmod(paths.log_dir, 0o700)
    copy = tmp_path / "copia.pdf"
    write_private(copy, b"uno")
    assert mode(copy) == 0o600
    with pytest.raises(FileExistsError):
        write_private(copy, b"dos")
    os.chmod(copy, 0o644)
    write_private(copy, b"dos", overwrite=True)
    assert (copy.read_bytes(), mode(copy)) == (b"dos", 0o600)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copia.pdf", "d"]  # no temporary left
    assert create_private_file(tmp_path / "vacio") and mode(tmp_path / "vacio") == 0o600
    assert not create_private_file(tmp_path / "vacio")


def test_a_symlink_at_the_target_is_never_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victima"
    victim.write_bytes(b"original")
    link = tmp_path / "copia.pdf"
    link.symlink_to(victim)
    with pytest.raises(FileExistsError):
        write_private(link, b"x")
    write_private(link, b"x", overwrite=True)
    assert victim.read_bytes() == b"original"
    assert not link.is_symlink() and link.read_bytes() == b"x"


def test_private_dir_refuses_a_file_in_its_way(tmp_path: Path) -> None:
    (tmp_path / "archivo").write_text("")
    with pytest.raises(FileExistsError):
        private_dir(tmp_path / "archivo")
    with pytest.raises(NotADirectoryError):
        private_dir(tmp_path / "archivo" / "sub")


def test_the_configuration_names_one_more_folder(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "data", tmp_path / "config", tmp_path / "log", tmp_path / "none")
    assert load_settings(paths, environ={}).files_folder is None
    paths.config_dir.mkdir()
    paths.user_config.write_text('[files]\nfolder = "/srv/mesa/copias"\n')
    assert load_settings(paths, environ={}).files_folder == Path("/srv/mesa/copias")
