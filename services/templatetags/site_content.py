"""Template helpers of the public pages: formatted texts, prices, JSON-LD, optional partials."""

from django import template
from django.template.loader import get_template

from core.templatetags.site import jsonld
from practice.selectors import profile
from services import richtext

register = template.Library()


@register.filter
def formatted(text):
    """An editable text in the site's small text format, as safe HTML (see services/richtext.py).

    [[practice]], [[email]] and [[phone]] stand for the practice's name, email and phone (its profile).
    """
    text = text or ""
    if "[[" in text:
        practice = profile()
        text = (
            text.replace("[[practice]]", practice.name)
            .replace("[[email]]", f"[{practice.email}](mailto:{practice.email})")
            .replace("[[phone]]", f"[{practice.phone}](tel:{practice.phone_href})")
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
