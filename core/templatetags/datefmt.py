"""Template filters for dates (loaded as builtins): {{ start|when:end }}, {{ day|day }}, {{ start|clock }},
{{ first|month }} (`Marraskuu 2026`; `|month:False` without the year), {{ day|daymonth }} (`24.11.`)."""

from django import template

from core.formats import format_date, format_day_month, format_month, format_time, format_when

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


@register.filter
def month(value, with_year=True):
    return format_month(value, with_year=with_year) if value else ""


@register.filter
def daymonth(value):
    return format_day_month(value) if value else ""
