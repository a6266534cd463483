"""The party's whole journey in Chromium with JavaScript off, in Finnish and English, and axe on
every portal page. The mediator's side is played through the real actions between the steps."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from core.formats import format_when
from core.time import HELSINKI
from mediation.actions.agreement import agreement_confirm, agreement_publish
from mediation.actions.case import case_confirm_commission, case_move_stage
from mediation.actions.links import contact_link_issue, party_link_issue
from mediation.actions.parties import intake_save, party_consent
from mediation.actions.scheduling import (
    meeting_book,
    meeting_create,
    meeting_propose_times,
    meeting_send_proposals,
)
from mediation.models import Agreement, CheckIn, Commitment, Intake, TimeVote
from tests.browser.conftest import axe_violations
from tests.factories import PractitionerFactory, open_every_day
from tests.mediation.factories import MediationCaseFactory, PartyFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # The live server's request threads leave SQLite connections to the garbage collector (the
    # test server's doing, not the site's), as in test_site.py.
    pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"),
]

TEXT = {
    "fi": {
        "h1": "Sovittelusi",
        "consent": "Olen lukenut, miten sovittelu etenee",
        "consent_button": "Annan suostumukseni ja jatkan",
        "situation": "Näkemyksesi tilanteesta",
        "draft": "Tallenna luonnos",
        "draft_saved": "Luonnoksesi on tallennettu",
        "send": "Lähetä sovittelijalle",
        "sent": "Vastauksesi on lähetetty sovittelijalle",
        "times_link": "Merkitse sopivat ajat",
        "save_times": "Tallenna aikani",
        "times_saved": "Sovittelija näkee, mitkä ajat sopivat sinulle",
        "agreement_link": "Lue sopimus",
        "confirm_box": "Olen lukenut sopimuksen",
        "confirm_button": "Vahvista sopimus",
        "confirmed": "Vahvistit tämän sopimuksen",
        "checkin_link": "Vastaa seurantakyselyyn",
        "holding": "Miten sitoumukset ovat pitäneet?",
        "no": "Ei",
        "checkin_sent": "Vastauksesi on lähetetty sovittelijalle",
    },
    "en": {
        "h1": "Your mediation",
        "consent": "I have read how the mediation works",
        "consent_button": "I consent and continue",
        "situation": "Your view of the situation",
        "draft": "Save draft",
        "draft_saved": "Your draft has been saved",
        "send": "Send to the mediator",
        "sent": "Your answers have been sent to the mediator",
        "times_link": "Mark the times that suit you",
        "save_times": "Save my times",
        "times_saved": "The mediator sees which times suit you",
        "agreement_link": "Read the agreement",
        "confirm_box": "I have read the agreement",
        "confirm_button": "Confirm the agreement",
        "confirmed": "You confirmed this agreement",
        "checkin_link": "Answer the follow-up check-in",
        "holding": "How are the commitments holding?",
        "no": "No",
        "checkin_sent": "Your answer has been sent to the mediator",
    },
}


def at(days: int, hour: int) -> dt.datetime:
    day = timezone.now().astimezone(HELSINKI).date() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=HELSINKI).astimezone(dt.UTC)


def a_case(language):
    mediator = PractitionerFactory(display_name="Sanna Sovittelija")
    open_every_day(mediator, start=dt.time(7), end=dt.time(20))
    case = MediationCaseFactory(mediator=mediator)
    me = PartyFactory(case=case, name="Aino Osapuoli", language=language)
    other = PartyFactory(case=case, name="Bertta Toinen", language="fi")
    case_confirm_commission(case=case, name="Hanna")
    return case, me, other


def portal(live_server, name, token, language, **kwargs):
    with translation.override(language):
        return live_server.url + reverse(f"mediation:{name}", kwargs={"token": token, **kwargs})


def one_h1(page, text):
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_contain_text(text)


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_whole_party_journey_works_with_javascript_off(page_nojs, live_server, language):
    page, t = page_nojs, TEXT[language]
    case, me, other = a_case(language)
    token = party_link_issue(party=me)

    # 1. The link: what mediation is, then consent before anything else.
    page.goto(portal(live_server, "party", token, language))
    one_h1(page, t["h1"])
    assert page.locator("html").get_attribute("lang") == language
    page.goto(portal(live_server, "party_form", token, language))  # the form is not reachable yet
    expect(page).to_have_url(portal(live_server, "party", token, language))
    page.get_by_label(t["consent"]).check()
    page.get_by_role("button", name=t["consent_button"]).click()
    expect(page.get_by_label(t["situation"])).to_be_editable()

    # 2. The pre-session form: a draft, then sent.
    page.get_by_label(t["situation"]).fill("Minun näkemykseni: palaverit venyvät.")
    page.get_by_role("button", name=t["draft"]).click()
    expect(page.locator("body")).to_contain_text(t["draft_saved"])
    assert page.get_by_label(t["situation"]).input_value() == "Minun näkemykseni: palaverit venyvät."
    assert Intake.objects.get(party=me).submitted_at is None
    page.get_by_role("button", name=t["send"]).click()
    expect(page.locator("body")).to_contain_text(t["sent"])
    assert Intake.objects.get(party=me).submitted_at is not None

    # The other party prepares; the mediator opens the opening session and proposes times.
    party_consent(party=other)
    intake_save(party=other, answers={"situation": "Bertta's view"}, submit=True)
    case_move_stage(case=case, to_stage=2)
    meeting = meeting_create(case=case, kind="joint", parties=[me, other], duration_minutes=240)
    _first, second = meeting_propose_times(meeting=meeting, starts=[at(2, 9), at(3, 12)])
    meeting_send_proposals(meeting=meeting)

    # 3. Marking the times that suit.
    page.goto(portal(live_server, "party", token, language))
    page.get_by_role("link", name=t["times_link"]).click()
    page.get_by_label(format_when(second.start, second.end, language)).check()
    page.get_by_role("button", name=t["save_times"]).click()
    expect(page.locator("body")).to_contain_text(t["times_saved"])
    assert list(TimeVote.objects.filter(party=me).values_list("proposal", flat=True)) == [second.pk]
    assert "Bertta" not in page.content()

    # The mediator books the time; the session is held; stages 3–5 pass; the agreement is shown.
    meeting_book(meeting=meeting, proposal=second)
    with time_machine.travel(second.end + dt.timedelta(hours=1), tick=True) as clock:
        for stage in (3, 4, 5):
            case_move_stage(case=case, to_stage=stage)
        agreement = Agreement.objects.create(case=case, preamble="Sovimme näin.")
        Commitment.objects.create(
            agreement=agreement, who="Aino", what="Aloittaa palaverit ajallaan", position=0
        )
        agreement_publish(agreement=agreement)

        # 4. Reading and confirming the agreement.
        page.goto(portal(live_server, "party", token, language))
        expect(page.locator("body")).to_contain_text(format_when(second.start, second.end, language))
        page.get_by_role("link", name=t["agreement_link"]).click()
        expect(page.locator("body")).to_contain_text("Aloittaa palaverit ajallaan")
        page.get_by_label(t["confirm_box"]).check()
        page.get_by_role("button", name=t["confirm_button"]).click()
        expect(page.locator("body")).to_contain_text(t["confirmed"])

        agreement_confirm(party=other, version=1)
        case_move_stage(case=case, to_stage=6)
        checkin = CheckIn.objects.get(party=me, kind="checkin")

        # 5. Four weeks later, the check-in.
        clock.move_to(checkin.due_at + dt.timedelta(minutes=5))
        page.goto(portal(live_server, "party", token, language))
        page.get_by_role("link", name=t["checkin_link"]).first.click()
        page.get_by_label(t["holding"]).fill("Hyvin on pitänyt.")
        page.get_by_label(t["no"], exact=True).check()
        page.get_by_role("button", name=t["send"]).click()
        expect(page.locator("body")).to_contain_text(t["checkin_sent"])
        checkin.refresh_from_db()
        assert (checkin.holding, checkin.wants_meeting) == ("Hyvin on pitänyt.", "no")
    assert page.outside_requests == []


@pytest.mark.parametrize("language", ["fi", "en"])
def test_portal_pages_have_no_accessibility_violations(page, live_server, language):
    case, me, other = a_case(language)
    token = party_link_issue(party=me)
    page.goto(portal(live_server, "party", token, language))
    assert axe_violations(page) == []  # the first page, with the consent form

    page.get_by_role("button", name=TEXT[language]["consent_button"]).click()  # errors shown
    expect(page.locator(".error-summary")).to_have_count(1)
    assert axe_violations(page) == []

    party_consent(party=me)
    intake_save(party=me, answers={"situation": "x"}, submit=True)
    party_consent(party=other)
    intake_save(party=other, answers={}, submit=True)
    meeting = meeting_create(case=case, kind="info", parties=[me, other], duration_minutes=60)
    meeting_propose_times(meeting=meeting, starts=[at(2, 9), at(2, 11)])
    meeting_send_proposals(meeting=meeting)
    agreement = Agreement.objects.create(case=case, preamble="Sovimme.")
    Commitment.objects.create(
        agreement=agreement, who="Aino", what="Kertoo ensin", due_date=dt.date(2030, 1, 1)
    )
    Agreement.objects.filter(pk=agreement.pk).update(
        published_at=timezone.now()
    )  # shown (stage rules tested elsewhere)
    CheckIn.objects.create(case=case, party=me, kind="checkin", due_at=timezone.now())
    checkin = CheckIn.objects.get(party=me)
    pages = [
        portal(live_server, "party", token, language),
        portal(live_server, "party_form", token, language),
        portal(live_server, "party_times", token, language),
        portal(live_server, "party_agreement", token, language),
        portal(live_server, "party_checkin", token, language, pk=checkin.pk),
        portal(live_server, "contact", contact_link_issue(case=case), language),
    ]
    for url in pages:
        page.goto(url)
        expect(page.locator("h1"), url).to_have_count(1)
        assert axe_violations(page) == [], url
    case_move_stage(case=case, to_stage=2)  # the form, read-only
    page.goto(pages[1])
    assert axe_violations(page) == []
    page.goto(live_server.url + "/sovittelu/osapuoli/not-a-token/")
    expect(page.locator("h1")).to_have_count(1)
    assert axe_violations(page) == []
    assert page.outside_requests == []
