"""Build the wheel once per test session and install it in a fresh virtual environment.

Shared by tests/packaging and tests/e2e (both conftests import this module by the name
`wheel_env`, so the module-level cache below is one object and the wheel is built once). Under
pytest-xdist the conftests hand every worker the same folder, under a lock: the first worker
builds and installs, the others find the venv and its `installed.json`.

The installed program must never see the work tree: `isolated_env` drops the variables that
could point back to it (VIRTUAL_ENV, PYTHONPATH, ECUAPASS_*), gives the program temporary
XDG folders and a missing system config file, and the tests run it from a temporary folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RUNTIME_LOCK = REPO / "requirements" / "runtime.lock"

# Variables of the caller that must not leak into the installed program.
_DROPPED = ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONSAFEPATH")


@dataclass(frozen=True)
class InstalledApp:
    """A wheel of the work tree installed, with its pinned runtime deps, in its own venv."""

    wheel: Path
    wheel_names: tuple[str, ...]
    venv: Path

    @property
    def bin(self) -> Path:
        return self.venv / "bin"

    @property
    def python(self) -> Path:
        return self.bin / "python"

    @property
    def script(self) -> Path:
        """The `ecuapass-tui` console script that pip generated."""
        return self.bin / "ecuapass-tui"


def isolated_env(home: Path, venv_bin: Path | None = None, **extra: str) -> dict[str, str]:
    """Environment for a run of the program that touches nothing outside `home`."""
    env = {
        k: v for k, v in os.environ.items() if k not in _DROPPED and not k.startswith("ECUAPASS_")
    }
    for name in ("data", "config", "state", "cache"):
        (home / name).mkdir(parents=True, exist_ok=True)
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        ECUAPASS_SYSTEM_CONFIG=str(home / "no-system-config.toml"),
        # No real keyring: the login form then has no 'Recordar usuario' box.
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        TERM="xterm-256color",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
    )
    env.pop("NO_COLOR", None)
    if venv_bin is not None:
        env["PATH"] = os.pathsep.join([str(venv_bin), "/usr/local/bin", "/usr/bin", "/bin"])
    env.update(extra)
    return env


def _run(cmd: list[str | Path], cwd: Path, env: dict[str, str], what: str) -> None:
    proc = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    if proc.returncode != 0:
        raise RuntimeError(
            f"{what} failed with status {proc.returncode}\n$ {' '.join(map(str, cmd))}\n"
            f"--- stdout\n{proc.stdout[-4000:]}\n--- stderr\n{proc.stderr[-4000:]}"
        )


def build_wheel(out_dir: Path, python: str = sys.executable) -> Path:
    """`pip wheel` the work tree with the dev venv's hatchling (no build isolation)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    _run(
        [python, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", out_dir, REPO],
        cwd=out_dir,
        env=env,
        what="pip wheel",
    )
    wheels = sorted(out_dir.glob("ecuapass_tui-*.whl"))
    if len(wheels) != 1:
        raise RuntimeError(f"expected one wheel in {out_dir}, found {wheels}")
    return wheels[0]


def install(wheel: Path, venv: Path, work: Path, python: str = sys.executable) -> None:
    """A fresh venv, the pinned runtime deps (hash-checked), then the wheel alone."""
    # pip itself runs with the machine's own settings (its config files, its cache: the second
    # install is fast); only the variables that would point it at the dev venv are dropped.
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    _run([python, "-m", "venv", venv], cwd=work, env=env, what="python -m venv")
    vpy = venv / "bin" / "python"
    # --no-compile: byte-compiling every dependency doubles the install time; the program
    # compiles what it imports on its first start.
    pip_install = [vpy, "-m", "pip", "install", "--quiet"]
    _run(
        [*pip_install, "--no-compile", "--require-hashes", "-r", RUNTIME_LOCK],
        cwd=work,
        env=env,
        what="pip install -r requirements/runtime.lock",
    )
    _run(
        [*pip_install, "--no-deps", wheel],
        cwd=work,
        env=env,
        what="pip install the wheel",
    )


_cache: dict[str, InstalledApp] = {}


def installed_app(base: Path) -> InstalledApp:
    """Build and install once in `base` (the caller holds it alone meanwhile); later calls,
    from this process or another, return the same venv."""
    if "app" not in _cache:
        done = base / "installed.json"
        if done.exists():
            wheel = Path(json.loads(done.read_text(encoding="utf-8"))["wheel"])
        else:
            base.mkdir(parents=True, exist_ok=True)
            wheel = build_wheel(base / "dist")
            install(wheel, base / "venv", base)
            done.write_text(json.dumps({"wheel": str(wheel)}), encoding="utf-8")
        with zipfile.ZipFile(wheel) as zf:
            names = tuple(zf.namelist())
        _cache["app"] = InstalledApp(wheel=wheel, wheel_names=names, venv=base / "venv")
    return _cache["app"]
