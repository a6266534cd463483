"""Follow-ups are scheduled once per agreement: moving a case back from stage 6 and forward again,
with the clock moved across the check-in times, gives every party one check-in of each kind, none
due in the past, and no second email for what a party has already been sent or has answered."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from mediation.actions.case import case_move_stage
from mediation.actions.followup import checkin_answer
from mediation.models import CheckIn
from notifications.actions import messages_send_due
from notifications.models import Message

from .conftest import helsinki, to_stage

pytestmark = pytest.mark.django_db
FOUR_WEEKS = helsinki(2027, 3, 31, 9)  # the agreement is complete on 3.3.2027 (see test_messages)
TEN_WEEKS = helsinki(2027, 5, 12, 9)


def per_party_and_kind(case) -> dict[tuple[int, str], int]:
    counts: dict[tuple[int, str], int] = {}
    for party_id, kind in CheckIn.objects.filter(case=case).values_list("party_id", "kind"):
        counts[party_id, kind] = counts.get((party_id, kind), 0) + 1
    return counts


def back_and_forth(case):
    case = case_move_stage(case=case, to_stage=5, note="a commitment needs a word changed")
    return case_move_stage(case=case, to_stage=6)


def checkin_mails() -> list[tuple[str, str]]:
    sent = Message.objects.filter(kind__in=["mediation_checkin", "mediation_followup_due"], status="sent")
    return sorted(sent.values_list("recipient", "kind"))


def test_back_and_forth_after_the_answers_gives_one_check_in_per_kind_per_party(case, parties, clock):
    case = to_stage(case, parties, 6, clock)
    clock.move_to(FOUR_WEEKS)
    messages_send_due()
    for party in parties:
        checkin = CheckIn.objects.get(party=party, kind=CheckIn.Kind.CHECKIN)
        checkin_answer(checkin=checkin, holding="Hyvin", changed="", wants_meeting="no")
    messages_send_due()  # the mediator hears of the answers
    clock.move_to(FOUR_WEEKS + dt.timedelta(days=7))
    case = back_and_forth(case)
    case = back_and_forth(case)

    assert per_party_and_kind(case) == {(p.pk, kind): 1 for p in parties for kind in ("checkin", "meeting")}
    unanswered = CheckIn.objects.filter(case=case, answered_at__isnull=True)
    assert all(c.due_at >= timezone.now() for c in unanswered)
    assert sorted({c.due_at for c in unanswered}) == [TEN_WEEKS]
    mail.outbox.clear()
    messages_send_due()
    assert mail.outbox == []  # nothing is sent again at once
    clock.move_to(TEN_WEEKS)
    messages_send_due()
    assert checkin_mails() == sorted(
        [(p.email, "mediation_checkin") for p in parties for _kind in range(2)]
        + [(case.mediator.email, "mediation_followup_due")]
    )


def test_a_check_in_whose_time_passed_outside_follow_up_comes_the_next_morning_once(case, parties, clock):
    case = to_stage(case, parties, 6, clock)
    messages_send_due()  # what was due on the way here (meeting invitations, the agreement)
    case = case_move_stage(case=case, to_stage=5, note="a commitment needs a word changed")
    clock.move_to(helsinki(2027, 4, 6, 14))  # the four weeks passed while the case was in stage 5
    case = case_move_stage(case=case, to_stage=6)
    case = back_and_forth(case)

    assert per_party_and_kind(case) == {(p.pk, kind): 1 for p in parties for kind in ("checkin", "meeting")}
    checkins = CheckIn.objects.filter(case=case, kind=CheckIn.Kind.CHECKIN)
    assert {c.due_at for c in checkins} == {helsinki(2027, 4, 7, 9)}
    clock.move_to(helsinki(2027, 4, 7, 9))
    mail.outbox.clear()
    messages_send_due()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in parties)
    case = back_and_forth(case)  # sent but not answered: it stays, and is not sent again
    mail.outbox.clear()
    messages_send_due()
    assert mail.outbox == []
    assert per_party_and_kind(case) == {(p.pk, kind): 1 for p in parties for kind in ("checkin", "meeting")}


def test_a_check_in_more_than_a_week_late_is_skipped_but_stays_on_the_partys_page(case, parties, clock):
    from mediation.selectors import due_checkins

    to_stage(case, parties, 6, clock)
    messages_send_due()
    clock.move_to(FOUR_WEEKS + dt.timedelta(days=7, minutes=1))  # the send pass was down for a week
    mail.outbox.clear()
    messages_send_due()
    late = Message.objects.filter(kind="mediation_checkin", due_at=FOUR_WEEKS)
    assert set(late.values_list("status", flat=True)) == {"skipped"}
    assert not [m for m in mail.outbox if m.to[0] in {p.email for p in parties}]
    assert [c.kind for c in due_checkins(parties[0])] == ["checkin"]
