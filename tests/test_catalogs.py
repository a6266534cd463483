"""The translation catalogs are complete and up to date: after `make messages`, run on a copy of the
project so the working tree is left alone, every message of every catalogue has a Finnish and a
Swedish translation and none is fuzzy. A string added to the code without its translations fails here."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail

ROOT = Path(__file__).resolve().parent.parent
LEFT_OUT = (
    ".git",
    ".venv",
    "var",
    "staticfiles",
    "node_modules",
    "__pycache__",
    "*_cache",
    ".hypothesis",
    "*.mo",
)

pytestmark = pytest.mark.catalogs


def gettext_output(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def msgids(po_text: str) -> list[str]:
    """The msgids of msgattrib's output, the header left out."""
    entries = []
    for block in po_text.split("\n\n"):
        lines = block.splitlines()
        start = next((n for n, line in enumerate(lines) if line.startswith("msgid ")), None)
        if start is None:
            continue
        parts = [lines[start].removeprefix("msgid ")]
        for line in lines[start + 1 :]:
            if not line.startswith('"'):
                break
            parts.append(line)
        if text := "".join(json.loads(part) for part in parts):
            entries.append(text)
    return entries


def catalogued_apps() -> list[str]:
    """The apps `make messages` keeps a catalogue for (the Makefile's APPS_WITH_CATALOGUES)."""
    line = next(
        line
        for line in (ROOT / "Makefile").read_text().splitlines()
        if line.startswith("APPS_WITH_CATALOGUES")
    )
    return line.split(":=", 1)[1].split()


def test_every_message_has_a_finnish_and_a_swedish_translation(tmp_path):
    if not shutil.which("msgattrib") or not shutil.which("msgfmt"):
        skip_or_fail("gettext is not installed (apt install gettext)")
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*LEFT_OUT))
    # The project's own target, with this Python's environment and without re-installing it.
    (copy / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    made = subprocess.run(
        ["make", "-C", str(copy), "-o", "setup", "messages"], capture_output=True, text=True
    )
    assert made.returncode == 0, made.stdout + made.stderr
    catalogs = sorted(copy.glob("**/locale/*/LC_MESSAGES/django.po"))
    assert {po.parent.parent.name for po in catalogs} == {"fi", "sv"}
    assert len(catalogs) == 2 * (len(catalogued_apps()) + 1)  # each app's, and templates+core's
    problems = {}
    for po in catalogs:
        untranslated = msgids(gettext_output("msgattrib", "--untranslated", "--no-obsolete", str(po)))
        fuzzy = msgids(gettext_output("msgattrib", "--only-fuzzy", "--no-obsolete", str(po)))
        if untranslated or fuzzy:
            problems[str(po.relative_to(copy))] = {"untranslated": untranslated, "fuzzy": fuzzy}
    assert problems == {}, "run `make messages` and translate these"
