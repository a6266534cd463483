"""Demo content of the public site: the supervision price list linked to the demo's session types,
so the page shows the prices the booking charges and a link to book each; and a mediation request
from the public form, waiting to be opened as a case. Idempotent."""

import datetime as dt

from django.utils import timezone

from core.time import HELSINKI
from services.actions import request_submit
from services.models import Page, Price, ServiceRequest

from . import calendar as bookings_demo

# Price line (its Finnish name on the supervision page) -> the demo session type it shows.
LINKS = {"Yksilötyönohjaus": "yksilotyonohjaus", "Ryhmätyönohjaus": "ryhmatyonohjaus"}


def _weekday(day: dt.date) -> dt.date:
    """`day`, or the Monday after it when it falls on a weekend."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


def load(out) -> None:
    types = bookings_demo.session_types(bookings_demo.practitioner())
    lines = Price.objects.filter(page__key=Page.Key.SUPERVISION, name_fi__in=LINKS, session_type=None)
    for line in lines:
        line.session_type = types[LINKS[line.name_fi]]
        line.amount = None
        line.save(update_fields=["session_type", "amount"])

    today = timezone.now().astimezone(HELSINKI).date()
    request_submit(
        request=ServiceRequest(
            kind=ServiceRequest.Kind.MEDIATION,
            language="fi",
            organisation_name="Esimerkkikaupungin kirjasto",
            business_id="0201256-6",
            contact_name="Tiina Tilaaja",
            contact_role="palvelupäällikkö",
            email="tiina.tilaaja@example.fi",
            phone="040 222 3333",
            preferred_dates=[_weekday(today + dt.timedelta(days=days)).isoformat() for days in (14, 16)],
            time_preference="arkipäivisin",
            invoicing=ServiceRequest.Invoicing.EINVOICE,
            einvoice_address="003702012566",
            einvoice_operator="003721291126",
            message="Kahden työntekijän yhteistyö on kiristynyt, ja tiimi toivoo ulkopuolista sovittelijaa.",
            submission_key="demo-mediation-request",
        )
    )
    out.write("services: a mediation request waiting to be opened as a case")
