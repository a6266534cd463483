"""Factories for mediation cases (set up with their six stage records, as admin does) and parties."""

from decimal import Decimal

import factory

from mediation.actions.case import case_setup
from mediation.models import MediationCase, Party
from tests.factories import PractitionerFactory


class MediationCaseFactory(factory.django.DjangoModelFactory):
    """An open case in stage 1 with its six stage records (as admin creates it)."""

    class Meta:
        model = MediationCase
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Tiimin yhteistyö {n}")
    mediator = factory.SubFactory(PractitionerFactory)
    organisation_name = "Esimerkki Oy"
    business_id = "0112038-9"
    contact_name = "Hanna Henkilöstö"
    contact_email = factory.Sequence(lambda n: f"hr{n}@esimerkki.fi")
    commission_terms = "Sovittelu: aloitusistunto, erilliset tapaamiset, yhteinen istunto, seuranta."
    price = Decimal("2400.00")

    @factory.post_generation
    def setup(self, create, extracted, **kwargs):
        if create:
            case_setup(case=self)


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    case = factory.SubFactory(MediationCaseFactory)
    name = factory.Sequence(lambda n: f"Osapuoli {n}")
    email = factory.Sequence(lambda n: f"party{n}@example.fi")
    language = "fi"
    role = Party.Role.EMPLOYEE
