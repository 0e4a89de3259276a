//! An SLA clock for one target: start, pause, resume, extend, stop.

use chrono::{DateTime, Duration, FixedOffset};
use serde::{Deserialize, Serialize};

use super::{DayEnd, Limit, Measure};
use crate::calendar::{Calendar, CalendarError, DAY_SECS};
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
    limit: Limit,
    policy: DayEnd,
    measure: Measure,
    /// Instants are kept as local seconds (China time, whole seconds): the
    /// clock counts whole seconds, and integers keep it small and fast.
    started: i64,
    /// Local seconds where counting starts (next midnight for day limits).
    origin_ls: i64,
    /// Position of `origin_ls` on the measure.
    origin: i64,
    /// Paused amount of finished pauses, in seconds of the measure.
    paused_total: i64,
    /// The pauses on the record. Most clocks have none: one pointer in
    /// every clock instead of a vector's three words.
    #[allow(clippy::box_collection)]
    pauses: Option<Box<Vec<Pause>>>,
    /// Local seconds of the stop, or [`NOT_STOPPED`].
    stopped: i64,
    /// The latest local second seen.
    last: i64,
    /// Due local seconds as of the last change (cached; not valid while paused).
    due_ls: i64,
}

/// `SlaClock::stopped` of a clock still running.
const NOT_STOPPED: i64 = i64::MIN;

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
    /// instant already checked by [`crate::time::check_instant`]: the call
    /// machine converts each event's instant once.
    pub(crate) fn start_ls(
        cal: &Calendar,
        limit: Limit,
        policy: DayEnd,
        at: i64,
    ) -> Result<SlaClock, ClockError> {
        let measure = Measure::of(&limit, policy);
        let origin_ls = Calendar::clock_start(&limit, at);
        // Every fallible step first, then the clock written once.
        let (origin, due_ls) = cal.count_from(measure, origin_ls, limit.span_secs())?;
        Ok(SlaClock {
            cal: cal.clone(),
            limit,
            policy,
            measure,
            started: at,
            origin_ls,
            origin,
            paused_total: 0,
            pauses: None,
            stopped: NOT_STOPPED,
            last: at,
            due_ls,
        })
    }

    fn due_ls_with(&self, extra_pause: i64) -> Result<i64, CalendarError> {
        let target = self.origin + self.limit.span_secs() + self.paused_total + extra_pause;
        self.cal
            .measure_at(self.measure, target, self.origin_ls.div_euclid(DAY_SECS))
    }

    /// Position on the measure of local second `t`, never before the origin.
    fn pos(&self, t: i64) -> Result<i64, CalendarError> {
        let p = self.cal.measure_pos(self.measure, t)?;
        Ok(p.max(self.origin))
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

    fn is_stopped(&self) -> bool {
        self.stopped != NOT_STOPPED
    }

    /// The start of the open pause, if paused.
    fn paused_from(&self) -> Option<i64> {
        match self.pauses.as_deref().and_then(|p| p.last()) {
            Some(Pause { from, to: None, .. }) => Some(local_secs(from)),
            _ => None,
        }
    }

    fn state(&self) -> &'static str {
        if self.is_stopped() {
            "stopped"
        } else if self.is_paused() {
            "paused"
        } else {
            "running"
        }
    }

    /// Checks an instant and gives its local second.
    fn check_time(&self, at: DateTime<FixedOffset>) -> Result<i64, ClockError> {
        crate::time::check_instant(&at)?;
        let ls = local_secs(&at);
        self.check_ls(&at, ls)?;
        Ok(ls)
    }

    /// Refuses local second `ls` (of the checked instant `at`) if it is
    /// earlier than the latest the clock has seen.
    fn check_ls(&self, at: &DateTime<FixedOffset>, ls: i64) -> Result<(), ClockError> {
        if ls < self.last {
            return Err(ClockError::TimeBackwards {
                at: *at,
                last: self.instant(self.last),
            });
        }
        Ok(())
    }

    fn check_op(
        &self,
        op: &'static str,
        at: DateTime<FixedOffset>,
        want_paused: bool,
    ) -> Result<i64, ClockError> {
        let ls = self.check_time(at)?;
        if self.is_stopped() || self.is_paused() != want_paused {
            return Err(ClockError::BadState {
                op,
                state: self.state(),
            });
        }
        Ok(ls)
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
        let ls = self.check_op("pause", at, false)?;
        self.pos(ls)?; // the instant must be countable
        let from = self.instant(ls);
        self.pauses.get_or_insert_default().push(Pause {
            from,
            to: None,
            reason: reason.to_string(),
        });
        self.last = ls;
        Ok(())
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
        let ls = self.check_op("resume", at, true)?;
        self.resume_at(ls)
    }

    fn resume_at(&mut self, ls: i64) -> Result<(), ClockError> {
        let from = self.paused_from().unwrap_or(ls);
        let amount = self.pos(ls)? - self.pos(from)?;
        let due_ls = self.due_ls_with(amount)?;
        let to = self.instant(ls);
        if let Some(p) = self.pauses.as_deref_mut().and_then(|p| p.last_mut()) {
            p.to = Some(to);
        }
        self.paused_total += amount;
        self.due_ls = due_ls;
        self.last = ls;
        Ok(())
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
        if self.is_stopped() {
            return Err(ClockError::BadState {
                op: "extend",
                state: "stopped",
            });
        }
        if extra.unit() != self.limit.unit() {
            return Err(ClockError::UnitMismatch {
                limit: self.limit,
                extra,
            });
        }
        let amount = self
            .limit
            .amount()
            .checked_add(extra.amount())
            .filter(|&a| a <= super::MAX_LIMIT_AMOUNT)
            .ok_or(ClockError::BadState {
                op: "extend",
                state: "at its largest limit",
            })?;
        let new_limit = self.limit.with_amount(amount);
        let old = std::mem::replace(&mut self.limit, new_limit);
        match self.due_ls_with(0) {
            Ok(due) => {
                self.due_ls = due;
                Ok(())
            }
            Err(e) => {
                self.limit = old;
                Err(e.into())
            }
        }
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
        self.stop_checked(ls)
    }

    /// [`SlaClock::stop`] at local second `ls` of the instant `at`, already
    /// checked by [`crate::time::check_instant`].
    pub(crate) fn stop_ls(
        &mut self,
        at: &DateTime<FixedOffset>,
        ls: i64,
    ) -> Result<(), ClockError> {
        self.check_ls(at, ls)?;
        self.stop_checked(ls)
    }

    fn stop_checked(&mut self, ls: i64) -> Result<(), ClockError> {
        if self.is_stopped() {
            return Err(ClockError::BadState {
                op: "stop",
                state: "stopped",
            });
        }
        if self.is_paused() {
            self.resume_at(ls)?;
        }
        self.stopped = ls;
        self.last = ls;
        Ok(())
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
        self.limit
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
        self.policy
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
        self.instant(self.started)
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
        self.is_stopped().then(|| self.instant(self.stopped))
    }

    /// Local seconds (China time) of the start: for batch work.
    pub(crate) fn started_ls(&self) -> i64 {
        self.started
    }

    /// Local seconds of the stop, if stopped: for batch work.
    pub(crate) fn stopped_ls(&self) -> Option<i64> {
        self.is_stopped().then_some(self.stopped)
    }

    /// Local seconds of the settled due time (see [`SlaClock::due`]).
    pub(crate) fn due_ls(&self) -> i64 {
        self.due_ls
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
        self.paused_from().is_some()
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
        self.pauses.as_deref().map_or(&[], Vec::as_slice)
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
        self.instant(self.last)
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
        Ok(self.cal.instant_at(self.due_ls)?)
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
        Ok(self.cal.instant_at(self.due_ls_at(now)?)?)
    }

    fn due_ls_at(&self, now: DateTime<FixedOffset>) -> Result<i64, ClockError> {
        match self.paused_from() {
            Some(from) if !self.is_stopped() => {
                let open = self.pos(local_secs(&now).max(from))? - self.pos(from)?;
                Ok(self.due_ls_with(open)?)
            }
            _ => Ok(self.due_ls),
        }
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
        let budget = self.limit.span_secs();
        let due_ls = self.due_ls_at(now)?;
        // The instant up to which time counts.
        let (end, paused) = match (self.stopped_ls(), self.paused_from()) {
            (Some(s), _) => (s, false),
            (None, Some(from)) => (from, true),
            _ => (now_ls, false),
        };
        let elapsed = self.pos(end)? - self.origin - self.paused_total;
        let fraction = if budget > 0 {
            elapsed as f64 / budget as f64
        } else {
            1.0
        };
        let settled = self.stopped_ls().unwrap_or(now_ls);
        let overrun = (settled - due_ls).max(0);
        let phase = match self.stopped_ls() {
            Some(_) if settled <= due_ls => ClockPhase::Met,
            Some(_) => ClockPhase::Missed,
            None if settled > due_ls => ClockPhase::Breached,
            None if fraction >= warning => ClockPhase::Warning,
            None => ClockPhase::OnTrack,
        };
        Ok(ClockStatus {
            phase,
            paused,
            due: self.cal.instant_at(due_ls)?,
            elapsed: Duration::seconds(elapsed),
            remaining: Duration::seconds((budget - elapsed).max(0)),
            fraction,
            overrun: Duration::seconds(overrun),
        })
    }
}
