"""schema.org data of the public pages (JSON-LD) and the sitemap."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from core.sitemaps import CanonicalSitemap
from events.sitemaps import EventSitemap
from practice.selectors import profile

from .models import Page, Price
from .selectors import SERVICE_KEYS

PRACTICE_ID = "/#practice"


PERSON_ID = "/#practitioner"
ABOUT = "about"  # the about page's words are the practice profile's, not a Page's


def _absolute(url: str) -> str:
    return url if url.startswith(("https://", "http://")) else settings.SITE_URL + url


def portrait_url() -> str | None:
    """The portrait's largest JPEG (what search engines and link previews take), if one is uploaded."""
    jpegs = [v for v in profile().portrait_variants if v["format"] == "jpeg"]
    if not (profile().portrait and jpegs):
        return None
    return _absolute(default_storage.url(max(jpegs, key=lambda v: v["width"])["name"]))


def practitioner() -> dict | None:
    """The practitioner as a schema.org Person (founder and employee of the practice)."""
    practice = profile()
    if not practice.practitioner_name:
        return None
    person = {"@type": "Person", "@id": settings.SITE_URL + PERSON_ID, "name": practice.practitioner_name}
    if practice.titles:
        person["jobTitle"] = practice.titles
    if image := portrait_url():
        person["image"] = image
    if practice.link_list:
        person["sameAs"] = practice.link_list
    return person


def practice() -> dict:
    """The practice as a schema.org ProfessionalService, with its founder and employee."""
    found = profile()
    data = {
        "@type": "ProfessionalService",
        "@id": settings.SITE_URL + PRACTICE_ID,
        "name": found.name,
        "url": settings.SITE_URL + reverse("services:home"),
        "email": found.email,
        "areaServed": {"@type": "Country", "name": "Finland"},
        "availableLanguage": ["fi", "sv", "en"],
        "logo": settings.SITE_URL + "/static/img/favicon.svg",
    }
    if found.phone:
        data["telephone"] = found.phone
    if found.street_address or found.city:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": found.street_address,
            "postalCode": found.postal_code,
            "addressLocality": found.city,
            "addressCountry": "FI",
        }
    if found.business_id:
        data["taxID"] = found.business_id
    if found.vat_id:
        data["vatID"] = found.vat_id
    if image := portrait_url():
        data["image"] = image
    if person := practitioner():
        data["founder"] = data["employee"] = person
    return data


def home_graph(pages: dict[str, Page]) -> dict:
    """The home page: the practice with its four services as an offer catalogue."""
    data = practice()
    data["description"] = pages[Page.Key.HOME].meta_description
    data["hasOfferCatalog"] = {
        "@type": "OfferCatalog",
        "name": pages[Page.Key.HOME].title,
        "itemListElement": [
            {
                "@type": "Offer",
                "itemOffered": {
                    "@type": "Service",
                    "name": pages[key].title,
                    "url": settings.SITE_URL + reverse(f"services:{key}"),
                },
            }
            for key in SERVICE_KEYS
            if key in pages
        ],
    }
    return {"@context": "https://schema.org", **data}


def _offer(price: Price) -> dict:
    offer = {"@type": "Offer", "name": price.name, "priceCurrency": "EUR"}
    if (amount := price.shown_amount) is not None:
        offer["price"] = f"{amount:.2f}"
    return offer


def service_graph(page: Page, prices: list[Price], path: str) -> dict:
    """A service page: the Service, provided by the practice."""
    service = {
        "@type": "Service",
        "@id": settings.SITE_URL + path + "#service",
        "name": page.title,
        "serviceType": page.title,
        "description": page.meta_description,
        "url": settings.SITE_URL + path,
        "provider": {"@id": settings.SITE_URL + PRACTICE_ID},
        "areaServed": {"@type": "Country", "name": "Finland"},
        "availableLanguage": ["fi", "sv", "en"],
    }
    if prices:
        service["offers"] = [_offer(price) for price in prices]
    return {"@context": "https://schema.org", "@graph": [practice(), service]}


def page_graph(page: Page, path: str) -> dict:
    """Other pages (contact, legal): a WebPage about the practice."""
    return {
        "@context": "https://schema.org",
        "@graph": [
            practice(),
            {
                "@type": "ContactPage" if page.key == Page.Key.CONTACT else "WebPage",
                "name": page.title,
                "url": settings.SITE_URL + path,
                "about": {"@id": settings.SITE_URL + PRACTICE_ID},
                "inLanguage": translation.get_language(),
            },
        ],
    }


def about_graph(path: str) -> dict:
    """The about page: a ProfilePage whose main entity is the practitioner (or the practice)."""
    person = practitioner()
    return {
        "@context": "https://schema.org",
        "@graph": [
            practice(),
            {
                "@type": "ProfilePage",
                "url": settings.SITE_URL + path,
                "inLanguage": translation.get_language(),
                "mainEntity": {"@id": settings.SITE_URL + (PERSON_ID if person else PRACTICE_ID)},
            },
        ],
    }


# Every services page, in every language. Request forms are pages too; "sent" pages are not.
SITEMAP_PAGES = [
    ("services:home", Page.Key.HOME, 1.0),
    ("services:about", ABOUT, 0.8),
    *((f"services:{key}", key, 0.9) for key in SERVICE_KEYS),
    *((f"services:{key}_request", key, 0.6) for key in SERVICE_KEYS),
    ("services:contact", Page.Key.CONTACT, 0.7),
    ("services:privacy", Page.Key.PRIVACY, 0.3),
    ("services:accessibility", Page.Key.ACCESSIBILITY, 0.3),
]


class PageSitemap(CanonicalSitemap):
    """Every services page in fi, sv and en, each with its alternates and x-default (Finnish)."""

    changefreq = "monthly"

    def items(self):
        updated = {page.key: page.updated_at for page in Page.objects.only("key", "updated_at")}
        updated[ABOUT] = profile().updated_at
        return [(name, updated.get(key), priority) for name, key, priority in SITEMAP_PAGES]

    def location(self, item):
        return reverse(item[0])

    def lastmod(self, item):
        return item[1]

    def priority(self, item):
        return item[2]


# The public booking pages (url name, priority): never a personal link's page nor a step of the
# flow that needs a choice in its query string; they keep no "last changed" time, so no lastmod.
BOOKING_PAGES = [
    ("bookings:start", 0.8),
    ("events:events", 0.7),
    ("series:series_plan", 0.6),
]


class BookingPageSitemap(CanonicalSitemap):
    """The booking start page, the open events list and the series planner."""

    changefreq = "weekly"

    def items(self):
        return BOOKING_PAGES

    def location(self, item):
        return reverse(item[0])

    def priority(self, item):
        return item[1]


# sitemap.xml: the services pages, then the public booking pages (never a personal link's page).
SITEMAPS = {"pages": PageSitemap, "booking": BookingPageSitemap, "events": EventSitemap}
