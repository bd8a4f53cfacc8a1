"""Files shipped in the package's `data/` folder, read through importlib.resources."""

from __future__ import annotations

import csv
import io
import tomllib
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any


def data_file(*parts: str) -> Traversable:
    node = resources.files("ecuapass_tui") / "data"
    for part in parts:
        node = node / part
    return node


def read_toml(*parts: str) -> dict[str, Any]:
    return tomllib.loads(data_file(*parts).read_text(encoding="utf-8"))


def read_csv(*parts: str) -> list[dict[str, str]]:
    text = data_file(*parts).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))
