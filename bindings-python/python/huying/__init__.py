"""Huying (呼应): township calls, county responds.

The official Chinese working-day calendar, office hours, SLA limits and
deadlines that explain themselves, and numpy batch functions — a thin
binding over the Rust crate ``huying``.

Dates and times:

- a date is a ``datetime.date``; a ``datetime`` given where a date is
  expected stands for its date in China time;
- an instant is a ``datetime.datetime``: an aware one (any offset or
  ``tzinfo``) is that instant; a **naive one is China time (UTC+08:00)**,
  never the machine's local time;
- instants come back as aware datetimes in UTC+08:00.

Every exception derives from :class:`HuyingError` and carries a stable
``code`` such as ``"calendar.not_covered"``; input errors also derive from
``ValueError``.

>>> import datetime as dt, huying
>>> cal = huying.Calendar.china()
>>> cal.add_working_days(dt.date(2025, 9, 29), 3)
datetime.date(2025, 10, 10)
>>> cal.deadline(dt.datetime(2025, 9, 26, 16, 0), "3wd").due_text
'2025-09-30 24:00'
"""

from huying._core import (
    CALENDAR_DATA_VERSION,
    Calendar,
    CalendarBuilder,
    Call,
    CallPolicy,
    CallPolicyError,
    Catalog,
    CalendarDataError,
    CalendarNoticeError,
    CalendarNotCoveredError,
    CatalogLookupError,
    CatalogUsageError,
    CatalogValidationError,
    ClockError,
    ClockStatus,
    CoverageWarning,
    DayKind,
    Deadline,
    Festival,
    HuyingError,
    ImportedList,
    Limit,
    LimitParseError,
    LogLineError,
    LogReadError,
    CatalogReadError,
    NoScheduleError,
    NotAuthorizedError,
    OutOfRangeError,
    Pause,
    Problem,
    Report,
    ReportConfigError,
    Schedule,
    ScheduleError,
    SlaClock,
    TransitionError,
    __version__,
    compliance_report,
    generate_log,
    parse_notice,
    import_list,
)

__all__ = [
    "CALENDAR_DATA_VERSION",
    "Calendar",
    "CalendarBuilder",
    "Call",
    "CallPolicy",
    "CallPolicyError",
    "Catalog",
    "CalendarDataError",
    "CalendarNoticeError",
    "CalendarNotCoveredError",
    "CatalogLookupError",
    "CatalogUsageError",
    "CatalogValidationError",
    "ClockError",
    "ClockStatus",
    "CoverageWarning",
    "DayKind",
    "Deadline",
    "Festival",
    "HuyingError",
    "ImportedList",
    "Limit",
    "LimitParseError",
    "LogLineError",
    "LogReadError",
    "CatalogReadError",
    "NoScheduleError",
    "NotAuthorizedError",
    "OutOfRangeError",
    "Pause",
    "Problem",
    "Report",
    "ReportConfigError",
    "Schedule",
    "ScheduleError",
    "SlaClock",
    "TransitionError",
    "__version__",
    "compliance_report",
    "generate_log",
    "parse_notice",
    "import_list",
]
