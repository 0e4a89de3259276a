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
