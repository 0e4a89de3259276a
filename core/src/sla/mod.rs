//! Limits, deadlines and SLA clocks.
//!
//! A [`Limit`] is a promise such as `30m`, `3h` or `3wd`. A deadline counts
//! it as Chinese law counts periods (民法典 §201, §203; 行政许可法 §82):
//!
//! - natural minutes and hours run from the triggering instant;
//! - day limits do not count the day of receipt: counting starts the next day,
//!   and the limit ends at 24:00 of the n-th (working) day — or at close of
//!   business of that day under [`DayEnd::CloseOfBusiness`], for units that
//!   keep office hours (a policy choice: the law says 24:00, a county may say
//!   close of business);
//! - working hours count only office hours (needs a [`crate::hours::Schedule`]).
//!
//! Every limit has its own measure of time: natural time, working-day time
//! (a working day is 24 h of it; rest days add none) or working time. An
//! [`SlaClock`] pauses and resumes in that measure: a pause moves the due time
//! by exactly the paused amount of the limit's measure.
//!
//! ```
//! use chrono::DateTime;
//! use huying::calendar::Calendar;
//! use huying::sla::Limit;
//! use huying::Lang;
//!
//! let cal = Calendar::china();
//! let start = DateTime::parse_from_rfc3339("2025-09-29T10:00:00+08:00")?;
//! let d = cal.deadline(start, &"3wd".parse::<Limit>()?)?;
//! assert_eq!(d.to_string(), "2025-10-10 24:00");
//! assert!(d.explain(Lang::Zh).contains("2025-10-01 星期三 不计：国庆节 法定节假日"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod clock;
pub(crate) mod core;
mod explain;
mod limit;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

pub use clock::{ClockError, ClockPhase, ClockStatus, Pause, SlaClock};
pub use limit::{Limit, LimitError, MAX_LIMIT_AMOUNT};

use crate::calendar::{Calendar, CalendarError, DAY_SECS};
use crate::time::local_secs;
use limit::Unit;

/// When a day limit ends on its last day.
///
/// ```
/// use huying::sla::DayEnd;
/// assert_eq!(DayEnd::default(), DayEnd::Midnight);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayEnd {
    /// 24:00 of the last day, as the law counts (the default).
    #[default]
    Midnight,
    /// Close of business of the last day, per the calendar's schedule
    /// (a day without office hours ends at 24:00).
    CloseOfBusiness,
}

impl DayEnd {
    /// The stable name: `midnight` or `close_of_business`.
    ///
    /// ```
    /// use huying::sla::DayEnd;
    /// assert_eq!(DayEnd::CloseOfBusiness.code(), "close_of_business");
    /// assert_eq!("close_of_business".parse::<DayEnd>(), Ok(DayEnd::CloseOfBusiness));
    /// assert!("noon".parse::<DayEnd>().unwrap_err().contains("expected"));
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            DayEnd::Midnight => "midnight",
            DayEnd::CloseOfBusiness => "close_of_business",
        }
    }
}

impl std::str::FromStr for DayEnd {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "midnight" => Ok(DayEnd::Midnight),
            "close_of_business" => Ok(DayEnd::CloseOfBusiness),
            other => Err(format!(
                "unknown day-end policy {other:?}: expected \"midnight\" or \"close_of_business\""
            )),
        }
    }
}

/// The clock a limit runs on: a position in seconds of the limit's measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Measure {
    Natural,
    WorkingDays { close_of_business: bool },
    WorkingHours,
}

impl Measure {
    pub(crate) fn of(limit: &Limit, policy: DayEnd) -> Measure {
        match limit.unit() {
            Unit::Minute | Unit::Hour | Unit::Day => Measure::Natural,
            Unit::WorkingDay => Measure::WorkingDays {
                close_of_business: policy == DayEnd::CloseOfBusiness,
            },
            Unit::WorkingHour => Measure::WorkingHours,
        }
    }
}

impl Calendar {
    /// Position of local-seconds `ls` on the measure's clock. Natural time
    /// is its own measure (answered inline); the others count on the
    /// calendar.
    #[inline]
    pub(crate) fn measure_pos(&self, m: Measure, ls: i64) -> Result<i64, CalendarError> {
        match m {
            Measure::Natural => Ok(ls),
            Measure::WorkingHours => self.wh_pos(ls),
            Measure::WorkingDays { close_of_business } => self.wd_pos(ls, close_of_business),
        }
    }

    fn wd_pos(&self, ls: i64, close_of_business: bool) -> Result<i64, CalendarError> {
        let day = ls.div_euclid(DAY_SECS);
        let secs = ls.rem_euclid(DAY_SECS);
        let i = self.index_of_unix_day(day, secs == 0)?;
        let before = i64::from(self.cum_before(i)) * DAY_SECS;
        if !self.working_at(i) {
            return Ok(before);
        }
        let within = if close_of_business {
            let span = self.day_span(i)?;
            secs.min(span) * DAY_SECS / span
        } else {
            secs
        };
        Ok(before + within)
    }

    /// Where a count on measure `m` from local second `start` stands, and
    /// the local second `span` seconds of the measure later (the earliest
    /// at that position): an SLA clock's origin and due time.
    #[inline]
    pub(crate) fn count_from(
        &self,
        m: Measure,
        start: i64,
        span: i64,
    ) -> Result<(i64, i64), CalendarError> {
        let p = self.measure_pos(m, start)?;
        Ok((p, self.measure_at(m, p + span, start.div_euclid(DAY_SECS))?))
    }

    /// The earliest local-seconds instant at position `pos` of the measure.
    #[inline]
    pub(crate) fn measure_at(
        &self,
        m: Measure,
        pos: i64,
        hint_day: i64,
    ) -> Result<i64, CalendarError> {
        match m {
            Measure::Natural => Ok(pos),
            Measure::WorkingHours => self.wh_at(pos, hint_day),
            Measure::WorkingDays { close_of_business } => self.wd_at(pos, close_of_business),
        }
    }

    fn wd_at(&self, pos: i64, close_of_business: bool) -> Result<i64, CalendarError> {
        if pos < 0 {
            return Err(self.beyond(false));
        }
        let k = pos / DAY_SECS;
        let r = pos % DAY_SECS;
        let base = self.base_day();
        if r == 0 {
            let Some(k1) = usize::try_from(k).ok().and_then(|k| k.checked_sub(1)) else {
                return Ok(base * DAY_SECS);
            };
            let day = self.work_day(k1).ok_or_else(|| self.beyond(true))?;
            let end = if close_of_business {
                self.day_span(day)?
            } else {
                DAY_SECS
            };
            return Ok((base + day as i64) * DAY_SECS + end);
        }
        let day = usize::try_from(k)
            .ok()
            .and_then(|k| self.work_day(k))
            .ok_or_else(|| self.beyond(true))?;
        let secs = if close_of_business {
            let span = self.day_span(day)?;
            (r * span + DAY_SECS - 1) / DAY_SECS
        } else {
            r
        };
        Ok((base + day as i64) * DAY_SECS + secs)
    }

    /// Length of day `i` for close-of-business counting: its close of
    /// business, or 24 h on a day without office hours.
    fn day_span(&self, i: usize) -> Result<i64, CalendarError> {
        let h = self.hours_table().ok_or(CalendarError::NoSchedule)?;
        Ok(h.close_of(i).filter(|&c| c > 0).unwrap_or(DAY_SECS))
    }

    /// Where a limit's clock starts for a trigger at local-seconds `ls`: the
    /// next midnight for day limits (the day of receipt is not counted).
    pub(crate) fn clock_start(limit: &Limit, ls: i64) -> i64 {
        if limit.is_days() {
            (ls.div_euclid(DAY_SECS) + 1) * DAY_SECS
        } else {
            ls
        }
    }

    /// The due instant of `limit` from `start` under `policy`, without the
    /// explanation: the fast path for batch work.
    ///
    /// # Errors
    /// [`CalendarError::NotCovered`] when the counted days are not covered;
    /// [`CalendarError::NoSchedule`] for working hours or close-of-business
    /// without a schedule.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::{DayEnd, Limit}};
    /// let start = chrono::DateTime::parse_from_rfc3339("2025-09-26T16:00:00+08:00")?;
    /// let due = Calendar::china().due(start, &Limit::WorkingDays(3), DayEnd::Midnight)?;
    /// assert_eq!(due.to_rfc3339(), "2025-10-01T00:00:00+08:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn due(
        &self,
        start: DateTime<FixedOffset>,
        limit: &Limit,
        policy: DayEnd,
    ) -> Result<DateTime<FixedOffset>, CalendarError> {
        self.instant_at(self.due_local(local_secs(&start), limit, policy, 0)?)
    }

    /// [`Calendar::due`] on seconds since the Unix epoch (UTC), answering in
    /// seconds since the epoch: the fast path for batch work (numpy
    /// `datetime64[s]`), with no date-time conversion.
    ///
    /// # Errors
    /// As [`Calendar::due`]; [`CalendarError::OutOfRange`] for an instant
    /// beyond ±10¹⁵ seconds.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::{DayEnd, Limit}};
    /// let start = chrono::DateTime::parse_from_rfc3339("2025-09-26T16:00:00+08:00")?;
    /// let due = Calendar::china().due_epoch_secs(start.timestamp(), &Limit::WorkingDays(3), DayEnd::Midnight)?;
    /// assert_eq!(due, chrono::DateTime::parse_from_rfc3339("2025-10-01T00:00:00+08:00")?.timestamp());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn due_epoch_secs(
        &self,
        start_epoch_secs: i64,
        limit: &Limit,
        policy: DayEnd,
    ) -> Result<i64, CalendarError> {
        // Common cases without error values; `None` falls through to the
        // general path, which gives the same answer or the error.
        let fast = match (*limit, policy) {
            (Limit::WorkingHours(n), _) => {
                self.add_working_time_fast(start_epoch_secs, i64::from(n) * 3600)
            }
            (Limit::WorkingDays(n), DayEnd::Midnight) => {
                self.working_days_end_fast(start_epoch_secs, i64::from(n))
            }
            _ => None,
        };
        if let Some(due) = fast {
            return Ok(due);
        }
        let ls = crate::hours::epoch_to_local(start_epoch_secs)?;
        Ok(self.due_local(ls, limit, policy, 0)? - i64::from(crate::CHINA_OFFSET_SECS))
    }

    /// Epoch seconds of 24:00 (China time) of the `n`-th (≥ 1) working day
    /// after the day of `start_epoch_secs`: the `n wd` deadline, or `None`
    /// when that day or the answer is not covered.
    #[inline]
    fn working_days_end_fast(&self, start_epoch_secs: i64, n: i64) -> Option<i64> {
        let offset = i64::from(crate::CHINA_OFFSET_SECS);
        let ls = start_epoch_secs.checked_add(offset)?;
        let day = self.working_day_after_unix(ls.div_euclid(DAY_SECS), n)?;
        Some((day + 1) * DAY_SECS - offset)
    }

    /// Due local-seconds for a trigger at `ls`, with `extra` seconds of the
    /// limit's measure added (pauses, extensions).
    pub(crate) fn due_local(
        &self,
        ls: i64,
        limit: &Limit,
        policy: DayEnd,
        extra: i64,
    ) -> Result<i64, CalendarError> {
        let m = Measure::of(limit, policy);
        let start = Calendar::clock_start(limit, ls);
        Ok(self.count_from(m, start, limit.span_secs() + extra)?.1)
    }

    /// The deadline of `limit` from `start`, counted as the law counts (day
    /// limits end at 24:00 of the last day). The result can explain itself.
    ///
    /// # Errors
    /// [`CalendarError::NotCovered`] when the counted days are not covered;
    /// [`CalendarError::NoSchedule`] for a working-hour limit without a schedule.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::Limit};
    /// let cal = Calendar::china();
    /// let start = chrono::DateTime::parse_from_rfc3339("2025-09-26T16:00:00+08:00")?;
    /// let d = cal.deadline(start, &Limit::Minutes(30))?;
    /// assert_eq!(d.due().to_rfc3339(), "2025-09-26T16:30:00+08:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn deadline(
        &self,
        start: DateTime<FixedOffset>,
        limit: &Limit,
    ) -> Result<Deadline, CalendarError> {
        self.deadline_with(start, limit, DayEnd::Midnight)
    }

    /// The deadline under a chosen [`DayEnd`] policy.
    ///
    /// # Errors
    /// As [`Calendar::deadline`]; [`CalendarError::NoSchedule`] for
    /// close-of-business without a schedule.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::{DayEnd, Limit}};
    /// let cal = Calendar::china().with_schedule("08:30-12:00,14:00-17:30".parse()?)?;
    /// let start = chrono::DateTime::parse_from_rfc3339("2025-09-26T16:00:00+08:00")?;
    /// let d = cal.deadline_with(start, &Limit::WorkingDays(3), DayEnd::CloseOfBusiness)?;
    /// assert_eq!(d.due().to_rfc3339(), "2025-09-30T17:30:00+08:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn deadline_with(
        &self,
        start: DateTime<FixedOffset>,
        limit: &Limit,
        policy: DayEnd,
    ) -> Result<Deadline, CalendarError> {
        let due = self.due(start, limit, policy)?;
        Ok(Deadline {
            start: crate::to_china(start),
            limit: *limit,
            policy,
            due,
            cal: self.clone(),
        })
    }
}

/// A computed deadline: the start, the limit, the due instant, and the
/// calendar it was counted on, so that it can explain itself.
///
/// ```
/// use huying::{calendar::Calendar, sla::Limit, Lang};
/// let start = chrono::DateTime::parse_from_rfc3339("2025-09-26T16:00:00+08:00")?;
/// let d = Calendar::china().deadline(start, &Limit::WorkingDays(3))?;
/// assert_eq!(d.limit(), Limit::WorkingDays(3));
/// assert!(d.explain(Lang::En).contains("2025-09-28 Sun  working day 1 (National Day — working day in lieu)"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Deadline {
    start: DateTime<FixedOffset>,
    limit: Limit,
    policy: DayEnd,
    due: DateTime<FixedOffset>,
    cal: Calendar,
}

impl Deadline {
    /// The instant the limit ends, in China time (`+08:00`). For a day limit
    /// ending at 24:00 this is 00:00 of the next day.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::Limit};
    /// let start = chrono::DateTime::parse_from_rfc3339("2025-06-03T10:00:00+08:00")?;
    /// assert_eq!(Calendar::china().deadline(start, &Limit::Hours(3))?.due().to_rfc3339(), "2025-06-03T13:00:00+08:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn due(&self) -> DateTime<FixedOffset> {
        self.due
    }

    /// The triggering instant, in China time.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::Limit};
    /// let start = chrono::DateTime::parse_from_rfc3339("2025-06-03T02:00:00Z")?;
    /// assert_eq!(Calendar::china().deadline(start, &Limit::Hours(3))?.start().to_rfc3339(), "2025-06-03T10:00:00+08:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn start(&self) -> DateTime<FixedOffset> {
        self.start
    }

    /// The limit counted.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::Limit};
    /// let start = chrono::DateTime::parse_from_rfc3339("2025-06-03T10:00:00+08:00")?;
    /// assert_eq!(Calendar::china().deadline(start, &Limit::Hours(3))?.limit(), Limit::Hours(3));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn limit(&self) -> Limit {
        self.limit
    }

    /// The day-end policy used.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::{DayEnd, Limit}};
    /// let start = chrono::DateTime::parse_from_rfc3339("2025-06-03T10:00:00+08:00")?;
    /// assert_eq!(Calendar::china().deadline(start, &Limit::Days(1))?.policy(), DayEnd::Midnight);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn policy(&self) -> DayEnd {
        self.policy
    }

    /// The due time as people write it: `2025-09-30 24:00` for the end of a
    /// day, else `YYYY-MM-DD HH:MM`.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::Limit};
    /// let start = chrono::DateTime::parse_from_rfc3339("2025-09-26T16:00:00+08:00")?;
    /// assert_eq!(Calendar::china().deadline(start, &Limit::WorkingDays(3))?.due_text(), "2025-09-30 24:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn due_text(&self) -> String {
        explain::wall_text(self.due, self.limit.is_days())
    }

    /// Explains the deadline: the rule applied, every day counted or skipped
    /// and why, and the due time — in Chinese or English.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::Limit, Lang};
    /// let start = chrono::DateTime::parse_from_rfc3339("2025-09-29T10:00:00+08:00")?;
    /// let text = Calendar::china().deadline(start, &Limit::WorkingDays(3))?.explain(Lang::En);
    /// assert!(text.contains("2025-10-01 Wed  skipped: National Day — statutory holiday"));
    /// assert!(text.contains("Due: 2025-10-10 24:00"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn explain(&self, lang: crate::Lang) -> String {
        explain::explain(self, lang)
    }
}

impl std::fmt::Display for Deadline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.due_text())
    }
}
