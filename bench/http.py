"""The site under gunicorn with production settings (bench/settings.py), on 127.0.0.1 only.

booking_page_rps_ratio_to_hello: requests per second of the booking month page divided by those of
a hello-world Django view (bench/urls.py), both through the same middleware, the same gunicorn
(BENCH_WORKERS worker processes) and the same load tool (wrk when installed, else a bounded
Python load generator), BENCH_HTTP_SECONDS each.
home_page_kb_transferred: the home page with every CSS, JS, image and font it references,
fetched as a browser asks for it (Accept-Encoding: br, gzip), headers included, with the
practitioner's portrait uploaded (of its <picture>, the one file a phone would load: see _pick).

The server gets a database of its own (PostgreSQL when DATABASE_URL points to it, else a SQLite
file), migrated, with static files collected by WhiteNoise's compressed manifest storage, and
demo content, the practitioner's portrait and BENCH_BOOKINGS bookings made by the run. `Site` is shared with bench/load.py.
"""

import contextlib
import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from cryptography.fernet import Fernet
from django.conf import settings

from .rate import CONNECTIONS, SECONDS, requests_per_second
from .weight import page_weight

ROOT = Path(__file__).resolve().parent.parent
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
BOOKINGS = int(os.environ.get("BENCH_BOOKINGS", "200"))


def say(line: str) -> None:
    """Progress and diagnostics: never a BENCH line."""
    print(f"bench: {line}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_url() -> str | None:
    """The local Redis (REDIS_URL, default 127.0.0.1:6379) if it answers."""
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379")
    parts = urllib.parse.urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=1):
            return f"{parts.scheme}://{parts.netloc}"
    except OSError:
        return None


# --- the database of the run ----------------------------------------------------------------------


@contextlib.contextmanager
def bench_database(tmp: Path):
    """A DATABASE_URL of a fresh database: PostgreSQL like the runner's, else a SQLite file."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        yield f"sqlite:///{tmp / 'bench.sqlite3'}"
        return
    import psycopg

    name = f"ohjaamo_bench_site_{os.getpid()}"
    server = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"]}
    with psycopg.connect(
        **server, password=db["PASSWORD"] or None, dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    auth = urllib.parse.quote(db["USER"]) + (
        f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    )
    try:
        yield f"postgres://{auth}@{server['host']}:{server['port']}/{name}"
    finally:
        with psycopg.connect(
            **server, password=db["PASSWORD"] or None, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- data of the run (runs inside a subprocess with bench.settings) -------------------------------


def seed(bookings: int) -> dict:
    """Demo content, plus `bookings` confirmed bookings on the free times of the next 90 days of the
    demo's individual session type. Returns the addresses the benchmarks visit."""
    import datetime as dt
    import io

    from django.core.management import call_command
    from django.urls import reverse
    from django.utils import timezone, translation

    from bench.fill import book_free_times
    from bookings import selectors
    from bookings.models import SessionType
    from core.formats import iso_local_minute
    from core.time import HELSINKI
    from services.models import Page

    call_command("demo", stdout=io.StringIO())
    upload_portrait()
    session_type = (
        SessionType.objects.filter(is_active=True, booking_mode="instant", audience="individual")
        .order_by("pk")
        .first()
    )
    today = timezone.now().astimezone(HELSINKI).date()
    made = book_free_times(session_type, bookings)
    modality = session_type.modality_list[0]
    query = f"type={session_type.slug}&modality={modality}"
    free = selectors.free_slots(session_type, today + dt.timedelta(days=1), today + dt.timedelta(days=90))
    free = [slot for slot in free if modality in slot.modalities]
    days = sorted({slot.start.astimezone(HELSINKI).date() for slot in free})[:5]
    first = free[0].start.astimezone(HELSINKI).date()
    with translation.override("fi"):
        return {
            "home": "/",
            "hello": "/bench/hello/",
            "month": f"{reverse('bookings:month')}?{query}",
            "times": [f"{reverse('bookings:times')}?{query}&date={day.isoformat()}" for day in days],
            "popular": [
                f"{reverse('bookings:details')}?{query}&start={iso_local_minute(s.start)}" for s in free[:30]
            ],
            "availability": (
                f"/api/v1/availability/?session_type={session_type.slug}"
                f"&from={first.isoformat()}&to={(first + dt.timedelta(days=30)).isoformat()}"
            ),
            "service_pages": [
                reverse(f"services:{key}")
                for key in (
                    Page.Key.SUPERVISION,
                    Page.Key.MEDIATION,
                    Page.Key.TALKS,
                    Page.Key.SOUND_RELAXATION,
                )
            ],
            "details_path": reverse("bookings:details"),
            "review_path": reverse("bookings:review"),
            "taken_path": reverse("bookings:taken"),
            "manage_path": reverse("bookings:manage", kwargs={"token": "x"}).rsplit("x/", 1)[0],
            "bookings": made,
        }


def upload_portrait() -> None:
    """The practitioner's portrait, as the workspace stores it: a camera photo (tests/practice) with
    its EXIF, turned into AVIF/WebP/JPEG sizes. The home page is weighed with it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from practice.actions import profile_save
    from practice.selectors import profile
    from tests.practice.pictures import jpeg_with_gps

    practice = profile()
    practice.portrait = SimpleUploadedFile("portrait.jpg", jpeg_with_gps(), content_type="image/jpeg")
    practice.portrait_alt_fi = "Aino Ohjaaja"
    profile_save(profile=practice)


# --- the server -------------------------------------------------------------------------------------


class Site:
    """gunicorn (and, on request, a Celery worker) on a database, cache and broker of the run."""

    def __init__(
        self,
        *,
        workers: int = WORKERS,
        worker: bool = False,
        bookings: int = BOOKINGS,
        env: dict | None = None,
    ):
        self.workers, self.with_worker, self.bookings = workers, worker, bookings
        self.extra_env = env or {}
        self.port = free_port()
        self.processes: list[subprocess.Popen] = []
        self.stack = contextlib.ExitStack()

    def __enter__(self) -> "Site":
        try:
            self._start()
        except BaseException:
            self.stack.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stack.close()

    def _start(self) -> None:
        tmp = Path(self.stack.enter_context(tempfile.TemporaryDirectory(prefix="ohjaamo-bench-")))
        redis = redis_url()
        # SITE_URL is left to production (https:// and the first allowed host, which it insists on);
        # bench/settings.py then sets the plain-HTTP address of the run from BENCH_SITE_URL.
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "SITE_URL"},
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
            "DATABASE_URL": self.stack.enter_context(bench_database(tmp)),
            "BENCH_STATIC_ROOT": str(tmp / "static"),
            "BENCH_SITE_URL": f"http://127.0.0.1:{self.port}",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
            "MEDIA_ROOT": str(tmp / "media"),
            # Databases 12 and 13 of the local Redis; a file cache shared by the workers without it.
            "CACHE_URL": f"{redis}/12" if redis else f"filecache://{tmp / 'cache'}",
            "CELERY_BROKER_URL": f"{redis}/13" if redis else "memory://",
            **self.extra_env,
        }
        if redis:
            import redis as redis_client

            for db in (12, 13):
                redis_client.Redis.from_url(f"{redis}/{db}").flushdb()
        self.manage("migrate", "--noinput", "--verbosity", "0")
        self.manage("collectstatic", "--noinput", "--verbosity", "0")
        self.urls = json.loads(
            self.python(
                f"import django; django.setup(); import json; from bench.http import seed; "
                f"print(json.dumps(seed({self.bookings})))"
            ).splitlines()[-1]
        )
        say(f"site: {self.urls['bookings']} bookings made; gunicorn with {self.workers} workers")
        self.log = (tmp / "server.log").open("w")
        self.stack.callback(self.log.close)
        self._spawn(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--backlog",
                "512",
            ]
        )
        if self.with_worker:
            self._spawn(
                [
                    str(Path(sys.executable).parent / "celery"),
                    "-A",
                    "config",
                    "worker",
                    "--concurrency",
                    "2",
                    "--loglevel",
                    "WARNING",
                    "--hostname",
                    f"bench-{os.getpid()}@%h",
                ]
            )
        self._wait_until_up()

    def manage(self, *args: str) -> str:
        return self._run([sys.executable, "manage.py", *args])

    def python(self, code: str) -> str:
        return self._run([sys.executable, "-c", code])

    def _run(self, command: list[str]) -> str:
        done = subprocess.run(command, cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=600)
        if done.returncode:
            raise RuntimeError(f"{' '.join(command[:3])} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def _spawn(self, command: list[str]) -> None:
        process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes.append(process)
        self.stack.callback(self._stop, process)

    @staticmethod
    def _stop(process: subprocess.Popen) -> None:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait()

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if any(p.poll() is not None for p in self.processes):
                break
            with contextlib.suppress(OSError, http.client.HTTPException):
                if self.get("/healthz")[0] == 200:
                    return
            time.sleep(0.3)
        self.log.flush()
        raise RuntimeError(f"the bench server did not come up:\n{Path(self.log.name).read_text()[-3000:]}")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def get(self, path: str, headers: dict | None = None) -> tuple[int, dict, bytes, int]:
        """(status, headers, raw body as sent, bytes on the wire for status line and headers)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("GET", path, headers=headers or {})
            response = conn.getresponse()
            body = response.read()
            header_bytes = len(f"HTTP/1.1 {response.status} {response.reason}\r\n") + sum(
                len(f"{k}: {v}\r\n") for k, v in response.getheaders()
            )
            return response.status, dict(response.getheaders()), body, header_bytes + 2
        finally:
            conn.close()


def run(emit) -> None:
    with Site() as site:
        total, parts = page_weight(site, site.urls["home"])
        for url, size in sorted(parts, key=lambda part: -part[1]):
            say(f"home page part {size / 1024:7.1f} KB {url}")
        emit("home_page_kb_transferred", total / 1024, "KB")
        tool = "wrk" if shutil.which("wrk") else "python threads"
        rps = requests_per_second(site, [site.urls["hello"], site.urls["month"]])
        hello, month = rps[site.urls["hello"]], rps[site.urls["month"]]
        say(
            f"{tool}, {CONNECTIONS} connections, {SECONDS:.0f} s each: month page {month:.0f}/s, hello {hello:.0f}/s"
        )
        emit("booking_page_rps_ratio_to_hello", month / hello, "ratio")
