"""The admin's message log shows a mediation message only to the case's mediator (and superusers):
party addresses and "about: party #N" are as confidential as the case itself."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from mediation.actions import outbox
from mediation.actions.scheduling import meeting_create
from mediation.kinds import MediationMessage
from mediation.models import CheckIn
from notifications.models import Message
from tests.factories import MessageFactory, StaffFactory, UserFactory
from tests.mediation.factories import MediationCaseFactory

pytestmark = pytest.mark.django_db
LOG = reverse("admin:notifications_message_changelist")


@pytest.fixture(autouse=True)
def _no_lockout_log(settings):
    settings.AXES_ENABLED = False


def with_message_permissions(user):
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="notifications"))
    return user


@pytest.fixture
def about_the_case(case, parties, clock):
    """One message about each kind of thing of the case: the case, a party, a meeting, a check-in."""
    meeting = meeting_create(case=case, kind="joint", parties=parties, duration_minutes=60)
    checkin = CheckIn.objects.create(
        case=case, party=parties[1], kind=CheckIn.Kind.CHECKIN, due_at=dt.datetime(2027, 6, 1, tzinfo=dt.UTC)
    )
    return [
        outbox.to_contact(MediationMessage.COMMISSION, case, occurrence="1"),
        outbox.to_party(MediationMessage.INVITATION, parties[0], occurrence="1"),
        MessageFactory(kind=MediationMessage.MEETING, target=meeting, recipient=parties[0].email),
        MessageFactory(kind=MediationMessage.CHECKIN, target=checkin, recipient=parties[1].email),
    ]


@pytest.fixture
def not_about_a_case(clock):
    return MessageFactory(kind="booking_confirmed", target=UserFactory(email="asiakas@example.fi"))


@pytest.fixture
def other_staff():
    return with_message_permissions(StaffFactory(username="toinen"))


def test_the_mediator_sees_the_messages_of_their_case(client, mediator, about_the_case, not_about_a_case):
    client.force_login(with_message_permissions(mediator.user))
    page = client.get(LOG).content.decode()
    assert "aino@example.fi" in page and "ben@example.fi" in page and "asiakas@example.fi" in page
    assert client.get(LOG).context["cl"].result_count == 5
    for message in about_the_case:
        assert client.get(reverse("admin:notifications_message_change", args=[message.pk])).status_code == 200


def test_other_staff_see_no_message_about_a_case_they_do_not_mediate(
    client, other_staff, about_the_case, not_about_a_case
):
    client.force_login(other_staff)
    response = client.get(LOG)
    page = response.content.decode()
    assert [m.kind for m in response.context["cl"].result_list] == ["booking_confirmed"]
    assert "asiakas@example.fi" in page
    assert not [message.recipient for message in about_the_case if message.recipient in page]
    for message in about_the_case:
        for view in ("change", "history"):
            opened = client.get(reverse(f"admin:notifications_message_{view}", args=[message.pk]))
            assert opened.status_code == 404, view
            assert message.recipient not in opened.content.decode()


def test_another_mediator_sees_only_their_own_cases_messages(client, about_the_case):
    own = MediationCaseFactory(contact_email="oma@esimerkki.fi")
    outbox.to_contact(MediationMessage.COMMISSION, own, occurrence="1")
    client.force_login(with_message_permissions(own.mediator.user))
    page = client.get(LOG).content.decode()
    assert "oma@esimerkki.fi" in page and "aino@example.fi" not in page


def test_other_staff_can_not_resend_a_failed_message_about_the_case(client, other_staff, about_the_case):
    invitation = about_the_case[1]
    Message.objects.filter(pk=invitation.pk).update(status=Message.Status.FAILED, last_error="550")
    client.force_login(other_staff)
    client.post(LOG, {"action": "resend", "_selected_action": [invitation.pk]})
    invitation.refresh_from_db()
    assert invitation.status == Message.Status.FAILED


def test_a_superuser_sees_every_message(client, about_the_case, not_about_a_case):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(LOG).context["cl"].result_count == 5
    for message in about_the_case:
        assert client.get(reverse("admin:notifications_message_change", args=[message.pk])).status_code == 200
