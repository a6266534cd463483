"""The site under gunicorn with production settings (bench/settings.py), on 127.0.0.1 only.

booking_page_rps_ratio_to_hello: requests per second of the booking month page divided by those of
a hello-world Django view (bench/urls.py), both through the same middleware, the same gunicorn
(BENCH_WORKERS worker processes) and the same load tool (wrk when installed, else a bounded
Python load generator), BENCH_HTTP_SECONDS each.
home_page_kb_transferred: the home page with every CSS, JS, image and font it references,
fetched as a browser asks for it (Accept-Encoding: br, gzip), headers included.

The server gets a database of its own (PostgreSQL when DATABASE_URL points to it, else a SQLite
file), migrated, with static files collected by WhiteNoise's compressed manifest storage, and
demo content plus BENCH_BOOKINGS bookings made by the run. `Site` is shared with bench/load.py.
"""

import contextlib
import html.parser
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from cryptography.fernet import Fernet
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
SECONDS = float(os.environ.get("BENCH_HTTP_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
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


# --- load tools -------------------------------------------------------------------------------------


def requests_per_second(
    site: Site, paths: list[str], seconds: float = SECONDS, rounds: int = 4
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


def _wrk(site: Site, path: str, seconds: float) -> tuple[int, float]:
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


def _threads(site: Site, path: str, seconds: float) -> tuple[int, float]:
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


# --- the weight of the home page ------------------------------------------------------------------


class _Assets(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if (
            tag == "link"
            and attrs.get("href")
            and set((attrs.get("rel") or "").split())
            & {
                "stylesheet",
                "icon",
                "preload",
                "modulepreload",
                "manifest",
                "apple-touch-icon",
            }
        ):
            self.urls.append(attrs["href"])
        elif tag in ("script", "img", "source", "video", "audio") and attrs.get("src"):
            self.urls.append(attrs["src"])
        for candidate in (attrs.get("srcset") or "").split(","):
            if candidate.strip():
                self.urls.append(candidate.split()[0])


_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def page_weight(site: Site, path: str) -> tuple[int, list[tuple[str, int]]]:
    """Bytes on the wire for a page and everything it references, fetched once each as a
    browser asks for them (compressed when the server offers it)."""
    accept = {"Accept-Encoding": "br, gzip", "Accept": "*/*"}
    parts: list[tuple[str, int]] = []
    seen: set[str] = set()
    queue = [(path, "html")]
    while queue:
        url, kind = queue.pop(0)
        if url in seen or url.startswith("data:"):
            continue
        seen.add(url)
        status, headers, body, header_bytes = site.get(url, accept)
        if status != 200:
            raise RuntimeError(f"{url} answered {status}")
        parts.append((url, len(body) + header_bytes))
        encoding = headers.get("Content-Encoding", "")
        if kind == "html":
            parser = _Assets()
            parser.feed(_decode(body, encoding))
            queue += [(urllib.parse.urljoin(url, u), _kind(u)) for u in parser.urls]
        elif kind == "css":
            for match in _CSS_URL.finditer(_decode(body, encoding)):
                ref = match.group(1) or match.group(2)
                if not ref.startswith(("data:", "#")):
                    queue.append((urllib.parse.urljoin(url, ref), _kind(ref)))
    return sum(size for _url, size in parts), parts


def _kind(url: str) -> str:
    return "css" if urllib.parse.urlsplit(url).path.endswith(".css") else "asset"


def _decode(body: bytes, encoding: str) -> str:
    if encoding == "br":
        import brotli

        body = brotli.decompress(body)
    elif encoding == "gzip":
        import gzip

        body = gzip.decompress(body)
    return body.decode("utf-8", "replace")


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
