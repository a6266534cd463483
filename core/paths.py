"""URL patterns of personal links: `<translated prefix><token>/` and what follows."""

from django.utils.text import format_lazy


def personal_path(prefix, rest: str = "", *parts):
    """`<prefix><token>/` followed by translated `parts` (and an untranslated `rest`)."""
    return format_lazy("{}<str:token>/" + "{}" * len(parts) + rest, prefix, *parts)
