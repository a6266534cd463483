"""make bench's contract: stdout holds only `BENCH <name> <value> <unit>` lines, everything else
goes to stderr, and a figure left out for want of PostgreSQL is named there with the reason."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_without_postgres_keeps_stdout_to_bench_lines_and_says_what_is_left_out():
    env = {
        **os.environ,
        "DATABASE_URL": "sqlite:///:memory:",
        "TEST_POSTGRES_URL": "postgres://postgres@127.0.0.1:1/nowhere",  # nothing listens on port 1
    }
    done = subprocess.run(
        [sys.executable, "-m", "bench", "seats", "load"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["BENCH oversold_seats_under_race 0 count"]
    left_out = next(line for line in done.stderr.splitlines() if "left out" in line)
    for name in ("double_bookings_under_race", "load_p95_ms", "load_errors", "load_double_bookings"):
        assert name in left_out
    assert "PostgreSQL is not answering" in left_out
