"""The pure slot computation: hours, exceptions, holidays, buffers, notice, horizon, DST."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from bookings.availability import (
    IN_PERSON,
    ONLINE,
    Busy,
    Hours,
    Range,
    Rules,
    finnish_holidays,
    free_slots,
)
from core.time import HELSINKI, local_datetime

HOUR = dt.timedelta(hours=1)
WEEKDAYS_9_TO_17 = Hours(weekly={d: (Range(dt.time(9), dt.time(17)),) for d in range(5)})
FAR = dt.timedelta(days=3650)
RULES = Rules(duration=HOUR, step=HOUR, horizon=FAR)
LONG_AGO = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def slots(day, *, hours=WEEKDAYS_9_TO_17, busy=(), rules=RULES, now=LONG_AGO, last_day=None, modality=None):
    return free_slots(
        hours=hours,
        busy=Busy(busy),
        rules=rules,
        first_day=day,
        last_day=last_day or day,
        now=now,
        modality=modality,
    )


def local_times(found):
    return [s.start.astimezone(HELSINKI).strftime("%H.%M") for s in found]


def helsinki(*args):
    return dt.datetime(*args, tzinfo=HELSINKI)


def test_a_working_day_offers_every_hour_that_fits():
    found = slots(dt.date(2027, 3, 3))
    assert local_times(found) == ["09.00", "10.00", "11.00", "12.00", "13.00", "14.00", "15.00", "16.00"]
    assert all(s.end - s.start == HOUR for s in found)


def test_weekend_without_hours_offers_nothing():
    assert slots(dt.date(2027, 3, 6)) == []


def test_several_ranges_a_day_each_with_its_modalities():
    hours = Hours(
        weekly={
            2: (
                Range(dt.time(9), dt.time(11), frozenset({IN_PERSON})),
                Range(dt.time(13), dt.time(15), frozenset({ONLINE})),
            )
        }
    )
    found = slots(dt.date(2027, 3, 3), hours=hours)
    assert [(t, s.modalities) for t, s in zip(local_times(found), found, strict=True)] == [
        ("09.00", (IN_PERSON,)),
        ("10.00", (IN_PERSON,)),
        ("13.00", (ONLINE,)),
        ("14.00", (ONLINE,)),
    ]
    assert local_times(slots(dt.date(2027, 3, 3), hours=hours, modality=ONLINE)) == ["13.00", "14.00"]


def test_session_type_modalities_limit_the_offer():
    hours = Hours(weekly={2: (Range(dt.time(9), dt.time(11), frozenset({ONLINE})),)})
    rules = Rules(horizon=FAR, duration=HOUR, step=HOUR, modalities=frozenset({IN_PERSON}))
    assert slots(dt.date(2027, 3, 3), hours=hours, rules=rules) == []


def test_spring_forward_day_keeps_local_times_and_lengths():
    # 2027-03-28 is a Sunday: clocks go from 03.00 to 04.00. Open all day that Sunday and around it.
    hours = Hours(weekly={d: (Range(dt.time(1), dt.time(12)),) for d in range(7)})
    for day in (dt.date(2027, 3, 27), dt.date(2027, 3, 28), dt.date(2027, 3, 29)):
        found = slots(day, hours=hours)
        assert all(s.end - s.start == HOUR for s in found)
        expected = [f"{h:02d}.00" for h in range(1, 12) if not (day == dt.date(2027, 3, 28) and h == 3)]
        assert local_times(found) == expected  # 03.00 does not exist that night
    before = slots(dt.date(2027, 3, 26))
    after = slots(dt.date(2027, 3, 29))
    assert local_times(before) == local_times(after)
    assert before[0].start.utcoffset() == dt.timedelta(0)  # stored in UTC
    assert before[0].start.astimezone(HELSINKI).utcoffset() == 2 * HOUR
    assert after[0].start.astimezone(HELSINKI).utcoffset() == 3 * HOUR


def test_fall_back_day_offers_each_local_time_once_with_exact_length():
    # 2027-10-31 (Sunday): 04.00 becomes 03.00, so 03.00–04.00 happens twice.
    hours = Hours(weekly={d: (Range(dt.time(1), dt.time(8)),) for d in range(7)})
    found = slots(dt.date(2027, 10, 31), hours=hours)
    assert local_times(found) == ["01.00", "02.00", "03.00", "04.00", "05.00", "06.00", "07.00"]
    assert all(s.end - s.start == HOUR for s in found)
    assert len({s.start for s in found}) == len(found)
    week_before = slots(dt.date(2027, 10, 29))
    week_after = slots(dt.date(2027, 11, 1))
    assert local_times(week_before) == local_times(week_after)


def test_finnish_public_holidays_are_closed_unless_opened():
    christmas_eve = dt.date(2027, 12, 24)  # a Friday
    holidays = finnish_holidays(dt.date(2027, 12, 1), dt.date(2027, 12, 31))
    assert christmas_eve in holidays and dt.date(2027, 12, 6) in holidays
    closed = Hours(weekly=WEEKDAYS_9_TO_17.weekly, holidays=holidays)
    assert slots(christmas_eve, hours=closed) == []
    opened = Hours(
        weekly=WEEKDAYS_9_TO_17.weekly,
        holidays=holidays,
        extra={christmas_eve: (Range(dt.time(10), dt.time(12)),)},
    )
    assert local_times(slots(christmas_eve, hours=opened)) == ["10.00", "11.00"]


def test_date_exceptions_close_a_day_or_part_of_it():
    day = dt.date(2027, 3, 3)
    whole = Hours(weekly=WEEKDAYS_9_TO_17.weekly, closed={day: (None,)})
    assert slots(day, hours=whole) == []
    part = Hours(weekly=WEEKDAYS_9_TO_17.weekly, closed={day: ((dt.time(11), dt.time(14)),)})
    assert local_times(slots(day, hours=part)) == ["09.00", "10.00", "14.00", "15.00", "16.00"]


def test_extra_hours_add_to_the_week():
    saturday = dt.date(2027, 3, 6)
    hours = Hours(weekly=WEEKDAYS_9_TO_17.weekly, extra={saturday: (Range(dt.time(10), dt.time(12)),)})
    assert local_times(slots(saturday, hours=hours)) == ["10.00", "11.00"]


def test_busy_blocks_and_buffers_remove_slots():
    day = dt.date(2027, 3, 3)
    busy = [(helsinki(2027, 3, 3, 12), helsinki(2027, 3, 3, 13))]
    assert "12.00" not in local_times(slots(day, busy=busy))
    rules = Rules(
        horizon=FAR,
        duration=HOUR,
        step=HOUR,
        buffer_before=dt.timedelta(minutes=15),
        buffer_after=dt.timedelta(minutes=15),
    )
    # With 15 min buffers the neighbours 11.00 and 13.00 now touch the busy hour too.
    assert local_times(slots(day, busy=busy, rules=rules)) == ["09.00", "10.00", "14.00", "15.00", "16.00"]


def test_minimum_notice_and_horizon():
    now = helsinki(2027, 3, 3, 10, 30)
    rules = Rules(duration=HOUR, step=HOUR, min_notice=2 * HOUR, horizon=dt.timedelta(days=2))
    assert local_times(slots(dt.date(2027, 3, 3), rules=rules, now=now)) == [
        "13.00",
        "14.00",
        "15.00",
        "16.00",
    ]
    found = slots(dt.date(2027, 3, 3), last_day=dt.date(2027, 3, 10), rules=rules, now=now)
    assert max(s.start for s in found) <= now + dt.timedelta(days=2)
    assert {s.start.astimezone(HELSINKI).date() for s in found} == {dt.date(2027, 3, d) for d in (3, 4, 5)}


def test_step_shorter_than_duration_offers_overlapping_starts():
    rules = Rules(horizon=FAR, duration=90 * dt.timedelta(minutes=1), step=dt.timedelta(minutes=30))
    hours = Hours(weekly={2: (Range(dt.time(9), dt.time(11)),)})
    assert local_times(slots(dt.date(2027, 3, 3), hours=hours, rules=rules)) == ["09.00", "09.30"]


def test_local_datetime_refuses_the_skipped_hour():
    assert local_datetime(dt.date(2027, 3, 28), dt.time(3, 30)) is None
    assert local_datetime(dt.date(2027, 3, 28), dt.time(4, 0)) == dt.datetime(
        2027, 3, 28, 1, 0, tzinfo=dt.UTC
    )


# --- properties over random hours, bookings and dates (both DST changes included) -------------------

days = st.dates(min_value=dt.date(2027, 3, 20), max_value=dt.date(2027, 11, 10)) | st.sampled_from(
    [dt.date(2027, 3, 28), dt.date(2027, 10, 31)]
)
times = st.integers(min_value=0, max_value=47).map(lambda half: dt.time(half // 2, 30 * (half % 2)))


@st.composite
def ranges(draw):
    a, b = sorted(draw(st.lists(times, min_size=2, max_size=2, unique=True)))
    mods = draw(
        st.sampled_from([frozenset({IN_PERSON}), frozenset({ONLINE}), frozenset({IN_PERSON, ONLINE})])
    )
    return Range(a, b, mods)


@st.composite
def scenarios(draw):
    day = draw(days)
    weekly = {d: tuple(draw(st.lists(ranges(), max_size=3))) for d in range(7)}
    busy = []
    for _ in range(draw(st.integers(0, 6))):
        start = dt.datetime.combine(day, draw(times), tzinfo=HELSINKI) + dt.timedelta(
            days=draw(st.integers(-1, 2))
        )
        busy.append((start, start + dt.timedelta(minutes=draw(st.integers(15, 300)))))
    rules = Rules(
        horizon=FAR,
        duration=dt.timedelta(minutes=draw(st.sampled_from([30, 45, 60, 90, 120]))),
        step=dt.timedelta(minutes=draw(st.sampled_from([15, 30, 60]))),
        buffer_before=dt.timedelta(minutes=draw(st.sampled_from([0, 10, 15]))),
        buffer_after=dt.timedelta(minutes=draw(st.sampled_from([0, 15, 30]))),
    )
    return day, Hours(weekly=weekly), busy, rules


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_every_offered_slot_is_free_inside_hours_and_exactly_its_length(scenario):
    day, hours, busy, rules = scenario
    found = free_slots(
        hours=hours,
        busy=Busy(busy),
        rules=rules,
        first_day=day,
        last_day=day + dt.timedelta(days=1),
        now=LONG_AGO,
    )
    assert found == sorted(found)
    assert len({s.start for s in found}) == len(found)
    for slot in found:
        assert slot.end - slot.start == rules.duration
        local_start, local_end = slot.start.astimezone(HELSINKI), slot.end.astimezone(HELSINKI)
        inside = [
            r
            for r in hours.weekly[local_start.weekday()]
            if r.start <= local_start.time()
            and slot.end <= (local_datetime(local_start.date(), r.end) or slot.end)
        ]
        assert set(slot.modalities) <= set().union(*(r.modalities for r in inside))
        assert inside, f"{local_start}–{local_end} is outside the hours"
        lo, hi = slot.start - rules.buffer_before, slot.end + rules.buffer_after
        assert not any(b_start < hi and b_end > lo for b_start, b_end in busy)


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_adding_a_booking_only_removes_slots(scenario):
    day, hours, busy, rules = scenario
    kwargs = {"hours": hours, "rules": rules, "first_day": day, "last_day": day, "now": LONG_AGO}
    before = free_slots(busy=Busy(busy), **kwargs)
    if not before:
        return
    taken = before[len(before) // 2]
    after = free_slots(busy=Busy([*busy, (taken.start, taken.end)]), **kwargs)
    assert taken not in after
    assert set(after) <= set(before)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([dt.date(2027, 3, 28), dt.date(2027, 10, 31)]), times, st.sampled_from([30, 60, 90]))
def test_dst_days_offer_the_same_local_times_as_the_week_before_except_the_skipped_hour(day, start, minutes):
    hours = Hours(weekly={6: (Range(start, dt.time(23, 30)),)} if start < dt.time(22) else {})
    rules = Rules(horizon=FAR, duration=dt.timedelta(minutes=minutes), step=dt.timedelta(minutes=30))
    kwargs = {"hours": hours, "busy": Busy([]), "rules": rules, "now": LONG_AGO}
    on_day = local_times(free_slots(first_day=day, last_day=day, **kwargs))
    week_before = local_times(
        free_slots(first_day=day - dt.timedelta(days=7), last_day=day - dt.timedelta(days=7), **kwargs)
    )
    skipped = {"03.00", "03.30"} if day.month == 3 else set()
    assert [t for t in week_before if t not in skipped] == [t for t in on_day if t not in skipped]
    assert not (set(on_day) & skipped)
