"""Runs the web server, a Celery worker and beat together; Ctrl-C (or SIGTERM) stops all of them."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Web server + Celery worker + Celery beat in one terminal (make run)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--port",
            default=os.environ.get("PORT", "8000"),
            help="port on 127.0.0.1 (default: PORT, else 8000)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", "3")),
            help="gunicorn worker processes (default: WEB_CONCURRENCY, else 3, as make serve)",
        )

    def handle(self, *args, port, workers, **options):
        bin_dir = os.path.dirname(sys.executable)
        (settings.VAR_DIR / "broker" / "queue").mkdir(parents=True, exist_ok=True)
        (settings.VAR_DIR / "broker" / "processed").mkdir(parents=True, exist_ok=True)
        (settings.VAR_DIR / "broker" / "control").mkdir(parents=True, exist_ok=True)
        commands = {
            "web": [
                os.path.join(bin_dir, "gunicorn"),
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
            ],  # no gunicorn access log: our request log masks personal-link tokens
            "worker": [
                os.path.join(bin_dir, "celery"),
                "-A",
                "config",
                "worker",
                "--loglevel",
                "INFO",
                "--concurrency",
                "2",
                "--hostname",
                "worker@%h",
            ],
            "beat": [
                os.path.join(bin_dir, "celery"),
                "-A",
                "config",
                "beat",
                "--loglevel",
                "INFO",
                "--schedule",
                str(settings.VAR_DIR / "celerybeat-schedule"),
            ],
        }
        procs = {name: subprocess.Popen(cmd, start_new_session=True) for name, cmd in commands.items()}
        self.stdout.write(f"site: http://127.0.0.1:{port}/  (Ctrl-C stops web, worker and beat)")
        stopping = False

        def stop(*_args):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping:
                for name, proc in procs.items():
                    if proc.poll() is not None:
                        self.stderr.write(f"{name} exited with {proc.returncode}; stopping the others")
                        stopping = True
                time.sleep(0.5)
        finally:
            # The main processes shut their own children down (gunicorn and Celery warm shutdown).
            for proc in procs.values():
                if proc.poll() is None:
                    proc.terminate()
            deadline = time.monotonic() + 20  # a Celery warm shutdown takes a few seconds
            for proc in procs.values():
                try:
                    proc.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
        return None
