"""Template filter for amounts (loaded as a builtin): {{ amount|euros }}."""

from django import template

from ..money import format_euros

register = template.Library()


@register.filter
def euros(amount):
    return format_euros(amount)
