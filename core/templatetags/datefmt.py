"""Template filters for dates (loaded as builtins): {{ start|when:end }}, {{ day|day }}, {{ start|clock }}."""

from django import template

from core.formats import format_date, format_time, format_when

register = template.Library()


@register.filter
def when(start, end=None):
    return format_when(start, end) if start else ""


@register.filter
def day(value):
    return format_date(value) if value else ""


@register.filter
def clock(value):
    return format_time(value) if value else ""
