"""The permission matrix: every role asks every URL of the site (admin's included) and is offered
admin's actions, and gets what the rows say, with confidential text exactly where the policy lets it
through (privacy.access; the README's security section has the rules).

The matrix is data (matrix_rows, matrix_rows_admin): a URL, a registered admin or an action without
a row fails here, and so does a row whose URL is gone. The world is built once for the module
(matrix_world); each role's walk runs in its own savepoint on top of it.
"""

import re

import pytest
from django.conf import settings

from privacy import access
from privacy.access import Rule

from .matrix_rows import ROWS
from .matrix_rows_admin import ACTIONS, ADMIN_OBJECTS
from .matrix_walk import (
    STANDARD_VIEWS,
    object_kwargs,
    offered_actions,
    registered_admins,
    url_name,
    url_patterns,
    walk,
)
from .matrix_world import CASE_CONTENT, HEALTH, ROLES, SUPERUSER, module_world

# Admin's own unnamed patterns: each model's old object address (a redirect to its change page)
# and the catch-all that answers 404 or sends to sign-in.
ADMIN_UNNAMED = re.compile(
    rf"^<unnamed> {re.escape(settings.ADMIN_URL)}(\w+/\w+/<path:object_id>/|\(\?P<url>\.\*\)\$)$"
)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from module_world(django_db_blocker)


def unmatched(rows: dict) -> tuple[list, list, list]:
    """(URLs without a name, URLs without a row, rows without a URL)."""
    names = {pattern.name for pattern in url_patterns()}
    unnamed = {name for name in names if name.startswith("<unnamed>")}
    covered = {url_name(key) for key in rows}
    return (
        sorted(name for name in unnamed if not ADMIN_UNNAMED.match(name)),
        sorted(names - unnamed - covered),
        sorted(covered - names),
    )


def test_every_url_has_a_row_and_every_row_a_url():
    nameless, missing, gone = unmatched(ROWS)
    assert nameless == [], "name these URLs"
    assert missing == [], "add a row to tests/privacy/matrix_rows*.py"
    assert gone == [], "these rows' URLs are gone"


def test_a_url_without_a_row_is_found():
    rows = {key: row for key, row in ROWS.items() if url_name(key) != "admin:mediation_case_reassign"}
    assert unmatched(rows)[1] == ["admin:mediation_case_reassign"]


def test_every_registered_admin_has_its_rows():
    admins = registered_admins()
    assert sorted(set(admins) ^ set(ADMIN_OBJECTS)) == [], "ADMIN_OBJECTS names one row per admin"
    assert sorted(set(admins) ^ set(ACTIONS)) == [], "ACTIONS lists every admin's actions"
    for label, model_admin in admins.items():
        app, model = label.split(".")
        for view in STANDARD_VIEWS:
            assert f"admin:{app}_{model}_{view}" in ROWS
        actions = {action.name for action in model_admin._get_base_actions()}
        assert actions == set(ACTIONS[label]), label


def test_a_rule_opened_too_wide_is_found(world, db, monkeypatch):
    """The negative control: with the health and case-content rules letting every signed-in user
    through, a superuser's walk meets the declaration and the case's content where the rows say
    nothing is shown (privacy.access's registry entries replaced for this test only)."""
    monkeypatch.setitem(access._checks, Rule.HEALTH, lambda user, obj=None: True)
    monkeypatch.setitem(access._checks, Rule.CASE_CONTENT, lambda user, obj=None: True)
    keys = ["admin:events_seatbooking_change", "admin:mediation_mediationcase_change"]
    wrong = walk(world, SUPERUSER, {key: ROWS[key] for key in keys}, object_kwargs(ADMIN_OBJECTS))
    assert len(wrong) == 2
    assert HEALTH in wrong[0] and all(marker in wrong[1] for marker in CASE_CONTENT)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_matrix_says(world, role, db):
    wrong = walk(world, role, ROWS, object_kwargs(ADMIN_OBJECTS))
    admins = registered_admins()
    for label, actions in ACTIONS.items():
        expected = {name for name, roles in actions.items() if role in roles}
        offered = offered_actions(world, role, admins[label])
        if offered != expected:
            wrong.append(f"{label} actions: expected {sorted(expected)}, offered {sorted(offered)}")
    assert not wrong, "\n".join(wrong)
