"""Template helpers of the public pages: formatted texts, prices, JSON-LD, optional partials."""

from django import template
from django.conf import settings
from django.template.loader import get_template

from core.templatetags.site import jsonld
from services import richtext

register = template.Library()


@register.filter
def formatted(text):
    """An editable text in the site's small text format, as safe HTML (see services/richtext.py).

    [[practice]], [[email]] and [[phone]] stand for the practice's name, email and phone (settings).
    """
    text = (
        (text or "")
        .replace("[[practice]]", settings.PRACTICE_NAME)
        .replace("[[email]]", f"[{settings.PRACTICE_EMAIL}](mailto:{settings.PRACTICE_EMAIL})")
        .replace("[[phone]]", f"[{settings.PRACTICE_PHONE}](tel:{settings.PRACTICE_PHONE.replace(' ', '')})")
    )
    return richtext.render(text)


register.simple_tag(jsonld, takes_context=True)  # the shared tag from core, under the name templates here use


@register.simple_tag(takes_context=True)
def optional_include(context, name, **extra):
    """Renders a template another app may provide (e.g. open events from bookings), or nothing."""
    try:
        found = get_template(name)
    except template.TemplateDoesNotExist:
        return ""
    return found.render({**context.flatten(), **extra}, context.get("request"))
