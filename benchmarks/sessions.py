"""Many sessions on one host: the memory of a session at home and what forty cost when idle.

    .venv/bin/python benchmarks/sessions.py [--sessions 40] [--idle 10] [--no-readme]
    .venv/bin/python benchmarks/sessions.py --smoke      # 1 session, 1 s idle; a test runs it

Everything runs in pseudo-terminals of 80x24 (`pty_harness.py`) with temporary XDG folders;
the sessions share one demo database (`ecuapass-tui --demo demo reset`, untimed), as the
analysts of a shared host share one database file.

  baseline   the minimal Textual app (`minimal_app.py`) drawn and quiet: its resident memory
             (RSS, from /proc/PID/smaps_rollup) and proportional memory (PSS: each shared
             page divided among the processes that map it).
  one        one `ecuapass-tui --demo` logged in as agente (OCE type, then code) and left at
             the home screen ("Buzón Electrónico" drawn, then 1 s without output): its RSS
             and PSS beside the baseline's. Goal: RSS at most 2x the minimal app's.
  many       that session and `--sessions - 1` more, started at once and logged in one after
             another, all at home: their PSS summed (what the host really holds for them),
             shown as sessions per GiB; then `--idle` seconds with no key pressed: the CPU
             the sessions used (utime + stime from /proc/PID/stat, threads included; goal 0)
             and the bytes they wrote, beside the CPU of one minimal app idle in the same
             seconds, times the number of sessions: `minimal_app.py --push`, whose screen has
             no blinking cursor, so what it uses is Textual's own (its keyboard thread wakes
             every 0.1 s; the sessions' does not, `quiet_driver.py`).

The table goes into the marked section of benchmarks/README.md (not with --smoke or
--no-readme). `--smoke` makes the same steps with 1 session and 1 s of idle.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import select
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from minimal_app import PLACEHOLDER  # noqa: E402
from pty_harness import PtyProcess, strip_escapes  # noqa: E402
from run_all import clean_env  # noqa: E402

README = HERE / "README.md"
BEGIN = "<!-- bench:sessions:begin -->"
END = "<!-- bench:sessions:end -->"
ACCOUNT = ("1792060346001", "agente", "Aduana2026ec")
LOGIN_MARKER = "Iniciar sesión"
OCE_MARKER = "Seleccione el tipo de OCE"
HOME_MARKER = "Buzón Electrónico"
PUSH_PROMPT = "Press o"  # minimal_app.py --push, drawn
TIMEOUT = 300.0
GOAL_RATIO = 2.0
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Memory:
    rss_mb: float
    pss_mb: float


def memory(pid: int) -> Memory:
    """RSS and PSS of one process, from /proc/PID/smaps_rollup (kB)."""
    values: dict[str, int] = {}
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
        for line in rollup:
            key, _, rest = line.partition(":")
            if key in ("Rss", "Pss"):
                values[key] = int(rest.split()[0])
    return Memory(values["Rss"] / 1024, values["Pss"] / 1024)


def cpu_seconds(pid: int) -> float:
    """utime + stime of the process (all its threads), in seconds."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def wait_text_after(proc: PtyProcess, start: int, needle: str) -> None:
    """Read until `needle` is drawn in the output written from chunk `start` on."""
    while needle not in strip_escapes(proc.output(start)):
        if proc.read(0.05) < 0:
            raise EOFError(f"the program ended before drawing {needle!r}")
        if proc.elapsed > TIMEOUT:
            raise TimeoutError(f"{needle!r} not drawn within {TIMEOUT} s")


def log_in_to_home(proc: PtyProcess) -> None:
    """agente's RUC, ID and password, Enter; the first OCE type and its first code."""
    proc.wait_for_text(LOGIN_MARKER, timeout=TIMEOUT)
    proc.wait_quiet(0.1, timeout=TIMEOUT)
    ruc, username, password = ACCOUNT
    for text in (ruc, "\t", username, "\t", password):
        proc.send(text)
        proc.wait_quiet(0.05, timeout=TIMEOUT)
    start = len(proc.chunks)
    proc.send("\r")
    wait_text_after(proc, start, OCE_MARKER)
    proc.wait_quiet(0.3, timeout=TIMEOUT)
    start = len(proc.chunks)
    proc.send("\r")  # the first OCE type (agente de aduana: two codes)
    proc.wait_quiet(0.3, timeout=TIMEOUT)
    proc.send("\r")  # its first code
    wait_text_after(proc, start, HOME_MARKER)


def drain(procs: list[PtyProcess], seconds: float) -> int:
    """Read every terminal for `seconds` (no program blocks on a full pty); bytes written."""
    before = sum(p.total_bytes for p in procs)
    by_fd = {p.fd: p for p in procs if p.fd >= 0}
    end = procs[0].elapsed + seconds
    while (left := end - procs[0].elapsed) > 0:
        ready, _, _ = select.select(list(by_fd), [], [], left)
        for fd in ready:
            by_fd[fd].read(0)
    return sum(p.total_bytes for p in procs) - before


def baseline(python: str, env: dict[str, str], home: Path) -> Memory:
    with PtyProcess([python, str(HERE / "minimal_app.py")], env=env, cwd=home) as proc:
        proc.wait_for_text(PLACEHOLDER, timeout=TIMEOUT)
        proc.wait_quiet(0.5, timeout=TIMEOUT)
        return memory(proc.pid)


@dataclass(frozen=True)
class Result:
    minimal: Memory
    one: Memory
    sessions: int
    pss_sum_mb: float
    rss_sum_mb: float
    idle_s: float
    idle_cpu_s: float
    idle_bytes: int
    minimal_idle_cpu_s: float  # one minimal app, the same idle seconds


def measure(script: Path, python: str, count: int, idle: float) -> Result:
    with tempfile.TemporaryDirectory(prefix="ecuapass-sessions-") as tmp:
        home = Path(tmp)
        env = clean_env(home)
        subprocess.run(
            [str(script), "--demo", "demo", "reset"],
            env=env,
            cwd=home,
            check=True,
            capture_output=True,
        )
        minimal = baseline(python, env, home)
        first = PtyProcess([str(script), "--demo"], env=env, cwd=home)
        procs = [first]
        try:
            log_in_to_home(first)
            first.wait_quiet(1.0, timeout=TIMEOUT)
            one = memory(first.pid)
            procs += [
                PtyProcess([str(script), "--demo"], env=env, cwd=home) for _ in range(count - 1)
            ]
            for i, proc in enumerate(procs[1:], start=2):
                log_in_to_home(proc)
                drain(procs, 0.0)
                print(f"session {i}/{count} at home", flush=True)
            drain(procs, 2.0)  # the last screens settle
            mems = [memory(p.pid) for p in procs]
            idle_minimal = PtyProcess(
                [python, str(HERE / "minimal_app.py"), "--push"], env=env, cwd=home
            )
            procs.append(idle_minimal)  # closed with the sessions; its CPU and bytes apart
            idle_minimal.wait_for_text(PUSH_PROMPT, timeout=TIMEOUT)
            drain(procs, 0.5)
            sessions = procs[:-1]
            cpu_before = sum(cpu_seconds(p.pid) for p in sessions)
            minimal_before = cpu_seconds(idle_minimal.pid)
            minimal_bytes = idle_minimal.total_bytes
            written = drain(procs, idle) - (idle_minimal.total_bytes - minimal_bytes)
            cpu_after = sum(cpu_seconds(p.pid) for p in sessions)
            minimal_cpu = cpu_seconds(idle_minimal.pid) - minimal_before
        finally:
            for proc in procs:
                proc.close()
    return Result(
        minimal=minimal,
        one=one,
        sessions=count,
        pss_sum_mb=sum(m.pss_mb for m in mems),
        rss_sum_mb=sum(m.rss_mb for m in mems),
        idle_s=idle,
        idle_cpu_s=cpu_after - cpu_before,
        idle_bytes=written,
        minimal_idle_cpu_s=minimal_cpu,
    )


def machine() -> str:
    return (
        f"Measured {dt.date.today().isoformat()}, {platform.system()} {platform.machine()}, "
        f"nproc {os.cpu_count()}, Python {platform.python_version()}, "
        f"Textual {metadata.version('textual')}, load average {os.getloadavg()[0]:.2f} at start"
    )


def table(result: Result, header: str) -> str:
    minimal, one = result.minimal, result.one
    ratio = one.rss_mb / minimal.rss_mb
    per_gib = 1024 / (result.pss_sum_mb / result.sessions)
    lines = [
        f"{header}; 80x24, account agente at the home screen, one shared demo database.",
        "",
        "| one session | minimal app | ecuapass-tui at home | ratio | goal | met |",
        "|---|---|---|---|---|---|",
        f"| RSS (MB) | {minimal.rss_mb:.1f} | {one.rss_mb:.1f} | {ratio:.2f}x "
        f"| <= {GOAL_RATIO:.0f}x | {'yes' if ratio <= GOAL_RATIO else 'no'} |",
        f"| PSS (MB) | {minimal.pss_mb:.1f} | {one.pss_mb:.1f} "
        f"| {one.pss_mb / minimal.pss_mb:.2f}x | — | — |",
        "",
        f"| {result.sessions} sessions at home | figure | goal | met |",
        "|---|---|---|---|",
        f"| PSS summed (MB) | {result.pss_sum_mb:.0f} | — | — |",
        f"| RSS summed (MB, shared pages counted in each) | {result.rss_sum_mb:.0f} | — | — |",
        f"| PSS per session (MB) | {result.pss_sum_mb / result.sessions:.1f} | — | — |",
        f"| sessions per GiB (PSS) | {per_gib:.1f} | — | — |",
        f"| CPU while idle, {result.idle_s:.0f} s, all sessions (s) | {result.idle_cpu_s:.2f} "
        f"| 0 | {'yes' if result.idle_cpu_s == 0 else 'no'} |",
        f"| the same for as many minimal apps, no cursor (one measured x {result.sessions}; s) "
        f"| {result.minimal_idle_cpu_s * result.sessions:.2f} | — | — |",
        f"| CPU while idle per session, ms per s: ecuapass-tui / minimal app "
        f"| {result.idle_cpu_s / result.sessions / result.idle_s * 1000:.2f} / "
        f"{result.minimal_idle_cpu_s / result.idle_s * 1000:.2f} | — | — |",
        f"| bytes written while idle, all sessions | {result.idle_bytes} | 0 "
        f"| {'yes' if result.idle_bytes == 0 else 'no'} |",
    ]
    return "\n".join(lines)


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
    parser.add_argument("--sessions", type=int, default=40, help="sessions at home (40)")
    parser.add_argument("--idle", type=float, default=10.0, help="idle seconds measured (10)")
    parser.add_argument("--no-readme", action="store_true", help="do not update README.md")
    parser.add_argument("--smoke", action="store_true", help="1 session, 1 s, README untouched")
    args = parser.parse_args(argv)
    if args.smoke:
        args.sessions, args.idle, args.no_readme = 1, 1.0, True
    bin_dir = Path(sys.executable).parent
    script = bin_dir / "ecuapass-tui"
    python = str(bin_dir / "python") if (bin_dir / "python").exists() else sys.executable
    header = machine()
    result = measure(script, python, max(args.sessions, 1), args.idle)
    section = table(result, header)
    print(section)
    if not args.no_readme and not update_readme(section):
        print(f"(README.md has no {BEGIN} section: not updated)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
