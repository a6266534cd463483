"""Real Celery: two worker processes and beat over Redis and PostgreSQL send hundreds of due
messages exactly once, even when a worker is killed mid-pass and the broker connections drop.

The mail goes to files (tests.notifications.backends.SlowFileBackend) so that the emails of
all processes can be counted by Message-ID. Redis database 12 (TEST_MESSAGES_REDIS_URL) is
this test's own: it is flushed, and its client connections are killed to restart the broker
connection, without touching anyone else's.
"""

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from notifications.models import Message
from tests.support.outbox import due_confirmations

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

REDIS_URL = os.environ.get("TEST_MESSAGES_REDIS_URL", "redis://127.0.0.1:6379/12")
CELERY = str(Path(sys.executable).parent / "celery")
MESSAGE_ID = re.compile(rb"^Message-ID: (<[^>]+>)", re.MULTILINE | re.IGNORECASE)
COUNT = 300


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Processes:
    """The worker and beat subprocesses, each in a session of its own, logs in the temp dir."""

    def __init__(self, tmp: Path, env: dict):
        self.tmp, self.env, self.running = tmp, env, {}

    def start(self, name: str, *args: str) -> subprocess.Popen:
        with (self.tmp / f"{name}.log").open("wb") as log:  # the child keeps its own copy
            proc = subprocess.Popen(
                [CELERY, "-A", "config", *args],
                cwd=settings.BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.running[name] = proc
        return proc

    def worker(self, name: str) -> subprocess.Popen:
        return self.start(
            name,
            "worker",
            "--pool",
            "solo",
            "--hostname",
            f"{name}@%h",
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
        )

    def stop_all(self) -> None:
        for proc in self.running.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
        for proc in self.running.values():
            proc.wait(timeout=10)

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in self.tmp.glob("*.log")
        )


def _wait_for(condition, seconds: float, what: str, processes: Processes):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}\n{processes.logs()}")


def _drop_broker_connections(client: redis.Redis) -> int:
    """Kills every client connection of our Redis database: the broker 'restarts' for our
    workers and beat, which must reconnect."""
    db = client.connection_pool.connection_kwargs.get("db", 0)
    mine = client.client_id()
    killed = 0
    for entry in client.client_list():
        if int(entry["db"]) == db and int(entry["id"]) != mine:
            killed += client.client_kill_filter(_id=entry["id"])
    return killed


def test_two_workers_and_beat_send_each_message_once_through_a_kill_and_a_broker_restart(tmp_path):
    started = time.monotonic()
    broker = redis.Redis.from_url(REDIS_URL)
    broker.flushdb()
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    rows = due_confirmations(COUNT)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": REDIS_URL,
        "MAIL_DIR": str(mail_dir),
        "MAIL_DELAY": "0.01",
        "PAUSE_AFTER": "30",
        "BEAT_SCHEDULE": str(tmp_path / "beat-schedule"),
        "MESSAGES_SEND_EVERY_SECONDS": "1",
    }
    processes = Processes(tmp_path, env)
    try:
        workers = {name: processes.worker(name) for name in ("one", "two")}
        processes.start("beat", "beat", "--loglevel", "INFO", "--schedule", env["BEAT_SCHEDULE"])

        # One worker hangs mid-pass (its claimed rows unsent): kill it there.
        paused = mail_dir / "paused"
        pid = int(
            _wait_for(lambda: paused.exists() and paused.read_text(), 40, "a worker to pause", processes)
        )
        victim = next(name for name, proc in workers.items() if proc.pid == pid)
        os.kill(pid, signal.SIGKILL)
        workers[victim].wait(timeout=10)
        assert Message.objects.filter(status=Message.Status.SENDING).exists(), "the killed worker held claims"

        # The broker connections of the surviving worker and beat drop; a new worker starts.
        assert _drop_broker_connections(broker) >= 2
        processes.worker("three")

        _wait_for(
            lambda: not Message.objects.exclude(status=Message.Status.SENT).exists(),
            45 - (time.monotonic() - started),
            "every message to be sent",
            processes,
        )
    finally:
        processes.stop_all()
        broker.flushdb()

    sent = Counter(
        message_id.decode()
        for path in mail_dir.glob("*.log")
        for message_id in MESSAGE_ID.findall(path.read_bytes())
    )
    expected = {row.message_id for row in rows}
    assert set(sent) == expected, "nothing lost"
    assert max(sent.values()) == 1, "nothing doubled"
    assert Message.objects.filter(attempts__gt=1).exists(), "the killed worker's claims were taken over"
    assert time.monotonic() - started < 60
