"""Where the start-up time goes: every chunk each program writes while its first screen appears.

    .venv/bin/python benchmarks/start_timeline.py [--runs 3]
    .venv/bin/python benchmarks/start_timeline.py --smoke    # one run, no warm-up; a test runs it

Runs the minimal app and `ecuapass-tui --demo` as `run_all.py` does (pty 80x24, temporary XDG
folders, demo database built first) and prints, per run, the time and size of each chunk
written until 300 ms of quiet, with the text it drew. The first chunks are the terminal
set-up (the end of Python's imports), the big ones are paints; the gap between them is
Textual mounting and styling the screen. Not part of `make bench`. `--smoke`
(tests/unit/test_benchmarks_smoke.py) makes one run of each without the warm-up run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from minimal_app import PLACEHOLDER  # noqa: E402
from pty_harness import PtyProcess, strip_escapes  # noqa: E402
from run_all import clean_env  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per program (3)")
    parser.add_argument("--smoke", action="store_true", help="one run each, no warm-up")
    args = parser.parse_args(argv)
    first = 0
    if args.smoke:
        args.runs, first = 1, 1
    bin_dir = Path(sys.executable).parent
    script = bin_dir / "ecuapass-tui"
    targets = {
        "minimal app": ([sys.executable, str(HERE / "minimal_app.py")], PLACEHOLDER),
        "ecuapass-tui": ([str(script), "--demo"], "Iniciar sesión"),
    }
    with tempfile.TemporaryDirectory(prefix="ecuapass-timeline-") as tmp:
        home = Path(tmp)
        env = clean_env(home)
        subprocess.run(
            [str(script), "--demo", "demo", "reset"],
            env=env,
            cwd=home,
            check=True,
            capture_output=True,
        )
        for run in range(first, args.runs + 1):  # run 0 of each only warms the caches
            for name, (command, marker) in targets.items():
                with PtyProcess(command, env=env, cwd=home) as proc:
                    proc.wait_for_text(marker, timeout=60)
                    drawn = proc.wait_quiet(0.1)
                    proc.wait_quiet(0.3, timeout=10)
                    chunks = list(proc.chunks)
                    proc.send("\x11")  # Ctrl+Q
                    proc.close()
                if not run:
                    continue
                print(f"{name}, run {run}: first screen at {drawn:.3f} s")
                for when, data in chunks:
                    text = strip_escapes(data).replace("\n", " ").strip()
                    print(f"  {when:7.3f} s {len(data):6d} B  {text[:52]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
