"""The demo practitioner's mediation work in Chromium, through the UI only: a case opened from a
mediation request of the public form; the demo case moved from stage 1 to 2 once a party has sent
their form (through their own link), and that party's answer read on the case page, where the
"new answer" email leads straight to it."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from demo import mediation as demo_mediation
from demo.site import ADMIN_USERNAME
from mediation.actions.case import case_confirm_commission
from mediation.actions.parties import intake_save, party_consent
from mediation.kinds import MediationMessage
from mediation.models import MediationCase, Party
from notifications.models import Message
from notifications.registry import builder_for
from services.models import ServiceRequest

PASSWORD = "demo practitioner's password"
ANSWER = "Palaverit venyvät, ja minua ei kuunnella."
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"),
]


@pytest.fixture
def demo(live_server, tmp_path, settings):
    """`make demo`'s content, its practitioner signing in with a known password (2FA is off locally)."""
    settings.VAR_DIR = tmp_path
    cache.clear()
    out = io.StringIO()
    call_command("demo", stdout=out)
    user = get_user_model().objects.get(username=ADMIN_USERNAME)
    user.set_password(PASSWORD)
    user.save()
    return [
        line.removeprefix("party link: ")
        for line in out.getvalue().splitlines()
        if line.startswith("party link: ")
    ]


def sign_in(page, live_server):
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", ADMIN_USERNAME)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live_server.url + "/admin/"


def test_the_practitioner_opens_a_case_from_a_mediation_request(page_nojs, live_server, demo):
    page = page_nojs
    page.set_viewport_size({"width": 1280, "height": 900})
    request = ServiceRequest.objects.create(
        kind="mediation",
        organisation_name="Pyyntö Oy",
        business_id="0112038-9",
        contact_name="Kaisa Kysyjä",
        email="kaisa@example.fi",
        phone="040 555 6666",
        message="Tiimissä on riitaa työvuoroista.",
        submission_key="browser-mediation",
    )
    sign_in(page, live_server)
    page.goto(live_server.url + reverse("admin:services_servicerequest_changelist"))
    page.locator("#result_list tr", has_text="Pyyntö Oy").locator("th a").click()
    page.get_by_role("link", name="Avaa sovittelu…").click()
    main = page.locator("#content-main")
    expect(main).to_contain_text("Tiimissä on riitaa työvuoroista.")
    expect(main).to_contain_text("Kaisa Kysyjä")
    page.get_by_label("Sovittelun nimi").fill("Pyyntö Oy, työvuorot")
    page.get_by_role("button", name="Avaa sovittelu").click()
    expect(page.locator(".messagelist .success")).to_contain_text("vaiheeseen 1")
    case = MediationCase.objects.get(title="Pyyntö Oy, työvuorot")
    assert page.url.startswith(
        live_server.url + reverse("admin:mediation_mediationcase_change", args=[case.pk])
    )
    expect(page.locator("#content-main")).to_contain_text("Pyyntö Oy")
    assert (case.contact_name, case.contact_email, case.organisation_name) == (
        "Kaisa Kysyjä",
        "kaisa@example.fi",
        "Pyyntö Oy",
    )
    assert "työvuoroista" not in page.content()
    request.refresh_from_db()
    assert request.mediation_case == case and request.message == ""
    assert page.outside_requests == []


def test_the_demo_case_moves_to_stage_two_and_the_party_answer_is_read_on_its_page(
    page_nojs, live_server, demo
):
    page = page_nojs
    page.set_viewport_size({"width": 1280, "height": 900})
    case = MediationCase.objects.get(title=demo_mediation.TITLE)
    maija = Party.objects.get(case=case, language="fi")
    peter = Party.objects.exclude(pk=maija.pk).get(case=case)

    # The party, through her own link: consent, then the pre-session form, sent.
    page.goto(demo[0].replace("http://127.0.0.1:8000", live_server.url))
    page.get_by_label("Olen lukenut, miten sovittelu etenee").check()
    page.get_by_role("button", name="Annan suostumukseni ja jatkan").click()
    page.get_by_label("Näkemyksesi tilanteesta").fill(ANSWER)
    page.get_by_role("button", name="Lähetä sovittelijalle").click()
    expect(page.locator("body")).to_contain_text("Vastauksesi on lähetetty sovittelijalle")
    # The others do their part outside the browser.
    party_consent(party=peter)
    intake_save(party=peter, answers={"situation": "Peter's view"}, submit=True)
    case_confirm_commission(case=case, name="Hanna Henkilöstö")

    sign_in(page, live_server)
    desk = live_server.url + reverse("admin:mediation_mediationcase_change", args=[case.pk])
    page.goto(desk)
    page.get_by_role("link", name="Siirrä vaihetta").click()
    page.get_by_role("button", name="Siirrä eteenpäin: Aloitusistunto").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Sovittelu on nyt vaiheessa Aloitusistunto")
    case.refresh_from_db()
    assert case.stage == 2

    # The "new answer" email leads straight to Maija's answers on the case page.
    message = Message.objects.filter(kind=MediationMessage.NEW_ANSWER, context__party=maija.pk).latest("pk")
    link = next(word for word in builder_for(message.kind)(message).text.split() if "/admin/" in word)
    assert link.endswith(f"#party-{maija.pk}")
    page.goto(live_server.url + "/admin/" + link.split("/admin/", 1)[1])
    answers = page.locator(f"#party-{maija.pk}")
    expect(answers).to_contain_text("Mitä Maija Esimerkki lähetti")
    expect(answers).to_contain_text(ANSWER)
    assert page.outside_requests == []
