"""Free times follow the meeting's place: an in-person meeting is offered only hours open for
meeting in person, a video meeting only hours open online (the clock is fixed on Monday 1.3.2027)."""

import datetime as dt

import pytest
from django.urls import reverse

from bookings.models import WeeklyHours
from mediation.actions.scheduling import meeting_create
from mediation.models import Meeting
from tests.factories import PractitionerFactory
from tests.mediation.factories import MediationCaseFactory, PartyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def evening_online_mediator(db):
    """In person or online 9–15 every day; online only 17–20 in the evenings."""
    practitioner = PractitionerFactory(display_name="Sanna Sovittelija")
    WeeklyHours.objects.bulk_create(
        [
            WeeklyHours(practitioner=practitioner, weekday=d, start_time=dt.time(9), end_time=dt.time(15))
            for d in range(7)
        ]
        + [
            WeeklyHours(
                practitioner=practitioner,
                weekday=d,
                start_time=dt.time(17),
                end_time=dt.time(20),
                in_person=False,
                online=True,
            )
            for d in range(7)
        ]
    )
    return practitioner


def offered_hours(client, mediator, place: str) -> set[str]:
    case = MediationCaseFactory(mediator=mediator)
    party = PartyFactory(case=case)
    meeting = meeting_create(
        case=case, kind=Meeting.Kind.INDIVIDUAL, parties=[party], duration_minutes=60, place=place
    )
    client.force_login(mediator.user)
    page = client.get(reverse("admin:mediation_meeting_times", args=[meeting.pk]) + "?from=2027-03-03")
    assert page.status_code == 200
    return {label.split("klo ")[-1][:5] for _value, label in page.context["form"].fields["starts"].choices}


def test_an_in_person_meeting_is_not_offered_online_only_evening_hours(
    client, clock, evening_online_mediator
):
    hours = offered_hours(client, evening_online_mediator, "Kampin toimisto, Urho Kekkosen katu 1")
    assert hours == {"09.00", "10.00", "11.00", "12.00", "13.00", "14.00"}


def test_a_video_meeting_is_offered_the_online_evening_hours_too(client, clock, evening_online_mediator):
    hours = offered_hours(client, evening_online_mediator, "https://video.example.fi/sovittelu")
    assert {"09.00", "17.00", "19.00"} <= hours


def test_the_meeting_modality_follows_its_place():
    assert Meeting(place="Kamppi").modality == "in_person"
    assert Meeting(place=" https://meet.example.fi/x ").modality == "online"
    assert Meeting(place="").modality is None
