"""Demo: a mediation case in stage 1 with two parties, and each party's and the contact's personal
link printed.

Idempotent: the data with get_or_create, the links through demo.calendar.personal_link, which keeps
their tokens in var/ (only a hash is in the database). Every run prints the same links, and they keep
working; nothing is added after the first run.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from bookings.models import Practitioner
from mediation.actions.case import case_setup
from mediation.actions.links import LINK_LIFETIME
from mediation.kinds import MediationLink
from mediation.models import MediationCase, Party

from .calendar import personal_link

TITLE = "Demo: yhteistyö tiimissä"
PARTIES = [
    ("Maija Esimerkki", "maija.esimerkki@example.fi", "fi", Party.Role.EMPLOYEE),
    ("Peter Example", "peter.example@example.fi", "en", Party.Role.SUPERVISOR),
]
TERMS = (
    "Työyhteisösovittelu kuudessa vaiheessa: valmistelu ja erilliset tapaamiset kunkin osapuolen "
    "kanssa (1–2 h), yhteinen istunto (4–6 h), jossa laaditaan kirjallinen sopimus, ja "
    "seurantatapaaminen noin 10 viikon kuluttua. Hinta 2 400 € (sis. alv 25,5 %). Sovittelussa "
    "käsitellyt asiat ovat luottamuksellisia; tilaajalle kerrotaan vain, syntyikö sopimus."
)


def _absolute(name: str, token: str, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(f"mediation:{name}", kwargs={"token": token})


def load(out) -> None:
    mediator = Practitioner.objects.order_by("pk").first()
    if mediator is None:
        out.write("mediation demo skipped: no practitioner yet (the bookings demo makes one)")
        return
    case, created = MediationCase.objects.get_or_create(
        title=TITLE,
        defaults={
            "mediator": mediator,
            "organisation_name": "Esimerkki Oy",
            "business_id": "0737546-2",
            "einvoice_address": "003707375462",
            "einvoice_operator": "OKOYFIHH",
            "invoice_reference": "Sovittelu 2026",
            "contact_name": "Hanna Henkilöstö",
            "contact_email": "hanna.henkilosto@example.fi",
            "contact_language": "fi",
            "commission_terms": TERMS,
            "price": "2400.00",
        },
    )
    if created:
        case_setup(case=case)
    parties = [
        Party.objects.get_or_create(
            case=case, email=email, defaults={"name": name, "language": language, "role": role}
        )[0]
        for name, email, language, role in PARTIES
    ]
    if not case.is_open:
        out.write(f"mediation demo: the case #{case.pk} is closed, so it has no live links")
        return
    expires_at = (
        timezone.now() + LINK_LIFETIME
    )  # as party_link_issue and contact_link_issue give an open case
    for n, party in enumerate(parties, start=1):
        token = personal_link(
            f"mediation_party_{n}", purpose=MediationLink.PARTY, target=party, expires_at=expires_at
        )
        out.write(f"party link: {_absolute('party', token, party.language)}")
    token = personal_link(
        "mediation_contact", purpose=MediationLink.CONTACT, target=case, expires_at=expires_at
    )
    out.write(f"contact link: {_absolute('contact', token, case.contact_language)}")
