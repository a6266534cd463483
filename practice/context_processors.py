from django.utils.functional import SimpleLazyObject

from .selectors import profile


def practice(request):
    """`practice`: the practice profile, read only by the pages that show it."""
    return {"practice": SimpleLazyObject(profile)}
