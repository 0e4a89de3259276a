"""Limits, deadlines and SLA clocks."""

from __future__ import annotations

import datetime as dt

import pytest

import huying
from conftest import CHINA


def test_limit() -> None:
    limit = huying.Limit("3个工作日")
    assert limit == huying.Limit("3wd") == huying.Limit.parse("3 working days")
    assert hash(limit) == hash(huying.Limit("3wd"))
    assert str(limit) == "3wd" and repr(limit) == "Limit('3wd')"
    assert limit.amount == 3 and limit.is_working_time and limit.is_days
    assert limit.display() == "3个工作日" and limit.display("en") == "3 working days"
    assert limit.with_amount(5) == huying.Limit("5wd")
    assert huying.Limit("30m").display("en") == "30 minutes"
    assert not huying.Limit("3h").is_working_time and not huying.Limit("3h").is_days
    assert huying.Limit("1h").display("en") == "1 hour"
    assert huying.Limit("4个工作时") == huying.Limit("4wh")
    assert huying.Limit("3d") != huying.Limit("3wd")
    with pytest.raises(huying.LimitParseError) as e:
        huying.Limit("3 weeks")
    assert e.value.code == "limit.parse" and "expected" in str(e.value)
    with pytest.raises(ValueError):
        huying.Limit("")
    with pytest.raises(ValueError, match="unknown language"):
        limit.display("fr")  # type: ignore[arg-type]


def test_deadline(cal: huying.Calendar) -> None:
    start = dt.datetime(2025, 9, 26, 16, 0)  # naive = China time
    d = cal.deadline(start, "3wd")
    assert d.start == dt.datetime(2025, 9, 26, 16, 0, tzinfo=CHINA)
    assert d.due == dt.datetime(2025, 10, 1, 0, 0, tzinfo=CHINA)
    assert d.due.tzinfo is not None and d.due.utcoffset() == dt.timedelta(hours=8)
    assert d.limit == huying.Limit("3wd") and d.policy == "midnight"
    assert d.due_text == "2025-09-30 24:00" == str(d)
    assert "2025-09-28 Sun  working day 1" in d.explain("en")
    assert "截止：2025-09-30 24:00" in d.explain() and d.explain() == d.explain("zh")
    assert repr(d) == "Deadline(start=2025-09-26T16:00:00+08:00, limit='3wd', due='2025-09-30 24:00')"
    # The same instant in UTC and with a Limit object.
    utc = dt.datetime(2025, 9, 26, 8, 0, tzinfo=dt.timezone.utc)
    assert cal.deadline(utc, huying.Limit("3wd")).due == d.due
    assert cal.due(utc, "3wd") == d.due
    # Sub-second parts of the start are dropped by the core.
    assert cal.due(dt.datetime(2025, 6, 3, 10, 0, 0, 999999), "30m") == dt.datetime(2025, 6, 3, 10, 30, tzinfo=CHINA)


def test_deadline_policies(office: huying.Calendar, cal: huying.Calendar) -> None:
    start = dt.datetime(2025, 9, 26, 16, 0, tzinfo=CHINA)
    d = office.deadline(start, "3wd", "close_of_business")
    assert d.policy == "close_of_business"
    assert d.due == dt.datetime(2025, 9, 30, 17, 30, tzinfo=CHINA)
    assert office.due(start, "3wd", policy="close_of_business") == d.due
    with pytest.raises(ValueError, match="policy"):
        cal.deadline(start, "3wd", "noon")  # type: ignore[arg-type]
    with pytest.raises(huying.NoScheduleError):
        cal.deadline(start, "3wd", "close_of_business")
    with pytest.raises(huying.NoScheduleError):
        cal.deadline(start, "4wh")
    with pytest.raises(huying.CalendarNotCoveredError) as e:
        cal.deadline(dt.datetime(2026, 12, 30, 10, 0), "3wd")
    assert e.value.year == 2027
    with pytest.raises(huying.LimitParseError):
        cal.due(start, "3 weeks")


def test_clock(cal: huying.Calendar) -> None:
    t = lambda h, m=0: dt.datetime(2025, 6, 3, h, m, tzinfo=CHINA)  # noqa: E731
    c = huying.SlaClock.start(cal, "3h", t(10))
    assert c.limit == huying.Limit("3h") and c.policy == "midnight"
    assert c.started == t(10) and c.stopped is None and c.last_instant == t(10)
    c.pause(t(11), "等待检测报告")
    assert c.is_paused
    assert c.due_at(t(11, 30)) == t(13, 30)
    s = c.status(t(11, 30))
    assert s.paused and s.phase == "on_track"
    c.resume(t(12))
    assert not c.is_paused and c.due() == t(14)
    [p] = c.pauses
    assert (p.start, p.end, p.reason) == (t(11), t(12), "等待检测报告")
    assert "等待检测报告" in repr(p)
    s = c.status(t(13))
    assert s.phase == "on_track" and s.elapsed == dt.timedelta(hours=2)
    assert s.remaining == dt.timedelta(hours=1) and abs(s.fraction - 2 / 3) < 1e-9
    assert s.overrun == dt.timedelta(0) and s.due == t(14) and not s.paused
    assert "on_track" in repr(s)
    assert c.status(t(13, 30), warning=0.5).phase == "warning"
    c.extend("1h")
    assert c.limit == huying.Limit("4h") and c.due() == t(15)
    c.stop(t(15, 30))
    assert c.stopped == t(15, 30)
    done = c.status(t(18))
    assert done.phase == "missed" and done.overrun == dt.timedelta(minutes=30)
    assert "SlaClock(limit='4h'" in repr(c)


def test_clock_errors(cal: huying.Calendar, office: huying.Calendar) -> None:
    t = lambda h: dt.datetime(2025, 6, 3, h, 0, tzinfo=CHINA)  # noqa: E731
    c = huying.SlaClock.start(cal, huying.Limit("3h"), t(10))
    with pytest.raises(huying.ClockError) as e:
        c.stop(t(9))
    assert e.value.code == "clock.time_backwards" and not isinstance(e.value, ValueError)
    with pytest.raises(huying.ClockError) as e:
        c.resume(t(11))
    assert e.value.code == "clock.bad_state"
    with pytest.raises(huying.ClockError) as e:
        c.extend("1wd")
    assert e.value.code == "clock.unit_mismatch"
    with pytest.raises(huying.CalendarNotCoveredError):
        huying.SlaClock.start(cal, "3wd", dt.datetime(2026, 12, 31, 10, 0))
    wd = huying.SlaClock.start(office, "3wd", dt.datetime(2025, 9, 26, 16, 0), policy="close_of_business")
    assert wd.due() == dt.datetime(2025, 9, 30, 17, 30, tzinfo=CHINA)
