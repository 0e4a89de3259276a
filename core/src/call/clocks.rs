//! The stage clocks of a call: one per stage and round, counted on the
//! calendar the call's caller passes in.

use chrono::{DateTime, FixedOffset};

use super::verdict::{Outcome, Settled};
use super::{CallError, EventType, Mark, Name};
use crate::calendar::{Calendar, CalendarError};
use crate::catalog::Stage;
use crate::sla::core::ClockCore;
use crate::sla::{ClockPhase, ClockStatus, DayEnd, Limit, Pause};

/// The clock of one stage of a call, in one round.
///
/// A stage gets a new clock (the next round) when it starts again: dispatch
/// after a return, arrival and reply after a re-dispatch, reply after an
/// unsatisfied evaluation. A clock ends stopped (the stage was done) or
/// cancelled (a return or withdrawal ended it). Its accountable unit is a
/// [`Name`] of the call's name table; [`Call::clocks`](super::Call::clocks)
/// gives each clock with its names and calendar ([`ClockView`](super::ClockView)).
///
/// ```
/// use huying::{calendar::Calendar, call::{Call, CallPolicy}, catalog::Stage};
/// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
/// let arrival = call.clock(Stage::Arrival).unwrap();
/// assert_eq!(arrival.round(), 1);
/// assert_eq!(arrival.unit().map(|u| u.as_str()), Some("U010"));
/// assert_eq!(arrival.stopped().unwrap().to_rfc3339(), "2025-06-03T11:40:00+08:00");
/// assert!(!arrival.is_running() && !arrival.is_cancelled());
/// # Ok::<(), huying::call::CallError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct StageClock {
    pub(super) stage: Stage,
    pub(super) round: u16,
    pub(super) unit: Option<Name>,
    pub(super) clock: ClockCore,
    pub(super) end: Option<End>,
    pub(super) supervised: u16,
    pub(super) reminded: Option<Mark>,
    pub(super) extended: bool,
}

/// How a clock ended (the instant and the due time then in force are the
/// clock core's stop and settled due time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct End {
    pub(super) cancelled: bool,
}

impl StageClock {
    pub(super) fn new(
        stage: Stage,
        round: u16,
        unit: Option<Name>,
        clock: ClockCore,
    ) -> StageClock {
        StageClock {
            stage,
            round,
            unit,
            clock,
            end: None,
            supervised: 0,
            reminded: None,
            extended: false,
        }
    }

    /// Stops (or cancels) the clock at `at` (local second `ls`). All or
    /// nothing: the clock core's `stop` changes nothing when it fails.
    pub(super) fn end(
        &mut self,
        cal: &Calendar,
        at: &DateTime<FixedOffset>,
        ls: i64,
        cancelled: bool,
    ) -> Result<(), CallError> {
        self.clock.stop(cal, at, ls)?;
        self.end = Some(End { cancelled });
        Ok(())
    }

    /// The stage.
    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// The round: 1 for the stage's first clock, 2 for the next, …
    pub fn round(&self) -> u16 {
        self.round
    }

    /// The number of the unit that answers for the stage, in the call's
    /// name table: the department for arrival and reply; for dispatch, the
    /// command centre unit that dispatched (or the policy's command
    /// centre, or the one that acknowledged, until then).
    pub fn unit(&self) -> Option<Name> {
        self.unit
    }

    /// The limit, with extensions.
    pub fn limit(&self) -> Limit {
        self.clock.limit()
    }

    /// The day-end rule of day limits.
    pub fn day_end(&self) -> DayEnd {
        self.clock.policy()
    }

    /// Whether the clock still runs (or is paused): not stopped, not cancelled.
    pub fn is_running(&self) -> bool {
        self.end.is_none()
    }

    /// Whether a return or a withdrawal ended the clock.
    pub fn is_cancelled(&self) -> bool {
        self.end.is_some_and(|e| e.cancelled)
    }

    /// Whether the clock is paused.
    pub fn is_paused(&self) -> bool {
        self.clock.is_paused()
    }

    /// The pauses on the record, in order.
    pub fn pauses(&self) -> &[Pause] {
        self.clock.pauses()
    }

    /// Whether an extension was granted.
    pub fn is_extended(&self) -> bool {
        self.extended
    }

    /// How often the command centre supervised the stage.
    pub fn supervised(&self) -> u16 {
        self.supervised
    }

    /// The latest reminder mark sent (earlier marks count as sent).
    pub fn reminded(&self) -> Option<Mark> {
        self.reminded
    }

    pub(crate) fn core(&self) -> &ClockCore {
        &self.clock
    }

    /// Local second of the start.
    pub(crate) fn started_ls(&self) -> i64 {
        self.clock.started_ls()
    }

    /// Local second of the stop, if stopped.
    pub(crate) fn stopped_ls(&self) -> Option<i64> {
        self.clock.stopped_ls()
    }

    /// The settled due time on `cal`, in local seconds.
    ///
    /// # Errors
    /// [`CalendarError::NotCovered`] while the clock is pending the calendar.
    pub(crate) fn due_ls(&self, cal: &Calendar) -> Result<i64, CalendarError> {
        self.clock.due_ls(cal)
    }

    /// The due time as seen at local second `now` (a paused clock as if it
    /// resumed at `now`).
    pub(crate) fn due_ls_at(&self, cal: &Calendar, now: i64) -> Result<i64, CalendarError> {
        self.clock.due_ls_at(cal, now)
    }

    /// The year the calendar `cal` lacks to count the clock, if any.
    pub(crate) fn pending_on(&self, cal: &Calendar) -> Option<i32> {
        self.clock.pending_on(cal)
    }

    pub(super) fn refresh(&mut self, cal: &Calendar) {
        self.clock.refresh(cal);
    }

    /// The status at `now` (local second `ls`).
    pub(crate) fn status(
        &self,
        cal: &Calendar,
        now: &DateTime<FixedOffset>,
        ls: i64,
        warning: f64,
    ) -> Result<ClockStatus, CallError> {
        Ok(self.clock.status(cal, now, ls, warning)?)
    }

    /// The clock's verdict in whole seconds, on `cal`: `None` while it
    /// runs, if it was cancelled before its due time, or while it is
    /// pending the calendar.
    #[inline]
    pub(crate) fn settled(&self, cal: &Calendar) -> Option<Settled> {
        let end = self.end?;
        let stopped = self.clock.stopped_ls()?;
        let due = self.clock.due_ls(cal).ok()?;
        let late = stopped - due;
        if end.cancelled && late <= 0 {
            return None;
        }
        Some(Settled {
            outcome: if late <= 0 {
                Outcome::Met
            } else {
                Outcome::Missed
            },
            due,
            started: self.clock.started_ls(),
            stopped,
            overrun: late.max(0),
            cancelled: end.cancelled,
        })
    }

    /// Whether `mark` has been reached at the status `s`.
    pub(super) fn reached(&self, s: &ClockStatus, mark: Mark) -> bool {
        match mark {
            Mark::Breach => s.phase == ClockPhase::Breached,
            Mark::Percent(p) => {
                let budget = self.clock.limit().span_secs();
                s.elapsed.num_seconds().saturating_mul(100) >= i64::from(p).saturating_mul(budget)
            }
        }
    }

    /// The first whole second after `now` at which `pred` holds on this
    /// running, unpaused clock (by bisection on its status: the elapsed time
    /// never decreases). `None` if it never does before the breach.
    pub(super) fn first_instant(
        &self,
        cal: &Calendar,
        now: DateTime<FixedOffset>,
        warning: f64,
        pred: impl Fn(&StageClock, &ClockStatus) -> bool,
    ) -> Result<Option<DateTime<FixedOffset>>, CallError> {
        let status_at = |secs: i64| -> Result<(DateTime<FixedOffset>, ClockStatus), CallError> {
            let t = DateTime::from_timestamp(secs, 0)
                .map(crate::to_china)
                .ok_or(CallError::BadPayload {
                    event: EventType::ReminderSent,
                    problem: "an instant out of range",
                })?;
            let ls = crate::time::local_secs(&t);
            Ok((t, self.status(cal, &t, ls, warning)?))
        };
        let mut lo = now.timestamp();
        let due = self
            .clock
            .due_ls(cal)
            .map_err(crate::sla::ClockError::from)?;
        let mut hi = (due - i64::from(crate::CHINA_OFFSET_SECS)).saturating_add(1);
        if hi <= lo {
            return Ok(None);
        }
        let (t_hi, s_hi) = status_at(hi)?;
        if !pred(self, &s_hi) {
            return Ok(None);
        }
        let mut best = t_hi;
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            let (t, s) = status_at(mid)?;
            if pred(self, &s) {
                hi = mid;
                best = t;
            } else {
                lo = mid;
            }
        }
        Ok(Some(best))
    }
}
