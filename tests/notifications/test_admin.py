"""The message log in admin: what was sent, when, what failed and why; failed ones can be resent."""

import datetime as dt
import smtplib

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from bookings.actions.record import feedback_submit
from bookings.models import Booking, Feedback
from notifications.actions import messages_send_due
from notifications.models import Message
from tests.factories import BookingFactory, MessageFactory, StaffFactory, UserFactory, bookable
from tests.notifications.conftest import helsinki

pytestmark = pytest.mark.django_db
LOG = reverse("admin:notifications_message_changelist")


@pytest.fixture
def admin_client(clock, client):
    # Signed in at the tests' time (a session from the real now would have expired by then).
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def failed_and_sent(clock, scripted):
    failed, sent = MessageFactory.create_batch(2)
    scripted.script = [smtplib.SMTPRecipientsRefused({failed.recipient: (550, b"5.1.1 unknown user")})]
    messages_send_due()
    failed.refresh_from_db()
    sent.refresh_from_db()
    return failed, sent


def test_the_log_shows_kind_recipient_status_attempts_and_error(admin_client, failed_and_sent):
    failed, sent = failed_and_sent
    page = admin_client.get(LOG).content.decode()
    assert "A note (tests)" in page
    assert failed.recipient in page and sent.recipient in page
    assert "recipient refused: 550 5.1.1 unknown user" in page
    assert "epäonnistui" in page and "lähetetty" in page


def test_a_message_opens_read_only_with_its_message_id_and_no_personal_tokens(admin_client, clock):
    row = MessageFactory(context={"manage_token": "very-secret"})
    page = admin_client.get(reverse("admin:notifications_message_change", args=[row.pk])).content.decode()
    assert row.message_id.replace("<", "&lt;").replace(">", "&gt;") in page
    assert "very-secret" not in page
    assert 'name="recipient"' not in page, "no editable field"
    assert admin_client.get(reverse("admin:notifications_message_add")).status_code == 403


def test_the_log_takes_a_fixed_number_of_queries(admin_client, clock, django_assert_max_num_queries):
    MessageFactory.create_batch(30)
    messages_send_due()
    with django_assert_max_num_queries(12):
        assert admin_client.get(LOG).status_code == 200


def test_resend_queues_the_failed_messages_again_and_leaves_the_others(admin_client, failed_and_sent, clock):
    failed, sent = failed_and_sent
    response = admin_client.post(
        LOG, {"action": "resend", "_selected_action": [failed.pk, sent.pk]}, follow=True
    )
    page = response.content.decode()
    # Admin speaks Finnish by default (notifications' own catalogue).
    assert "1 viesti on taas lähtöjonossa." in page
    assert "1 viesti ei ollut epäonnistunut, eikä sitä muutettu." in page
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == (Message.Status.PENDING, 0, "")
    mail.outbox.clear()
    messages_send_due()
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [failed.message_id]


def test_staff_without_the_permission_can_not_resend(client, failed_and_sent):
    failed, _sent = failed_and_sent
    viewer = StaffFactory()
    viewer.user_permissions.add(Permission.objects.get(codename="view_message"))
    client.force_login(viewer)
    assert client.get(LOG).status_code == 200
    client.post(LOG, {"action": "resend", "_selected_action": [failed.pk]})
    failed.refresh_from_db()
    assert failed.status == Message.Status.FAILED


def test_checkin_answers_are_visible_to_the_practitioner_read_only(admin_client, clock):
    _, session_type = bookable()
    booking = BookingFactory(
        session_type=session_type, start=helsinki(2027, 3, 3, 10), client_name="Kalle Asiakas", online=True
    )
    feedback_submit(booking=booking, rating=4, helped="Rauha.", change="Lyhyempi.", wants_next=True)
    page = admin_client.get(reverse("admin:bookings_feedback_changelist")).content.decode()
    assert "Kalle Asiakas" in page and "ke 3.3.2027" in page
    detail = admin_client.get(
        reverse("admin:bookings_feedback_change", args=[Feedback.objects.get().pk])
    ).content.decode()
    assert "Rauha." in detail and "Lyhyempi." in detail
    assert 'name="helped"' not in detail
    assert Booking.objects.count() == 1


def test_resent_message_keeps_its_message_id(admin_client, failed_and_sent):
    failed, _sent = failed_and_sent
    first_id = failed.message_id
    admin_client.post(LOG, {"action": "resend", "_selected_action": [failed.pk]})
    failed.refresh_from_db()
    assert failed.message_id == first_id
    assert failed.due_at <= dt.datetime.now(dt.UTC)
