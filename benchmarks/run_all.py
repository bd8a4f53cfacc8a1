"""Terminal cost of ecuapass-tui against a minimal Textual app, measured in the same run.

    make bench                      # or: .venv/bin/python benchmarks/run_all.py [--runs 5]
    .venv/bin/python benchmarks/run_all.py --smoke      # one short run; a test runs it

Both programs run in a pseudo-terminal of 80x24 (TERM=xterm-256color), alternately, after one
untimed warm-up start each. For each run:

  start     seconds from the fork until the first screen is drawn: its marker text has been
            drawn ("Iniciar sesión" for ecuapass-tui, the Input's placeholder for the minimal
            app) and then nothing was written for 100 ms; the time is that of the last byte.
  settled   the same with 300 ms of quiet (Textual paints the first screen twice, the second
            time about 100 ms after the first), and the bytes written until then: the cost
            of the first screen on a slow link. For information; no goal.
  idle      bytes per second written during the next 3 s, no key pressed.
  per key   bytes written per key while typing 20 letters one at a time, waiting for 100 ms
            of quiet after each. ecuapass-tui first gets one Tab (RUC -> ID. Usuario) so the
            letters go to a text field, as they go to the minimal app's only Input.

The table shows the medians. ecuapass-tui runs from the dev venv (.venv/bin/ecuapass-tui) with
temporary XDG folders; its demo database is built before anything is timed. The results also
go into the marked section of benchmarks/README.md (unless --no-readme). `--smoke` takes the
same steps once, without the warm-up and with 0.2 s of idle, prints the table and leaves
README.md alone (tests/unit/test_benchmarks_smoke.py runs it so the script cannot rot).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from minimal_app import PLACEHOLDER  # noqa: E402
from pty_harness import PtyProcess, strip_escapes  # noqa: E402

LETTERS = "abcdefghijklmnopqrst"
QUIET = 0.1
SETTLE = 0.3
README = HERE / "README.md"
BEGIN = "<!-- bench:results:begin -->"
END = "<!-- bench:results:end -->"


@dataclass
class Target:
    name: str
    argv: list[str]
    marker: str
    before_typing: bytes = b""
    start: list[float] = field(default_factory=list)
    settled: list[float] = field(default_factory=list)
    first_bytes: list[float] = field(default_factory=list)
    idle: list[float] = field(default_factory=list)
    per_key: list[float] = field(default_factory=list)


def clean_env(home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("VIRTUAL_ENV", "PYTHONPATH", "NO_COLOR", "COLORTERM", "TMUX")
        and not k.startswith(("ECUAPASS_", "TEXTUAL"))
    }
    for name in ("data", "config", "state", "cache"):
        (home / name).mkdir(parents=True, exist_ok=True)
    env.update(
        TERM="xterm-256color",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        ECUAPASS_SYSTEM_CONFIG=str(home / "no-system-config.toml"),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
    )
    return env


def run_once(target: Target, env: dict[str, str], cwd: Path, idle_s: float, timed: bool) -> None:
    with PtyProcess(target.argv, env=env, cwd=cwd) as proc:
        proc.wait_for_text(target.marker, timeout=60)
        drawn = proc.wait_quiet(QUIET)
        if not timed:
            return
        target.start.append(drawn)
        # Textual paints the first screen more than once; idle starts once that is over.
        target.settled.append(proc.wait_quiet(SETTLE, timeout=10))
        target.first_bytes.append(proc.total_bytes)

        target.idle.append(proc.collect(idle_s) / idle_s)

        if target.before_typing:
            proc.send(target.before_typing)
            proc.wait_quiet(QUIET)
        first_chunk = len(proc.chunks)
        before = proc.total_bytes
        for letter in LETTERS:
            proc.send(letter)
            proc.wait_quiet(QUIET)
        target.per_key.append((proc.total_bytes - before) / len(LETTERS))
        typed = strip_escapes(proc.output(first_chunk))
        if LETTERS not in typed:
            raise RuntimeError(f"{target.name}: the letters typed were not drawn")
        code = proc.close()
        if code != 0:
            raise RuntimeError(f"{target.name}: exited with {code} after Ctrl+Q")


def fmt_ratio(ours: float, base: float) -> str:
    if base == 0:
        return "—" if ours == 0 else "∞"
    return f"{ours / base:.2f}x"


def table(minimal: Target, ours: Target) -> tuple[str, list[str]]:
    """The markdown table of medians, and the metrics whose goal ecuapass-tui missed."""
    med = statistics.median
    rows: list[tuple[str, float, float, str, str, bool | None]] = [
        # metric, minimal, ours, format, goal, met (None: no goal, for information)
        (
            "start to first screen (s)",
            med(minimal.start),
            med(ours.start),
            ".3f",
            "<= 1.5x",
            med(ours.start) <= 1.5 * med(minimal.start),
        ),
        (
            "start until settled, 300 ms quiet (s)",
            med(minimal.settled),
            med(ours.settled),
            ".3f",
            "—",
            None,
        ),
        (
            "bytes until settled (B)",
            med(minimal.first_bytes),
            med(ours.first_bytes),
            ".0f",
            "—",
            None,
        ),
        (
            "idle output (B/s)",
            med(minimal.idle),
            med(ours.idle),
            ".0f",
            "0 B/s",
            med(ours.idle) == 0,
        ),
        (
            "bytes per key typed (B)",
            med(minimal.per_key),
            med(ours.per_key),
            ".0f",
            "<= minimal",
            med(ours.per_key) <= med(minimal.per_key),
        ),
    ]
    head = ("metric", "minimal app", "ecuapass-tui", "ratio", "goal", "met")
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    missed = []
    for metric, m, o, spec, goal, ok in rows:
        met = "—" if ok is None else ("yes" if ok else "NO")
        cells = (metric, format(m, spec), format(o, spec), fmt_ratio(o, m), goal, met)
        lines.append("| " + " | ".join(cells) + " |")
        if ok is False:
            missed.append(metric)
    return "\n".join(lines), missed


def per_run(target: Target) -> str:
    def join(values: list[float], spec: str) -> str:
        return ", ".join(format(v, spec) for v in values)

    return (
        f"- {target.name}: start {join(target.start, '.3f')} s; "
        f"settled {join(target.settled, '.3f')} s; "
        f"bytes until settled {join(target.first_bytes, '.0f')}; "
        f"idle {join(target.idle, '.0f')} B/s; per key {join(target.per_key, '.0f')} B"
    )


def machine() -> str:
    return (
        f"{dt.date.today().isoformat()}, {platform.system()} {platform.machine()}, "
        f"nproc {os.cpu_count()}, Python {platform.python_version()}, "
        f"Textual {metadata.version('textual')}, load average {os.getloadavg()[0]:.2f} at start"
    )


def update_readme(section: str) -> bool:
    if not README.exists():
        return False
    text = README.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        return False
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{BEGIN}\n{section}\n{END}{tail}", encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per program (5)")
    parser.add_argument("--idle", type=float, default=3.0, help="idle seconds measured (3)")
    parser.add_argument("--no-readme", action="store_true", help="do not update README.md")
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    parser.add_argument("--smoke", action="store_true", help="one short run, README untouched")
    args = parser.parse_args(argv)
    if args.smoke:
        args.runs, args.idle, args.no_readme, args.check = 1, 0.2, True, False

    bin_dir = Path(sys.executable).parent
    script = bin_dir / "ecuapass-tui"
    if not script.exists():
        script = REPO / ".venv" / "bin" / "ecuapass-tui"
    python = str(bin_dir / "python") if (bin_dir / "python").exists() else sys.executable

    minimal = Target("minimal app", [python, str(HERE / "minimal_app.py")], PLACEHOLDER)
    ours = Target("ecuapass-tui", [str(script), "--demo"], "Iniciar sesión", before_typing=b"\t")

    with tempfile.TemporaryDirectory(prefix="ecuapass-bench-") as tmp:
        home = Path(tmp)
        env = clean_env(home)
        # The demo database is built once, before anything is timed.
        subprocess.run(
            [str(script), "--demo", "demo", "reset"],
            env=env,
            cwd=home,
            check=True,
            capture_output=True,
        )
        measured_on = machine()  # once: the load average is the one at the start
        print(f"{measured_on}; {args.runs} runs each", flush=True)
        for target in (minimal, ours):  # warm-up: file cache, byte code
            if not args.smoke:
                run_once(target, env, home, args.idle, timed=False)
        for i in range(args.runs):
            for target in (minimal, ours):
                run_once(target, env, home, args.idle, timed=True)
            print(
                f"run {i + 1}/{args.runs}: start {minimal.start[-1]:.3f} / {ours.start[-1]:.3f} s,"
                f" idle {minimal.idle[-1]:.0f} / {ours.idle[-1]:.0f} B/s,"
                f" per key {minimal.per_key[-1]:.0f} / {ours.per_key[-1]:.0f} B",
                flush=True,
            )

    rendered, missed = table(minimal, ours)
    print()
    print(rendered)
    print()
    print(per_run(minimal))
    print(per_run(ours))
    if missed:
        print(f"\nmissed: {', '.join(missed)}")

    if not args.no_readme:
        section = "\n".join(
            [
                f"Measured {measured_on}; median of {args.runs} runs each, 80x24, "
                "TERM=xterm-256color.",
                "",
                rendered,
                "",
                "Per run:",
                "",
                per_run(minimal),
                per_run(ours),
            ]
        )
        if update_readme(section):
            print(f"\nwrote the results into {README.relative_to(REPO)}")
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
