"""A party's personal link: one live link per party, re-sent by reminders; a corrected address ends
the old links and invites the new one; the mediator can revoke a party's links; the case page shows
when the link was last used."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from mediation.actions.case import case_remind
from mediation.actions.parties import party_email_changed, party_invite
from mediation.kinds import MediationLink, MediationMessage
from notifications.actions import messages_send_due
from notifications.models import Message
from privacy.links import link_revoke
from privacy.models import PersonalLink

from .conftest import book_meeting, token_for
from .test_confidentiality import raw

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_lockout_log(settings):
    settings.AXES_ENABLED = False


@pytest.fixture
def mediator_client(client, mediator, clock):
    client.force_login(mediator.user)
    return client


def portal(token: str) -> str:
    return reverse("mediation:party", kwargs={"token": token})


def sent_links(mailoutbox, email: str) -> list[str]:
    """The party-page tokens in the mails sent to `email`."""
    return [
        token
        for mail in mailoutbox
        if mail.to == [email]
        for token in re.findall(r"/([A-Za-z0-9_-]{43})/", mail.body)
    ]


def party_links(party) -> list[PersonalLink]:
    return list(PersonalLink.objects.filter(purpose=MediationLink.PARTY, target_id=party.pk))


def test_a_reminder_resends_the_partys_live_link_instead_of_minting_another(parties, clock, mailoutbox):
    aino = parties[0]
    party_invite(party=aino)
    messages_send_due()
    case_remind(case=aino.case)
    messages_send_due()
    tokens = sent_links(mailoutbox, aino.email)
    assert len(tokens) == 2 and tokens[0] == tokens[1]
    assert len(party_links(aino)) == 1
    # The kept token is encrypted at rest: the raw token is nowhere in the row.
    link = party_links(aino)[0]
    assert raw("privacy_personallink", "sealed_token", link.pk) not in ("", tokens[0])
    assert tokens[0] not in raw("privacy_personallink", "sealed_token", link.pk)


def test_a_revoked_link_is_not_resent_a_new_one_is_made(parties, clock):
    aino = parties[0]
    first = token_for(aino)
    link_revoke(purpose=MediationLink.PARTY, target=aino)
    second = token_for(aino)
    assert second != first
    assert PersonalLink.objects.get(target_id=aino.pk, revoked_at__isnull=False).sealed_token == ""


def _details_form(client, case, parties, **changes):
    """The case's details form as its page fills it, with `changes` to the parties' fields."""
    edit_url = reverse("admin:mediation_mediationcase_change", args=[case.pk]) + "?edit=1"
    form = client.get(edit_url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data["mediator"] = case.mediator_id
    data.update({"parties-TOTAL_FORMS": len(parties), "parties-INITIAL_FORMS": len(parties)})
    for i, party in enumerate(parties):
        data.update(
            {
                f"parties-{i}-id": party.pk,
                f"parties-{i}-case": case.pk,
                f"parties-{i}-name": party.name,
                f"parties-{i}-email": party.email,
                f"parties-{i}-language": party.language,
                f"parties-{i}-role": party.role,
            }
        )
    records = list(case.records.order_by("stage"))
    data.update({"records-TOTAL_FORMS": len(records), "records-INITIAL_FORMS": len(records)})
    for i, record in enumerate(records):
        data.update({f"records-{i}-id": record.pk, f"records-{i}-case": case.pk, f"records-{i}-notes": ""})
    data.update({"documents-TOTAL_FORMS": 0, "documents-INITIAL_FORMS": 0})
    data.update(changes)
    return data


def test_changing_a_partys_email_revokes_the_old_link_and_invites_the_new_address(
    mediator_client, case, parties, clock, mailoutbox
):
    aino, ben = parties
    party_invite(party=aino)
    party_invite(party=ben)
    messages_send_due()
    [old_token] = sent_links(mailoutbox, "aino@example.fi")
    assert mediator_client.get(portal(old_token)).status_code == 200
    clock.shift(3600)

    data = _details_form(mediator_client, case, parties, **{"parties-0-email": "aino.oikea@example.fi"})
    response = mediator_client.post(reverse("admin:mediation_mediationcase_change", args=[case.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]

    assert mediator_client.get(portal(old_token)).status_code == 404
    # Nothing more goes to the old address (the planned reminder was dropped)...
    assert not Message.objects.filter(recipient="aino@example.fi", status=Message.Status.PENDING).exists()
    # ...and a fresh invitation with a new link goes, through the outbox, to the new one.
    messages_send_due()
    [new_token] = sent_links(mailoutbox, "aino.oikea@example.fi")
    assert new_token != old_token
    assert mediator_client.get(portal(new_token)).status_code == 200
    # The other party's link is untouched.
    [ben_token] = sent_links(mailoutbox, "ben@example.fi")
    assert mediator_client.get(portal(ben_token)).status_code == 200


def test_the_mediator_revokes_a_partys_links_from_the_case_page_and_it_is_logged(
    mediator_client, case, parties, clock
):
    aino = parties[0]
    party_invite(party=aino)
    token = token_for(aino)
    desk = mediator_client.get(reverse("admin:mediation_mediationcase_change", args=[case.pk]))
    revoke_url = reverse("admin:mediation_case_revoke_links", args=[case.pk, aino.pk])
    assert revoke_url in desk.content.decode()
    assert mediator_client.get(revoke_url).status_code == 405  # a change is a POST

    response = mediator_client.post(revoke_url)
    assert response.status_code == 302
    assert mediator_client.get(portal(token)).status_code == 404
    entry = LogEntry.objects.get(object_id=str(aino.pk), content_type__model="party")
    assert entry.user_id == case.mediator.user_id and "1" in entry.change_message
    assert token_for(aino) != token  # the next email carries a new link


def test_other_staff_can_not_revoke_a_partys_links(client, case, parties, clock):
    from tests.factories import StaffFactory

    client.force_login(StaffFactory())
    token = token_for(parties[0])
    response = client.post(reverse("admin:mediation_case_revoke_links", args=[case.pk, parties[0].pk]))
    assert response.status_code in (403, 404)
    assert client.get(portal(token)).status_code == 200


def test_the_case_page_shows_when_the_partys_link_was_last_used(mediator_client, case, parties, clock):
    aino = parties[0]
    party_invite(party=aino)
    desk_url = reverse("admin:mediation_mediationcase_change", args=[case.pk])

    def link_cell() -> str:
        page = mediator_client.get(desk_url).content.decode()
        row = page[page.index("Aino Osapuoli") :]
        return row[: row.index("</tr>")]

    assert "klo" not in link_cell()
    clock.shift(3600)
    mediator_client.get(portal(token_for(aino)))  # the party opens their page, Monday 11.00 in Helsinki
    assert "ma 1.3.2027 klo 11.00" in link_cell()


def test_a_meeting_invitation_waiting_for_the_old_address_goes_to_the_new_one(case, parties, clock):
    aino = parties[0]
    book_meeting(case, parties)
    meeting_mail = Message.objects.filter(kind=MediationMessage.MEETING, status=Message.Status.PENDING)
    assert meeting_mail.filter(recipient="aino@example.fi").exists()

    aino.email = "aino.oikea@example.fi"
    aino.save()
    party_email_changed(party=aino)

    assert not Message.objects.filter(kind=MediationMessage.MEETING, recipient="aino@example.fi").exists()
    # Aino's invitation goes to her address now; Ben's and the mediator's still go as they were.
    assert sorted(meeting_mail.values_list("recipient", flat=True)) == sorted(
        ["aino.oikea@example.fi", "ben@example.fi", case.mediator.email]
    )
