//! An SLA clock for one target: start, pause, resume, extend, stop.

use chrono::{DateTime, Duration, FixedOffset};
use serde::{Deserialize, Serialize};

use super::core::ClockCore;
use super::{DayEnd, Limit, Measure};
use crate::calendar::{Calendar, CalendarError};
use crate::time::local_secs;

/// An SLA clock used out of order, or on days the calendar does not cover.
///
/// ```
/// use huying::{calendar::Calendar, sla::{Limit, SlaClock}};
/// let t = |s| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let mut c = SlaClock::start(&Calendar::china(), Limit::Hours(3), t("2025-06-03T10:00:00+08:00"))?;
/// let err = c.stop(t("2025-06-03T09:00:00+08:00")).unwrap_err();
/// assert_eq!(err.code(), "clock.time_backwards");
/// # Ok::<(), huying::sla::ClockError>(())
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ClockError {
    /// An instant earlier than one the clock has already seen.
    #[error("time went backwards: {at} is before {last}, the clock's latest instant")]
    TimeBackwards {
        /// The instant given.
        at: DateTime<FixedOffset>,
        /// The latest instant seen before.
        last: DateTime<FixedOffset>,
    },
    /// An operation that does not fit the clock's state.
    #[error("cannot {op} a clock that is {state}")]
    BadState {
        /// What was asked (`pause`, `resume`, `stop`, `extend`).
        op: &'static str,
        /// The clock's state (`running`, `paused`, `stopped`).
        state: &'static str,
    },
    /// An extension in another unit than the limit's.
    #[error("cannot extend a {limit} limit by {extra}: use the same unit")]
    UnitMismatch {
        /// The clock's limit.
        limit: Limit,
        /// The extension asked for.
        extra: Limit,
    },
    /// The calendar cannot count the time.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

impl From<crate::time::OutOfRange> for ClockError {
    fn from(e: crate::time::OutOfRange) -> ClockError {
        ClockError::Calendar(e.into())
    }
}

impl ClockError {
    /// A stable code: `clock.time_backwards`, `clock.bad_state`,
    /// `clock.unit_mismatch`, or the calendar's code.
    ///
    /// ```
    /// let e = huying::sla::ClockError::BadState { op: "resume", state: "running" };
    /// assert_eq!(e.code(), "clock.bad_state");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            ClockError::TimeBackwards { .. } => "clock.time_backwards",
            ClockError::BadState { .. } => "clock.bad_state",
            ClockError::UnitMismatch { .. } => "clock.unit_mismatch",
            ClockError::Calendar(e) => e.code(),
        }
    }
}

/// A pause on the record: when, until when, and why.
///
/// ```
/// let p = huying::sla::Pause { from: chrono::DateTime::parse_from_rfc3339("2025-06-03T10:00:00+08:00").unwrap(), to: None, reason: "等待检测".into() };
/// assert!(p.to.is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    /// The pause began.
    pub from: DateTime<FixedOffset>,
    /// The clock resumed (`None` while still paused).
    pub to: Option<DateTime<FixedOffset>>,
    /// Why the clock was paused.
    pub reason: String,
}

/// Where a clock stands.
///
/// ```
/// use huying::sla::ClockPhase;
/// assert!(ClockPhase::Missed.is_final());
/// assert!(!ClockPhase::Warning.is_final());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockPhase {
    /// Running (or paused), below the warning fraction of the limit.
    OnTrack,
    /// Running (or paused), past the warning fraction but not yet due.
    Warning,
    /// Running (or paused) past the due time.
    Breached,
    /// Stopped at or before the due time.
    Met,
    /// Stopped after the due time.
    Missed,
}

impl ClockPhase {
    /// Whether the clock has stopped (met or missed).
    ///
    /// ```
    /// assert!(huying::sla::ClockPhase::Met.is_final());
    /// ```
    pub fn is_final(self) -> bool {
        matches!(self, ClockPhase::Met | ClockPhase::Missed)
    }

    /// A stable code: `on_track`, `warning`, `breached`, `met`, `missed`.
    ///
    /// ```
    /// assert_eq!(huying::sla::ClockPhase::OnTrack.code(), "on_track");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            ClockPhase::OnTrack => "on_track",
            ClockPhase::Warning => "warning",
            ClockPhase::Breached => "breached",
            ClockPhase::Met => "met",
            ClockPhase::Missed => "missed",
        }
    }
}

/// A clock's status at an instant.
///
/// `elapsed` and `remaining` are in the limit's own measure: natural time for
/// natural limits, working time for working hours, and working-day time for
/// working days (one working day = 24 h; rest days add nothing).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClockStatus {
    /// Where the clock stands.
    pub phase: ClockPhase,
    /// Whether the clock is paused at that instant.
    pub paused: bool,
    /// The due instant (for a paused clock: as if it resumed at that instant).
    pub due: DateTime<FixedOffset>,
    /// Time counted so far, in the limit's measure.
    pub elapsed: Duration,
    /// Time left, in the limit's measure (never negative).
    pub remaining: Duration,
    /// `elapsed` as a fraction of the limit (with extensions); may exceed 1.
    pub fraction: f64,
    /// Natural time past the due instant (zero if not past it).
    pub overrun: Duration,
}

/// The SLA clock of one target (a stage of a call): started, paused and
/// resumed with reasons, extended, stopped — all at instants the caller gives.
///
/// A pause moves the due time by exactly the paused amount of the limit's
/// measure; an extension adds to the limit. Instants going backwards are an
/// error; a refused operation changes nothing.
///
/// The clock counts whole seconds: a fraction of a second in an instant
/// given to it is dropped (the instants it reports are whole seconds, China
/// time).
///
/// ```
/// use huying::{calendar::Calendar, sla::{ClockPhase, Limit, SlaClock}};
/// let t = |s| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let mut c = SlaClock::start(&Calendar::china(), Limit::Hours(3), t("2025-06-03T10:00:00+08:00"))?;
/// c.pause(t("2025-06-03T11:00:00+08:00"), "等待检测报告")?;
/// c.resume(t("2025-06-03T12:00:00+08:00"))?;
/// assert_eq!(c.due()?.to_rfc3339(), "2025-06-03T14:00:00+08:00");
/// let s = c.status(t("2025-06-03T13:00:00+08:00"))?;
/// assert_eq!(s.phase, ClockPhase::OnTrack);
/// assert_eq!(s.elapsed, chrono::Duration::hours(2));
/// c.stop(t("2025-06-03T13:30:00+08:00"))?;
/// assert_eq!(c.status(t("2025-06-03T18:00:00+08:00"))?.phase, ClockPhase::Met);
/// # Ok::<(), huying::sla::ClockError>(())
/// ```
#[derive(Clone, Debug)]
pub struct SlaClock {
    cal: Calendar,
    core: ClockCore,
}

impl SlaClock {
    /// Starts a clock at `at` with the default [`DayEnd::Midnight`] policy.
    ///
    /// # Errors
    /// [`ClockError::Calendar`] if the calendar cannot count the limit from `at`.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::{Limit, SlaClock}};
    /// let at = chrono::DateTime::parse_from_rfc3339("2025-09-26T16:00:00+08:00").unwrap();
    /// let c = SlaClock::start(&Calendar::china(), Limit::WorkingDays(3), at)?;
    /// assert_eq!(c.due()?.to_rfc3339(), "2025-10-01T00:00:00+08:00");
    /// # Ok::<(), huying::sla::ClockError>(())
    /// ```
    pub fn start(
        cal: &Calendar,
        limit: Limit,
        at: DateTime<FixedOffset>,
    ) -> Result<SlaClock, ClockError> {
        Self::start_with(cal, limit, DayEnd::Midnight, at)
    }

    /// Starts a clock under a chosen [`DayEnd`] policy.
    ///
    /// # Errors
    /// [`ClockError::Calendar`] if the calendar cannot count the limit from `at`.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::{DayEnd, Limit, SlaClock}};
    /// let cal = Calendar::china().with_schedule("08:30-12:00,14:00-17:30".parse().unwrap()).unwrap();
    /// let at = chrono::DateTime::parse_from_rfc3339("2025-09-26T16:00:00+08:00").unwrap();
    /// let c = SlaClock::start_with(&cal, Limit::WorkingDays(3), DayEnd::CloseOfBusiness, at)?;
    /// assert_eq!(c.due()?.to_rfc3339(), "2025-09-30T17:30:00+08:00");
    /// # Ok::<(), huying::sla::ClockError>(())
    /// ```
    pub fn start_with(
        cal: &Calendar,
        limit: Limit,
        policy: DayEnd,
        at: DateTime<FixedOffset>,
    ) -> Result<SlaClock, ClockError> {
        crate::time::check_instant(&at)?;
        SlaClock::start_ls(cal, limit, policy, local_secs(&at))
    }

    /// [`SlaClock::start_with`] at local second `at` (China time) of an
    /// instant already checked by [`crate::time::check_instant`].
    fn start_ls(
        cal: &Calendar,
        limit: Limit,
        policy: DayEnd,
        at: i64,
    ) -> Result<SlaClock, ClockError> {
        let core = ClockCore::start(cal, limit, policy, at)?;
        let clock = SlaClock {
            cal: cal.clone(),
            core,
        };
        clock.core.counted(&clock.cal)?;
        Ok(clock)
    }

    /// The clock of a core on a calendar (a call's stage clock, seen as an
    /// SLA clock).
    pub(crate) fn from_core(cal: &Calendar, core: ClockCore) -> SlaClock {
        SlaClock {
            cal: cal.clone(),
            core,
        }
    }

    /// The instant of a local second the clock stored (it was a valid
    /// instant when given, so the conversion does not fail in practice).
    fn instant(&self, ls: i64) -> DateTime<FixedOffset> {
        self.cal
            .instant_at(ls)
            .ok()
            .or_else(|| crate::time::from_local_secs(ls))
            .unwrap_or_default()
    }

    /// Checks an instant and gives its local second.
    fn check_time(&self, at: DateTime<FixedOffset>) -> Result<i64, ClockError> {
        crate::time::check_instant(&at)?;
        let ls = local_secs(&at);
        self.core.check_ls(&at, ls)?;
        Ok(ls)
    }

    /// Runs a step on a copy of the core and keeps it only if the calendar
    /// counts it (an `SlaClock` counts on its own calendar, and says so at
    /// once): a refused step changes nothing.
    fn step(
        &mut self,
        f: impl FnOnce(&mut ClockCore, &Calendar) -> Result<(), ClockError>,
    ) -> Result<(), ClockError> {
        let mut next = self.core.clone();
        f(&mut next, &self.cal)?;
        next.counted(&self.cal)?;
        self.core = next;
        Ok(())
    }

    /// Pauses the clock: time stops counting until [`SlaClock::resume`].
    ///
    /// # Errors
    /// [`ClockError::TimeBackwards`]; [`ClockError::BadState`] if paused or stopped.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::{Limit, SlaClock}};
    /// let t = |s| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    /// let mut c = SlaClock::start(&Calendar::china(), Limit::Minutes(30), t("2025-06-03T10:00:00+08:00"))?;
    /// c.pause(t("2025-06-03T10:10:00+08:00"), "等待现场检测")?;
    /// assert!(c.is_paused());
    /// assert!(c.pause(t("2025-06-03T10:11:00+08:00"), "again").is_err());
    /// # Ok::<(), huying::sla::ClockError>(())
    /// ```
    pub fn pause(&mut self, at: DateTime<FixedOffset>, reason: &str) -> Result<(), ClockError> {
        let ls = self.check_time(at)?;
        // The instant must be countable.
        self.cal
            .measure_pos(Measure::of(&self.core.limit(), self.core.policy()), ls)?;
        self.step(|c, _| c.pause(&at, ls, reason))
    }

    /// Resumes a paused clock; the due time moves by the paused amount.
    ///
    /// # Errors
    /// [`ClockError::TimeBackwards`]; [`ClockError::BadState`] if not paused.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::{Limit, SlaClock}};
    /// let t = |s| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    /// let mut c = SlaClock::start(&Calendar::china(), Limit::Minutes(30), t("2025-06-03T10:00:00+08:00"))?;
    /// c.pause(t("2025-06-03T10:10:00+08:00"), "等待")?;
    /// c.resume(t("2025-06-03T10:25:00+08:00"))?;
    /// assert_eq!(c.due()?.to_rfc3339(), "2025-06-03T10:45:00+08:00");
    /// # Ok::<(), huying::sla::ClockError>(())
    /// ```
    pub fn resume(&mut self, at: DateTime<FixedOffset>) -> Result<(), ClockError> {
        let ls = self.check_time(at)?;
        self.step(|c, cal| c.resume(cal, &at, ls))
    }

    /// Extends the limit by `extra`, which must be in the limit's unit
    /// (an approved extension, 延期).
    ///
    /// # Errors
    /// [`ClockError::UnitMismatch`]; [`ClockError::BadState`] if stopped.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::{Limit, SlaClock}};
    /// let at = chrono::DateTime::parse_from_rfc3339("2025-09-26T16:00:00+08:00").unwrap();
    /// let mut c = SlaClock::start(&Calendar::china(), Limit::WorkingDays(3), at)?;
    /// c.extend(Limit::WorkingDays(2))?;
    /// assert_eq!(c.limit(), Limit::WorkingDays(5));
    /// assert_eq!(c.due()?.to_rfc3339(), "2025-10-11T00:00:00+08:00"); // 10-09, 10-10 after the holiday
    /// # Ok::<(), huying::sla::ClockError>(())
    /// ```
    pub fn extend(&mut self, extra: Limit) -> Result<(), ClockError> {
        self.step(|c, cal| c.extend(cal, extra))
    }

    /// Stops the clock (the target was reached).
    ///
    /// # Errors
    /// [`ClockError::TimeBackwards`]; [`ClockError::BadState`] if already stopped.
    /// A paused clock resumes and stops at the same instant.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::{ClockPhase, Limit, SlaClock}};
    /// let t = |s| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    /// let mut c = SlaClock::start(&Calendar::china(), Limit::Minutes(30), t("2025-06-03T10:00:00+08:00"))?;
    /// c.stop(t("2025-06-03T10:45:00+08:00"))?;
    /// let s = c.status(t("2025-06-03T11:00:00+08:00"))?;
    /// assert_eq!(s.phase, ClockPhase::Missed);
    /// assert_eq!(s.overrun, chrono::Duration::minutes(15));
    /// # Ok::<(), huying::sla::ClockError>(())
    /// ```
    pub fn stop(&mut self, at: DateTime<FixedOffset>) -> Result<(), ClockError> {
        let ls = self.check_time(at)?;
        self.step(|c, cal| c.stop(cal, &at, ls))
    }

    /// The calendar the clock counts on.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::{Limit, SlaClock}};
    /// let at = chrono::DateTime::parse_from_rfc3339("2025-06-03T10:00:00+08:00").unwrap();
    /// let clock = SlaClock::start(&Calendar::china(), Limit::Hours(3), at)?;
    /// assert_eq!(clock.calendar().name(), "mainland China");
    /// # Ok::<(), huying::sla::ClockError>(())
    /// ```
    pub fn calendar(&self) -> &Calendar {
        &self.cal
    }

    /// The limit, including extensions.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::{Limit, SlaClock}};
    /// let at = chrono::DateTime::parse_from_rfc3339("2025-06-03T10:00:00+08:00").unwrap();
    /// assert_eq!(SlaClock::start(&Calendar::china(), Limit::Hours(3), at)?.limit(), Limit::Hours(3));
    /// # Ok::<(), huying::sla::ClockError>(())
    /// ```
    pub fn limit(&self) -> Limit {
        self.core.limit()
    }

    /// The day-end policy.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::{DayEnd, Limit, SlaClock}};
    /// let at = chrono::DateTime::parse_from_rfc3339("2025-06-03T10:00:00+08:00").unwrap();
    /// assert_eq!(SlaClock::start(&Calendar::china(), Limit::Hours(3), at)?.policy(), DayEnd::Midnight);
    /// # Ok::<(), huying::sla::ClockError>(())
    /// ```
    pub fn policy(&self) -> DayEnd {
        self.core.policy()
    }

    /// When the clock was started.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::{Limit, SlaClock}};
    /// let at = chrono::DateTime::parse_from_rfc3339("2025-06-03T10:00:00+08:00").unwrap();
    /// assert_eq!(SlaClock::start(&Calendar::china(), Limit::Hours(3), at)?.started(), at);
    /// # Ok::<(), huying::sla::ClockError>(())
    /// ```
    pub fn started(&self) -> DateTime<FixedOffset> {
        self.instant(self.core.started_ls())
    }

    /// When the clock was stopped, if it was.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::{Limit, SlaClock}};
    /// let at = chrono::DateTime::parse_from_rfc3339("2025-06-03T10:00:00+08:00").unwrap();
    /// assert!(SlaClock::start(&Calendar::china(), Limit::Hours(3), at)?.stopped().is_none());
    /// # Ok::<(), huying::sla::ClockError>(())
    /// ```
    pub fn stopped(&self) -> Option<DateTime<FixedOffset>> {
        self.core.stopped_ls().map(|s| self.instant(s))
    }

    /// Whether the clock is paused now.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::{Limit, SlaClock}};
    /// let at = chrono::DateTime::parse_from_rfc3339("2025-06-03T10:00:00+08:00").unwrap();
    /// assert!(!SlaClock::start(&Calendar::china(), Limit::Hours(3), at)?.is_paused());
    /// # Ok::<(), huying::sla::ClockError>(())
    /// ```
    pub fn is_paused(&self) -> bool {
        self.core.is_paused()
    }

    /// The pauses on the record, in order.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::{Limit, SlaClock}};
    /// let at = chrono::DateTime::parse_from_rfc3339("2025-06-03T10:00:00+08:00").unwrap();
    /// assert!(SlaClock::start(&Calendar::china(), Limit::Hours(3), at)?.pauses().is_empty());
    /// # Ok::<(), huying::sla::ClockError>(())
    /// ```
    pub fn pauses(&self) -> &[Pause] {
        self.core.pauses()
    }

    /// The latest instant the clock has seen.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::{Limit, SlaClock}};
    /// let at = chrono::DateTime::parse_from_rfc3339("2025-06-03T10:00:00+08:00").unwrap();
    /// assert_eq!(SlaClock::start(&Calendar::china(), Limit::Hours(3), at)?.last_instant(), at);
    /// # Ok::<(), huying::sla::ClockError>(())
    /// ```
    pub fn last_instant(&self) -> DateTime<FixedOffset> {
        self.instant(self.core.last_ls())
    }

    /// The due instant with the pauses and extensions so far. While paused,
    /// the due time is not settled: this is the due time had the clock
    /// resumed at the pause's start (see [`SlaClock::due_at`]).
    ///
    /// # Errors
    /// [`ClockError::Calendar`] if the due instant is outside the calendar.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::{Limit, SlaClock}};
    /// let at = chrono::DateTime::parse_from_rfc3339("2025-06-03T10:00:00+08:00").unwrap();
    /// assert_eq!(SlaClock::start(&Calendar::china(), Limit::Minutes(30), at)?.due()?.to_rfc3339(), "2025-06-03T10:30:00+08:00");
    /// # Ok::<(), huying::sla::ClockError>(())
    /// ```
    pub fn due(&self) -> Result<DateTime<FixedOffset>, ClockError> {
        Ok(self.cal.instant_at(self.core.due_ls(&self.cal)?)?)
    }

    /// The due instant as seen at `now`: for a paused clock, as if it resumed at `now`.
    ///
    /// # Errors
    /// [`ClockError::Calendar`] if `now` or the due instant is outside the calendar.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::{Limit, SlaClock}};
    /// let t = |s| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    /// let mut c = SlaClock::start(&Calendar::china(), Limit::Minutes(30), t("2025-06-03T10:00:00+08:00"))?;
    /// c.pause(t("2025-06-03T10:10:00+08:00"), "等待")?;
    /// assert_eq!(c.due_at(t("2025-06-03T11:00:00+08:00"))?.to_rfc3339(), "2025-06-03T11:20:00+08:00");
    /// # Ok::<(), huying::sla::ClockError>(())
    /// ```
    pub fn due_at(&self, now: DateTime<FixedOffset>) -> Result<DateTime<FixedOffset>, ClockError> {
        crate::time::check_instant(&now)?;
        let due = self.core.due_ls_at(&self.cal, local_secs(&now))?;
        Ok(self.cal.instant_at(due)?)
    }

    /// The status at `now` with the warning threshold at 80 % of the limit.
    ///
    /// # Errors
    /// [`ClockError::TimeBackwards`] if `now` is before the clock's latest
    /// instant; [`ClockError::Calendar`] if `now` is outside the calendar.
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::{ClockPhase, Limit, SlaClock}};
    /// let t = |s| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    /// let c = SlaClock::start(&Calendar::china(), Limit::Minutes(30), t("2025-06-03T10:00:00+08:00"))?;
    /// assert_eq!(c.status(t("2025-06-03T10:25:00+08:00"))?.phase, ClockPhase::Warning);
    /// assert_eq!(c.status(t("2025-06-03T10:31:00+08:00"))?.phase, ClockPhase::Breached);
    /// # Ok::<(), huying::sla::ClockError>(())
    /// ```
    pub fn status(&self, now: DateTime<FixedOffset>) -> Result<ClockStatus, ClockError> {
        self.status_with(now, 0.8)
    }

    /// The status at `now` with a chosen warning fraction (e.g. `0.8`).
    ///
    /// # Errors
    /// As [`SlaClock::status`].
    ///
    /// ```
    /// use huying::{calendar::Calendar, sla::{ClockPhase, Limit, SlaClock}};
    /// let t = |s| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    /// let c = SlaClock::start(&Calendar::china(), Limit::Minutes(30), t("2025-06-03T10:00:00+08:00"))?;
    /// assert_eq!(c.status_with(t("2025-06-03T10:16:00+08:00"), 0.5)?.phase, ClockPhase::Warning);
    /// # Ok::<(), huying::sla::ClockError>(())
    /// ```
    pub fn status_with(
        &self,
        now: DateTime<FixedOffset>,
        warning: f64,
    ) -> Result<ClockStatus, ClockError> {
        let now_ls = self.check_time(now)?;
        self.core.status(&self.cal, &now, now_ls, warning)
    }
}
