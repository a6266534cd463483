"""Where the practice's identity shows: header, footer, “Who I am”, the about page in each language,
contact, the privacy statement's controller, the accessibility statement's contact, JSON-LD, mails and
calendar files."""

import json
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from bookings.ics import booking_ics
from notifications.actions import messages_send_due
from practice.actions import profile_save
from tests.factories import BookingFactory, bookable
from tests.notifications.conftest import helsinki

from .pictures import jpeg_with_gps

pytestmark = pytest.mark.django_db
LANGUAGES = ("fi", "sv", "en")
ABOUT = {"fi": "/kuka-olen/", "sv": "/sv/om-mig/", "en": "/en/about/"}


@pytest.fixture
def identity(practice_profile):
    """The practice as a practitioner has written it, in three languages (no portrait)."""
    values = {
        "name": "Työnohjaus Laine",
        "practitioner_name": "Liisa Laine",
        "titles_fi": "työnohjaaja (STOry), sovittelija",
        "titles_sv": "arbetshandledare (STOry), medlare",
        "titles_en": "work supervisor (STOry), mediator",
        "intro_short_fi": "Kuljen rinnallasi, kun työ kuormittaa.",
        "intro_short_sv": "Jag går vid din sida när arbetet tynger.",
        "intro_short_en": "I walk beside you when work weighs heavily.",
        "intro_long_fi": "## Koulutus\n\nOlen kouluttautunut työnohjaajaksi vuonna 2015.",
        "intro_long_sv": "## Utbildning\n\nJag utbildade mig till arbetshandledare 2015.",
        "intro_long_en": "## Training\n\nI trained as a work supervisor in 2015.",
        "email": "liisa@laine.example.fi",
        "phone": "+358 50 111 2222",
        "business_id": "0112038-9",
        "street_address": "Helsinginkatu 5",
        "postal_code": "00500",
        "city": "Helsinki",
        "links": "https://www.linkedin.com/in/liisa-laine-example",
    }
    for field, value in values.items():
        setattr(practice_profile, field, value)
    return profile_save(profile=practice_profile)


def jsonld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)[1])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_shows_the_practice_and_the_practitioner_in_each_language(client, identity, language):
    html = client.get(reverse("services:home") if language == "fi" else f"/{language}/").content.decode()
    assert html.count("Työnohjaus Laine") >= 2  # the header and the footer
    assert "Liisa Laine" in html
    assert getattr(identity, f"intro_short_{language}") in html
    assert getattr(identity, f"titles_{language}") in html
    assert f'href="{ABOUT[language]}"' in html
    assert "Helsinginkatu 5, 00500 Helsinki" in html and "0112038-9" in html  # the footer


def test_without_a_portrait_the_home_page_shows_the_illustration_never_a_broken_image(client, identity):
    html = client.get("/").content.decode()
    picture = re.search(r'<picture class="about-portrait">.*?</picture>', html, re.S)[0]
    assert 'type="image/avif"' in picture and 'type="image/webp"' in picture
    assert "portrait-placeholder-640.jpg" in picture and 'alt=""' in picture
    assert 'width="640" height="800"' in picture and 'loading="lazy"' in picture
    for url in re.findall(r"(/static/[^ \"]+)", picture):
        response = client.get(url)
        response.close()  # a file response: its file is closed with it
        assert response.status_code == 200, url


def test_with_a_portrait_pages_offer_its_sizes_and_jsonld_its_image(client, identity, media_root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    identity.portrait = SimpleUploadedFile("liisa.jpg", jpeg_with_gps())
    identity.portrait_alt_fi = "Liisa Laine ikkunan ääressä"
    identity.portrait_alt_en = "Liisa Laine by the window"
    profile_save(profile=identity)
    home = client.get("/en/").content.decode()
    picture = re.search(r'<picture class="about-portrait">.*?</picture>', home, re.S)[0]
    assert 'alt="Liisa Laine by the window"' in picture and 'loading="lazy"' in picture
    assert picture.count(" 320w") == 3 and picture.count(" 960w") == 3
    about = client.get(ABOUT["fi"]).content.decode()
    assert 'alt="Liisa Laine ikkunan ääressä"' in about and 'fetchpriority="high"' in about
    assert 'loading="lazy"' not in re.search(r"<picture.*?</picture>", about, re.S)[0]
    data = jsonld(home)
    assert data["image"].startswith("http") and data["image"].endswith("-960.jpg")
    assert data["founder"]["image"] == data["image"]
    assert '<meta property="og:image"' in home


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_about_page_has_an_address_in_each_language(client, identity, language):
    with translation.override(language):
        assert reverse("services:about") == ABOUT[language]
    html = client.get(ABOUT[language]).content.decode()
    assert re.search(r"<h1>\s*Liisa Laine\s*</h1>", html)
    assert getattr(identity, f"titles_{language}") in html
    heading = {"fi": "Koulutus", "sv": "Utbildning", "en": "Training"}[language]
    assert f">{heading}</h2>" in html
    assert 'rel="me noopener"' in html and "liisa@laine.example.fi" in html
    data = jsonld(html)
    page = next(item for item in data["@graph"] if item["@type"] == "ProfilePage")
    assert page["mainEntity"]["@id"].endswith("/#practitioner")


def test_jsonld_names_the_practice_its_founder_address_and_tax_ids(client, identity):
    data = jsonld(client.get("/").content.decode())
    assert data["@type"] == "ProfessionalService" and data["name"] == "Työnohjaus Laine"
    assert data["founder"] == data["employee"]
    assert data["founder"]["@type"] == "Person" and data["founder"]["name"] == "Liisa Laine"
    assert data["founder"]["jobTitle"] == "työnohjaaja (STOry), sovittelija"
    assert data["founder"]["sameAs"] == ["https://www.linkedin.com/in/liisa-laine-example"]
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Helsinginkatu 5",
        "postalCode": "00500",
        "addressLocality": "Helsinki",
        "addressCountry": "FI",
    }
    assert (data["taxID"], data["vatID"], data["email"]) == (
        "0112038-9",
        "FI01120389",
        "liisa@laine.example.fi",
    )
    assert "image" not in data  # no portrait yet: the illustration is not the practitioner


def test_contact_privacy_and_accessibility_pages_name_the_practice(client, identity):
    contact = client.get(reverse("services:contact")).content.decode()
    privacy = client.get(reverse("services:privacy")).content.decode()
    accessibility = client.get(reverse("services:accessibility")).content.decode()
    for html in (contact, privacy):
        assert "Helsinginkatu 5, 00500 Helsinki" in html and "0112038-9" in html and "Liisa Laine" in html
    controller = privacy.split('id="controller"')[1].split("</dl>")[0]
    assert "Työnohjaus Laine" in controller and "liisa@laine.example.fi" in controller
    feedback = accessibility.split('id="feedback-contact"')[1].split("</section>")[0]
    assert "liisa@laine.example.fi" in feedback and "+358 50 111 2222" in feedback


def test_the_pages_read_the_profile_without_a_query(client, identity, django_assert_max_num_queries):
    client.get("/")  # the profile is cached from now on, as on a running site
    with django_assert_max_num_queries(8):
        client.get("/")
    with django_assert_max_num_queries(1):
        client.get(ABOUT["sv"])


def test_emails_are_signed_and_sent_in_the_practices_name(identity):
    _practitioner, session_type = bookable()
    BookingFactory(
        session_type=session_type, start=helsinki(2027, 3, 3, 10), language="sv", now=helsinki(2027, 2, 1, 10)
    )
    messages_send_due()
    email = next(m for m in mail.outbox if m.to == ["maija@example.fi"])
    assert email.from_email.startswith("Työnohjaus Laine <")
    signature = email.body.split("\n--\n")[1]
    assert "Liisa Laine, arbetshandledare (STOry), medlare" in signature
    assert "Työnohjaus Laine · liisa@laine.example.fi" in signature and "+358 50 111 2222" in signature
    assert "Helsinginkatu 5, 00500 Helsinki · FO-nummer 0112038-9" in signature
    html = email.alternatives[0].content
    assert "Liisa Laine, arbetshandledare (STOry), medlare" in html


def test_calendar_files_name_the_practice(identity):
    _practitioner, session_type = bookable()
    booking = BookingFactory(
        session_type=session_type, start=helsinki(2027, 3, 3, 10), now=helsinki(2027, 2, 1, 10)
    )
    calendar = Calendar.from_ical(booking_ics(booking))
    assert str(calendar["prodid"]).startswith("-//Työnohjaus Laine//")
    event = calendar.walk("VEVENT")[0]
    assert event["organizer"].params["cn"] == f"{booking.practitioner.display_name}, Työnohjaus Laine"
    assert str(event["summary"]).endswith("– Työnohjaus Laine")


def test_the_workspace_is_titled_with_the_practices_name(admin_client, identity):
    assert "Työnohjaus Laine" in admin_client.get(reverse("admin:index")).content.decode()


def test_not_registered_for_vat_follows_the_profile(client, identity):
    identity.vat_registered = False
    profile_save(profile=identity)
    html = client.get(reverse("services:talks")).content.decode()
    assert "AVL 3 §" in html and "sis. alv" not in html
