"""Retention: the content of a closed case is purged MEDIATION_RETENTION_DAYS after it closed."""

import datetime as dt
import logging

import pytest
from django.core.management import call_command
from django.http import Http404

from mediation.actions.case import case_close
from mediation.models import (
    Agreement,
    CheckIn,
    Intake,
    MediationCase,
    Meeting,
    Party,
    StageChange,
    StageDocument,
    StageRecord,
    TimeProposal,
)
from privacy import registry
from privacy.links import link_resolve
from privacy.tasks import purge_expired, purge_expired_task

from .conftest import book_meeting, to_stage, token_for

pytestmark = pytest.mark.django_db


def a_closed_case(case, parties, clock):
    case = to_stage(case, parties, 6, clock)
    StageRecord.objects.filter(case=case, stage=3).update(notes="")
    record = StageRecord.objects.get(case=case, stage=3)
    record.notes = "Mediator's private notes"
    record.save()
    StageDocument.objects.create(case=case, stage=3, name="muistio.txt", data="bXVpc3Rpbw==", size=7)
    book_meeting(case, parties, kind=Meeting.Kind.FOLLOW_UP)
    token = token_for(parties[0])
    case_close(case=case, status=MediationCase.Status.CLOSED, outcome=MediationCase.Outcome.AGREEMENT)
    case.refresh_from_db()
    return case, token


def test_content_is_kept_until_the_retention_time_and_purged_after_it(case, parties, clock, settings, caplog):
    settings.MEDIATION_RETENTION_DAYS = 365
    case, token = a_closed_case(case, parties, clock)
    closed_at = case.closed_at
    history = list(case.stage_changes.values_list("kind", "from_stage", "to_stage", "at"))
    meeting_times = sorted(case.meetings.values_list("kind", "start", "end"))

    clock.move_to(closed_at + dt.timedelta(days=364))
    assert purge_expired()["mediation"] == 0
    assert Intake.objects.filter(party__case=case).count() == 2

    clock.move_to(closed_at + dt.timedelta(days=365, minutes=1))
    caplog.set_level(logging.INFO)
    assert purge_expired()["mediation"] == 1
    assert "purged the content of 1 closed mediation case" in caplog.text
    assert "private notes" not in caplog.text

    case.refresh_from_db()
    # What stays: dates, stages, outcome, the history without notes, the meetings' kinds and times.
    assert (case.status, case.outcome, case.stage, case.closed_at) == ("closed", "agreement", 6, closed_at)
    assert case.purged_at is not None
    assert list(case.stage_changes.values_list("kind", "from_stage", "to_stage", "at")) == history
    assert set(StageChange.objects.filter(case=case).values_list("note", flat=True)) == {""}
    assert sorted(case.meetings.values_list("kind", "start", "end")) == meeting_times
    assert case.organisation_name == "Esimerkki Oy" and case.price
    # What goes: everything anyone wrote, and the people.
    assert case.title == f"#{case.pk}" and case.contact_email == "" and case.commission_terms == ""
    assert not Party.objects.filter(case=case).exists()
    assert not Intake.objects.exists() and not CheckIn.objects.exists()
    assert not Agreement.objects.filter(case=case).exists()
    assert not StageDocument.objects.filter(case=case).exists()
    assert not TimeProposal.objects.filter(meeting__case=case).exists()
    assert set(StageRecord.objects.filter(case=case).values_list("notes", flat=True)) == {""}
    with pytest.raises(Http404):
        link_resolve(token, purpose="mediation-party", model=Party)
    # A second pass finds nothing more to do.
    assert purge_expired()["mediation"] == 0


def test_an_open_case_is_never_purged_however_old(case, parties, clock, settings):
    settings.MEDIATION_RETENTION_DAYS = 1
    to_stage(case, parties, 2, clock)
    clock.shift(dt.timedelta(days=3000))
    assert purge_expired()["mediation"] == 0
    assert Party.objects.filter(case=case).count() == 2


def test_the_retention_time_is_a_setting(case, parties, clock, settings):
    settings.MEDIATION_RETENTION_DAYS = 30
    case, _token = a_closed_case(case, parties, clock)
    clock.move_to(case.closed_at + dt.timedelta(days=31))
    assert purge_expired()["mediation"] == 1


def test_purge_expired_command_and_task_walk_the_registry(case, parties, clock, settings, capsys):
    settings.MEDIATION_RETENTION_DAYS = 365
    assert "mediation" in {entry.name for entry in registry.entries()}
    case, _token = a_closed_case(case, parties, clock)
    clock.move_to(case.closed_at + dt.timedelta(days=400))
    call_command("purge_expired")
    assert "mediation: 1 purged" in capsys.readouterr().out
    assert purge_expired_task.run()["mediation"] == 0


def test_a_persons_own_data_can_be_exported_and_erased_through_the_registry(case, parties, clock):
    from .conftest import prepare

    prepare(case, parties, answers={"hopes": "Ben hopes for calm"})
    [entry] = [e for e in registry.entries() if e.name == "mediation"]
    found = entry.find("BEN@example.fi")
    [exported] = entry.export(found, viewer=case.mediator.user)
    assert exported["email"] == "ben@example.fi"
    assert exported["pre_session_form"]["hopes"] == "Ben hopes for calm"
    assert entry.erase(found, by_user=case.mediator.user) == 1
    assert not Party.objects.filter(email="ben@example.fi").exists()
    assert Party.objects.filter(email="aino@example.fi").exists()


def test_one_failing_kind_does_not_stop_the_others(case, parties, clock, settings, monkeypatch):
    settings.MEDIATION_RETENTION_DAYS = 1
    case, _token = a_closed_case(case, parties, clock)
    clock.move_to(case.closed_at + dt.timedelta(days=2))

    def broken(now):
        raise ValueError("broken purge")

    broken_first = registry.PersonalData(
        name="a_broken_kind", find=list, export=list, erase=len, purge_due=broken, retention="test"
    )
    monkeypatch.setattr(registry, "_registry", {"a_broken_kind": broken_first, **registry._registry})
    with pytest.raises(RuntimeError, match="a_broken_kind"):
        purge_expired()
    case.refresh_from_db()
    assert case.purged_at is not None
