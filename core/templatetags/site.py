"""Layout helpers: the same page in the other languages (language switcher, hreflang, sitemap)."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe

register = template.Library()


def local_path(path: str, code: str) -> str:
    """`path` in language `code` when it is a path on this site; else that language's home page.
    A 404's path is whatever was asked for: `//evil.example/` or `/\\evil.example` would make a
    link off the site."""
    url = translate_url(path, code)
    if url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return url
    with translation.override(code):
        return reverse("services:home")


@register.simple_tag(takes_context=True)
def alternates(context):
    """The current page in every language: code, name, url (for hreflang) and here (with the query)."""
    request = context.get("request")
    path = request.path if request else "/"
    query = request.GET.urlencode() if request else ""
    current = translation.get_language()
    alternates = []
    for code, _name in settings.LANGUAGES:
        url = local_path(path, code)
        alternates.append(
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "url": url,  # canonical and hreflang: the page itself
                "here": f"{url}?{query}" if query else url,  # the switcher keeps the visitor's place
                "current": code == current,
            }
        )
    return alternates


@register.simple_tag(takes_context=True)
def absolute(context, path):
    return settings.SITE_URL + path


_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def jsonld(context, data):
    """A schema.org data block; carries the CSP nonce so a strict policy never blocks it."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).translate(_JSON_ESCAPES)
    return format_html(
        '<script type="application/ld+json" nonce="{}">{}</script>',
        context.get("csp_nonce", ""),
        mark_safe(text),  # noqa: S308  <, > and & are escaped above
    )
