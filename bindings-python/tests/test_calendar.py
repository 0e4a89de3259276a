"""Calendar: days, kinds, builders, extension, office hours — with dates and
datetimes built in Python (aware in several offsets, naive = China time)."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

import huying
from conftest import CHINA

D = dt.date


def test_china_metadata(cal: huying.Calendar) -> None:
    assert cal.name == "mainland China"
    assert cal.years == (2004, 2026)
    assert cal.data_version == huying.CALENDAR_DATA_VERSION
    assert "2004-2026" in cal.data_version
    assert cal.schedule is None
    assert "mainland China" in repr(cal)
    assert cal.covers(D(2025, 1, 1)) and not cal.covers(D(2027, 1, 1))


def test_days(cal: huying.Calendar) -> None:
    assert cal.is_working_day(D(2025, 9, 28)) is True
    assert cal.is_working_day(D(2025, 10, 1)) is False
    assert cal.next_working_day(D(2025, 9, 30)) == D(2025, 10, 9)
    assert cal.previous_working_day(D(2025, 10, 9)) == D(2025, 9, 30)
    assert cal.add_working_days(D(2025, 9, 29), 3) == D(2025, 10, 10)
    assert cal.add_working_days(D(2025, 10, 9), -2) == D(2025, 9, 29)
    assert cal.working_days_between(D(2025, 9, 29), D(2025, 10, 10)) == 3
    assert type(cal.add_working_days(D(2025, 9, 29), 3)) is dt.date


def test_datetime_stands_for_its_china_date(cal: huying.Calendar) -> None:
    # 2025-09-30 20:00 UTC is 2025-10-01 04:00 in China: National Day.
    assert cal.is_working_day(dt.datetime(2025, 9, 30, 20, 0, tzinfo=dt.timezone.utc)) is False
    # Naive datetimes are China time.
    assert cal.is_working_day(dt.datetime(2025, 9, 30, 20, 0)) is True
    assert cal.add_working_days(dt.datetime(2025, 9, 29, 23, 59, tzinfo=CHINA), 3) == D(2025, 10, 10)


def test_day_kind(cal: huying.Calendar) -> None:
    k = cal.day_kind(D(2025, 10, 1))
    assert k.code == "holiday" and not k.is_working
    assert k.festival is not None
    assert (k.festival.name_zh, k.festival.name_en) == ("国庆节", "National Day")
    assert k.festival.name("en") == "National Day" and k.festival.name() == "国庆节"
    assert k.describe("en") == "National Day — statutory holiday"
    assert k.describe() == "国庆节 法定节假日"
    assert k == "holiday" and k == cal.day_kind(D(2025, 10, 2)) and k != "weekend"
    assert hash(k) == hash("holiday")
    assert str(k) == "holiday" and "国庆节" in repr(k) and "国庆节" in repr(k.festival)
    w = cal.day_kind(D(2025, 9, 29))
    assert w.code == "working_day" and w.is_working and w.festival is None
    assert repr(w) == 'DayKind("working_day")'
    assert cal.day_kind(D(2025, 2, 8)).code == "working_day_in_lieu"


def test_special_days(cal: huying.Calendar) -> None:
    days = cal.special_days(2025)
    assert all(type(d) is dt.date for d, _ in days)
    assert [d for d, _ in days] == sorted(d for d, _ in days)
    assert sum(1 for _, k in days if k.code == "working_day_in_lieu") == 5
    assert (D(2025, 10, 1), "holiday") in [(d, k.code) for d, k in days]
    with pytest.raises(huying.CalendarNotCoveredError):
        cal.special_days(2030)


def test_builder() -> None:
    b = huying.Calendar.builder("six-day week").weekly([True] * 6 + [False]).years(2030, 2030)
    b = b.holiday(D(2030, 1, 1), "元旦", "New Year's Day").working_day(D(2030, 1, 6), "元旦")
    b = b.rest_day(D(2030, 1, 7), "县庆", "County day").version("v9")
    cal = b.build()
    assert isinstance(b, huying.CalendarBuilder) and repr(b) == "CalendarBuilder(...)"
    assert cal.name == "six-day week" and cal.data_version == "v9" and cal.years == (2030, 2030)
    assert cal.is_working_day(D(2030, 1, 5))  # Saturday
    assert cal.is_working_day(D(2030, 1, 6))  # Sunday in lieu
    assert cal.day_kind(D(2030, 1, 7)).code == "local_rest_day"
    assert cal.day_kind(D(2030, 1, 1)).code == "holiday"
    assert huying.CalendarBuilder("x").years(2030, 2031).build().years == (2030, 2031)
    with pytest.raises(ValueError, match="7 booleans"):
        huying.Calendar.builder("x").weekly([True] * 5)
    with pytest.raises(huying.CalendarDataError) as e:
        huying.Calendar.builder("x").years(2031, 2030).build()
    assert e.value.code == "calendar.bad_data" and e.value.field == "years"


def test_to_builder_adds_a_local_rest_day(cal: huying.Calendar) -> None:
    county = cal.to_builder().rest_day(D(2026, 6, 15), "县庆", "County anniversary").build()
    assert not county.is_working_day(D(2026, 6, 15))
    assert cal.is_working_day(D(2026, 6, 15))  # the original is unchanged


def test_extend_from_tsv_and_json(cal: huying.Calendar) -> None:
    cal.extend_from_tsv("date\tkind\tname\tname_zh\n2027-01-01\tholiday\tNew Year's Day\t元旦\n", "2027.tsv")
    assert cal.years == (2004, 2027)
    assert not cal.is_working_day(D(2027, 1, 1))
    cal.extend_from_json('[{"date": "2027-02-20", "kind": "workday", "name": "Spring Festival", "name_zh": "春节"}]')
    assert cal.is_working_day(D(2027, 2, 20))  # a Saturday
    assert huying.Calendar.china().years == (2004, 2026)  # other handles unchanged
    with pytest.raises(huying.CalendarDataError) as e:
        cal.extend_from_tsv("2027-01-01\tfeast\tX\tX\n", "bad.tsv")
    assert e.value.code == "calendar.bad_data"
    assert (e.value.source, e.value.line, e.value.field) == ("bad.tsv", 1, "kind")
    with pytest.raises(huying.CalendarDataError) as e:
        cal.extend_from_json('[{"date": "2030-01-01", "kind": "holiday"}]')
    assert e.value.code == "calendar.not_contiguous"
    with pytest.raises(huying.CalendarDataError):
        cal.extend_from_json("not json")


def test_schedule_and_business_hours(cal: huying.Calendar) -> None:
    s = huying.Schedule(
        '{"default": "08:30-12:00,14:00-17:00",'
        ' "seasons": [{"name": "summer", "from": "05-01", "to": "09-30", "hours": "08:30-12:00,14:30-17:30"}],'
        ' "overrides": {"2025-12-31": "08:30-12:00"}}'
    )
    assert s.timetable_for(D(2025, 7, 1)) == "08:30-12:00,14:30-17:30"
    assert s.timetable_for(D(2025, 12, 31)) == "08:30-12:00"
    assert s.default == "08:30-12:00,14:00-17:00"
    assert huying.Schedule.from_json(s.to_json()).to_json() == s.to_json()
    assert repr(huying.Schedule("09:00-17:00")) == 'Schedule("09:00-17:00")'
    office = cal.with_schedule(s)
    assert office.schedule is not None and office.schedule.default == s.default
    hours = office.business_hours(D(2025, 7, 1))
    assert hours == (
        dt.datetime(2025, 7, 1, 8, 30, tzinfo=CHINA),
        dt.datetime(2025, 7, 1, 17, 30, tzinfo=CHINA),
    )
    assert office.business_hours(D(2025, 10, 1)) is None
    with pytest.raises(huying.ScheduleError) as e:
        huying.Schedule("14:00-12:00")
    assert e.value.code == "calendar.bad_schedule"
    with pytest.raises(huying.ScheduleError):
        cal.with_schedule("25:00-26:00")
    with pytest.raises(huying.ScheduleError):
        huying.Schedule.from_json('{"default": "9-5"}')
    with pytest.raises(huying.NoScheduleError) as e2:
        cal.business_hours(D(2025, 7, 1))
    assert e2.value.code == "calendar.no_schedule"
    assert not isinstance(e2.value, ValueError)


def test_working_time(office: huying.Calendar) -> None:
    t = dt.datetime(2025, 6, 3, 10, 0, tzinfo=CHINA)
    due = office.add_working_time(t, dt.timedelta(hours=4))
    assert due == dt.datetime(2025, 6, 3, 16, 0, tzinfo=CHINA)
    assert due.utcoffset() == dt.timedelta(hours=8)
    assert office.working_time_between(t, due) == dt.timedelta(hours=4)
    assert office.working_time_between(due, t) == -dt.timedelta(hours=4)
    assert not office.is_working_time(dt.datetime(2025, 6, 3, 12, 30))  # lunch, naive = China
    assert office.is_working_time(dt.datetime(2025, 6, 3, 2, 0, tzinfo=dt.timezone.utc))  # 10:00 China
    across = office.working_time_between(
        dt.datetime(2025, 9, 30, 16, 0, tzinfo=CHINA), dt.datetime(2025, 10, 9, 9, 0, tzinfo=CHINA)
    )
    assert across == dt.timedelta(minutes=120)
    assert office.add_working_time(t, -dt.timedelta(hours=1)) == dt.datetime(2025, 6, 3, 9, 0, tzinfo=CHINA)


@pytest.mark.skipif(sys.version_info < (3, 9), reason="zoneinfo")
def test_zoneinfo_datetimes(office: huying.Calendar) -> None:
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")
        new_york = zoneinfo.ZoneInfo("America/New_York")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time-zone database on this machine")
    t = dt.datetime(2025, 6, 3, 10, 0, tzinfo=shanghai)
    assert office.add_working_time(t, dt.timedelta(hours=4)) == dt.datetime(2025, 6, 3, 16, 0, tzinfo=CHINA)
    # 2025-06-02 22:00 in New York (EDT, -04:00) is 2025-06-03 10:00 in China.
    ny = dt.datetime(2025, 6, 2, 22, 0, tzinfo=new_york)
    assert office.add_working_time(ny, dt.timedelta(hours=4)) == dt.datetime(2025, 6, 3, 16, 0, tzinfo=CHINA)


def test_wrong_types(cal: huying.Calendar) -> None:
    with pytest.raises(TypeError, match="datetime.date"):
        cal.is_working_day("2025-10-01")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="datetime.datetime"):
        cal.deadline(D(2025, 10, 1), "3wd")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Limit"):
        cal.deadline(dt.datetime(2025, 10, 1), 3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        cal.add_working_days(D(2025, 10, 1), "3")  # type: ignore[arg-type]
