/// An error of the calendar, working hours or deadline arithmetic.
///
/// ```
/// use huying::calendar::{Calendar, CalendarError};
/// let err = Calendar::china().is_working_day(chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()).unwrap_err();
/// assert_eq!(err, CalendarError::NotCovered { year: 2027 });
/// assert_eq!(err.code(), "calendar.not_covered");
/// assert!(err.to_string().contains("2027"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// The calendar has no data for this year: the answer would be a guess.
    #[error(
        "the calendar does not cover the year {year}: load the State Council's holiday notice for {year} (Calendar::extend_from_notice, or the file named by HUYING_CALENDAR_FILE) / 日历未覆盖{year}年：请加载国务院办公厅关于{year}年部分节假日安排的通知（extend_from_notice，或HUYING_CALENDAR_FILE指定的文件）"
    )]
    NotCovered {
        /// The year that is not covered.
        year: i32,
    },
    /// Calendar or schedule data that cannot be read.
    #[error("{source_name}:{line}: field `{field}`: {message}")]
    BadData {
        /// The file or source the data came from.
        source_name: String,
        /// 1-based line (0 when the problem is not on one line).
        line: usize,
        /// The field that was wrong.
        field: String,
        /// What was wrong and what was expected.
        message: String,
    },
    /// A holiday notice that cannot be read, or that does not agree with
    /// itself (a day count, a weekday, a working day in lieu not on a weekend).
    #[error("{source_name}:{line}:{column}: {message}")]
    BadNotice {
        /// The file or source the notice came from (`notice` when not named).
        source_name: String,
        /// 1-based line of the notice's text.
        line: usize,
        /// 1-based column (in characters) where the problem starts.
        column: usize,
        /// What was wrong, quoting the text.
        message: String,
    },
    /// Added years would leave a gap in the covered range.
    #[error(
        "adding these years would leave {year} uncovered (covered: {covered}); add the years in between first"
    )]
    NotContiguous {
        /// The first year of the gap.
        year: i32,
        /// The range covered before.
        covered: String,
    },
    /// A working-hours computation on a calendar with no schedule.
    #[error(
        "this calendar has no working-hours schedule: call `with_schedule` first / 未设置工作时间表"
    )]
    NoSchedule,
    /// A working-hours schedule that cannot be used.
    #[error("bad working-hours schedule: {message}")]
    BadSchedule {
        /// What was wrong.
        message: String,
    },
    /// An instant outside what the arithmetic can represent.
    #[error("instant out of range: {message}")]
    OutOfRange {
        /// What was out of range.
        message: String,
    },
}

impl CalendarError {
    /// A stable code: `calendar.not_covered`, `calendar.bad_data`, `calendar.bad_notice`,
    /// `calendar.not_contiguous`, `calendar.no_schedule`,
    /// `calendar.bad_schedule` or `calendar.out_of_range`.
    ///
    /// ```
    /// assert_eq!(huying::calendar::CalendarError::NoSchedule.code(), "calendar.no_schedule");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            CalendarError::NotCovered { .. } => "calendar.not_covered",
            CalendarError::BadData { .. } => "calendar.bad_data",
            CalendarError::BadNotice { .. } => "calendar.bad_notice",
            CalendarError::NotContiguous { .. } => "calendar.not_contiguous",
            CalendarError::NoSchedule => "calendar.no_schedule",
            CalendarError::BadSchedule { .. } => "calendar.bad_schedule",
            CalendarError::OutOfRange { .. } => "calendar.out_of_range",
        }
    }
}

impl From<crate::time::OutOfRange> for CalendarError {
    fn from(e: crate::time::OutOfRange) -> CalendarError {
        CalendarError::OutOfRange {
            message: format!(
                "{} seconds from the epoch lies within a day of the ends of the representable range",
                e.secs
            ),
        }
    }
}
