//! The crate-wide error: one enum over the error of each area, each kind with
//! a stable `code()`, and the family of every code ([`ErrorKind`]), which
//! each binding maps to one exception class by an exhaustive match.

use crate::calendar::CalendarError;
use crate::sla::{ClockError, LimitError};

/// Any error Huying returns. Each area has its own error type; this enum wraps
/// them so a caller can use one `?` across areas.
///
/// ```
/// use huying::calendar::Calendar;
/// use chrono::NaiveDate;
/// let err: huying::Error = Calendar::china()
///     .is_working_day(NaiveDate::from_ymd_opt(2031, 1, 1).unwrap())
///     .unwrap_err()
///     .into();
/// assert_eq!(err.code(), "calendar.not_covered");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A calendar error: a year not covered, bad calendar or schedule data.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// A malformed limit string such as `"3 weeks"`.
    #[error(transparent)]
    Limit(#[from] LimitError),
    /// An SLA clock used out of order (instants going backwards, resume while running, …).
    #[error(transparent)]
    Clock(#[from] ClockError),
    /// A responsibility-list error: an invalid list, an unknown unit or matter, …
    #[error(transparent)]
    Catalog(#[from] crate::catalog::CatalogError),
    /// A call refused an event, a bad call policy, or an unreadable call log.
    #[error(transparent)]
    Call(#[from] crate::call::CallError),
    /// A bad line of an event log, a failed read, bad report settings or a
    /// generator that cannot run (compliance statistics).
    #[error(transparent)]
    Compliance(#[from] crate::compliance::LogError),
}

impl Error {
    /// A stable, dotted error code such as `"calendar.not_covered"`.
    ///
    /// ```
    /// let err: huying::Error = "3 weeks".parse::<huying::sla::Limit>().unwrap_err().into();
    /// assert_eq!(err.code(), "limit.parse");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::Calendar(e) => e.code(),
            Error::Limit(e) => e.code(),
            Error::Clock(e) => e.code(),
            Error::Catalog(e) => e.code(),
            Error::Call(e) => e.code(),
            Error::Compliance(e) => e.code(),
        }
    }
}

impl Error {
    /// The error's family (see [`ErrorKind`]).
    ///
    /// ```
    /// let err: huying::Error = "3 weeks".parse::<huying::sla::Limit>().unwrap_err().into();
    /// assert_eq!(err.kind(), huying::ErrorKind::LimitParse);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        ErrorKind::of_code(self.code())
    }
}

/// The family of an error: what a binding maps to one exception class
/// (Python `CalendarNotCoveredError`, JS `Error` named
/// `"CalendarNotCoveredError"`, Java `CalendarNotCoveredException`), so
/// that one error has one class name in every language. The enum is
/// exhaustive on purpose: a binding matches it without a wildcard arm, and a
/// new family does not compile until every binding has a class for it.
///
/// ```
/// use huying::ErrorKind;
/// assert_eq!(ErrorKind::of_code("calendar.not_covered"), ErrorKind::CalendarNotCovered);
/// assert_eq!(ErrorKind::of_code("call.wrong_role").name(), "NotAuthorized");
/// assert_eq!(ErrorKind::of_code("no.such_code"), ErrorKind::Other);
/// assert!(ErrorKind::ALL.iter().all(|k| *k == ErrorKind::Other || ErrorKind::of_code(k.codes()[0]) == *k));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// A date in a year the calendar does not cover (`calendar.not_covered`).
    CalendarNotCovered,
    /// Calendar data that cannot be read or would leave a gap
    /// (`calendar.bad_data`, `calendar.not_contiguous`).
    CalendarData,
    /// A State Council notice that cannot be read or disagrees with itself
    /// (`calendar.bad_notice`).
    CalendarNotice,
    /// An office-hours schedule that cannot be used (`calendar.bad_schedule`).
    Schedule,
    /// A working-hours question of a calendar without office hours
    /// (`calendar.no_schedule`).
    NoSchedule,
    /// An instant or amount the arithmetic cannot represent
    /// (`calendar.out_of_range`).
    OutOfRange,
    /// A limit that cannot be read (`limit.parse`).
    LimitParse,
    /// An SLA clock used out of order (`clock.*`).
    Clock,
    /// A list with problems, each with its place (`catalog.invalid`).
    CatalogValidation,
    /// A list file that cannot be read (`catalog.read`).
    CatalogRead,
    /// A list asked something of the wrong kind of unit
    /// (`catalog.not_a_township`, `catalog.not_a_county_unit`).
    CatalogUsage,
    /// A unit, matter or edition the list does not have, or an instant
    /// before it (`catalog.unknown_*`, `catalog.before_list`,
    /// `call.unknown_matter`).
    CatalogLookup,
    /// An actor or unit in a part it may not play (`call.not_authorized`,
    /// `call.wrong_role`, `call.unknown_unit`).
    NotAuthorized,
    /// A call policy that cannot be used (`call.bad_policy`).
    CallPolicy,
    /// An event that does not fit the call (`call.invalid_transition`,
    /// `call.time_backwards`, `call.stage`, `call.extension`,
    /// `call.reminder`, `call.wrong_call`, `call.not_raised`, `call.empty`).
    Transition,
    /// A line of a log that cannot be taken (`call.bad_event`,
    /// `call.bad_payload`, `call.duplicate_event`, `compliance.bad_line`).
    LogLine,
    /// A log that cannot be read from its file or stream (`compliance.io`).
    LogRead,
    /// Report or generator settings that cannot be used
    /// (`compliance.config`, `compliance.generator`).
    ReportConfig,
    /// A code of no family above (a binding's own, or a future one).
    Other,
}

impl ErrorKind {
    /// Every family, in the order above.
    pub const ALL: [ErrorKind; 19] = [
        ErrorKind::CalendarNotCovered,
        ErrorKind::CalendarData,
        ErrorKind::CalendarNotice,
        ErrorKind::Schedule,
        ErrorKind::NoSchedule,
        ErrorKind::OutOfRange,
        ErrorKind::LimitParse,
        ErrorKind::Clock,
        ErrorKind::CatalogValidation,
        ErrorKind::CatalogRead,
        ErrorKind::CatalogUsage,
        ErrorKind::CatalogLookup,
        ErrorKind::NotAuthorized,
        ErrorKind::CallPolicy,
        ErrorKind::Transition,
        ErrorKind::LogLine,
        ErrorKind::LogRead,
        ErrorKind::ReportConfig,
        ErrorKind::Other,
    ];

    /// The family's name, from which each binding names its class
    /// (`CalendarNotCovered` → Python `CalendarNotCoveredError`, Java
    /// `CalendarNotCoveredException`).
    ///
    /// ```
    /// assert_eq!(huying::ErrorKind::LogLine.name(), "LogLine");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::CalendarNotCovered => "CalendarNotCovered",
            ErrorKind::CalendarData => "CalendarData",
            ErrorKind::CalendarNotice => "CalendarNotice",
            ErrorKind::Schedule => "Schedule",
            ErrorKind::NoSchedule => "NoSchedule",
            ErrorKind::OutOfRange => "OutOfRange",
            ErrorKind::LimitParse => "LimitParse",
            ErrorKind::Clock => "Clock",
            ErrorKind::CatalogValidation => "CatalogValidation",
            ErrorKind::CatalogRead => "CatalogRead",
            ErrorKind::CatalogUsage => "CatalogUsage",
            ErrorKind::CatalogLookup => "CatalogLookup",
            ErrorKind::NotAuthorized => "NotAuthorized",
            ErrorKind::CallPolicy => "CallPolicy",
            ErrorKind::Transition => "Transition",
            ErrorKind::LogLine => "LogLine",
            ErrorKind::LogRead => "LogRead",
            ErrorKind::ReportConfig => "ReportConfig",
            ErrorKind::Other => "Huying",
        }
    }

    /// The codes of the family (the first is its main one).
    ///
    /// ```
    /// assert!(huying::ErrorKind::NotAuthorized.codes().contains(&"call.wrong_role"));
    /// ```
    pub fn codes(self) -> &'static [&'static str] {
        match self {
            ErrorKind::CalendarNotCovered => &["calendar.not_covered"],
            ErrorKind::CalendarData => &["calendar.bad_data", "calendar.not_contiguous"],
            ErrorKind::CalendarNotice => &["calendar.bad_notice"],
            ErrorKind::Schedule => &["calendar.bad_schedule"],
            ErrorKind::NoSchedule => &["calendar.no_schedule"],
            ErrorKind::OutOfRange => &["calendar.out_of_range"],
            ErrorKind::LimitParse => &["limit.parse"],
            ErrorKind::Clock => &[
                "clock.time_backwards",
                "clock.bad_state",
                "clock.unit_mismatch",
            ],
            ErrorKind::CatalogValidation => &["catalog.invalid"],
            ErrorKind::CatalogRead => &["catalog.read"],
            ErrorKind::CatalogUsage => &["catalog.not_a_township", "catalog.not_a_county_unit"],
            ErrorKind::CatalogLookup => &[
                "catalog.unknown_unit",
                "catalog.unknown_matter",
                "catalog.unknown_township",
                "catalog.unknown_department",
                "catalog.unknown_edition",
                "catalog.before_list",
                "call.unknown_matter",
            ],
            ErrorKind::NotAuthorized => &[
                "call.not_authorized",
                "call.wrong_role",
                "call.unknown_unit",
            ],
            ErrorKind::CallPolicy => &["call.bad_policy"],
            ErrorKind::Transition => &[
                "call.invalid_transition",
                "call.time_backwards",
                "call.stage",
                "call.extension",
                "call.reminder",
                "call.wrong_call",
                "call.not_raised",
                "call.empty",
            ],
            ErrorKind::LogLine => &[
                "call.bad_event",
                "call.bad_payload",
                "call.duplicate_event",
                "call.duplicate_id",
                "compliance.bad_line",
            ],
            ErrorKind::LogRead => &["compliance.io"],
            ErrorKind::ReportConfig => &["compliance.config", "compliance.generator"],
            ErrorKind::Other => &[],
        }
    }

    /// The family of a code; [`ErrorKind::Other`] for a code of none.
    pub fn of_code(code: &str) -> ErrorKind {
        ErrorKind::ALL
            .into_iter()
            .find(|k| k.codes().contains(&code))
            .unwrap_or(ErrorKind::Other)
    }
}
