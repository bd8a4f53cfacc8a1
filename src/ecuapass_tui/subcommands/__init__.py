"""Subcommand groups for scripts and mail servers, one module each.

Each module defines `HELP` (one line for `ecuapass-tui --help`), `register(parser)` (its own
arguments, on the subparser cli.py made for it) and `run(settings, args) -> int` (0 done,
1 refused, 2 bad usage). cli.py imports a module only when its word is on the command line,
so starting the app never pays for them.
"""

from __future__ import annotations

import importlib
from types import ModuleType

# command word -> module in this package
GROUPS: dict[str, str] = {
    "serve": "serve",
    "tickets": "tickets",
    "tracking": "tracking",
    "figures": "figures",
    "mail": "mail",
    "arancel": "arancel",
    "tasas": "tasas",
    "vue": "vue",
}


def load(word: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{GROUPS[word]}")
