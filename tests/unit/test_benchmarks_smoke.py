"""Every benchmark script still runs: each one, in its smoke mode (tiny size, one run), finishes
with status 0 and prints its table. The figures of a smoke run mean nothing; that the script
works with today's code and data does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"

# script -> a line its smoke run prints (the head of its table)
SMOKE = {
    "run_all.py": "| metric | minimal app | ecuapass-tui | ratio | goal | met |",
    "form_bench.py": "| metric | plain Input | FormView | ratio |",
    "queue_bench.py": "| case | n | service p50 | p95 | raw SQL p50 |",
    "tracking_bench.py": "| case | service p50 ms | service p95 ms |",
    "vue_requests.py": "| case | service p50 ms | service p95 ms |",
    "start_timeline.py": "ecuapass-tui, run 1: first screen at",
    "sessions.py": "| one session | minimal app | ecuapass-tui at home | ratio | goal | met |",
    "tariff_search.py": "| query | hits | service p50 ms | service p95 ms |",
    "key_bytes.py": "| form | Tab | Shift+Tab | first key | letter | met |",
    "screen_open.py": "| screen | user | p50 ms | p95 ms | x minimal | <= 150 ms |",
    "submit_load.py": "| engine | what | n | p50 ms | p95 ms | p99 ms |",
}
# Their PostgreSQL leg (when ECUAPASS_TEST_PG_URL is set) is the same code as the other database
# benchmarks' (benchmarks/engines.py), which tariff_search.py, queue_bench.py and submit_load.py
# still run here: these two run on SQLite only, to keep the suite within its time.
SQLITE_ONLY = {"tracking_bench.py", "vue_requests.py"}
# Run in smoke mode by another test (it shares that test's subject).
ELSEWHERE = {"first_login.py": "tests/unit/test_demo_first_start.py"}
# Imported by the scripts above; not run on their own.
PARTS = {"engines.py", "form_app.py", "minimal_app.py", "pty_harness.py"}


def test_every_benchmark_script_has_a_smoke_run() -> None:
    scripts = {path.name for path in BENCHMARKS.glob("*.py")}
    assert scripts == set(SMOKE) | set(ELSEWHERE) | PARTS, (
        "a benchmark script needs a --smoke mode and a line in SMOKE"
    )


@pytest.mark.slow
@pytest.mark.parametrize("script", sorted(SMOKE))
def test_the_benchmark_runs_in_smoke_mode(script: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / script),
            "--smoke",
            *(["--sqlite-only"] if script in SQLITE_ONLY else []),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert SMOKE[script] in result.stdout, result.stdout[-3000:]
