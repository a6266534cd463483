"""Demo content of the public site: the supervision price list linked to the demo's session types,
so the page shows the prices the booking charges and a link to book each. Idempotent."""

from services.models import Page, Price

from . import calendar as bookings_demo

# Price line (its Finnish name on the supervision page) -> the demo session type it shows.
LINKS = {"Yksilötyönohjaus": "yksilotyonohjaus", "Ryhmätyönohjaus": "ryhmatyonohjaus"}


def load(out) -> None:
    types = bookings_demo.session_types(bookings_demo.practitioner())
    lines = Price.objects.filter(page__key=Page.Key.SUPERVISION, name_fi__in=LINKS, session_type=None)
    for line in lines:
        line.session_type = types[LINKS[line.name_fi]]
        line.amount = None
        line.save(update_fields=["session_type", "amount"])
