"""Two senders on PostgreSQL never send one row twice: claims are taken FOR UPDATE SKIP LOCKED."""

import pytest

from notifications.models import Message
from tests.support.outbox import claim_race, two_senders

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_concurrent_send_passes_send_every_due_message_exactly_once():
    duplicates, lost = two_senders(300, batch_size=10)
    assert (duplicates, lost) == (0, 0)
    assert set(Message.objects.values_list("status", flat=True)) == {Message.Status.SENT}
    assert set(Message.objects.values_list("attempts", flat=True)) == {1}


def test_a_sender_skips_the_rows_another_sender_is_claiming():
    first, second = claim_race(100, limit=60, lock=True)
    assert sorted([len(first), len(second)]) == [40, 60]  # whichever selected first took 60
    assert not set(first) & set(second)
    assert Message.objects.filter(status=Message.Status.SENDING).count() == 100


def test_negative_control_without_the_lock_two_senders_claim_the_same_rows():
    first, second = claim_race(100, limit=60, lock=False)
    assert set(first) & set(second), "the race test could not fail: without the lock no row was claimed twice"
