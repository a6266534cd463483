"""The outbox: queuing, cancelling, superseding, and the send pass (claim, render, send, mark)."""

import datetime as dt
import smtplib

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command

from notifications import actions
from notifications.actions import (
    message_cancel,
    message_queue,
    message_supersede,
    messages_send_due,
)
from notifications.models import Message
from notifications.tasks import send_due_messages
from privacy.registry import entries as registry_entries
from tests.factories import MessageFactory
from tests.notifications.conftest import NOW, message_ids

pytestmark = pytest.mark.django_db
Status = Message.Status


def test_queuing_the_same_message_twice_keeps_one_row(clock):
    user = get_user_model().objects.create(username="u")
    first = message_queue(
        kind="test_note", target=user, recipient="a@example.fi", language="fi", occurrence="1"
    )
    again = message_queue(
        kind="test_note", target=user, recipient="b@example.fi", language="sv", occurrence="1"
    )
    other = message_queue(
        kind="test_note", target=user, recipient="a@example.fi", language="fi", occurrence="2"
    )
    assert again.pk == first.pk and again.recipient == "a@example.fi"
    assert other.pk != first.pk
    assert Message.objects.count() == 2


def test_supersede_cancels_the_pending_one_and_queues_the_new_occurrence(clock):
    user = get_user_model().objects.create(username="u")
    old = message_queue(
        kind="test_note", target=user, recipient="a@example.fi", language="fi", occurrence="0"
    )
    new = message_supersede(
        kind="test_note",
        target=user,
        recipient="a@example.fi",
        language="fi",
        due_at=NOW + dt.timedelta(days=1),
        occurrence="1",
    )
    old.refresh_from_db()
    assert old.status == Status.CANCELLED
    assert new.status == Status.PENDING and new.due_at == NOW + dt.timedelta(days=1)


def test_cancel_stops_pending_and_failed_messages_but_not_sent_ones(clock):
    user = get_user_model().objects.create(username="u")
    MessageFactory(target=user, recipient="a@example.fi", occurrence="pending")
    MessageFactory(target=user, recipient="a@example.fi", occurrence="failed", failed=True)
    MessageFactory(target=user, recipient="a@example.fi", occurrence="sent", sent=True)
    assert message_cancel(target=user, kinds=["test_note"]) == 2
    assert list(Message.objects.order_by("pk").values_list("status", flat=True)) == [
        Status.CANCELLED,
        Status.CANCELLED,
        Status.SENT,
    ]


def test_a_message_due_now_asks_a_worker_after_the_commit_when_a_broker_is_configured(
    clock, settings, django_capture_on_commit_callbacks
):
    user = get_user_model().objects.create(username="u")
    settings.MESSAGES_SEND_ON_COMMIT = True
    with django_capture_on_commit_callbacks() as due_now:
        message_queue(kind="test_note", target=user, recipient="a@example.fi", language="fi", occurrence="1")
    with django_capture_on_commit_callbacks() as later:
        message_queue(
            kind="test_note",
            target=user,
            recipient="a@example.fi",
            language="fi",
            occurrence="2",
            due_at=NOW + dt.timedelta(hours=1),
        )
    settings.MESSAGES_SEND_ON_COMMIT = False
    with django_capture_on_commit_callbacks() as no_broker:
        message_queue(kind="test_note", target=user, recipient="a@example.fi", language="fi", occurrence="3")
    assert [c.__name__ for c in due_now] == ["_send_now"]
    assert later == [] and no_broker == []


def test_a_pass_sends_each_due_message_once_and_marks_it(clock):
    due = MessageFactory.create_batch(5)
    later = MessageFactory(due_at=NOW + dt.timedelta(minutes=5))
    report = messages_send_due()
    assert report.sent == 5
    assert sorted(message_ids(mail.outbox)) == sorted(m.message_id for m in due)
    for row in Message.objects.filter(pk__in=[m.pk for m in due]):
        assert row.status == Status.SENT and row.sent_at == NOW and row.attempts == 1
        assert row.subject == f"Note {row.pk}" and row.claim_token == ""
    assert messages_send_due().sent == 0
    assert len(mail.outbox) == 5
    later.refresh_from_db()
    assert later.status == Status.PENDING
    clock.shift(dt.timedelta(minutes=5))
    assert messages_send_due().sent == 1


def test_the_message_id_is_derived_from_the_row_and_stable(clock, settings):
    settings.SITE_URL = "https://ohjaamo.example.fi"
    first, second = MessageFactory.create_batch(2)
    assert first.message_id == Message.objects.get(pk=first.pk).message_id
    assert first.message_id != second.message_id
    assert first.message_id.startswith(f"<message.{first.pk}.") and first.message_id.endswith(
        "@ohjaamo.example.fi>"
    )
    messages_send_due()
    assert mail.outbox[0].message()["Message-ID"] == first.message_id


def test_sent_email_is_multipart_text_and_html_from_the_site(clock):
    MessageFactory()
    messages_send_due()
    email = mail.outbox[0]
    assert email.body.startswith("Hello ")
    assert email.alternatives[0].mimetype == "text/html"
    assert email.message()["Auto-Submitted"] == "auto-generated"


def test_a_dropped_connection_is_retried_with_backoff_and_stops_the_pass(clock, scripted):
    rows = MessageFactory.create_batch(3)
    scripted.script = [smtplib.SMTPServerDisconnected("Connection unexpectedly closed")]
    report = messages_send_due()
    assert (report.sent, report.retried) == (0, 1)
    first = Message.objects.get(pk=rows[0].pk)
    assert first.status == Status.PENDING and first.attempts == 1
    assert first.next_attempt_at == NOW + dt.timedelta(minutes=1)
    assert "disconnected" in first.last_error
    # The rest of the batch was given back untried: not an attempt.
    assert list(
        Message.objects.filter(pk__in=[r.pk for r in rows[1:]]).values_list("attempts", flat=True)
    ) == [0, 0]
    assert messages_send_due().sent == 2  # the others go; the first waits for its backoff
    clock.shift(dt.timedelta(seconds=59))
    assert messages_send_due().sent == 0
    clock.shift(dt.timedelta(seconds=1))
    assert messages_send_due().sent == 1
    assert sorted(message_ids(mail.outbox)) == sorted(r.message_id for r in rows)
    first.refresh_from_db()
    assert first.status == Status.SENT and first.attempts == 2 and first.last_error == ""


def test_backoff_doubles_and_the_message_fails_after_the_last_attempt(clock, scripted, settings):
    settings.MESSAGES_MAX_ATTEMPTS = 3
    row = MessageFactory()
    refused = smtplib.SMTPRecipientsRefused({"n0@example.fi": (450, b"mailbox busy")})
    scripted.script = [refused, refused, refused]
    assert messages_send_due().retried == 1
    row.refresh_from_db()
    assert row.next_attempt_at == NOW + dt.timedelta(minutes=1)
    clock.shift(dt.timedelta(minutes=1))
    assert messages_send_due().retried == 1
    row.refresh_from_db()
    assert row.next_attempt_at == NOW + dt.timedelta(minutes=1 + 2)
    clock.shift(dt.timedelta(minutes=2))
    assert messages_send_due().failed == 1
    row.refresh_from_db()
    assert row.status == Status.FAILED and row.attempts == 3
    assert row.last_error.startswith("gave up after 3 attempts") and "450 mailbox busy" in row.last_error
    assert mail.outbox == []


def test_a_recipient_refused_for_good_fails_at_once_with_the_reason(clock, scripted):
    refused, fine = MessageFactory.create_batch(2)
    scripted.script = [smtplib.SMTPRecipientsRefused({"n0@example.fi": (550, b"5.1.1 no such user")})]
    report = messages_send_due()
    assert (report.failed, report.sent) == (1, 1)
    refused.refresh_from_db()
    assert refused.status == Status.FAILED
    assert refused.last_error == "recipient refused: 550 5.1.1 no such user"
    assert message_ids(mail.outbox) == [fine.message_id]


def test_a_message_the_builder_no_longer_wants_is_cancelled(clock):
    row = MessageFactory(context={"build": "none", "manage_token": "secret"})
    assert messages_send_due().cancelled == 1
    row.refresh_from_db()
    assert row.status == Status.CANCELLED and row.context == {"build": "none"}
    assert mail.outbox == []


def test_a_broken_builder_fails_the_message_with_the_reason_and_the_pass_goes_on(clock):
    broken = MessageFactory(context={"build": "raise"})
    MessageFactory()
    report = messages_send_due()
    assert (report.failed, report.sent) == (1, 1)
    broken.refresh_from_db()
    assert broken.status == Status.FAILED
    assert broken.last_error == "could not build: RuntimeError: template is broken"


def test_a_kind_without_builder_and_a_deleted_target_are_not_sent(clock):
    unknown = MessageFactory()
    Message.objects.filter(pk=unknown.pk).update(kind="no_such_kind")
    group = Group.objects.create(name="gone")
    gone = MessageFactory(target=group, recipient="g@example.fi")
    group.delete()
    report = messages_send_due()
    assert (report.failed, report.cancelled, report.sent) == (1, 1, 0)
    assert Message.objects.get(pk=unknown.pk).last_error == "no builder for message kind 'no_such_kind'"
    assert Message.objects.get(pk=gone.pk).status == Status.CANCELLED


def test_rows_claimed_by_a_sender_that_died_are_sent_after_the_claim_timeout(clock, settings):
    settings.MESSAGES_CLAIM_TIMEOUT = 600
    rows = MessageFactory.create_batch(3)
    token, claimed = actions._claim(limit=10)  # a sender claims, then dies before sending
    assert len(claimed) == 3
    assert messages_send_due().sent == 0
    clock.shift(dt.timedelta(seconds=599))
    assert messages_send_due().sent == 0
    clock.shift(dt.timedelta(seconds=1))
    assert messages_send_due().sent == 3
    assert sorted(message_ids(mail.outbox)) == sorted(r.message_id for r in rows)
    assert set(Message.objects.values_list("attempts", flat=True)) == {2}
    # Had the dead sender's email got through before it died, the resend is recognisable.
    assert not actions._finish(claimed[0], token, Status.SENT), "the dead sender's claim no longer holds"


def test_a_batch_older_than_half_the_claim_timeout_is_given_back_not_sent_late(settings, scripted):
    # The real clock: the lease is measured with time.monotonic, which a frozen clock would stop.
    def claims():
        return set(Message.objects.filter(status=Status.SENDING).values_list("claim_token", flat=True))

    scripted.observe = claims
    rows = MessageFactory.create_batch(4)
    messages_send_due(batch_size=10)
    assert len(set().union(*scripted.observed)) == 1, "one claim holds the whole batch"
    # With a claim timeout of a microsecond every claim is old after its first message: the
    # rest of the batch is given back (and claimed afresh) rather than sent on an expired claim.
    settings.MESSAGES_CLAIM_TIMEOUT = 0.000001
    scripted.observed = []
    rows += MessageFactory.create_batch(4)
    assert messages_send_due(batch_size=10).sent == 4
    assert len(set().union(*scripted.observed)) == 4
    assert sorted(message_ids(mail.outbox)) == sorted(r.message_id for r in rows)
    assert set(Message.objects.values_list("attempts", flat=True)) == {1}


def test_a_message_that_keeps_killing_its_sender_is_failed_in_the_end(clock, settings):
    settings.MESSAGES_MAX_ATTEMPTS = 2
    row = MessageFactory()
    for _attempt in range(2):
        actions._claim(limit=1)
        clock.shift(dt.timedelta(seconds=601))
    assert messages_send_due().failed == 1
    row.refresh_from_db()
    assert row.status == Status.FAILED and row.last_error == "claimed 3 times without an outcome"


def test_the_command_and_the_celery_task_run_the_same_pass(clock, capsys):
    MessageFactory.create_batch(2)
    call_command("send_due_messages")
    assert capsys.readouterr().out.strip() == "sent 2, retried 0, failed 0, cancelled 0, skipped 0"
    MessageFactory()
    assert send_due_messages() == "sent 1, retried 0, failed 0, cancelled 0, skipped 0"
    assert len(mail.outbox) == 3


def test_one_pass_opens_one_mail_connection(clock, scripted):
    MessageFactory.create_batch(5)
    messages_send_due(batch_size=2)
    assert scripted.opened == 1
    assert len(mail.outbox) == 5


@pytest.mark.parametrize(("lock", "taken_twice"), [(True, 0), (False, 3)])
def test_a_sender_that_lost_the_race_claims_nothing_without_row_locks(clock, lock, taken_twice):
    # SQLite has no row locks: a sender may select rows another sender claims before it marks
    # them. The claim re-checks that its rows are still due; the negative control (no guard)
    # claims them a second time.
    MessageFactory.create_batch(3)
    late = actions._select_due(now=NOW, limit=10, lock=lock)
    _token, first = actions._claim(limit=10)
    assert len(first) == 3
    assert actions._mark_claimed(ids=late, now=NOW, token="late", lock=lock) == taken_twice


def test_the_log_is_purged_after_its_retention_but_waiting_messages_are_kept(clock, settings):
    settings.MESSAGES_LOG_RETENTION_DAYS = 30
    MessageFactory(sent=True)
    waiting = MessageFactory(due_at=NOW + dt.timedelta(days=60))
    assert actions.messages_purge(now=NOW + dt.timedelta(days=30)) == 0
    assert actions.messages_purge(now=NOW + dt.timedelta(days=30, seconds=1)) == 1
    assert actions.messages_purge(now=NOW + dt.timedelta(days=365)) == 0
    assert list(Message.objects.values_list("pk", flat=True)) == [waiting.pk]


def test_the_log_is_found_exported_and_erased_by_the_recipients_address(clock):
    entry = next(e for e in registry_entries() if e.name == "messages")
    mine = MessageFactory()
    other = MessageFactory()
    Message.objects.filter(pk=other.pk).update(recipient="other@example.fi")
    messages_send_due()
    found = list(entry.find(mine.recipient.upper()))
    assert [m.pk for m in found] == [mine.pk]
    (exported,) = entry.export(found)
    assert exported["subject"] == f"Note {mine.pk}" and exported["status"] == Status.SENT
    assert entry.erase(found) == 1
    assert not Message.objects.filter(pk=mine.pk).exists() and Message.objects.count() == 1
