"""A person's rights: export everything stored about an email address, then erase it.

The round trip walks whatever is registered in privacy.registry (bookings, events and series,
service requests, mediation, the message log, the records of requests), and a scan of every text
column of every model checks that nothing about the person is left behind after erasure.
"""

import datetime as dt
import io
import json
import zipfile

import pytest
import time_machine
from django.apps import apps
from django.db import models
from django.utils import timezone

from bookings.models import Booking, BookingChange, CalendarBlock, Feedback
from mediation.actions.parties import intake_save, party_consent, party_invite
from mediation.models import Intake, Party
from privacy import actions, registry
from privacy.fields import EncryptedTextField
from privacy.models import PersonalLink, PrivacyRequest
from services.models import ServiceRequest
from tests.factories import BookingFactory, bookable
from tests.mediation.factories import PartyFactory

pytestmark = pytest.mark.django_db
PERSON = "Maija.Meikalainen@Example.fi"
OTHER = "other.person@example.fi"
NOTES = "Haluan puhua jaksamisesta."
NOW = dt.datetime(2027, 3, 10, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def service_request(email, name="Maija Meikäläinen"):
    return ServiceRequest.objects.create(
        kind="talk",
        organisation_name="Esimerkki Oy",
        business_id="0112038-9",
        contact_name=name,
        email=email,
        phone="+358 40 765 4321",
        message="Luento hyvinvointipäivään.",
        submission_key=f"key-{email}",
    )


@pytest.fixture
def stored(clock):
    """One person's data in every app (past and future bookings, a request, a mediation party),
    and another person's beside it."""
    _practitioner, session_type = bookable()
    past = BookingFactory(
        session_type=session_type,
        start=NOW - dt.timedelta(days=20),
        email=PERSON.lower(),
        notes=NOTES,
        online=True,
        completed=True,
        now=NOW - dt.timedelta(days=22),
    )
    Feedback.objects.create(booking=past, rating=5, helped="Kuunteleminen auttoi.")
    future = BookingFactory(
        session_type=session_type,
        start=NOW + dt.timedelta(days=3, hours=2),
        email=PERSON,
        notes=NOTES,
        online=True,
    )
    other = BookingFactory(
        session_type=session_type,
        start=NOW + dt.timedelta(days=4, hours=2),
        email=OTHER,
        client_name="Olli Muu",
        notes="Ryhmästä.",
        online=True,
    )
    service_request(PERSON.upper())
    service_request(OTHER, name="Olli Muu")
    party = PartyFactory(email=PERSON, name="Maija Meikäläinen")
    party_invite(party=party)
    party_consent(party=party)
    intake_save(party=party, answers={"situation": "Luottamuksellinen kuvaus tilanteesta."}, submit=True)
    PartyFactory(email=OTHER)
    return {"past": past, "future": future, "other": other, "party": party}


def unzip(content: bytes) -> dict[str, object]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: json.loads(archive.read(name)) for name in archive.namelist()}


def test_every_registered_kind_of_personal_data_can_find_export_and_erase():
    names = {entry.name for entry in registry.entries()}
    assert {"bookings", "service_requests", "mediation", "messages", "privacy_requests"} <= names
    for entry in registry.entries():
        assert entry.retention, f"{entry.name} does not say how long it is kept"
        assert entry.purge_due is not None, f"{entry.name} is never purged"


def test_export_holds_everything_about_the_person_and_nothing_about_anyone_else(stored):
    staff = stored["party"].case.mediator.user  # the mediator may export what the party wrote
    content, record = actions.person_export(email=f"  {PERSON} ", by_user=staff)
    files = unzip(content)
    assert set(files) == {"manifest.json"} | {f"{entry.name}.json" for entry in registry.entries()}
    manifest = files["manifest.json"]
    assert manifest["email"] == PERSON
    assert manifest["contents"]["bookings"]["records"] == 2
    assert manifest["contents"]["bookings"]["retention"].startswith("Client details of a booking")

    bookings = files["bookings.json"]
    assert [b["status"] for b in bookings] == ["completed", "confirmed"]
    assert bookings[0]["check_in"]["what_helped"] == "Kuunteleminen auttoi."
    assert bookings[0]["message_to_the_practitioner"] == "Haluan puhua jaksamisesta."
    assert [h["action"] for h in bookings[0]["history"]] == ["created", "completed"]
    assert len(files["service_requests.json"]) == 1
    (mediation,) = [row for row in files["mediation.json"] if row["kind"] == "mediation party"]
    assert mediation["pre_session_form"]["situation"] == "Luottamuksellinen kuvaus tilanteesta."

    everything = json.dumps(files)
    assert "Olli Muu" not in everything and OTHER not in everything
    assert record.kind == PrivacyRequest.Kind.EXPORT and record.done_by == staff
    assert record.counts["bookings"] == 2 and record.counts["service_requests"] == 1


def text_columns():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)) and not isinstance(
                field, EncryptedTextField
            ):
                yield model, field.name


def traces_of(email: str, *also: str) -> list[str]:
    """Every row of every model whose text still contains the email (or the other strings)."""
    found = []
    for model, name in text_columns():
        if model is PrivacyRequest:
            continue
        for needle in (email, *also):
            count = model._default_manager.filter(**{f"{name}__icontains": needle}).count()
            if count:
                found.append(f"{model._meta.label}.{name} ({count})")
    return found


def test_erasure_leaves_no_trace_of_the_person_and_keeps_the_accounts(stored, clock):
    staff = stored["party"].case.mediator.user  # the mediator may erase the party with all they wrote
    assert traces_of(PERSON, "Meikäläinen")  # the scan sees the data before erasure
    record = actions.person_erase(email=PERSON, by_user=staff)

    left = traces_of(PERSON, "Meikäläinen", "jaksamisesta", "Kuunteleminen")
    assert left == [], left
    for item in actions.person_find(email=PERSON):
        if item.name != actions.REQUESTS:
            assert item.objects == [], item.name
    assert not Intake.objects.filter(party__pk=stored["party"].pk).exists()
    assert not Party.objects.filter(pk=stored["party"].pk).exists()

    # Bookings stay as anonymous times for the accounts.
    past = Booking.objects.get(pk=stored["past"].pk)
    assert (past.status, past.start, past.price, past.client_name, past.email) == (
        "completed",
        stored["past"].start,
        stored["past"].price,
        "",
        "",
    )
    assert not Feedback.objects.filter(booking=past).exists()
    assert not BookingChange.objects.filter(booking=past).exclude(note="").exists()
    # The booking still ahead is cancelled and its time is free again.
    future = Booking.objects.get(pk=stored["future"].pk)
    assert future.status == Booking.Status.CANCELLED
    assert not CalendarBlock.objects.get(pk=future.block_id).active
    assert not PersonalLink.objects.filter(target_id__in=[past.pk, future.pk]).exists()

    # The other person is untouched.
    assert Booking.objects.get(pk=stored["other"].pk).email == OTHER
    assert ServiceRequest.objects.filter(email=OTHER).count() == 1
    assert Party.objects.filter(email=OTHER).count() == 1

    assert record.kind == PrivacyRequest.Kind.ERASURE and record.email == PERSON
    assert set(record.counts) == {entry.name for entry in registry.entries()} - {actions.REQUESTS}
    assert (record.counts["bookings"], record.counts["service_requests"], record.counts["mediation"]) == (
        2,
        1,
        1,
    )
    assert record.counts["messages"] >= 2  # the confirmations sent to the person


def test_an_export_after_erasure_holds_only_the_records_of_the_requests(stored):
    mediator = stored["party"].case.mediator.user
    actions.person_erase(email=PERSON, by_user=mediator)
    files = unzip(actions.person_export(email=PERSON, by_user=mediator)[0])
    counts = {name: len(rows) for name, rows in files.items() if name != "manifest.json"}
    assert counts == {f"{entry.name}.json": 0 for entry in registry.entries()} | {"privacy_requests.json": 1}


def test_erasing_someone_unknown_changes_nothing_but_is_recorded(stored):
    before = Booking.objects.exclude(email="").count()
    record = actions.person_erase(email="nobody@example.fi", by_user=None)
    assert Booking.objects.exclude(email="").count() == before
    assert sum(record.counts.values()) == 0


def test_a_failing_app_erases_nothing_at_all(stored, monkeypatch):
    """One transaction: if any registered erasure fails, the others are rolled back too."""
    broken = registry.PersonalData(
        name="zz_broken",
        find=lambda email: [1],
        export=lambda objs, viewer: [],
        erase=lambda objs, by_user: 1 / 0,
    )
    monkeypatch.setitem(registry._registry, broken.name, broken)
    with pytest.raises(ZeroDivisionError):
        actions.person_erase(email=PERSON, by_user=stored["party"].case.mediator.user)
    assert Booking.objects.filter(email__iexact=PERSON).count() == 2
    assert not PrivacyRequest.objects.exists()


# --- retention --------------------------------------------------------------------------------------


def test_bookings_are_anonymised_when_their_retention_has_passed(stored, settings, clock):
    from privacy.tasks import purge_expired

    settings.BOOKING_RETENTION_DAYS = 10
    purged = purge_expired(now=timezone.now())
    assert purged["bookings"] == 1  # the session 20 days ago; the future ones stay
    assert Booking.objects.get(pk=stored["past"].pk).email == ""
    assert Booking.objects.get(pk=stored["future"].pk).email == PERSON
    clock.move_to(NOW + dt.timedelta(days=30))
    assert purge_expired(now=timezone.now())["bookings"] == 2
    assert purge_expired(now=timezone.now())["bookings"] == 0


def test_records_of_requests_are_purged_after_their_retention(settings, clock):
    settings.PRIVACY_REQUEST_RETENTION_DAYS = 30
    actions.person_export(email=PERSON, by_user=None)
    clock.move_to(NOW + dt.timedelta(days=29))
    assert actions.requests_purge_due(timezone.now()) == 0
    clock.move_to(NOW + dt.timedelta(days=31))
    assert actions.requests_purge_due(timezone.now()) == 1


def test_expired_sessions_with_typed_details_are_purged(client, clock, settings):
    """The booking flow keeps typed details in the session between steps: purged once expired."""
    from django.contrib.sessions.models import Session

    from privacy.tasks import purge_expired

    session = client.session
    session["booking_details"] = {"name": "Maija Meikäläinen", "email": PERSON}
    session.save()
    assert purge_expired(now=timezone.now())["sessions"] == 0
    clock.move_to(NOW + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60))
    assert purge_expired(now=timezone.now())["sessions"] == 1
    assert not Session.objects.exists()
