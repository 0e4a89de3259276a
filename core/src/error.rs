//! The crate-wide error: one enum over the error of each area, each kind with
//! a stable `code()` that bindings use to classify without parsing text.

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
