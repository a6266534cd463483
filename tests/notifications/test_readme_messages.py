"""The README's "Messages" section has a row for every message kind the apps register, saying when
it is sent and when it is skipped as too late; a kind with a "too late" rule in the code says when
in its row, and a kind without one says "—"."""

import re
from pathlib import Path

from notifications import registry

README = Path(__file__).resolve().parents[2] / "README.md"
ROW = re.compile(r"^\| `(?P<kind>[\w.]+)` \| (?P<to>[^|]+) \| (?P<sent>[^|]+) \| (?P<late>[^|]+) \|$")


def section() -> str:
    text = README.read_text()
    start = text.index("## Messages")
    return text[start : text.index("\n## ", start + 1)]


def rows() -> dict[str, dict[str, str]]:
    found = {}
    for line in section().splitlines():
        if match := ROW.match(line):
            found[match["kind"]] = {key: value.strip() for key, value in match.groupdict().items()}
    return found


def app_kinds() -> list[str]:
    """The kinds the apps register (not the tests' own)."""
    return [
        name for name in registry.kinds() if not registry.builder_for(name).__module__.startswith("tests.")
    ]


def test_every_message_kind_has_a_row_in_the_readme():
    assert sorted(app_kinds()) == sorted(rows())


def test_each_row_says_when_it_is_skipped_exactly_when_the_kind_has_a_too_late_rule():
    table = rows()
    for name in app_kinds():
        late = table[name]["late"]
        assert registry.is_time_bound(name) == (not late.startswith("—")), (name, late)
        assert table[name]["sent"] and table[name]["to"], name
