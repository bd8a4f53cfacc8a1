"""Texts of the Vue: refusals its services raise and labels of its stored codes."""

from __future__ import annotations

from ecuapass_tui.texts.common import Entry

TEXTS: dict[str, Entry] = {}
