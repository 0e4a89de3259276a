"""numpy batch functions: datetime64 in and out, shapes, NaT, errors, and
agreement with the scalar functions."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

import huying
from conftest import CHINA

NAT_D = np.datetime64("NaT", "D")


def days(*iso: str) -> np.ndarray:
    return np.array(iso, dtype="datetime64[D]")


def test_is_working_day_array(cal: huying.Calendar) -> None:
    got = cal.is_working_day_array(days("2025-09-27", "2025-09-28", "2025-10-01", "2025-10-09"))
    assert got.dtype == np.bool_
    assert got.tolist() == [False, True, False, True]
    with pytest.raises(huying.CalendarNotCoveredError) as e:
        cal.is_working_day_array(days("2025-01-01", "2031-01-01"))
    assert e.value.index == 1 and "element 1" in str(e.value)  # type: ignore[attr-defined]
    with pytest.raises(huying.OutOfRangeError):
        cal.is_working_day_array(np.array([NAT_D]))


def test_add_working_days_array(cal: huying.Calendar) -> None:
    dates = days("2025-09-26", "2025-09-29", "2025-10-01", "NaT")
    got = cal.add_working_days_array(dates, 3)
    assert got.dtype == np.dtype("datetime64[D]")
    assert got[:3].tolist() == [dt.date(2025, 9, 30), dt.date(2025, 10, 10), dt.date(2025, 10, 11)]
    assert np.isnat(got[3])
    back = cal.add_working_days_array(days("2025-10-09"), -2)
    assert back.tolist() == [dt.date(2025, 9, 29)]
    per_row = cal.add_working_days_array(days("2025-09-29", "2025-09-29"), np.array([1, 3], dtype=np.int32))
    assert per_row.tolist() == [dt.date(2025, 9, 30), dt.date(2025, 10, 10)]
    assert cal.add_working_days_array(days("2025-09-29"), [2]).tolist() == [dt.date(2025, 10, 9)]
    with pytest.raises(ValueError, match="shape"):
        cal.add_working_days_array(days("2025-09-29", "2025-09-30"), [1, 2, 3])


def test_add_working_days_array_matches_scalar(cal: huying.Calendar) -> None:
    rng = np.random.default_rng(6)
    start = np.datetime64("2005-01-01")
    dates = start + rng.integers(0, 365 * 21, size=2000).astype("timedelta64[D]")
    for n in (-7, -1, 0, 1, 3, 20):
        got = cal.add_working_days_array(dates, n)
        want = [cal.add_working_days(d, n) for d in dates.tolist()]
        assert got.tolist() == want


def test_shapes_and_strides(cal: huying.Calendar) -> None:
    grid = np.arange("2025-09-22", "2025-10-14", dtype="datetime64[D]").reshape(2, 11)
    got = cal.add_working_days_array(grid, 1)
    assert got.shape == (2, 11)
    assert got[0, 0] == np.datetime64("2025-09-23")
    # Non-contiguous views (a column, a reversed slice) work too.
    col = grid[:, 3]
    assert cal.add_working_days_array(col, 1).tolist() == [cal.add_working_days(d, 1) for d in col.tolist()]
    rev = grid[0, ::-1]
    assert cal.is_working_day_array(rev).tolist() == [cal.is_working_day(d) for d in rev.tolist()]
    assert cal.add_working_days_array(np.array([], dtype="datetime64[D]"), 3).shape == (0,)
    # Lists are converted with numpy.asarray.
    assert cal.is_working_day_array([np.datetime64("2025-09-28")]).tolist() == [True]


def test_errors_raise_or_coerce(cal: huying.Calendar) -> None:
    dates = days("2026-12-30", "2026-12-31", "2025-01-02")
    with pytest.raises(huying.CalendarNotCoveredError) as e:
        cal.add_working_days_array(dates, 1)
    assert e.value.index == 1  # type: ignore[attr-defined]
    got = cal.add_working_days_array(dates, 1, errors="coerce")
    assert got[0] == np.datetime64("2026-12-31") and np.isnat(got[1]) and got[2] == np.datetime64("2025-01-03")
    with pytest.raises(ValueError, match="errors"):
        cal.add_working_days_array(dates, 1, errors="ignore")  # type: ignore[arg-type]


def test_wrong_dtypes(cal: huying.Calendar) -> None:
    with pytest.raises(TypeError, match=r"datetime64\[D\]"):
        cal.add_working_days_array(np.array(["2025-09-29T10:00"], dtype="datetime64[s]"), 1)
    with pytest.raises(TypeError, match=r"datetime64\[s\]"):
        cal.deadline_array(days("2025-09-29"), "3wd")
    with pytest.raises(TypeError):
        cal.deadline_array(np.array([1, 2, 3]), "3wd")


def test_working_days_between_array(cal: huying.Calendar) -> None:
    a = days("2025-09-29", "2025-09-30", "2025-10-10")
    b = days("2025-10-10", "2025-10-08", "2025-09-26")
    got = cal.working_days_between_array(a, b)
    assert got.dtype == np.int64 and got.tolist() == [3, 0, -5]
    with pytest.raises(ValueError, match="shapes"):
        cal.working_days_between_array(a, b[:2])
    with pytest.raises(huying.CalendarNotCoveredError):
        cal.working_days_between_array(days("2003-01-01"), days("2025-01-01"))


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_deadline_array_units(cal: huying.Calendar, unit: str) -> None:
    # UTC instants: 2025-09-26 08:00Z is Friday 16:00 in China.
    starts = np.array(["2025-09-26T08:00:00", "2025-09-29T02:00:00.250", "NaT"], dtype=f"datetime64[{unit}]")
    got = cal.deadline_array(starts, "3wd")
    assert got.dtype == starts.dtype
    assert got[0] == np.datetime64("2025-09-30T16:00:00")  # 2025-10-01 00:00 China = 09-30 16:00Z
    assert got[1] == np.datetime64("2025-10-10T16:00:00")
    assert np.isnat(got[2])


def test_deadline_array_matches_scalar(cal: huying.Calendar, office: huying.Calendar) -> None:
    rng = np.random.default_rng(7)
    base = np.datetime64("2024-01-01T00:00:00", "s")
    starts = base + rng.integers(0, 2 * 365 * 86400, size=1500).astype("timedelta64[s]")
    for c, limit, policy in [
        (cal, "3wd", "midnight"),
        (cal, "1d", "midnight"),
        (cal, "30m", "midnight"),
        (office, "4wh", "midnight"),
        (office, "3wd", "close_of_business"),
    ]:
        got = c.deadline_array(starts, limit, policy)  # type: ignore[arg-type]
        for t, due in zip(starts.tolist(), got.tolist()):
            utc = t.replace(tzinfo=dt.timezone.utc)
            assert due.replace(tzinfo=dt.timezone.utc) == c.due(utc, limit, policy)  # type: ignore[arg-type]


def test_deadline_array_errors(cal: huying.Calendar, office: huying.Calendar) -> None:
    starts = np.array(["2025-06-03T02:00:00", "2026-12-30T02:00:00"], dtype="datetime64[s]")
    with pytest.raises(huying.CalendarNotCoveredError) as e:
        cal.deadline_array(starts, "3wd")
    assert e.value.index == 1  # type: ignore[attr-defined]
    coerced = cal.deadline_array(starts, huying.Limit("3wd"), errors="coerce")
    assert np.isnat(coerced[1]) and not np.isnat(coerced[0])
    with pytest.raises(huying.NoScheduleError):
        cal.deadline_array(starts, "4wh")
    with pytest.raises(huying.LimitParseError):
        cal.deadline_array(starts, "3 weeks")
    with pytest.raises(huying.OutOfRangeError):
        cal.deadline_array(np.array([2**62], dtype="datetime64[s]"), "30m")
    big = np.array(["2262-04-11T00:00:00"], dtype="datetime64[ns]")  # near the end of ns range
    with pytest.raises(huying.HuyingError):
        cal.deadline_array(big, "3wd")


def test_add_working_time_array(office: huying.Calendar, cal: huying.Calendar) -> None:
    starts = np.array(["2025-06-03T02:00:00", "2025-09-30T08:00:00", "NaT"], dtype="datetime64[ms]")
    got = office.add_working_time_array(starts, dt.timedelta(hours=4))
    assert got.dtype == np.dtype("datetime64[ms]")
    # 2025-06-03 10:00 China + 4 wh = 16:00 China = 08:00Z; 09-30 16:00 + 4 wh = 10-09 11:00 China.
    assert got[0] == np.datetime64("2025-06-03T08:00:00")
    assert got[1] == np.datetime64("2025-10-09T03:00:00")
    assert np.isnat(got[2])
    scalar = office.add_working_time(dt.datetime(2025, 6, 3, 10, 0, tzinfo=CHINA), dt.timedelta(hours=4))
    assert got[0].astype("datetime64[s]").item().replace(tzinfo=dt.timezone.utc) == scalar
    with pytest.raises(huying.NoScheduleError):
        cal.add_working_time_array(starts, dt.timedelta(hours=4))
