"""Every screen at once: from the key that opens an option to its screen drawn and quiet.

    .venv/bin/python benchmarks/screen_open.py [--runs 10] [--only 3.2.3,MS.1] [--no-readme]
    .venv/bin/python benchmarks/screen_open.py --smoke    # 1 open of 3 screens; a test runs it
    .venv/bin/python benchmarks/screen_open.py --src /tmp/before/src    # another copy

The real program (`.venv/bin/ecuapass-tui --demo`, temporary XDG folders, its demo database
built by `ecuapass-tui --demo demo reset` before anything is timed) runs in a pseudo-terminal
of 80x24 (`pty_harness.py`). Before logging in, the Solicitud del uso forms are opened from
the login screen (F6, timed too; the type, Enter); then each kind of user who sees options logs
in (agente, empleado, importador for the Ventanilla Única, entidad, analista, supervisor,
admin) and opens each of its options with the command palette: Ctrl+P, the option's number,
and, once the palette has drawn its hit and gone quiet, Enter. Only that Enter is timed: the
figure is the time of the last byte written once the screen's title ("ECUAPASS · 2.6
Catálogos") has been drawn and nothing more came for 100 ms. Escape goes back (home, or the
type list) untimed.

Baseline, in the same run: `minimal_app.py --push`, a minimal Textual app whose key `o` pushes
a screen with one Input, timed the same way (before the sessions and after them).

`--smoke` stays on the login screen (the Solicitud del uso list and two of its forms, once),
with no demo database built beforehand (the program builds it meanwhile, so the figures mean
nothing): it only keeps the script working.

Each row is the p95 of --runs opens (statistics.quantiles, inclusive). Goal: <= 150 ms.
Not a test; writes its section of benchmarks/README.md unless --no-readme or --smoke.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from first_login import first_text_after  # noqa: E402
from minimal_app import PLACEHOLDER, PUSH_KEY  # noqa: E402
from pty_harness import PtyProcess  # noqa: E402
from run_all import clean_env, machine  # noqa: E402

from ecuapass_tui.core.menus import registry  # noqa: E402

README = HERE / "README.md"
GOAL_MS = 150.0
QUIET = 0.1
TIMEOUT = 60.0
PROGRAM: list[str | Path] = [Path(sys.executable).parent / "ecuapass-tui"]
SOURCE: Path | None = None  # --src: another copy of the package (before and after a change)
LOGIN_MARKER = "Iniciar sesión"
HOME_MARKER = "Buzón Electrónico"
PALETTE_MARKER = "Buscar opciones"
TYPES_MARKER = "Se clasifica"
ESC, ENTER, F6, HOME_KEY, DOWN = "\x1b", "\r", "\x1b[17~", "\x1b[H", "\x1b[B"
# Solicitud del uso, in the order of the type list (screens/cuentas/registration_types.py).
REGISTRATION = (
    "Representante",
    "Empleado",
    "General",
    "Representante de la entidad",
    "Entidad u Organismo Internacional",
)


@dataclass
class Session:
    username: str
    password: str
    ruc: str
    options: tuple[str, ...]


SESSIONS: tuple[Session, ...] = (
    Session(
        "agente",
        "Aduana2026ec",
        "1792060346001",
        (
            *("1.3", "1.6", "1.11", "2.1.1", "2.1.2", "2.4.1", "2.6", "2.7", "2.11"),
            *("3.2.3", "3.2.4", "3.2.5", "3.3", "3.8", "3.9.1", "3.9.2", "3.9.3"),
            *("3.11.1", "3.11.2"),
        ),
    ),
    Session("empleado", "Empleado2026ec", "1792060346001", ("3.2.3",)),
    Session("importador", "Pacifico2026ec", "0993456780001", ("4.1", "4.2", "4.3", "4.4", "4.5")),
    Session("entidad", "Entidad2026ec", "1760001550001", ("4.6",)),
    Session("analista", "Analista2026ec", "", ("MS.1", "MS.2", "MS.3", "MS.4", "MS.5", "MS.7")),
    Session("supervisor", "Supervisor2026ec", "", ("MS.8", "MS.9")),
    Session("admin", "Admin2026ecuapass", "", ("MS.6",)),
)
WITH_REGISTRATION = True
SMOKE_REGISTRATION = ("Representante", "General")


@dataclass
class Row:
    screen: str
    user: str
    seconds: list[float] = field(default_factory=list)


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def progress(row: Row) -> Row:
    shown = ", ".join(f"{s * 1000:.0f}" for s in row.seconds)
    print(f"{row.screen} ({row.user}): {shown} ms", file=sys.stderr, flush=True)
    return row


def timed_open(proc: PtyProcess, key: str, marker: str) -> float:
    """Send `key`; seconds until the last byte once `marker` was drawn and 100 ms passed."""
    start = len(proc.chunks)
    sent = proc.elapsed
    proc.send(key)
    first_text_after(proc, start, marker, TIMEOUT)
    return proc.wait_quiet(QUIET, TIMEOUT) - sent


def untimed(proc: PtyProcess, keys: str, marker: str) -> None:
    start = len(proc.chunks)
    proc.send(keys)
    first_text_after(proc, start, marker, TIMEOUT)
    proc.wait_quiet(QUIET, TIMEOUT)


def option_marker(number: str) -> str:
    option = registry().option(number)
    assert option is not None, number
    return f"ECUAPASS · {option.label('es')}"[:60]


def open_registrations(proc: PtyProcess, kinds: tuple[str, ...], runs: int) -> list[Row]:
    types = Row("3.2 Solicitud del uso (the five types)", "(login)")
    for run in range(runs):
        if run:
            untimed(proc, ESC, LOGIN_MARKER)
        types.seconds.append(timed_open(proc, F6, TYPES_MARKER))
    rows = [progress(types)]
    for kind in kinds:
        row = Row(f"3.2 Solicitud del uso ({kind})", "(login)")
        for _run in range(runs):
            proc.send(HOME_KEY + DOWN * REGISTRATION.index(kind))
            proc.wait_quiet(QUIET, TIMEOUT)
            row.seconds.append(timed_open(proc, ENTER, f"ECUAPASS · Solicitud del uso ({kind})"))
            untimed(proc, ESC, TYPES_MARKER)
        rows.append(progress(row))
    untimed(proc, ESC, LOGIN_MARKER)
    return rows


def log_in(proc: PtyProcess, session: Session) -> None:
    """Type the account; pass the OCE type and code choices (the first of each) to the home."""
    for text in (session.ruc, "\t", session.username, "\t", session.password):
        proc.send(text)
        proc.wait_quiet(0.05, TIMEOUT)
    proc.send(ENTER)
    while True:
        start = len(proc.chunks)
        text = wait_any(proc, start, (HOME_MARKER, "Seleccione el tipo", "Seleccione el código"))
        if text == HOME_MARKER:
            proc.wait_quiet(0.3, TIMEOUT)
            return
        proc.wait_quiet(QUIET, TIMEOUT)
        proc.send(ENTER)


def wait_any(proc: PtyProcess, start: int, needles: tuple[str, ...]) -> str:
    from pty_harness import strip_escapes

    while True:
        drawn = strip_escapes(proc.output(start))
        for needle in needles:
            if needle in drawn:
                return needle
        if proc.read(0.05) < 0:
            raise EOFError("the program ended before its home screen")
        if proc.elapsed > TIMEOUT * 4:
            raise TimeoutError(f"none of {needles} drawn; text: {drawn[-800:]}")


def open_options(
    proc: PtyProcess, session: Session, numbers: tuple[str, ...], runs: int
) -> list[Row]:
    rows = []
    for number in numbers:
        row = Row(option_marker(number).removeprefix("ECUAPASS · "), session.username)
        for _run in range(runs):
            untimed(proc, "\x10", PALETTE_MARKER)
            untimed(proc, number, number)
            row.seconds.append(timed_open(proc, ENTER, option_marker(number)))
            untimed(proc, ESC, HOME_MARKER)
        rows.append(progress(row))
    return rows


def environment(home: Path) -> dict[str, str]:
    env = clean_env(home)
    if SOURCE is not None:
        env["PYTHONPATH"] = str(SOURCE)
    return env


def run_sessions(home: Path, runs: int, smoke: bool) -> list[Row]:
    env = environment(home)
    rows: list[Row] = []
    for index, session in enumerate(SESSIONS):
        numbers = () if smoke else session.options
        registering = index == 0 and WITH_REGISTRATION
        if not numbers and not registering:
            continue
        with PtyProcess([*PROGRAM, "--demo"], env=env, cwd=home) as proc:
            proc.wait_for_text(LOGIN_MARKER, TIMEOUT)
            proc.wait_quiet(0.5, TIMEOUT)
            if registering:
                kinds = SMOKE_REGISTRATION if smoke else REGISTRATION
                rows += open_registrations(proc, kinds, runs)
            if not numbers:  # the smoke run: the demo is still being built, do not wait
                proc.close(timeout=0.5)
                continue
            log_in(proc, session)
            rows += open_options(proc, session, numbers, runs)
    return rows


def minimal_opens(home: Path, runs: int) -> list[float]:
    seconds = []
    argv: list[str | Path] = [sys.executable, HERE / "minimal_app.py", "--push"]
    with PtyProcess(argv, env=clean_env(home), cwd=home) as proc:
        proc.wait_for_text("Minimal", TIMEOUT)
        proc.wait_quiet(0.3, TIMEOUT)
        for _run in range(runs):
            seconds.append(timed_open(proc, PUSH_KEY, PLACEHOLDER))
            proc.send(ESC)
            proc.wait_quiet(0.2, TIMEOUT)
    return seconds


def table(rows: list[Row], minimal: list[float], runs: int) -> str:
    base = p95(minimal) * 1000
    lines = [
        f"Measured {machine()}; p95 of {runs} open(s) each, 80x24, TERM=xterm-256color.",
        "",
        f"Minimal Textual app pushing a screen with one Input: p95 {base:.0f} ms "
        f"(median {statistics.median(minimal) * 1000:.0f} ms, {len(minimal)} opens).",
        "",
        "| screen | user | p50 ms | p95 ms | x minimal | <= 150 ms |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        high = p95(row.seconds) * 1000
        lines.append(
            f"| {row.screen} | {row.user} | {statistics.median(row.seconds) * 1000:.0f} "
            f"| {high:.0f} | {high / base:.1f}x | {'yes' if high <= GOAL_MS else 'no'} |"
        )
    missed = sum(p95(r.seconds) * 1000 > GOAL_MS for r in rows)
    lines += ["", f"{len(rows) - missed} of {len(rows)} screens within {GOAL_MS:.0f} ms."]
    return "\n".join(lines)


def update_readme(section: str) -> None:
    begin, end = "<!-- bench:screens:begin -->", "<!-- bench:screens:end -->"
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(begin, 1)
    README.write_text(f"{head}{begin}\n{section}\n{end}{rest.split(end, 1)[1]}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="opens of each screen (10)")
    parser.add_argument("--only", default="", help="comma-separated option numbers to time")
    parser.add_argument("--no-readme", action="store_true", help="leave README.md alone")
    parser.add_argument("--smoke", action="store_true", help="1 open of 3 screens")
    parser.add_argument("--src", type=Path, help="the src/ folder of another copy to measure")
    args = parser.parse_args(argv)
    global PROGRAM, SOURCE
    if args.src:
        SOURCE = args.src.resolve()
        PROGRAM = [sys.executable, "-m", "ecuapass_tui"]
    runs = 1 if args.smoke else args.runs
    global SESSIONS, WITH_REGISTRATION
    if args.only:
        wanted = set(args.only.split(","))
        WITH_REGISTRATION = "3.2" in wanted
        SESSIONS = tuple(
            Session(s.username, s.password, s.ruc, tuple(n for n in s.options if n in wanted))
            for s in SESSIONS
        )
    with tempfile.TemporaryDirectory(prefix="ecuapass-screen-open-") as tmp:
        home = Path(tmp)
        if not args.smoke:  # the smoke run stays on the login screen: no database needed
            subprocess.run(
                [*PROGRAM, "--demo", "demo", "reset"],
                env=environment(home),
                cwd=home,
                check=True,
                capture_output=True,
            )
        minimal = minimal_opens(home, runs)
        rows = run_sessions(home, runs, args.smoke)
        if not args.smoke:
            minimal += minimal_opens(home, runs)
    section = table(rows, minimal, runs)
    print(section)
    if not (args.smoke or args.no_readme or args.only or args.src):
        update_readme(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
