"""Every text is in the catalogs and translated; importing the package creates nothing."""

from __future__ import annotations

import gettext
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "ecuapass_tui"
LOCALE = PACKAGE / "locale"


def source_messages() -> set[str]:
    found = set()
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=keywords
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_message_is_in_the_catalog_and_translated(language: str) -> None:
    """Every text is in both catalogs; English ones are translated (Spanish msgids may keep
    an empty msgstr: gettext then shows the msgid itself)."""
    with (LOCALE / language / "LC_MESSAGES" / "ecuapass_tui.po").open("rb") as handle:
        catalog = read_po(handle)
    missing = sorted(
        m
        for m in source_messages()
        if catalog.get(m) is None or (language == "en" and not catalog.get(m).string)
    )
    assert missing == [], f"run `make i18n` and translate: {missing}"


@pytest.mark.parametrize("language", ["es", "en"])
def test_compiled_catalog_matches_the_po_file(language: str) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "ecuapass_tui.po").open("rb") as handle:
        catalog = read_po(handle)
    with (folder / "ecuapass_tui.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in catalog:
        if not message.id or isinstance(message.id, tuple):
            continue
        expected = message.string or message.id
        assert compiled.gettext(message.id) == expected, "run `make i18n` (compile)"


def test_english_is_really_english() -> None:
    from ecuapass_tui import i18n

    try:
        i18n.set_language("en")
        assert i18n._("Iniciar sesión") == "Log in"
        assert i18n._("Buzón Electrónico") == "Electronic Mailbox"
    finally:
        i18n.set_language("es")
    assert i18n._("Iniciar sesión") == "Iniciar sesión"


def test_importing_the_package_creates_nothing(tmp_path: Path) -> None:
    """Importing every module creates no folder, file or engine (nothing at import time)."""
    env = {
        "XDG_DATA_HOME": str(tmp_path / "d"),
        "XDG_CONFIG_HOME": str(tmp_path / "c"),
        "XDG_STATE_HOME": str(tmp_path / "s"),
        "HOME": str(tmp_path / "h"),
        "PATH": "/usr/bin:/bin",
    }
    code = (
        "import pkgutil, importlib, ecuapass_tui\n"
        "for m in pkgutil.walk_packages(ecuapass_tui.__path__, 'ecuapass_tui.'):\n"
        "    if '.migrations' in m.name or m.name.endswith('__main__'): continue\n"
        "    importlib.import_module(m.name)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == []
