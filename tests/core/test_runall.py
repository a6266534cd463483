"""make run's worker count: WEB_CONCURRENCY, else 3, the same as make serve (the Makefile exports it)."""

import re
from pathlib import Path

from core.management.commands.runall import Command


def workers(monkeypatch, value: str | None) -> int:
    if value is None:
        monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    else:
        monkeypatch.setenv("WEB_CONCURRENCY", value)
    return Command().create_parser("manage.py", "runall").parse_args([]).workers


def test_runall_starts_three_web_workers_by_default(monkeypatch):
    assert workers(monkeypatch, None) == 3


def test_runall_honours_web_concurrency(monkeypatch):
    assert workers(monkeypatch, "5") == 5


def test_makefile_exports_web_concurrency_with_the_same_default():
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    assert re.search(r"^WEB_CONCURRENCY \?= 3$", makefile, re.M)
    assert re.search(r"^export .*\bWEB_CONCURRENCY\b", makefile, re.M)
