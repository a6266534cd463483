"""`{% portrait practice sizes="…" %}`: the practitioner's portrait as a <picture> (AVIF, WebP, JPEG at a
few widths, explicit width and height, lazy unless `eager`), or the project's neutral illustration
when none has been uploaded, so a page never shows a broken image."""

from django import template
from django.core.files.storage import default_storage
from django.templatetags.static import static

from practice import placeholder
from practice.images import picture

register = template.Library()


@register.inclusion_tag("practice/partials/picture.html")
def portrait(practice, *, sizes: str, eager: bool = False, css_class: str = "portrait"):
    found = picture(practice.portrait_variants, default_storage.url) if practice.portrait else None
    if found is None:
        found, alt = picture(placeholder.variants(), static), ""
    else:
        alt = practice.portrait_alt or practice.practitioner_name or practice.name
    return {"picture": found, "alt": alt, "sizes": sizes, "eager": eager, "css_class": css_class}
