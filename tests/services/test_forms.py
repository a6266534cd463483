import datetime as dt
import re

import pytest
import time_machine
from django.utils import timezone, translation

from notifications.models import Message
from notifications.registry import builder_for
from practice.selectors import profile
from services.kinds import RequestMessage
from services.models import ServiceRequest

from .conftest import LANGUAGES, url

IN_A_MONTH = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
IN_SIX_WEEKS = (timezone.localdate() + dt.timedelta(days=42)).isoformat()

VALID = {
    "organisation_name": "Esimerkki Oy",
    "business_id": "0112038-9",
    "contact_name": "Maija Meikäläinen",
    "contact_role": "HR-päällikkö",
    "email": "maija@example.fi",
    "phone": "040 123 4567",
    "date_1": IN_A_MONTH,
    "date_2": IN_SIX_WEEKS,
    "time_preference": "aamupäivä",
    "place": "on_site",
    "address": "Esimerkkikatu 1, Helsinki",
    "group_size": "12",
    "topic": "Mentaalivalmennuksen perusteet",
    "occasion": "TYHY-päivä",
    "invoicing": "einvoice",
    "einvoice_address": "003701120389",
    "einvoice_operator": "Maventa 003721291126",
    "invoice_reference": "KP 4410",
    "message": "Tervetuloa!",
    "website": "",
}
KINDS = ("supervision", "mediation", "talks", "sound_relaxation")


def form_page(client, kind, lang="fi"):
    response = client.get(url(f"services:{kind}_request", lang))
    assert response.status_code == 200
    return response


def started(response) -> str:
    return re.search(r'name="form_started" value="([^"]+)"', response.content.decode())[1]


def submit(client, kind, data, lang="fi", *, wait=30):
    """Opens the form, waits `wait` seconds as a person would, and sends it."""
    stamp = started(form_page(client, kind, lang))
    with time_machine.travel(dt.timedelta(seconds=wait), tick=True):
        return client.post(url(f"services:{kind}_request", lang), {**data, "form_started": stamp})


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_valid_request_is_stored_and_both_emails_are_queued(client, later, kind, lang):
    stamp = started(form_page(client, kind, lang))
    data = dict(VALID)
    if kind == "talks":
        with translation.override(lang):
            from services.selectors import talk_topics

            data["topic"] = talk_topics()[-1]
    with later():
        response = client.post(url(f"services:{kind}_request", lang), {**data, "form_started": stamp})
    assert response.status_code == 302
    assert response["Location"] == url(f"services:{kind}_request_sent", lang)
    request = ServiceRequest.objects.get()
    assert (request.kind, request.language, request.business_id) == (kind, lang, "0112038-9")
    assert request.preferred_dates == [IN_A_MONTH, IN_SIX_WEEKS]
    received = Message.objects.get(kind=RequestMessage.RECEIVED)
    notify = Message.objects.get(kind=RequestMessage.NOTIFY)
    assert (received.recipient, received.language, received.target) == ("maija@example.fi", lang, request)
    assert (notify.recipient, notify.language) == (profile().email, "fi")
    if kind == "mediation":
        assert request.invoicing == "" and request.einvoice_address == ""
    else:
        assert request.einvoice_address == "003701120389"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_emails_render_in_each_language_as_text_and_html(client, later, lang):
    submit(client, "sound_relaxation", VALID, lang)
    request = ServiceRequest.objects.get()
    greeting = {"fi": "Hei Maija", "sv": "Hej Maija", "en": "Hello Maija"}[lang]
    for message in Message.objects.all():
        with translation.override(message.language):
            email = builder_for(message.kind)(message)
        assert email.text and email.html.startswith("<!DOCTYPE html>")
        assert "Esimerkki Oy" in email.text and "Esimerkki Oy" in email.html
        if message.kind == RequestMessage.RECEIVED:
            assert greeting in email.text
            assert email.reply_to == [profile().email]
            assert f'<html lang="{lang}">' in email.html
        else:
            assert f"/services/servicerequest/{request.pk}/change/" in email.text
            assert email.reply_to == ["maija@example.fi"]
            assert "Uusi pyyntö" in email.subject


@pytest.mark.django_db
def test_a_builder_of_a_deleted_request_returns_nothing(client, later):
    submit(client, "talks", {**VALID, "topic": "Sovitaan erikseen"})
    message = Message.objects.get(kind=RequestMessage.RECEIVED)
    ServiceRequest.objects.all().delete()
    message.refresh_from_db()
    assert builder_for(message.kind)(message) is None


INVALID = [
    ("organisation_name", "", "Tämä kenttä vaaditaan"),
    ("business_id", "1234567-8", "tarkistusnumero ei täsmää"),
    ("business_id", "abc", "muodossa 1234567-8"),
    ("contact_name", "", "Tämä kenttä vaaditaan"),
    ("email", "maija.example.fi", "sähköpostiosoite"),
    ("phone", "soita minulle", "numeroin"),
    ("date_1", "", "Tämä kenttä vaaditaan"),
    ("date_1", "2020-01-01", "Valitse tuleva päivä"),
    ("date_2", IN_A_MONTH, "Annoit tämän päivän jo"),
    ("date_3", "31.2.2027", "päivämäärä"),
    ("group_size", "0", "vähintään 1"),
    ("group_size", "", "Tämä kenttä vaaditaan"),
    ("address", "", "Kerro, missä tilaisuus pidetään"),
    ("invoicing", "", "Tämä kenttä vaaditaan"),
    ("einvoice_address", "", "Tarvitaan verkkolaskua varten"),
    ("einvoice_address", "003712345678", "ei ole kelvollista Y-tunnusta"),
    ("einvoice_operator", "", "Tarvitaan verkkolaskua varten"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "value", "error"), INVALID, ids=[f"{f}={v!r}" for f, v, _e in INVALID])
def test_each_invalid_field_shows_its_error_at_the_field_and_in_the_summary_keeping_what_was_typed(
    client, later, field, value, error
):
    response = submit(client, "supervision", {**VALID, field: value})
    assert response.status_code == 200
    assert not ServiceRequest.objects.exists() and not Message.objects.exists()
    html = response.content.decode()
    summary = html[html.index('id="error-summary"') : html.index("</ul>", html.index('id="error-summary"'))]
    field_id = f"id_{field}_0" if field == "invoicing" else f"id_{field}"
    assert f'href="#{field_id}"' in summary and error in summary
    start = html.index(f'id="div_id_{field}"')
    following = html.find('id="div_id_', start + 10)
    at_field = html[start : following if following != -1 else None]
    assert error in at_field
    assert 'aria-invalid="true"' in at_field
    assert "<title>Virhe:" in html
    kept = {
        k: v
        for k, v in VALID.items()
        if k not in (field, "website", "invoicing", "place", "topic", "occasion")
    }
    for name, typed in kept.items():
        if name in ("contact_role",):
            continue
        if name == "message":
            assert f"{typed}</textarea>" in html
        else:
            assert f'value="{typed}"' in html, name
    if value and field not in ("invoicing",):
        assert f'value="{value}"' in html


@pytest.mark.django_db
def test_a_paper_invoice_needs_the_postal_address(client, later):
    response = submit(client, "talks", {**VALID, "topic": "Sovitaan erikseen", "invoicing": "postal"})
    assert "Tarvitaan paperilaskua varten" in response.content.decode()
    response = submit(
        client,
        "talks",
        {
            **VALID,
            "topic": "Sovitaan erikseen",
            "invoicing": "postal",
            "postal_address": "PL 1\n00100 Helsinki",
        },
    )
    assert response.status_code == 302
    assert ServiceRequest.objects.get().postal_address == "PL 1\n00100 Helsinki"


@pytest.mark.django_db
def test_online_needs_no_address(client, later):
    response = submit(client, "supervision", {**VALID, "place": "online", "address": ""})
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_mediation_form_asks_only_what_planning_needs_and_says_not_to_describe_the_conflict(client):
    html = form_page(client, "mediation").content.decode()
    assert "Älä kuvaa ristiriitaa" in html
    for absent in ("einvoice_address", "postal_address", "topic", "occasion", "invoicing"):
        assert f'name="{absent}"' not in html
    for present in ("organisation_name", "business_id", "contact_name", "group_size", "date_1"):
        assert f'name="{present}"' in html
    english = form_page(client, "mediation", "en").content.decode()
    assert "Please do not describe the conflict" in english


@pytest.mark.django_db
def test_a_filled_honeypot_stores_nothing_and_shows_the_field_to_empty(client, later):
    response = submit(
        client, "talks", {**VALID, "topic": "Sovitaan erikseen", "website": "http://spam.example"}
    )
    assert response.status_code == 200
    assert not ServiceRequest.objects.exists() and not Message.objects.exists()
    html = response.content.decode()
    assert "hp-field-shown" in html and "Tämä kenttä on jätettävä tyhjäksi" in html


@pytest.mark.django_db
def test_a_form_sent_too_fast_is_refused_and_can_be_sent_again_after_a_moment(client, later):
    response = submit(client, "talks", {**VALID, "topic": "Sovitaan erikseen"}, wait=1)
    assert response.status_code == 200
    html = response.content.decode()
    assert "nopeammin kuin ihminen" in html
    assert not ServiceRequest.objects.exists()
    assert 'value="Esimerkki Oy"' in html
    with later():
        again = client.post(
            url("services:talks_request", "fi"),
            {**VALID, "topic": "Sovitaan erikseen", "form_started": started(response)},
        )
    assert again.status_code == 302
    assert ServiceRequest.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("stamp", ["", "forged", "eyJuIjoiYSIsInQiOjF9:1abc:xyz"])
def test_a_missing_or_tampered_timestamp_is_refused(client, later, stamp):
    with later():
        response = client.post(url("services:talks_request", "fi"), {**VALID, "form_started": stamp})
    assert response.status_code == 200
    assert "oli vanhentunut" in response.content.decode()
    assert not ServiceRequest.objects.exists()


@pytest.mark.django_db
def test_a_form_left_open_longer_than_the_limit_must_be_sent_again(client, later, settings):
    stamp = started(form_page(client, "talks"))
    with later(settings.SPAM_MAX_FORM_AGE_SECONDS + 60):
        response = client.post(url("services:talks_request", "fi"), {**VALID, "form_started": stamp})
    assert "oli vanhentunut" in response.content.decode()
    assert not ServiceRequest.objects.exists()


@pytest.mark.django_db
def test_sending_the_same_form_twice_stores_one_request(client, later):
    stamp = started(form_page(client, "supervision"))
    with later():
        first = client.post(url("services:supervision_request", "fi"), {**VALID, "form_started": stamp})
        second = client.post(url("services:supervision_request", "fi"), {**VALID, "form_started": stamp})
    assert first.status_code == second.status_code == 302
    assert ServiceRequest.objects.count() == 1
    assert Message.objects.count() == 2


@pytest.mark.django_db
# The limit counts in fixed windows of the hour: the test stays inside one (the form's 30 seconds
# of filling-in could otherwise cross into the next window, where the count starts again).
@time_machine.travel(dt.datetime(2026, 12, 1, 10, 20, tzinfo=dt.UTC), tick=False)
def test_too_many_posts_from_one_address_get_429_and_nothing_is_stored(client, later, settings):
    settings.RATELIMIT_REQUEST_FORMS = "3/h"
    for _ in range(3):
        assert client.post(url("services:talks_request", "fi"), {}).status_code == 200
    response = submit(client, "supervision", VALID)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Liian monta pyyntöä" in response.content.decode()
    assert not ServiceRequest.objects.exists()
    other = client.post(url("services:talks_request", "fi"), {}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200
    assert client.get(url("services:talks_request", "fi")).status_code == 200


@pytest.mark.django_db
def test_a_request_form_answers_only_get_and_post(client):
    assert client.put(url("services:talks_request", "fi")).status_code == 405
