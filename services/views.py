"""The public pages: GET → selector → render; a request form POST → form → one action → redirect."""

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.ratelimit import ratelimit
from practice.selectors import profile

from . import actions, selectors, seo
from .forms import FORMS
from .models import Page

REQUEST_TITLES = {
    Page.Key.SUPERVISION: _("Request group supervision"),
    Page.Key.MEDIATION: _("Ask for a workplace mediation"),
    Page.Key.TALKS: _("Request a talk"),
    Page.Key.SOUND_RELAXATION: _("Request a sound relaxation for your group"),
}


def booking_url() -> str | None:
    """The start of the booking flow, once the bookings app serves it."""
    try:
        return reverse("bookings:start")
    except NoReverseMatch:
        return None


@require_GET
def home(request):
    pages = selectors.pages_by_key([Page.Key.HOME, *selectors.SERVICE_KEYS])
    services = [pages[key] for key in selectors.SERVICE_KEYS if key in pages]
    return render(
        request,
        "services/home.html",
        {
            "page": pages[Page.Key.HOME],
            "services": services,
            "booking_url": booking_url(),
            "structured_data": seo.home_graph(pages),
            "og_image": seo.portrait_url(),
        },
    )


@require_GET
def about(request):
    """The practitioner: portrait, name, titles and the long introduction (the practice profile)."""
    return render(
        request,
        "services/about.html",
        {"structured_data": seo.about_graph(request.path), "og_image": seo.portrait_url()},
    )


@require_GET
def page(request, key):
    """A service page, contact or a legal page: its words from the database, its layout from code."""
    content = selectors.page_get(key)
    prices = list(content.prices.all())
    service = key in selectors.SERVICE_KEYS
    graph = (
        seo.service_graph(content, prices, request.path) if service else seo.page_graph(content, request.path)
    )
    return render(
        request,
        f"services/{key}.html",
        {
            "page": content,
            "items": selectors.items_by_group(content),
            "prices": prices,
            "booking_url": booking_url() if key == Page.Key.SUPERVISION else None,
            "request_url": reverse(f"services:{key}_request") if service else None,
            "request_title": REQUEST_TITLES.get(key),
            "structured_data": graph,
            "vat_registered": profile().vat_registered,
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(scope="service-requests", rate=lambda: settings.RATELIMIT_REQUEST_FORMS)
def request_form(request, kind):
    """An organisation's request: stored, confirmed to the sender, notified to the practice."""
    form_class = FORMS[kind]
    extra = {"topics": selectors.talk_topics()} if kind == Page.Key.TALKS else {}
    if request.method == "POST":
        form = form_class(request.POST, **extra)
        if form.is_valid():
            submitted = form.instance
            submitted.language = get_language()
            submitted.submission_key = form.submission_key
            actions.request_submit(request=submitted)
            return redirect(f"services:{kind}_request_sent")
    else:
        form = form_class(**extra)
    return render(
        request,
        "services/request_form.html",
        {
            "form": form,
            "kind": kind,
            "title": REQUEST_TITLES[kind],
            "service_url": reverse(f"services:{kind}"),
            "service": selectors.pages_by_key([kind]).get(kind),
        },
    )


@require_GET
def request_sent(request, kind):
    return render(
        request,
        "services/request_sent.html",
        {"kind": kind, "title": REQUEST_TITLES[kind], "service_url": reverse(f"services:{kind}")},
    )


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /healthz",
        "Disallow: /api/",
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=3600, public=True)
def sitemap(request):
    return sitemap_view(request, seo.SITEMAPS)
