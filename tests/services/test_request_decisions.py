"""Request forms answered through the outbox: confirm or decline, one message each, in the sender's
language; from the workspace's Requests waiting and from the request admin's list actions."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from notifications.actions import messages_send_due
from notifications.models import Message
from notifications.registry import builder_for
from services import actions
from services.exceptions import AlreadyDecided, ReasonMissing
from services.kinds import RequestMessage
from services.models import ServiceRequest
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db
DECISIONS = (RequestMessage.CONFIRMED, RequestMessage.DECLINED)


def make_request(language="fi", key="k1", **fields):
    return ServiceRequest.objects.create(
        **{
            "kind": "talks",
            "language": language,
            "organisation_name": "Esimerkki Oy",
            "business_id": "0112038-9",
            "contact_name": "Maija Meikäläinen",
            "email": "maija@example.fi",
            "preferred_dates": ["2027-04-15"],
            "topic": "Palautuminen",
            "submission_key": key,
            **fields,
        }
    )


def decisions_of(request) -> list[Message]:
    return list(Message.objects.filter(kind__in=DECISIONS, target_id=request.pk))


@pytest.fixture
def staff():
    return StaffFactory(is_superuser=True)


def test_confirming_stores_the_decision_and_queues_one_message_in_the_senders_language(staff):
    request = make_request(language="sv")
    actions.request_confirm(request=request, by_user=staff, note="  Vi ses den 15 april kl. 13.  ")
    request.refresh_from_db()
    assert request.status == ServiceRequest.Status.CONFIRMED
    assert request.decision_note == "Vi ses den 15 april kl. 13."
    assert request.decided_by == staff and request.decided_at is not None
    [message] = decisions_of(request)
    assert (message.kind, message.recipient, message.language) == (
        RequestMessage.CONFIRMED,
        "maija@example.fi",
        "sv",
    )


def test_declining_needs_a_reason_and_sends_it(staff):
    request = make_request()
    with pytest.raises(ReasonMissing):
        actions.request_decline(request=request, by_user=staff, reason="   ")
    request.refresh_from_db()
    assert request.status == ServiceRequest.Status.NEW and decisions_of(request) == []
    actions.request_decline(request=request, by_user=staff, reason="Kalenteri on täynnä huhtikuussa.")
    request.refresh_from_db()
    assert request.status == ServiceRequest.Status.DECLINED
    assert request.decision_note == "Kalenteri on täynnä huhtikuussa."
    [message] = decisions_of(request)
    assert message.kind == RequestMessage.DECLINED


def test_a_decision_made_twice_is_told_once_and_cannot_be_turned_around(staff):
    request = make_request()
    actions.request_confirm(request=request, by_user=staff)
    actions.request_confirm(request=request, by_user=staff, note="again")
    request.refresh_from_db()
    assert request.decision_note == ""  # the second click changed nothing
    assert len(decisions_of(request)) == 1
    with pytest.raises(AlreadyDecided):
        actions.request_decline(request=request, by_user=staff, reason="Sittenkin ei")
    assert [m.kind for m in decisions_of(request)] == [RequestMessage.CONFIRMED]

    declined = make_request(key="k2")
    actions.request_decline(request=declined, by_user=staff, reason="Ei käy")
    actions.request_decline(request=declined, by_user=staff, reason="Ei käy")
    with pytest.raises(AlreadyDecided):
        actions.request_confirm(request=declined, by_user=staff)
    assert [m.kind for m in decisions_of(declined)] == [RequestMessage.DECLINED]


def test_a_closed_request_is_not_decided_and_a_decision_is_not_reopened(staff):
    closed = make_request(status=ServiceRequest.Status.CLOSED)
    with pytest.raises(AlreadyDecided):
        actions.request_confirm(request=closed, by_user=staff)
    confirmed = make_request(key="k2")
    actions.request_confirm(request=confirmed, by_user=staff)
    assert actions.request_set_status(requests=[confirmed], status="in_progress") == 0
    assert actions.request_set_status(requests=[confirmed], status="closed") == 1
    for status in ("confirmed", "declined"):
        with pytest.raises(ValueError):
            actions.request_set_status(requests=[closed], status=status)


GREETING = {"fi": "Hei Maija Meikäläinen", "sv": "Hej Maija Meikäläinen", "en": "Hello Maija Meikäläinen"}
CONFIRMED_WORDS = {"fi": "on vahvistettu", "sv": "är bekräftad", "en": "is confirmed"}
DECLINED_WORDS = {"fi": "Perustelu", "sv": "Motivering", "en": "Reason"}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_decisions_render_as_text_and_html_in_the_senders_language(staff, lang):
    confirmed = make_request(language=lang, key="c")
    declined = make_request(language=lang, key="d", organisation_name="Toinen & Co")
    actions.request_confirm(request=confirmed, by_user=staff, note="Sali 2, klo 13.00")
    actions.request_decline(request=declined, by_user=staff, reason="Olemme lomalla <silloin>.")
    for request, words, extra in (
        (confirmed, CONFIRMED_WORDS[lang], "Sali 2, klo 13.00"),
        (declined, DECLINED_WORDS[lang], "Olemme lomalla"),
    ):
        [message] = decisions_of(request)
        with translation.override(message.language):
            email = builder_for(message.kind)(message)
        assert GREETING[lang] in email.text and GREETING[lang] in email.html
        assert words in email.text and words in email.html
        assert extra in email.text and extra in email.html
        assert request.organisation_name in email.text
        assert email.html.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in email.html
        assert email.reply_to == [settings.PRACTICE_EMAIL]
    # The reason is text: escaped in HTML, as written in the text part.
    [message] = decisions_of(declined)
    with translation.override(lang):
        email = builder_for(message.kind)(message)
    assert "Olemme lomalla <silloin>." in email.text and "&lt;silloin&gt;" in email.html
    assert "Toinen &amp; Co" in email.html and "Toinen & Co" in email.text


def test_the_send_pass_delivers_exactly_one_email_per_decision(staff):
    request = make_request(language="en")
    actions.request_decline(request=request, by_user=staff, reason="We are fully booked in April.")
    actions.request_decline(request=request, by_user=staff, reason="We are fully booked in April.")
    mail.outbox.clear()
    messages_send_due(seconds=10)
    decision_mail = [m for m in mail.outbox if "We are fully booked in April." in m.body]
    assert len(decision_mail) == 1
    assert decision_mail[0].to == ["maija@example.fi"] and "Inspiration talk" in decision_mail[0].subject
    messages_send_due(seconds=10)
    assert len([m for m in mail.outbox if "We are fully booked in April." in m.body]) == 1


def test_a_builder_of_a_deleted_request_returns_nothing(staff):
    request = make_request()
    actions.request_confirm(request=request, by_user=staff)
    [message] = decisions_of(request)
    request.delete()
    message.refresh_from_db()
    assert builder_for(message.kind)(message) is None


# --- the request admin's list actions --------------------------------------------------------------


@pytest.fixture
def admin_client(client, staff, settings):
    settings.LANGUAGE_CODE = "en"
    client.force_login(staff)
    return client


def changelist():
    return reverse("admin:services_servicerequest_changelist")


def test_confirming_from_the_list_tells_each_organisation_once(admin_client):
    first, second = make_request(key="a"), make_request(key="b", language="sv")
    done = make_request(key="c", status=ServiceRequest.Status.DECLINED)
    response = admin_client.post(
        changelist(),
        {"action": "confirm_requests", "_selected_action": [first.pk, second.pk, done.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "2 confirmed" in html and "already been decided" in html
    assert [m.language for r in (first, second) for m in decisions_of(r)] == ["fi", "sv"]
    assert decisions_of(done) == []


def test_declining_from_the_list_asks_the_reason_first(admin_client):
    first, second = make_request(key="a"), make_request(key="b")
    selected = {"action": "decline_requests", "_selected_action": [first.pk, second.pk]}
    page = admin_client.post(changelist(), selected)
    assert page.status_code == 200 and b'name="reason"' in page.content
    assert b"Esimerkki Oy" in page.content
    assert not Message.objects.filter(kind=RequestMessage.DECLINED).exists()

    missing = admin_client.post(changelist(), {**selected, "apply": "1", "reason": " "})
    assert missing.status_code == 400 and b"errornote" in missing.content
    assert not Message.objects.filter(kind=RequestMessage.DECLINED).exists()

    done = admin_client.post(changelist(), {**selected, "apply": "1", "reason": "Ei vapaita päiviä."})
    assert done.status_code == 302
    for request in (first, second):
        request.refresh_from_db()
        assert (request.status, request.decision_note) == ("declined", "Ei vapaita päiviä.")
        assert [m.kind for m in decisions_of(request)] == [RequestMessage.DECLINED]


def test_the_change_page_shows_the_decision_and_does_not_set_the_status_silently(admin_client, staff):
    request = make_request()
    actions.request_confirm(request=request, by_user=staff, note="Nähdään 15.4.")
    url = reverse("admin:services_servicerequest_change", args=[request.pk])
    html = admin_client.get(url).content.decode()
    assert "Nähdään 15.4." in html and 'name="status"' not in html
    admin_client.post(url, {"status": "declined", "internal_note": "muistiin"})
    request.refresh_from_db()
    assert request.status == "confirmed" and request.internal_note == "muistiin"


# --- the workspace's Requests waiting ------------------------------------------------------------


def test_the_workspace_confirms_a_request_form_with_a_message(admin_client):
    request = make_request(language="en")
    html = admin_client.get(reverse("admin:workspace_requests")).content.decode()
    assert "reply to them yourself" not in html and "not emailed" not in html
    assert f'value="request:{request.pk}"' in html and 'name="note"' in html
    response = admin_client.post(
        reverse("admin:workspace_requests"),
        {"item": f"request:{request.pk}", "decision": "confirm", "note": "See you on 15 April at 13."},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "confirmed" and request.decision_note == "See you on 15 April at 13."
    [message] = decisions_of(request)
    assert (message.kind, message.language) == (RequestMessage.CONFIRMED, "en")
    page = admin_client.get(reverse("admin:workspace_requests")).content.decode()
    assert "The contact person is told by email" in page
    assert f'value="request:{request.pk}"' not in page


def test_the_workspace_declines_a_request_form_only_with_a_reason(admin_client):
    request = make_request()
    url = reverse("admin:workspace_requests")
    admin_client.post(url, {"item": f"request:{request.pk}", "decision": "decline", "reason": ""})
    request.refresh_from_db()
    assert request.status == "new" and decisions_of(request) == []
    assert "Give a reason for declining" in admin_client.get(url).content.decode()
    admin_client.post(url, {"item": f"request:{request.pk}", "decision": "decline", "reason": "Täynnä."})
    admin_client.post(url, {"item": f"request:{request.pk}", "decision": "decline", "reason": "Täynnä."})
    request.refresh_from_db()
    assert request.status == "declined" and request.decision_note == "Täynnä."
    assert [m.kind for m in decisions_of(request)] == [RequestMessage.DECLINED]
