import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from core.formats import format_date, format_when
from core.time import HELSINKI

START = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)  # 14.00 in Helsinki (EET)
END = dt.datetime(2026, 11, 24, 13, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "ti 24.11.2026 klo 14.00–15.30"),
        ("sv", "tis 24.11.2026 kl. 14.00–15.30"),
        ("en", "Tue 24 Nov 2026, 14:00–15:30"),
    ],
)
def test_a_time_range_is_written_as_people_here_write_it(language, expected):
    assert format_when(START, END, language) == expected


def test_summer_time_is_shown_in_helsinki_time():
    summer = dt.datetime(2027, 6, 1, 6, 0, tzinfo=dt.UTC)  # EEST, UTC+3
    assert format_when(summer, language="fi") == "ti 1.6.2027 klo 09.00"


def test_a_range_over_midnight_writes_both_days():
    end = START.astimezone(HELSINKI).replace(hour=1) + dt.timedelta(days=1)
    assert format_when(START, end, "fi") == "ti 24.11.2026 klo 14.00 – ke 25.11.2026 klo 01.00"


def test_a_date_alone():
    assert format_date(dt.date(2027, 3, 28), "sv") == "sön 28.3.2027"


def test_the_template_filter_follows_the_active_language():
    template = Template("{{ start|when:end }}")
    with translation.override("sv"):
        assert template.render(Context({"start": START, "end": END})) == "tis 24.11.2026 kl. 14.00–15.30"
    with translation.override("fi"):
        assert Template("{{ start|when }}").render(Context({"start": START})) == "ti 24.11.2026 klo 14.00"


def test_a_day_and_a_time_as_typed_and_as_a_spreadsheet_reads_them():
    from core.formats import numeric_date, numeric_when

    late = dt.datetime(2026, 11, 24, 23, 30, tzinfo=dt.UTC)  # already the 25th in Helsinki
    assert numeric_date(late) == "25.11.2026" and numeric_date(late.date()) == "24.11.2026"
    assert numeric_when(late) == "25.11.2026 01.30"
