"""The party and contact pages: consent first, the form, times, the agreement, check-ins; isolation
between parties; bad tokens; query budgets."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from mediation.actions.agreement import agreement_publish
from mediation.actions.case import case_close, case_move_stage
from mediation.actions.links import contact_link_issue
from mediation.actions.parties import intake_save, party_consent
from mediation.actions.scheduling import meeting_create, meeting_propose_times, meeting_send_proposals
from mediation.kinds import MediationLink
from mediation.models import CheckIn, Intake, MediationCase, Meeting, TimeVote
from notifications.models import Message
from privacy.links import link_revoke
from tests.mediation.factories import MediationCaseFactory, PartyFactory

from .conftest import prepare, to_stage, token_for, write_agreement

pytestmark = pytest.mark.django_db


def url(name, token, **kwargs):
    return reverse(f"mediation:{name}", kwargs={"token": token, **kwargs})


def test_party_urls_are_translated():
    with translation.override("fi"):
        assert url("party", "abc") == "/sovittelu/osapuoli/abc/"
        assert url("party_form", "abc") == "/sovittelu/osapuoli/abc/lomake/"
    with translation.override("sv"):
        assert url("party", "abc") == "/sv/medling/part/abc/"
    with translation.override("en"):
        assert url("party", "abc") == "/en/mediation/party/abc/"
        assert url("contact", "abc") == "/en/mediation/client/abc/"


def test_the_first_page_explains_and_asks_for_consent_before_anything_else(client, parties, clock):
    token = token_for(parties[0])
    page = client.get(url("party", token))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Mikä on työyhteisösovittelu?" in text or "What is workplace mediation?" in text
    assert 'name="consent"' in text
    assert page["Cache-Control"].startswith("max-age=0")
    assert '<meta name="robots" content="noindex, nofollow">' in text
    # Every other page sends the party back to consent first, and nothing can be saved.
    for name in ("party_form", "party_times"):
        response = client.get(url(name, token))
        assert response.status_code == 302 and response["Location"] == url("party", token)
    response = client.post(url("party_form", token), {"situation": "secret", "action": "submit"})
    assert response.status_code == 302 and response["Location"] == url("party", token)
    assert not Intake.objects.exists()


def test_consent_needs_the_box_ticked(client, parties, clock):
    token = token_for(parties[0])
    page = client.post(url("party", token), {})
    assert page.status_code == 200
    assert 'class="error-summary"' in page.content.decode()
    parties[0].refresh_from_db()
    assert parties[0].consent_at is None
    response = client.post(url("party", token), {"consent": "on"})
    assert response["Location"] == url("party_form", token)
    parties[0].refresh_from_db()
    assert parties[0].consent_at is not None


def test_a_draft_is_saved_then_sent_and_stays_editable_until_the_opening_session(client, parties, clock):
    token = token_for(parties[0])
    client.post(url("party", token), {"consent": "on"})
    page = client.get(url("party_form", token))
    text = page.content.decode()
    assert "Mitä säilytetään" in text or "What is kept" in text
    client.post(url("party_form", token), {"situation": "My draft view", "action": "draft"})
    intake = Intake.objects.get(party=parties[0])
    assert intake.situation == "My draft view" and intake.submitted_at is None
    assert not Message.objects.filter(kind="mediation_new_answer").exists()
    assert "My draft view" in client.get(url("party_form", token)).content.decode()
    client.post(url("party_form", token), {"situation": "My view", "hopes": "Calm", "action": "submit"})
    intake.refresh_from_db()
    assert (intake.situation, intake.hopes) == ("My view", "Calm") and intake.submitted_at
    assert Message.objects.filter(kind="mediation_new_answer").count() == 1
    client.post(url("party_form", token), {"situation": "My view, edited", "action": "submit"})
    intake.refresh_from_db()
    assert intake.situation == "My view, edited"
    # The opening session: the form is shown, not editable, and a POST changes nothing.
    case = parties[0].case
    prepare(case, parties[1:])
    from mediation.actions.case import case_confirm_commission

    case_confirm_commission(case=case, name="Hanna")
    case_move_stage(case=case, to_stage=2)
    page = client.get(url("party_form", token)).content.decode()
    assert "My view, edited" in page and "<textarea" not in page
    client.post(url("party_form", token), {"situation": "changed later", "action": "submit"})
    intake.refresh_from_db()
    assert intake.situation == "My view, edited"


def test_every_answer_is_optional_but_an_overlong_one_is_refused_at_its_field(client, parties, clock):
    token = token_for(parties[0])
    client.post(url("party", token), {"consent": "on"})
    assert client.post(url("party_form", token), {"action": "submit"}).status_code == 302
    long_text = "x" * 5001
    page = client.post(
        url("party_form", token), {"hopes": long_text, "situation": "kept", "action": "submit"}
    )
    text = page.content.decode()
    assert page.status_code == 200 and 'class="error-summary"' in text
    assert "kept" in text  # nothing typed is lost


@pytest.mark.parametrize("token", ["", "x", "not-a-real-token-" + "a" * 30, "a" * 200, "%00", "../admin"])
def test_a_wrong_token_is_a_plain_404(client, parties, token):
    response = client.get(f"/sovittelu/osapuoli/{token}/")
    assert response.status_code == 404
    text = response.content.decode()
    assert parties[0].name not in text and parties[0].case.title not in text


def test_a_tampered_expired_or_revoked_token_is_a_plain_404(client, parties, clock):
    token = token_for(parties[0])
    assert client.get(url("party", token)).status_code == 200
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(url("party", tampered)).status_code == 404
    with time_machine.travel(dt.datetime(2028, 3, 2, tzinfo=dt.UTC)):
        assert client.get(url("party", token)).status_code == 404
    link_revoke(purpose=MediationLink.PARTY, target=parties[0])
    response = client.get(url("party", token))
    assert response.status_code == 404
    assert parties[0].name not in response.content.decode()


def test_a_contact_link_does_not_open_a_party_page_nor_a_party_link_the_contact_page(
    client, case, parties, clock
):
    contact_token = contact_link_issue(case=case)
    party_token = token_for(parties[0])
    assert client.get(url("party", contact_token)).status_code == 404
    assert client.get(url("contact", party_token)).status_code == 404
    assert client.get(url("contact", contact_token)).status_code == 200


def test_party_links_stop_when_the_case_closes(client, case, parties, clock):
    token = token_for(parties[0])
    case_close(case=case, status=MediationCase.Status.WITHDRAWN)
    assert client.get(url("party", token)).status_code == 404


def test_party_a_never_reaches_party_b_answers_pages_or_admin(client, case, parties, clock):
    a, b = parties
    prepare(case, [b], answers={"situation": "B's secret view", "safety": "B needs breaks"})
    token_a = token_for(a)
    client.post(url("party", token_a), {"consent": "on"})
    # A's pages never show B's answers or name.
    for name in ("party", "party_form", "party_times"):
        text = client.get(url(name, token_a)).content.decode()
        assert "B's secret view" not in text and "B needs breaks" not in text and b.name not in text
    # B's check-in through A's link: 404, as is a check-in that does not exist.
    case = to_stage(case, parties, 6, clock)
    checkin_b = CheckIn.objects.filter(party=b).first()
    clock.move_to(checkin_b.due_at + dt.timedelta(hours=1))
    assert client.get(url("party_checkin", token_a, pk=checkin_b.pk)).status_code == 404
    assert (
        client.post(url("party_checkin", token_a, pk=checkin_b.pk), {"holding": "hijack"}).status_code == 404
    )
    assert client.get(url("party_checkin", token_a, pk=999999)).status_code == 404
    checkin_b.refresh_from_db()
    assert checkin_b.holding == ""
    # Admin pages: a party has no session, so the admin refuses (sign-in page), never the case.
    for admin_url in (
        reverse("admin:mediation_mediationcase_change", args=[case.pk]),
        reverse("admin:mediation_case_stage", args=[case.pk]),
        reverse("admin:mediation_mediationcase_changelist"),
        reverse("admin:mediation_agreement_change", args=[case.agreement.pk]),
    ):
        response = client.get(admin_url)
        assert response.status_code == 302 and "login" in response["Location"], admin_url


def test_the_agreement_page_is_404_until_the_agreement_is_shown(client, case, parties, clock):
    token = token_for(parties[0])
    client.post(url("party", token), {"consent": "on"})
    assert client.get(url("party_agreement", token)).status_code == 404
    write_agreement(case)  # written but not shown yet
    assert client.get(url("party_agreement", token)).status_code == 404
    case = to_stage(case, parties, 5, clock)
    agreement_publish(agreement=case.agreement)
    page = client.get(url("party_agreement", token))
    assert page.status_code == 200 and "Tells first" in page.content.decode()


def test_a_party_confirms_the_version_they_read(client, case, parties, clock):
    case = to_stage(case, parties, 5, clock)
    agreement = agreement_publish(agreement=write_agreement(case))
    token = token_for(parties[0])
    page = client.post(url("party_agreement", token), {"version": 1})  # box not ticked
    assert page.status_code == 200 and 'class="error-summary"' in page.content.decode()
    agreement_publish(agreement=agreement)  # the mediator changed it meanwhile: version 2
    response = client.post(url("party_agreement", token), {"version": 1, "confirm": "on"})
    assert response.status_code == 302
    assert not agreement.confirmations.exists()
    client.post(url("party_agreement", token), {"version": 2, "confirm": "on"})
    assert list(agreement.confirmations.values_list("party__name", "version")) == [("Aino Osapuoli", 2)]
    assert "vahvistit" in client.get(url("party_agreement", token)).content.decode().lower()


def test_a_party_marks_the_times_that_suit_them_and_only_their_own_meetings(client, case, parties, clock):
    a, b = parties
    prepare(case, parties)
    meeting = meeting_create(case=case, kind=Meeting.Kind.INDIVIDUAL, parties=[a], duration_minutes=60)
    starts = [dt.datetime(2027, 3, 3, 8, tzinfo=dt.UTC), dt.datetime(2027, 3, 4, 8, tzinfo=dt.UTC)]
    first, second = meeting_propose_times(meeting=meeting, starts=starts)
    meeting_send_proposals(meeting=meeting)
    token_a, token_b = token_for(a), token_for(b)
    page = client.get(url("party_times", token_a)).content.decode()
    assert "ke 3.3.2027 klo 10.00–11.00" in page
    response = client.post(url("party_times", token_a), {f"meeting_{meeting.pk}": [first.pk]})
    assert response.status_code == 302
    assert list(TimeVote.objects.values_list("party", "proposal")) == [(a.pk, first.pk)]
    # B is not invited to A's individual meeting: B sees no times, and posting them is ignored.
    assert "3.3.2027" not in client.get(url("party_times", token_b)).content.decode()
    client.post(url("party_times", token_b), {f"meeting_{meeting.pk}": [first.pk, second.pk]})
    assert TimeVote.objects.filter(party=b).count() == 0
    # A proposal id of another meeting is refused at the field, not a 500.
    page = client.post(url("party_times", token_a), {f"meeting_{meeting.pk}": [999999]})
    assert page.status_code == 200 and 'class="error-summary"' in page.content.decode()


def test_the_contact_sees_the_schedule_and_the_outcome_never_the_content(client, case, parties, clock):
    prepare(case, parties, answers={"situation": "Confidential story"})
    token = contact_link_issue(case=case)
    page = client.get(url("contact", token)).content.decode()
    assert "Confidential story" not in page and "Aino" not in page and "Ben" not in page
    case = to_stage(case, parties, 6, clock)
    case_close(case=case, status=MediationCase.Status.CLOSED, outcome=MediationCase.Outcome.AGREEMENT)
    page = client.get(url("contact", token)).content.decode()
    assert "sopimukseen" in page  # "Osapuolet pääsivät sopimukseen."
    for secret in ("Confidential story", "Tells first", "We agree to talk", "Aino", "Ben Party"):
        assert secret not in page


def test_the_contact_confirms_the_commissioning_agreement(client, case, clock):
    token = contact_link_issue(case=case)
    page = client.post(url("contact", token), {"name": ""})
    assert 'class="error-summary"' in page.content.decode()
    client.post(url("contact", token), {"name": "Hanna H", "accept": "on"})
    case.refresh_from_db()
    assert case.commission_confirmed_by == "Hanna H"


def test_portal_pages_take_a_small_fixed_number_of_queries(
    client, case, parties, clock, django_assert_max_num_queries
):
    for i in range(5):  # other cases and parties do not change the count
        PartyFactory(case=MediationCaseFactory(mediator=case.mediator), email=f"other{i}@example.fi")
    case = to_stage(case, parties, 6, clock)
    agreement_publish(agreement=case.agreement)
    checkin = CheckIn.objects.filter(party=parties[0]).first()
    clock.move_to(checkin.due_at + dt.timedelta(hours=1))
    token = token_for(parties[0])
    contact = contact_link_issue(case=case)
    pages = [
        url("party", token),
        url("party_form", token),
        url("party_times", token),
        url("party_agreement", token),
        url("party_checkin", token, pk=checkin.pk),
        url("contact", contact),
    ]
    client.get(pages[0])  # content types cached, as in a running process
    for page in pages:
        with django_assert_max_num_queries(9):  # 8 reads, and noting when the link was last used
            assert client.get(page).status_code == 200


def test_a_check_in_answer_reaches_only_the_mediator(client, case, parties, clock):
    case = to_stage(case, parties, 6, clock)
    checkin = CheckIn.objects.filter(party=parties[1], kind="checkin").get()
    token = token_for(parties[1])
    assert client.get(url("party_checkin", token, pk=checkin.pk)).status_code == 404  # not due yet
    clock.move_to(checkin.due_at)
    response = client.post(
        url("party_checkin", token, pk=checkin.pk),
        {"holding": "Mostly well", "changed": "We talk more", "wants_meeting": "no"},
    )
    assert response.status_code == 302
    checkin.refresh_from_db()
    assert (checkin.holding, checkin.wants_meeting) == ("Mostly well", "no")
    notice = Message.objects.filter(kind="mediation_new_answer").order_by("-pk").first()
    assert notice.recipient == case.mediator.email
    assert "Mostly well" not in str(notice.context)


def test_consent_and_answers_are_refused_once_the_case_is_closed(case, parties, clock):
    case_close(case=case, status=MediationCase.Status.WITHDRAWN)
    from mediation.exceptions import CaseNotOpen

    with pytest.raises(CaseNotOpen):
        party_consent(party=parties[0])
    with pytest.raises(CaseNotOpen):
        intake_save(party=parties[0], answers={}, submit=True)
