"""Mediation messages: when they are due, what the send pass actually sends, in which language,
and that none carries confidential text."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import translation

from mediation.actions.agreement import agreement_publish
from mediation.actions.case import case_close, case_send_commission
from mediation.actions.parties import intake_save, party_consent, party_invite
from mediation.models import CheckIn, MediationCase
from notifications.actions import messages_send_due
from notifications.models import Message
from notifications.registry import builder_for, is_registered
from privacy.links import link_resolve

from .conftest import helsinki, prepare, to_stage, write_agreement

pytestmark = pytest.mark.django_db

KINDS = [
    "mediation_commission",
    "mediation_invitation",
    "mediation_form_reminder",
    "mediation_times",
    "mediation_meeting",
    "mediation_agreement",
    "mediation_agreement_reminder",
    "mediation_checkin",
    "mediation_new_answer",
    "mediation_followup_due",
    "mediation_outcome",
]
LINK = re.compile(
    r"http://127\.0\.0\.1:8000(/\S*?/(?:osapuoli|part|party|tilaaja|bestallare|client)/([\w-]+)/\S*)"
)


def sent_to(address):
    return [m for m in mail.outbox if address in m.to]


def test_every_kind_is_registered_with_notifications():
    assert all(is_registered(kind) for kind in KINDS)


def test_follow_ups_are_due_four_and_ten_weeks_after_the_agreement_at_nine_in_helsinki(case, parties, clock):
    case = to_stage(case, parties, 6, clock)
    agreed = case.agreement.completed_at
    assert agreed.date() == dt.date(2027, 3, 3)  # the clock moved past the joint session
    checkins = CheckIn.objects.filter(case=case)
    four_weeks = helsinki(2027, 3, 31, 9)  # after the change to summer time on 28 March
    ten_weeks = helsinki(2027, 5, 12, 9)
    assert sorted({(c.kind, c.due_at) for c in checkins}) == [("checkin", four_weeks), ("meeting", ten_weeks)]
    assert four_weeks.hour == 6  # 09.00 EEST is 06.00 UTC
    messages = Message.objects.filter(kind="mediation_checkin")
    assert sorted(messages.values_list("recipient", "due_at")) == sorted(
        [(p.email, due) for p in parties for due in (four_weeks, ten_weeks)]
    )
    followup = Message.objects.get(kind="mediation_followup_due")
    assert (followup.recipient, followup.due_at) == (case.mediator.email, ten_weeks)


def test_check_ins_are_sent_when_due_and_not_before(case, parties, clock):
    case = to_stage(case, parties, 6, clock)
    messages_send_due()  # what was due on the way here (invitations to meetings, the agreement)
    mail.outbox.clear()
    clock.move_to(helsinki(2027, 3, 31, 8, 59))
    messages_send_due()
    assert mail.outbox == []
    clock.move_to(helsinki(2027, 3, 31, 9, 0))
    messages_send_due()
    assert [m.subject for m in sent_to("aino@example.fi")] == ["Miten sopimus on pitänyt?"]
    assert [m.subject for m in sent_to("ben@example.fi")] == ["How is the agreement holding?"]
    # The link in the email opens that party's own check-in.
    [email] = sent_to("ben@example.fi")
    path, token = LINK.search(email.body).groups()
    checkin = CheckIn.objects.get(party=parties[1], kind="checkin")
    assert path.startswith("/en/mediation/party/") and path.endswith(f"/follow-up/{checkin.pk}/")
    assert link_resolve(token, purpose="mediation-party", model=type(parties[1])) == parties[1]
    clock.move_to(helsinki(2027, 5, 12, 9, 0))
    mail.outbox.clear()
    messages_send_due()
    assert sorted(m.subject for m in mail.outbox) == sorted(
        [
            "Olisiko seurantatapaamisesta apua?",
            "Would a follow-up meeting help?",
            f"On aika ehdottaa seurantatapaamista sovittelussa #{case.pk}",
        ]
    )


def test_an_answered_check_in_is_not_sent(case, parties, clock):
    from mediation.actions.followup import checkin_answer

    case = to_stage(case, parties, 6, clock)
    checkin = CheckIn.objects.get(party=parties[0], kind="checkin")
    clock.move_to(checkin.due_at)
    checkin_answer(checkin=checkin, holding="fine", changed="", wants_meeting="")
    mail.outbox.clear()
    messages_send_due()
    assert not [m for m in sent_to("aino@example.fi") if "pitänyt" in m.subject]
    assert Message.objects.get(kind="mediation_checkin", target_id=checkin.pk).status == "cancelled"


def test_an_invitation_carries_a_working_personal_link_in_the_partys_language(case, parties, client, clock):
    for party in parties:
        party_invite(party=party)
    messages_send_due()
    [fi] = sent_to("aino@example.fi")
    [en] = sent_to("ben@example.fi")
    assert fi.subject == "Kutsu työyhteisösovitteluun" and en.subject == "Invitation to a workplace mediation"
    fi_path, _ = LINK.search(fi.body).groups()
    en_path, _ = LINK.search(en.body).groups()
    assert fi_path.startswith("/sovittelu/osapuoli/") and en_path.startswith("/en/mediation/party/")
    assert client.get(fi_path).status_code == 200
    html = fi.alternatives[0].content
    assert fi_path in html
    # Nothing in the outbox row keeps the token.
    assert all("token" not in str(m.context) for m in Message.objects.all())


def test_the_form_reminder_goes_to_those_who_have_not_sent_the_form_after_five_days(case, parties, clock):
    for party in parties:
        party_invite(party=party)
    party_consent(party=parties[0])
    intake_save(party=parties[0], answers={}, submit=True)
    messages_send_due()
    mail.outbox.clear()
    clock.move_to(helsinki(2027, 3, 6, 9))  # five days later, 09.00
    messages_send_due()
    assert [m.to for m in mail.outbox] == [["ben@example.fi"]]
    assert mail.outbox[0].subject == "A reminder: your pre-session form for the mediation"


def test_the_agreement_reminder_skips_parties_who_confirmed(case, parties, clock):
    from mediation.actions.agreement import agreement_confirm

    case = to_stage(case, parties, 5, clock)
    agreement_publish(agreement=write_agreement(case))
    agreement_confirm(party=parties[1], version=1)
    messages_send_due()
    mail.outbox.clear()
    clock.shift(dt.timedelta(days=6))
    messages_send_due()
    assert [m.to for m in mail.outbox] == [["aino@example.fi"]]
    assert mail.outbox[0].subject == "Muistutus: vahvista sopimus"


def test_the_contact_gets_the_commissioning_agreement_and_at_the_end_only_the_outcome(
    case, parties, client, clock
):
    prepare(case, parties, answers={"situation": "Secret story"})
    case_send_commission(case=case)
    case_close(case=case, status=MediationCase.Status.CLOSED, outcome=MediationCase.Outcome.NO_AGREEMENT)
    messages_send_due()
    emails = sent_to(case.contact_email)
    assert [m.subject for m in emails] == ["Työyhteisösovittelu on päättynyt"]  # the case closed first
    assert "Sovittelu päättyi ilman sopimusta." in emails[0].body
    for email in emails:
        assert "Secret story" not in email.body and "Aino" not in email.body and "Ben" not in email.body


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_kind_renders_in_every_language_without_confidential_text(case, parties, clock, language):
    from mediation.actions.scheduling import meeting_create, meeting_propose_times, meeting_send_proposals

    secret = "Salainen kuvaus tilanteesta"
    rendered = {}

    def render_new():
        for message in Message.objects.filter(kind__startswith="mediation_").exclude(pk__in=rendered):
            with translation.override(language):
                email = builder_for(message.kind)(message)
            rendered[message.pk] = message.kind if email is not None else None
            if email is not None:
                assert email.subject and email.text and "<html" in email.html
                for text in (email.subject, email.text, email.html):
                    assert secret not in text and "Tells first" not in text and "We agree" not in text

    for party in parties:
        party.language = language
        party.save()
        party_invite(party=party)
    case_send_commission(case=case)
    render_new()
    prepare(case, parties, answers={"situation": secret})
    meeting = meeting_create(case=case, kind="info", parties=parties, duration_minutes=60)
    meeting_propose_times(meeting=meeting, starts=[helsinki(2027, 3, 2, 12)])
    meeting_send_proposals(meeting=meeting)
    render_new()
    case = to_stage(case, parties, 5, clock)
    agreement_publish(agreement=write_agreement(case))
    render_new()
    case = to_stage(case, parties, 6, clock)
    render_new()
    case_close(case=case, status=MediationCase.Status.CLOSED, outcome=MediationCase.Outcome.AGREEMENT)
    render_new()
    assert set(rendered.values()) - {None} == set(KINDS)
