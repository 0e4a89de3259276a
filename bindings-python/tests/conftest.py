"""Shared fixtures: the China calendar, with and without office hours."""

from __future__ import annotations

import datetime as dt

import pytest

import huying

CHINA = dt.timezone(dt.timedelta(hours=8))
OFFICE_HOURS = "08:30-12:00,14:00-17:30"


@pytest.fixture
def cal() -> huying.Calendar:
    return huying.Calendar.china()


@pytest.fixture
def office(cal: huying.Calendar) -> huying.Calendar:
    return cal.with_schedule(OFFICE_HOURS)
