"""The first login after a fresh `--demo` start, beside a later login, measured in the same run.

    .venv/bin/python benchmarks/first_login.py [--runs 3] [--delay 3.0] [--check] [--src DIR]
                                               [--no-readme]
    .venv/bin/python benchmarks/first_login.py --smoke      # one run of each; a test runs it

Each run of the first login: a new temporary home (XDG folders, no demo database yet),
`ecuapass-tui --demo` in a pseudo-terminal of 80x24 (`pty_harness.py`, as `run_all.py`).
Once the login screen is drawn and quiet, and `--delay` seconds later (3 s: a trainer reading
the demo accounts and typing or pasting one; the database opens meanwhile, in both cases),
agente's RUC, ID and password are typed field by field and Enter is pressed. The figure is
the time from Enter until the next screen ("Seleccione el tipo de OCE") is drawn: what the
user waits for. The baseline is the same login on a later
start, in a home whose demo database `ecuapass-tui --demo demo reset` built beforehand
(untimed). Each login then goes on to the home screen (Enter on the first OCE type, Enter on
its first code): the time from that last Enter until "Buzón Electrónico" is drawn. Runs
alternate, first login then later login; the table shows medians.

Baselines in the same run: one argon2 verification of agente's password alone (the program's
parameters, in this process), and the minimal Textual app's start to its first screen.

Goals: the first login answers within 1 s, a later one within 300 ms (argon2 included).
`--check` exits 1 when a median misses them. The table goes into the marked section of
benchmarks/README.md (not with --smoke or --no-readme).
`--smoke` makes one run of each with the same steps and exits 0 when both logins were
answered (whatever their times): it keeps the script working. `--src` runs another copy of
the package (for example `git archive` of an older commit) to compare before and after.
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pty_harness import PtyProcess, strip_escapes  # noqa: E402
from run_all import clean_env  # noqa: E402

LOGIN_MARKER = "Iniciar sesión"
ANSWER_MARKER = "Seleccione el tipo de OCE"
HOME_MARKER = "Buzón Electrónico"
ACCOUNT = ("1792060346001", "agente", "Aduana2026ec")
GOAL_S = 1.0
LATER_GOAL_S = 0.3
README = HERE / "README.md"
BEGIN = "<!-- bench:first-login:begin -->"
END = "<!-- bench:first-login:end -->"


Timing = tuple[float, float, float]  # see login_once
SOURCE: Path | None = None  # --src: run another copy of the package (a before/after test)


def program() -> list[str]:
    if SOURCE is not None:
        return [sys.executable, "-m", "ecuapass_tui"]
    return [str(Path(sys.executable).parent / "ecuapass-tui")]


def environment(home: Path) -> dict[str, str]:
    env = clean_env(home)
    if SOURCE is not None:
        env["PYTHONPATH"] = str(SOURCE)
    return env


def first_text_after(proc: PtyProcess, start: int, needle: str, timeout: float) -> float:
    """Wait until `needle` is drawn in output written from chunk `start` on; its time."""
    import time

    deadline = time.perf_counter() + timeout
    while True:
        text = strip_escapes(proc.output(start))
        if needle in text:
            return proc.chunks[-1][0]
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{needle!r} not drawn within {timeout} s; text: {text[-800:]}")
        if proc.read(0.02) < 0:
            raise EOFError(f"the program ended before drawing {needle!r}")


def login_once(home: Path, delay: float, timeout: float) -> Timing:
    """(seconds from Enter to the next screen, from the start to it, from the Enter on the
    OCE code to the home screen)."""
    env = environment(home)
    with PtyProcess([*program(), "--demo"], env=env, cwd=home) as proc:
        proc.wait_for_text(LOGIN_MARKER, timeout=timeout)
        proc.wait_quiet(0.1)
        proc.collect(delay)
        ruc, username, password = ACCOUNT
        for text in (ruc, "\t", username, "\t", password):
            proc.send(text)
            proc.wait_quiet(0.05)
        start = len(proc.chunks)
        enter = proc.elapsed
        proc.send("\r")
        answered = first_text_after(proc, start, ANSWER_MARKER, timeout)
        proc.wait_quiet(0.3, timeout=timeout)
        proc.send("\r")  # the first OCE type (two codes)
        proc.wait_quiet(0.3, timeout=timeout)
        start = len(proc.chunks)
        chosen = proc.elapsed
        proc.send("\r")  # its first code
        at_home = first_text_after(proc, start, HOME_MARKER, timeout)
        proc.close()
    return answered - enter, answered, at_home - chosen


def argon2_alone(runs: int = 5) -> float:
    """Median seconds of one verification of agente's shipped hash, in this process."""
    import time

    from ecuapass_tui.services.cuentas.auth import verify_password
    from ecuapass_tui.services.demo.hashes import demo_hash

    stored = demo_hash(ACCOUNT[2])
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        verify_password(stored, ACCOUNT[2])
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def minimal_start(home: Path, timeout: float) -> float:
    """Seconds from the fork until the minimal app's first screen is drawn and quiet."""
    from minimal_app import PLACEHOLDER

    argv = [sys.executable, str(HERE / "minimal_app.py")]
    with PtyProcess(argv, env=environment(home), cwd=home) as proc:
        proc.wait_for_text(PLACEHOLDER, timeout=timeout)
        return proc.wait_quiet(0.1)


def prepared_home(parent: Path) -> Path:
    """A home whose demo database exists (built by `demo reset`, not timed)."""
    home = Path(tempfile.mkdtemp(prefix="later-", dir=parent))
    subprocess.run(
        [*program(), "--demo", "demo", "reset"],
        env=environment(home),
        cwd=home,
        check=True,
        capture_output=True,
    )
    return home


def machine() -> str:
    from importlib import metadata

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"Measured {dt.date.today().isoformat()}, {platform.system()} {platform.machine()}, "
        f"nproc {os.cpu_count()}, Python {platform.python_version()}, "
        f"Textual {metadata.version('textual')}, load average {load:.2f} at start"
    )


def report(
    header: str, first: list[Timing], later: list[Timing], argon2_s: float, minimal_s: float
) -> tuple[str, bool]:
    """The table (markdown) and whether both goals are met."""
    med = statistics.median
    first_answer, later_answer = med(f[0] for f in first), med(x[0] for x in later)
    met_first, met_later = first_answer <= GOAL_S, later_answer <= LATER_GOAL_S
    runs = ", ".join(f"{f[0]:.3f}" for f in first)
    later_runs = ", ".join(f"{x[0]:.3f}" for x in later)
    lines = [
        header,
        "",
        "| metric | baseline | later login (demo built) | first login (fresh --demo) "
        "| goal | met |",
        "|---|---|---|---|---|---|",
        f"| Enter to the next screen (s) | argon2 alone {argon2_s:.3f} | {later_answer:.3f} "
        f"| {first_answer:.3f} | later <= {LATER_GOAL_S:.1f} s, first <= {GOAL_S:.1f} s "
        f"| {'yes' if met_later else 'no'}, {'yes' if met_first else 'no'} |",
        f"| Enter on the OCE code to home (s) | — | {med(x[2] for x in later):.3f} "
        f"| {med(f[2] for f in first):.3f} | — | — |",
        f"| start to the next screen (s) | minimal app's start {minimal_s:.3f} "
        f"| {med(x[1] for x in later):.3f} | {med(f[1] for f in first):.3f} | — | — |",
        "",
        f"Per run, Enter to the next screen: first {runs}; later {later_runs}.",
    ]
    return "\n".join(lines), met_first and met_later


def update_readme(section: str) -> bool:
    text = README.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        return False
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{BEGIN}\n{section}\n{END}{tail}", encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each login (3)")
    parser.add_argument("--delay", type=float, default=3.0, help="seconds before typing (3.0)")
    parser.add_argument("--src", type=Path, help="the src/ folder of another copy to measure")
    parser.add_argument("--check", action="store_true", help="exit 1 when the goal is missed")
    parser.add_argument("--no-readme", action="store_true", help="do not update README.md")
    parser.add_argument("--smoke", action="store_true", help="one run of each, no goal")
    args = parser.parse_args(argv)
    global SOURCE
    SOURCE = args.src.resolve() if args.src else None
    runs = 1 if args.smoke else args.runs
    timeout = 120.0
    first: list[Timing] = []
    later: list[Timing] = []
    minimal: list[float] = []
    header = machine()
    with tempfile.TemporaryDirectory(prefix="ecuapass-first-login-") as tmp:
        parent = Path(tmp)
        later_home = prepared_home(parent)
        for _run in range(runs):
            fresh = Path(tempfile.mkdtemp(prefix="fresh-", dir=parent))
            first.append(login_once(fresh, args.delay, timeout))
            later.append(login_once(later_home, args.delay, timeout))
            minimal.append(minimal_start(later_home, timeout))
    header += f"; median of {runs} run(s) each, 80x24, {args.delay:.1f} s before typing."
    section, met = report(header, first, later, argon2_alone(), statistics.median(minimal))
    print(section)
    if args.smoke:
        return 0
    if not args.no_readme and not update_readme(section):
        print(f"(README.md has no {BEGIN} section: not updated)")
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    raise SystemExit(main())
