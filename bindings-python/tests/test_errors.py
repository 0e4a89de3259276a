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
