"""Layout helpers: the same page in the other languages (language switcher, hreflang, sitemap)."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def alternates(context):
    """[(code, name, absolute path)] of the current page in every language, current one first marked."""
    request = context.get("request")
    path = request.path if request else "/"
    current = translation.get_language()
    return [
        {
            "code": code,
            "name": translation.get_language_info(code)["name_local"],
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def absolute(context, path):
    return settings.SITE_URL + path
