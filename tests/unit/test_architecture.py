"""The house rules that keep the code findable: the import-linter contracts, the rooms of
services/, module sizes, deferred imports named with their reason, no dead code."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "ecuapass_tui"
MAX_LINES = 400
BIN = Path(sys.executable).parent


def _pyproject() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def _dotted(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_import_linter_contracts_hold() -> None:
    result = subprocess.run(
        [str(BIN / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


LOWER_LAYERS = ("core", "store", "forms", "services", "texts")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", LOWER_LAYERS)
def test_lower_layers_never_import_textual(layer: str) -> None:
    folder = PACKAGE / layer
    assert any(folder.rglob("*.py")), f"{layer}/ has no modules"
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            m
            for m in imported_modules(path)
            if m.split(".")[0] == "textual"
            or m.startswith(("ecuapass_tui.screens", "ecuapass_tui.widgets", "ecuapass_tui.app"))
        )
        for path in folder.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_every_shared_service_module_is_in_the_services_contract() -> None:
    """A module added at the top of services/ must take its place in the contract, or the
    rule "domains meet only through shared modules" would not see it."""
    contracts = _pyproject()["tool"]["importlinter"]["contracts"]  # type: ignore[index]
    services = next(c for c in contracts if c.get("containers") == ["ecuapass_tui.services"])
    named = {
        name.strip()
        for layer in services["layers"]
        for part in layer.replace("|", ":").split(":")
        if (name := part.strip())
    }
    present = {
        p.stem if p.is_file() else p.name
        for p in (PACKAGE / "services").iterdir()
        if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").exists()
    }
    assert present - named == set()
    assert named - present == set()


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_is_under_the_size_limit(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines < MAX_LINES, f"{path.relative_to(PACKAGE)}: {lines} lines; split it by job"


def _deferred_imports() -> set[str]:
    found: set[str] = set()
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and inner.module:
                    targets = [inner.module]
                elif isinstance(inner, ast.Import):
                    targets = [alias.name for alias in inner.names]
                else:
                    continue
                for target in targets:
                    if target.startswith("ecuapass_tui"):
                        found.add(f"{_dotted(path)} -> {target}")
    return found


def test_every_deferred_import_is_listed_with_its_reason() -> None:
    """An import inside a function hides a dependency from the contracts; each one that
    remains is named in pyproject.toml ([tool.ecuapass-tui.deferred-imports]) with why."""
    listed = _pyproject()["tool"]["ecuapass-tui"]["deferred-imports"]  # type: ignore[index]
    assert all(isinstance(reason, str) and reason.strip() for reason in listed.values())
    found = _deferred_imports()
    assert sorted(found - set(listed)) == [], "deferred imports not listed with a reason"
    assert sorted(set(listed) - found) == [], "listed deferred imports that no longer exist"


def test_no_dead_code() -> None:
    result = subprocess.run(
        [str(BIN / "vulture")], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_names_the_issue_that_built_it() -> None:
    """Docstrings and comments say what the code does, not which piece of work built it."""
    word = re.compile(r"\bissues?\b(?!\()", re.IGNORECASE)
    hits = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path in _modules()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if word.search(line.replace("codes.issue(", "").replace("def issue(", ""))
    ]
    assert hits == []
