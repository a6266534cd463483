from functools import partial

from django.utils.functional import SimpleLazyObject

from .selectors import profile


def practice(request):
    """`practice`: the practice profile, read only by the pages that show it. A request marked
    `without_database` (the 500 page, core.views.server_error) gets it without a query."""
    database = not getattr(request, "without_database", False)
    return {"practice": SimpleLazyObject(partial(profile, database=database))}
