"""Concurrency: double_bookings_under_race, and a bounded locust run of the whole stack.

double_bookings_under_race: 12 threads book the same time at once, each in its own connection
and transaction (tests/support/races.py, the harness the race tests use); the figure is bookings beyond
the one that may exist.

load_p95_ms, load_errors, load_double_bookings: locust, headless on 127.0.0.1, runs
BENCH_LOAD_USERS simulated visitors (default 50, BENCH_LOAD_SPAWN_RATE a second) for
BENCH_LOAD_SECONDS (default 60) against gunicorn (BENCH_WORKERS processes) + PostgreSQL + Redis
(cache and broker) + a Celery worker, all started here (bench/http.py's Site, bench/locustfile.py's
visitors: browsing, reading availability, booking a few popular times). p95 is over every request;
errors are failed requests (5xx, refused forms, broken pages; losing a time to a faster visitor is
not one); double bookings are overlapping active calendar blocks of one practitioner afterwards.
Without Redis it prints `bench: load skipped: <reason>` on stderr.

All four need PostgreSQL, where several processes write at once: bench/__main__.py runs them on the
configured PostgreSQL, else on the local test server, else says on stderr why they are missing.
"""

import csv
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from bench.http import ROOT, Site, redis_url, say

POSTGRES_FIGURES = ("double_bookings_under_race", "load_p95_ms", "load_errors", "load_double_bookings")
USERS = int(os.environ.get("BENCH_LOAD_USERS", "50"))
SPAWN_RATE = float(os.environ.get("BENCH_LOAD_SPAWN_RATE", "10"))
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))

OVERLAPS = """
    SELECT count(*) FROM bookings_calendarblock a
    JOIN bookings_calendarblock b
      ON a.practitioner_id = b.practitioner_id AND a.id < b.id
     AND a.active AND b.active AND a.start < b."end" AND b.start < a."end"
"""


def double_bookings_under_race() -> int:
    from bookings.models import Booking, CalendarBlock, Practitioner, SessionType, WeeklyHours
    from core.time import HELSINKI
    from notifications.models import Message
    from tests.support.races import race_for_one_slot

    user = get_user_model().objects.create(username="bench-race")
    practitioner = Practitioner.objects.create(user=user, display_name="Race", email="race@example.fi")
    WeeklyHours.objects.bulk_create(
        WeeklyHours(practitioner=practitioner, weekday=d, start_time=dt.time(8), end_time=dt.time(20))
        for d in range(7)
    )
    session_type = SessionType.objects.create(
        service="supervision", slug="bench-race", name="Race", min_notice_hours=0, horizon_days=30
    )
    session_type.practitioners.add(practitioner)
    day = dt.datetime.now(HELSINKI).date() + dt.timedelta(days=3)
    start = dt.datetime.combine(day, dt.time(12), tzinfo=HELSINKI)
    extra = max(race_for_one_slot(session_type, start, threads=12) - 1, 0)
    # Leave nothing behind for the benchmarks after this one (the winner's emails are due now).
    bookings = Booking.objects.filter(session_type=session_type)
    Message.objects.filter(
        target_type=ContentType.objects.get_for_model(Booking), target_id__in=bookings.values("pk")
    ).delete()
    blocks = list(bookings.values_list("block_id", flat=True))
    bookings.delete()
    CalendarBlock.objects.filter(pk__in=blocks).delete()
    return extra


def locust(site: Site, workdir: Path) -> dict[str, str]:
    """Runs locust headless against the site; returns the aggregated row of its statistics."""
    env = {**os.environ, "BENCH_LOAD_PLAN": json.dumps(site.urls), "PYTHONPATH": str(ROOT)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = [
        str(Path(sys.executable).parent / "locust"),
        "--locustfile",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--host",
        site.base,
        "--users",
        str(USERS),
        "--spawn-rate",
        str(SPAWN_RATE),
        "--run-time",
        f"{SECONDS}s",
        "--stop-timeout",
        "10",
        "--csv",
        str(workdir / "load"),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=SECONDS + 120)
    if done.returncode not in (0, 1):  # 1: the run had failures, which are counted below
        raise RuntimeError(f"locust failed ({done.returncode}):\n{done.stderr[-3000:]}")
    with (workdir / "load_stats.csv").open() as stats:
        rows = list(csv.DictReader(stats))
    for row in rows:
        if row["Name"] != "Aggregated":
            say(
                f"load {row['Name']:>18}: {row['Request Count']} requests, {row['Failure Count']} failed, p95 {row['95%']} ms"
            )
    failures = workdir / "load_failures.csv"
    if failures.exists():
        for row in csv.DictReader(failures.open()):
            say(f"load failure {row['Occurrences']}x {row['Method']} {row['Name']}: {row['Error'][:200]}")
    return next(row for row in rows if row["Name"] == "Aggregated")


def overlapping_blocks(database_url: str) -> int:
    import psycopg

    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as conn:
        return conn.execute(OVERLAPS).fetchone()[0]


def run_postgres(emit) -> None:
    emit("double_bookings_under_race", double_bookings_under_race(), "count")
    if redis_url() is None:
        say("load skipped: needs Redis at REDIS_URL (default redis://127.0.0.1:6379)")
        return
    # The bookers think for a second or two before sending their details.
    with Site(worker=True, env={"SPAM_MIN_FILL_SECONDS": "0.5"}) as site:
        say(
            f"load: {USERS} users for {SECONDS} s against {site.base} ({settings.DATABASES['default']['ENGINE']})"
        )
        totals = locust(site, Path(site.log.name).parent)
        if int(totals["Failure Count"]):
            site.log.flush()
            for line in Path(site.log.name).read_text().splitlines():
                if " WARNING " in line or " ERROR " in line:
                    say(f"server: {line[:300]}")
        emit("load_p95_ms", float(totals["95%"]), "ms")
        emit("load_errors", int(totals["Failure Count"]), "count")
        emit("load_double_bookings", overlapping_blocks(site.env["DATABASE_URL"]), "count")
        booked = site.python(
            "import django; django.setup(); from bookings.models import Booking; "
            "print(Booking.objects.filter(email__startswith='load').count())"
        ).strip()
        say(f"load: {booked} bookings made by the visitors, {totals['Request Count']} requests in all")
