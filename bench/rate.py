"""Requests per second of GETs on the running site (bench/http.py's `Site`): with wrk when it is
installed, else CONNECTIONS Python threads with keep-alive connections, every answer 200."""

import http.client
import os
import re
import shutil
import subprocess
import threading
import time

SECONDS = float(os.environ.get("BENCH_HTTP_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))


def requests_per_second(
    site, paths: list[str], seconds: float = SECONDS, rounds: int = 4
) -> dict[str, float]:
    """Requests per second of each GET, keep-alive, CONNECTIONS at once, every answer 200.

    The paths take turns in `rounds` slices of seconds/rounds each, so that a passing load on a
    shared machine weighs on all of them alike."""
    for path in paths:
        for _ in range(3 * site.workers):  # each worker loads its templates and catalogues first
            status = site.get(path)[0]
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
    load = _wrk if shutil.which("wrk") else _threads
    done = dict.fromkeys(paths, 0)
    spent = dict.fromkeys(paths, 0.0)
    for _round in range(rounds):
        for path in paths:
            count, elapsed = load(site, path, max(1.0, seconds / rounds))
            done[path] += count
            spent[path] += elapsed
    return {path: done[path] / spent[path] for path in paths}


def _wrk(site, path: str, seconds: float) -> tuple[int, float]:
    url = site.base + path
    out = subprocess.run(
        ["wrk", "--threads", "2", "--connections", str(CONNECTIONS), "--duration", f"{seconds:.0f}s", url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    ).stdout
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        raise RuntimeError(f"{url}: {match.group(1)} answers were not 2xx/3xx")
    if match := re.search(r"Socket errors: (.*)", out):
        raise RuntimeError(f"{url}: socket errors {match.group(1)}")
    count, value, unit = re.search(r"(\d+) requests in ([\d.]+)(ms|s|m)\b", out).groups()
    return int(count), float(value) * {"ms": 0.001, "s": 1, "m": 60}[unit]


def _threads(site, path: str, seconds: float) -> tuple[int, float]:
    """The fallback without wrk: CONNECTIONS threads, each with a keep-alive connection."""
    stop_at = time.monotonic() + seconds
    counts, failures = [], []

    def load() -> None:
        done = 0
        conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=30)
        while time.monotonic() < stop_at:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                failures.append(response.status)
            done += 1
        conn.close()
        counts.append(done)

    threads = [threading.Thread(target=load) for _ in range(CONNECTIONS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"{path}: {len(failures)} answers were not 200")
    return sum(counts), time.monotonic() - started
