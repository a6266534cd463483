"""The organisation's contact person's link: a corrected contact address ends the contact's links
through the same path as a party's, drops what still waited for the old address and sends the new
address a fresh link, when a link had been sent before."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from mediation.actions.case import case_send_commission
from mediation.kinds import MediationMessage
from notifications.actions import messages_send_due
from notifications.models import Message

from .test_party_links import _details_form

pytestmark = pytest.mark.django_db

OLD, NEW = "hanna@esimerkki.fi", "hanna.oikea@esimerkki.fi"


@pytest.fixture(autouse=True)
def _no_lockout_log(settings):
    settings.AXES_ENABLED = False


@pytest.fixture
def mediator_client(client, mediator, clock):
    client.force_login(mediator.user)
    return client


@pytest.fixture
def contact_case(case):
    case.contact_email = OLD
    case.commission_terms = "Two meetings, 1 200 euros."
    case.save()
    return case


def contact_tokens(mailoutbox, email: str) -> list[str]:
    return [
        token
        for mail in mailoutbox
        if mail.to == [email]
        for token in re.findall(r"/([A-Za-z0-9_-]{43})/", mail.body)
    ]


def contact_page(token: str) -> str:
    return reverse("mediation:contact", kwargs={"token": token})


def change_contact_email(client, case, parties, email):
    data = _details_form(client, case, parties, contact_email=email)
    response = client.post(reverse("admin:mediation_mediationcase_change", args=[case.pk]), data, follow=True)
    assert response.redirect_chain, response.content.decode()[:3000]
    return response


def test_changing_the_contacts_email_revokes_the_old_link_and_sends_a_fresh_one(
    mediator_client, contact_case, parties, clock, mailoutbox
):
    case = contact_case
    case_send_commission(case=case)
    messages_send_due()
    [old_token] = contact_tokens(mailoutbox, OLD)
    assert mediator_client.get(contact_page(old_token)).status_code == 200
    clock.shift(3600)
    case_send_commission(case=case)  # sent again, still waiting for the old address

    response = change_contact_email(mediator_client, case, parties, NEW)

    assert mediator_client.get(contact_page(old_token)).status_code == 404
    # Nothing more goes to the old address...
    assert not Message.objects.filter(recipient=OLD, status=Message.Status.PENDING).exists()
    assert Message.objects.filter(recipient=OLD, status=Message.Status.CANCELLED).count() == 1
    # ...and a fresh link goes, through the outbox, to the new one.
    [fresh] = Message.objects.filter(recipient=NEW, status=Message.Status.PENDING)
    assert fresh.kind == MediationMessage.CONTACT_LINK
    messages_send_due()
    [new_token] = contact_tokens(mailoutbox, NEW)
    assert new_token != old_token
    assert mediator_client.get(contact_page(new_token)).status_code == 200
    # Recorded in the case's admin history, and told on the page.
    entry = LogEntry.objects.get(
        object_id=str(case.pk),
        content_type__model="mediationcase",
        user__isnull=False,
        change_message__contains="(1)",
    )
    assert entry.user_id == case.mediator.user_id
    shown = [str(m) for m in response.context["messages"]]
    assert "Yhteyshenkilölle lähetetyt linkit mitätöitiin." in shown
    assert "Yhteyshenkilölle lähetettiin uusi linkki uuteen osoitteeseen." in shown


def test_a_contact_who_was_never_sent_a_link_gets_no_mail_at_the_new_address(
    mediator_client, contact_case, parties, clock, mailoutbox
):
    change_contact_email(mediator_client, contact_case, parties, NEW)
    messages_send_due()
    # The change still went through the contact's revoking path (and its history)...
    assert LogEntry.objects.filter(object_id=str(contact_case.pk), change_message__contains="(0)").exists()
    # ...but nothing is sent to the new address.
    assert not Message.objects.filter(recipient=NEW).exists()
    assert [m for m in mailoutbox if m.to == [NEW]] == []


def test_the_fresh_link_mail_is_in_the_contacts_language(
    mediator_client, contact_case, parties, clock, mailoutbox
):
    contact_case.contact_language = "sv"
    contact_case.save()
    case_send_commission(case=contact_case)
    messages_send_due()
    change_contact_email(mediator_client, contact_case, parties, NEW)
    messages_send_due()
    [mail] = [m for m in mailoutbox if m.to == [NEW]]
    assert mail.subject == "Din nya länk till arbetsplatsmedlingen"
    assert "fungerar inte längre" in mail.body
