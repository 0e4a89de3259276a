"""The State Council's holiday notice: read as published, checked against
itself, and loaded into a calendar; the calendar's coverage and the warning
before it ends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import huying

D = dt.date
NOTICES = Path(__file__).resolve().parents[2] / "core" / "tests" / "data" / "notices"

# A made-up notice for 2027 in the published form (the real one was not out
# when this was written): a working day in lieu in December 2026.
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。2026年12月26日（周六）上班。
二、春节：2月6日（农历除夕、周六）至13日（周六）放假调休，共8天。2月20日（周六）上班。
国务院办公厅
2026年11月20日
"""


def test_parse_notice_gives_the_days_of_the_embedded_calendar() -> None:
    cal = huying.Calendar.china()
    for year in (2009, 2020, 2025, 2026):
        days = huying.parse_notice((NOTICES / f"{year}.txt").read_text(encoding="utf-8"))
        assert days == sorted(days)
        for date, kind, festival in days:
            assert kind in ("holiday", "workday")
            k = cal.day_kind(date)
            if (year, date) in ((2020, D(2020, 2, 1)),):
                continue  # the extension of 2020-01-26 made it a holiday
            assert k.code == ("holiday" if kind == "holiday" else "working_day_in_lieu"), date
            assert k.festival is not None and k.festival.name_zh in festival.split("、"), date
    days = huying.parse_notice((NOTICES / "2026.txt").read_text(encoding="utf-8"))
    assert days[0] == (D(2026, 1, 1), "holiday", "元旦")
    assert (D(2026, 1, 4), "workday", "元旦") in days


def test_extend_from_notice_adds_the_year_and_keeps_the_one_before() -> None:
    cal = huying.Calendar.china()
    assert cal.extend_from_notice(NOTICE_2027) == 2027
    assert cal.years == (2004, 2027)
    assert cal.coverage() == (D(2004, 1, 1), D(2027, 12, 31))
    assert cal.is_working_day(D(2026, 12, 26)) is True
    assert cal.is_working_day(D(2026, 10, 10)) is True  # 2026's own day in lieu is kept
    assert cal.is_working_day(D(2027, 2, 8)) is False
    assert cal.add_working_days(D(2026, 12, 31), 3) == D(2027, 1, 6)
    assert "# years: 2004-2027" in cal.to_tsv()


def test_a_bad_notice_raises_with_its_line_and_column() -> None:
    cal = huying.Calendar.china()
    with pytest.raises(huying.CalendarNoticeError) as e:
        cal.extend_from_notice(NOTICE_2027.replace("共8天", "共7天"))
    assert e.value.code == "calendar.bad_notice"
    assert (e.value.line, e.value.column) == (3, 6)
    assert "7 days" in str(e.value)
    assert isinstance(e.value, huying.HuyingError) and isinstance(e.value, ValueError)
    assert cal.years == (2004, 2026)  # unchanged
    with pytest.raises(huying.CalendarNoticeError) as e:
        huying.parse_notice("国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日（周五）放假。\n")
    assert "Thursday" in str(e.value) and e.value.line == 2


def test_coverage_and_the_warning_before_the_end() -> None:
    cal = huying.Calendar.china()
    assert cal.coverage() == (D(2004, 1, 1), D(2026, 12, 31))
    assert cal.coverage_warning(D(2026, 11, 1)) is None
    w = cal.coverage_warning(D(2026, 12, 7))
    assert w is not None
    assert (w.last, w.days_left, w.year_needed) == (D(2026, 12, 31), 24, 2027)
    assert "2027" in w.message("zh") and "extend_from_notice" in w.message("en")
    assert cal.coverage_warning(D(2026, 12, 7), within_days=10) is None
    with pytest.raises(huying.CalendarNotCoveredError) as e:
        cal.add_working_days(D(2026, 12, 28), 5)
    assert e.value.year == 2027 and "extend_from_notice" in str(e.value)


def test_china_with_file_reads_the_platforms_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "2027.txt"
    path.write_text(NOTICE_2027, encoding="utf-8")
    assert huying.Calendar.china_with_file(path).years == (2004, 2027)
    monkeypatch.setenv("HUYING_CALENDAR_FILE", str(path))
    assert huying.Calendar.china_with_file().years == (2004, 2027)
    monkeypatch.delenv("HUYING_CALENDAR_FILE")
    assert huying.Calendar.china_with_file().years == (2004, 2026)
    cal = huying.Calendar.china()
    cal.extend_from_file(path)
    assert cal.years == (2004, 2027)
    with pytest.raises(huying.CalendarDataError):
        cal.extend_from_file(tmp_path / "missing.txt")


def test_a_call_at_the_year_end_waits_for_the_notice_then_counts() -> None:
    """No fact is refused at the year end: a dispatch on 2026-12-30 is taken,
    its reply clock waits (grey, no due time) until 2027's notice is loaded."""
    china = dt.timezone(dt.timedelta(hours=8))
    at = lambda d, h, m=0: dt.datetime(2026, 12, d, h, m, tzinfo=china)  # noqa: E731
    actor = lambda role, unit: {"role": role, "unit": unit}  # noqa: E731
    cal = huying.Calendar.china()
    policy = huying.CallPolicy("U008")
    raised = {"type": "raised", "v": 1, "call": "C1", "at": at(30, 9), "actor": actor("township", "U068"),
              "township": "U068", "matter": "M001", "channel": "video"}
    call = huying.Call.raise_(cal, raised, policy)
    call.apply({"type": "dispatched", "v": 1, "call": "C1", "at": at(30, 9, 10),
                "actor": actor("command_centre", "U008"), "department": "U010", "supporting": []})
    assert call.pending_calendar == 2027
    view = call.at(at(30, 10))
    assert view["pending_calendar"] == 2027
    reply = next(c for c in view["countdowns"] if c["stage"] == "reply")
    assert (reply["due"], reply["light"], reply["pending_calendar"]) == (None, "grey", 2027)
    arrival = next(c for c in view["countdowns"] if c["stage"] == "arrival")
    assert arrival["due"] == "2026-12-30T12:10:00+08:00" and arrival["light"] == "green"
    # The department signs on 31 December: still taken.
    call.apply({"type": "signed", "v": 1, "call": "C1", "at": at(31, 9), "actor": actor("department", "U010")})
    cal.extend_from_notice(NOTICE_2027)
    call.set_calendar(cal)
    assert call.pending_calendar is None
    reply = next(c for c in call.at(at(31, 10))["countdowns"] if c["stage"] == "reply")
    # 31 Dec, then 4 and 5 Jan (1-3 Jan are the New Year holiday): due at the end of the 5th.
    assert (reply["due"], reply["light"], reply["pending_calendar"]) == ("2027-01-06T00:00:00+08:00", "green", None)
