"""The practice made the practitioner's own, in Chromium: the name, a camera portrait with GPS
EXIF and the introduction in three languages written in the workspace; the home page in fi/sv/en
shows them with a <picture> whose files exist, carry no EXIF and stay small; the home page weighs
at most 80 KB on first load; an SVG or a renamed PHP file is refused with a clear message."""

import io
import re

import pytest
from django.utils import translation
from PIL import ExifTags, Image
from playwright.sync_api import expect

from practice import images
from tests.browser.conftest import axe_violations
from tests.factories import StaffFactory
from tests.practice.pictures import PHP, SVG, jpeg_with_gps

PASSWORD = "correct horse battery staple"
HOME = {"fi": "/", "sv": "/sv/", "en": "/en/"}
INTRO = {
    "fi": "Kuljen rinnallasi, kun työ kuormittaa tai muutos haastaa.",
    "sv": "Jag går vid din sida när arbetet tynger eller en förändring utmanar.",
    "en": "I walk beside you when work weighs heavily or change is hard.",
}
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("site_content"),
    pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"),
]


@pytest.fixture
def practitioner_signed_in(page, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    StaffFactory(username="aino", is_superuser=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "aino")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return page


def open_profile(page, live_server):
    page.goto(live_server.url + "/admin/practice/practiceprofile/")
    expect(page).to_have_url(re.compile(r"/admin/practice/practiceprofile/1/change/$"))


def save(page):
    with page.expect_navigation():
        page.locator("input[name=_continue]").click()


def upload(page, name: str, data: bytes, mime: str):
    page.set_input_files("#id_portrait", {"name": name, "mimeType": mime, "buffer": data})


def picture_files(page) -> dict[str, int]:
    """The files the portrait's <picture> offers: url → width."""
    offered = {}
    for srcset in page.locator(".about-portrait source, .about-portrait img").evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('srcset'))"
    ):
        for candidate in srcset.split(","):
            url, width = candidate.split()
            offered[url] = int(width.rstrip("w"))
    return offered


def transferred_bytes(page, url: str) -> int:
    """Bytes on the wire for the page and everything it loads, as Chromium counts them, once the
    portrait below the fold has been scrolled into view."""
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url)
    page.locator(".about-portrait img").scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    page.wait_for_function("document.querySelector('.about-portrait img').complete")
    total = 0
    for response in responses:
        sizes = response.request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return total


def test_the_practitioner_makes_the_site_theirs(practitioner_signed_in, live_server):
    page = practitioner_signed_in
    open_profile(page, live_server)
    page.fill("#id_name", "Työnohjaus Laine")
    page.fill("#id_practitioner_name", "Liisa Laine")
    for code, text in INTRO.items():
        page.fill(f"#id_intro_short_{code}", text)
    page.fill("#id_portrait_alt_fi", "Liisa Laine ikkunan ääressä")
    page.fill("#id_portrait_alt_sv", "Liisa Laine vid fönstret")
    page.fill("#id_portrait_alt_en", "Liisa Laine by the window")
    upload(page, "IMG_0412.JPG", jpeg_with_gps(), "image/jpeg")
    save(page)
    expect(page.locator(".messagelist .success")).to_have_count(1)
    expect(page.locator(".practice-preview-picture img")).to_be_visible()

    for code, path in HOME.items():
        page.goto(live_server.url + path)
        expect(page.locator(".brand")).to_have_text("Työnohjaus Laine")
        expect(page.locator("#about-title ~ p", has_text=INTRO[code])).to_have_count(1)
        expect(page.locator(".about-portrait img")).to_have_attribute("alt", re.compile("Liisa Laine"))
        offered = picture_files(page)
        assert len(offered) == 3 * len(images.WIDTHS), offered
        for url, width in offered.items():
            response = page.request.get(live_server.url + url)
            assert response.status == 200, url
            data = response.body()
            with Image.open(io.BytesIO(data)) as picture:
                assert picture.width == width, url
                exif = picture.getexif()
                assert dict(exif) == {} and exif.get_ifd(ExifTags.IFD.GPSInfo) == {}, url
            assert b"Exif" not in data and b"Kamera Oy" not in data, url
            if width == 640:
                assert len(data) < 60 * 1024, (url, len(data))
        assert axe_violations(page) == [], path
        page.goto(live_server.url + {"fi": "/kuka-olen/", "sv": "/sv/om-mig/", "en": "/en/about/"}[code])
        expect(page.locator("h1")).to_have_text("Liisa Laine")
        assert axe_violations(page) == []
    assert page.outside_requests == []

    # An empty cache, on a phone with a dense screen (it takes the larger sizes of the portrait).
    fresh = page.context.browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3)
    weight = transferred_bytes(fresh.new_page(), live_server.url + "/")
    fresh.close()
    assert weight <= 80 * 1024, weight


@pytest.mark.parametrize(
    ("name", "data", "mime", "message"),
    [
        ("drawing.svg", SVG, "image/svg+xml", images.SVG_REFUSED),
        ("portrait.jpg", PHP, "image/jpeg", images.NOT_A_PICTURE),
    ],
)
def test_an_svg_or_a_renamed_php_file_is_refused_with_a_clear_message(
    practitioner_signed_in, live_server, name, data, mime, message
):
    page = practitioner_signed_in
    open_profile(page, live_server)
    page.fill("#id_name", "Ei tallennu")
    upload(page, name, data, mime)
    save(page)
    with translation.override(page.locator("html").get_attribute("lang")):
        expected = str(message)
    expect(page.locator(".field-portrait .errorlist")).to_have_text(expected)
    expect(page.locator(".errornote")).to_have_count(1)
    page.goto(live_server.url + "/")
    expect(page.locator(".brand")).not_to_have_text("Ei tallennu")
