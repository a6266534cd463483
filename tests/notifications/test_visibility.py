"""Apps hide their confidential messages from staff through notifications.visibility; the log
applies every registered rule to everyone but superusers."""

import pytest
from django.db.models import Q

from notifications import visibility
from notifications.models import Message
from tests.factories import MessageFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret_rule(monkeypatch):
    """A rule of the tests' own: notes whose recipient starts with "secret" are hidden from staff."""
    monkeypatch.setitem(visibility._rules, "tests", lambda user: Q(recipient__startswith="secret"))


def test_a_registered_rule_hides_its_messages_from_staff_but_not_from_superusers(clock, secret_rule):
    hidden, shown = MessageFactory(recipient="secret@example.fi"), MessageFactory()
    staff = StaffFactory()
    assert list(visibility.visible_to(staff, Message.objects.all())) == [shown]
    superuser = UserFactory(is_staff=True, is_superuser=True)
    assert set(visibility.visible_to(superuser, Message.objects.all())) == {hidden, shown}


def test_without_rules_staff_see_every_message(clock, monkeypatch):
    monkeypatch.setattr(visibility, "_rules", {})
    notes = MessageFactory.create_batch(2)
    assert set(visibility.visible_to(StaffFactory(), Message.objects.all())) == set(notes)


def test_mediation_registers_its_rule():
    assert "mediation" in visibility._rules
