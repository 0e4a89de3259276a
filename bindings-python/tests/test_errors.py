"""The exception hierarchy: one root, codes, ValueError for input errors."""

from __future__ import annotations

import datetime as dt

import pytest

import huying

INPUT_ERRORS = [
    huying.CalendarNotCoveredError,
    huying.CalendarDataError,
    huying.ScheduleError,
    huying.OutOfRangeError,
    huying.LimitParseError,
    huying.CatalogValidationError,
    huying.CatalogUsageError,
    huying.LogLineError,
]
STATE_ERRORS = [huying.NoScheduleError, huying.ClockError, huying.TransitionError]


@pytest.mark.parametrize("cls", INPUT_ERRORS + STATE_ERRORS + [huying.NotAuthorizedError, huying.CatalogLookupError])
def test_hierarchy(cls: type[huying.HuyingError]) -> None:
    assert issubclass(cls, huying.HuyingError) and issubclass(cls, Exception)
    assert cls.__module__ == "huying"
    assert isinstance(cls.code, str) and cls.__doc__
    assert issubclass(cls, ValueError) == (cls in INPUT_ERRORS)


def test_other_bases() -> None:
    assert issubclass(huying.NotAuthorizedError, PermissionError)
    assert issubclass(huying.CatalogLookupError, LookupError)
    assert huying.HuyingError.__bases__ == (Exception,)


def test_raised_errors_carry_codes(cal: huying.Calendar) -> None:
    with pytest.raises(huying.CalendarNotCoveredError) as e:
        cal.is_working_day(dt.date(2031, 1, 1))
    err = e.value
    assert err.code == "calendar.not_covered" and err.year == 2031
    assert "2031" in str(err) and "日历未覆盖" in str(err)
    # Caught as the root, as ValueError, and as Exception.
    for base in (huying.HuyingError, ValueError, Exception):
        with pytest.raises(base):
            cal.is_working_day(dt.date(2031, 1, 1))


def test_no_panic_reaches_python(cal: huying.Calendar) -> None:
    """Extreme inputs give Huying errors or Python's own, never a PanicException."""
    office = cal.with_schedule("09:00-17:00")
    extremes = [
        lambda: cal.add_working_days(dt.date(2025, 1, 1), 2**62),
        lambda: cal.add_working_days(dt.date(2025, 1, 1), -(2**62)),
        lambda: cal.add_working_days(dt.date.max, 1),
        lambda: cal.add_working_days(dt.date.min, -1),
        lambda: cal.working_days_between(dt.date.min, dt.date.max),
        lambda: cal.deadline(dt.datetime.max, "100000wd"),
        lambda: cal.deadline(dt.datetime.min, "3h"),
        lambda: cal.deadline(dt.datetime(2026, 12, 31, 23, 59), "100000d"),
        lambda: office.add_working_time(dt.datetime(2025, 1, 1), dt.timedelta.max),
        lambda: office.add_working_time(dt.datetime(2025, 1, 1), dt.timedelta.min),
        lambda: office.working_time_between(dt.datetime.min, dt.datetime.max),
        lambda: huying.Limit("99999999999999999999wd"),
        lambda: huying.Calendar.builder("x").years(-5, 10**9).build(),
    ]
    for f in extremes:
        try:
            f()
        except huying.HuyingError:
            pass
        except (OverflowError, ValueError):
            pass  # Python-side conversion limits


def test_no_panic_on_extreme_arrays(cal: huying.Calendar) -> None:
    import numpy as np

    office = cal.with_schedule("09:00-17:00")
    big = np.array([2**62, -(2**62), 2**63 - 1, -(2**63) + 1], dtype=np.int64)
    days = big.view("datetime64[D]")
    calls = [
        lambda: cal.add_working_days_array(days, 3, errors="coerce"),
        lambda: cal.add_working_days_array(days[:1].repeat(2), [2**62, -(2**62)], errors="coerce"),
        lambda: cal.add_working_days_array(np.array(["2025-01-01"], dtype="datetime64[D]"), 2**62, errors="coerce"),
        lambda: cal.is_working_day_array(days),
        lambda: cal.working_days_between_array(days, days),
    ]
    for unit in ("s", "ms", "us", "ns"):
        stamps = big.view(f"datetime64[{unit}]")
        calls += [
            lambda s=stamps: cal.deadline_array(s, "100000wd", errors="coerce"),
            lambda s=stamps: cal.deadline_array(s, "100000d", errors="coerce"),
            lambda s=stamps: office.deadline_array(s, "4wh", errors="coerce"),
            lambda s=stamps: office.add_working_time_array(s, dt.timedelta.max, errors="coerce"),
            lambda s=stamps: office.add_working_time_array(s, dt.timedelta.min, errors="coerce"),
        ]
    for f in calls:
        try:
            out = f()
        except huying.HuyingError:
            continue
        assert out is not None
