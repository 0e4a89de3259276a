//! The facts of an SLA clock — its limit, start, pauses, extensions and
//! stop, in China local seconds — counted on a calendar the caller passes
//! to each step. [`SlaClock`](super::SlaClock) is this core with its own
//! calendar; a call's stage clocks are cores, and the call passes its
//! calendar in.
//!
//! What is counted on the calendar (where counting starts on the limit's
//! measure, the paused amount, the due time) is kept as of the latest step.
//! When the calendar cannot count it — a working-day limit that runs into a
//! year not yet covered — the clock keeps its facts and is *pending the
//! calendar*: it counts again, from its facts, at the first step given a
//! calendar that covers the year. A fact is never refused for that.

use chrono::{DateTime, Duration, FixedOffset};

use super::clock::{ClockError, ClockPhase, ClockStatus, Pause};
use super::{DayEnd, Limit, Measure};
use crate::calendar::{Calendar, CalendarError, DAY_SECS};
use crate::time::local_secs;

/// `ClockCore::stopped` of a clock still running.
const NOT_STOPPED: i64 = i64::MIN;

/// What a clock counted on the calendar of its latest step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Counted {
    /// Counted: where counting starts on the measure, the paused amount of
    /// the finished pauses (seconds of the measure), the settled due time.
    At {
        origin: i64,
        paused_total: i64,
        due_ls: i64,
    },
    /// The calendar did not cover this year.
    Pending { year: i32 },
}

/// The values a clock counts on a calendar.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Count {
    pub(crate) origin: i64,
    pub(crate) paused_total: i64,
    pub(crate) due_ls: i64,
}

/// An SLA clock's facts, and what they count to on a calendar.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ClockCore {
    limit: Limit,
    policy: DayEnd,
    measure: Measure,
    /// Local second of the start.
    started: i64,
    /// Local second of the stop, or [`NOT_STOPPED`].
    stopped: i64,
    /// The latest local second seen.
    last: i64,
    /// The pauses on the record. Most clocks have none: one pointer in
    /// every clock instead of a vector's three words.
    #[allow(clippy::box_collection)]
    pauses: Option<Box<Vec<Pause>>>,
    counted: Counted,
}

fn pending(e: &CalendarError) -> Option<i32> {
    match e {
        CalendarError::NotCovered { year } => Some(*year),
        _ => None,
    }
}

impl ClockCore {
    /// A clock started at local second `at` of an instant already checked
    /// by [`crate::time::check_instant`]. A limit running into a year the
    /// calendar does not cover leaves the clock pending the calendar.
    ///
    /// # Errors
    /// Any other error of the calendar (a close-of-business limit on a
    /// calendar without office hours, an instant out of range).
    pub(crate) fn start(
        cal: &Calendar,
        limit: Limit,
        policy: DayEnd,
        at: i64,
    ) -> Result<ClockCore, CalendarError> {
        let mut c = ClockCore {
            limit,
            policy,
            measure: Measure::of(&limit, policy),
            started: at,
            stopped: NOT_STOPPED,
            last: at,
            pauses: None,
            counted: Counted::Pending { year: 0 },
        };
        c.recount(cal)?;
        Ok(c)
    }

    /// Local second where counting starts (the next midnight for day limits).
    fn origin_ls(&self) -> i64 {
        Calendar::clock_start(&self.limit, self.started)
    }

    /// Everything counted from the facts alone, on `cal`.
    fn count(&self, cal: &Calendar) -> Result<Count, CalendarError> {
        let origin_ls = self.origin_ls();
        let origin = cal.measure_pos(self.measure, origin_ls)?;
        let pos = |t: i64| -> Result<i64, CalendarError> {
            Ok(cal.measure_pos(self.measure, t)?.max(origin))
        };
        let mut paused_total = 0;
        for p in self.pauses() {
            if let Some(to) = &p.to {
                paused_total += pos(local_secs(to))? - pos(local_secs(&p.from))?;
            }
        }
        let target = origin + self.limit.span_secs() + paused_total;
        let due_ls = cal.measure_at(self.measure, target, origin_ls.div_euclid(DAY_SECS))?;
        Ok(Count {
            origin,
            paused_total,
            due_ls,
        })
    }

    /// Counts the facts again on `cal` and keeps the result, or the year
    /// the calendar lacks.
    ///
    /// # Errors
    /// Any other error of the calendar; the clock is then unchanged.
    fn recount(&mut self, cal: &Calendar) -> Result<(), CalendarError> {
        self.counted = match self.count(cal) {
            Ok(c) => Counted::At {
                origin: c.origin,
                paused_total: c.paused_total,
                due_ls: c.due_ls,
            },
            Err(e) => match pending(&e) {
                Some(year) => Counted::Pending { year },
                None => return Err(e),
            },
        };
        Ok(())
    }

    /// What the clock counts to on `cal`: as of its latest step, or
    /// counted afresh if it was pending the calendar then.
    ///
    /// # Errors
    /// [`CalendarError::NotCovered`] if `cal` does not cover it either.
    pub(crate) fn counted(&self, cal: &Calendar) -> Result<Count, CalendarError> {
        match self.counted {
            Counted::At {
                origin,
                paused_total,
                due_ls,
            } => Ok(Count {
                origin,
                paused_total,
                due_ls,
            }),
            Counted::Pending { .. } => self.count(cal),
        }
    }

    /// The year the calendar lacked at the clock's latest step, if it did:
    /// the clock is pending the calendar.
    pub(crate) fn pending_year(&self) -> Option<i32> {
        match self.counted {
            Counted::Pending { year } => Some(year),
            Counted::At { .. } => None,
        }
    }

    /// The year `cal` lacks to count the clock, if it lacks one.
    pub(crate) fn pending_on(&self, cal: &Calendar) -> Option<i32> {
        self.pending_year()?;
        self.count(cal).err().as_ref().and_then(pending)
    }

    /// Counts again on `cal` if the clock was pending the calendar (it
    /// resolves itself once the year is loaded).
    pub(crate) fn refresh(&mut self, cal: &Calendar) {
        if self.pending_year().is_some() {
            let mut next = self.clone();
            if next.recount(cal).is_ok() {
                *self = next;
            }
        }
    }

    fn is_stopped(&self) -> bool {
        self.stopped != NOT_STOPPED
    }

    /// Local second of the start of the open pause, if paused.
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

    /// Refuses local second `ls` (of the checked instant `at`) if it is
    /// earlier than the latest the clock has seen.
    pub(crate) fn check_ls(&self, at: &DateTime<FixedOffset>, ls: i64) -> Result<(), ClockError> {
        if ls < self.last {
            return Err(ClockError::TimeBackwards {
                at: *at,
                last: crate::time::from_local_secs(self.last).unwrap_or(*at),
            });
        }
        Ok(())
    }

    fn check_op(
        &self,
        op: &'static str,
        at: &DateTime<FixedOffset>,
        ls: i64,
        want_paused: bool,
    ) -> Result<(), ClockError> {
        self.check_ls(at, ls)?;
        if self.is_stopped() || self.is_paused() != want_paused {
            return Err(ClockError::BadState {
                op,
                state: self.state(),
            });
        }
        Ok(())
    }

    /// Pauses the clock at local second `ls` of `at`.
    pub(crate) fn pause(
        &mut self,
        at: &DateTime<FixedOffset>,
        ls: i64,
        reason: &str,
    ) -> Result<(), ClockError> {
        self.check_op("pause", at, ls, false)?;
        let from = crate::time::from_local_secs(ls).unwrap_or(*at);
        self.pauses.get_or_insert_default().push(Pause {
            from,
            to: None,
            reason: reason.to_string(),
        });
        self.last = ls;
        Ok(())
    }

    /// Resumes a paused clock at local second `ls` of `at`: the due time
    /// moves by the paused amount.
    pub(crate) fn resume(
        &mut self,
        cal: &Calendar,
        at: &DateTime<FixedOffset>,
        ls: i64,
    ) -> Result<(), ClockError> {
        self.check_op("resume", at, ls, true)?;
        self.resume_at(cal, ls)
    }

    /// Ends the open pause at `ls` (all or nothing).
    fn resume_at(&mut self, cal: &Calendar, ls: i64) -> Result<(), ClockError> {
        let mut next = self.clone();
        let to = crate::time::from_local_secs(ls);
        if let Some(p) = next.pauses.as_deref_mut().and_then(|p| p.last_mut()) {
            p.to = to;
        }
        next.last = ls;
        next.recount(cal)?;
        *self = next;
        Ok(())
    }

    /// Extends the limit by `extra`, in the limit's unit.
    pub(crate) fn extend(&mut self, cal: &Calendar, extra: Limit) -> Result<(), ClockError> {
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
        let old = self.limit;
        self.limit = self.limit.with_amount(amount);
        if let Err(e) = self.recount(cal) {
            self.limit = old;
            return Err(e.into());
        }
        Ok(())
    }

    /// Stops the clock at local second `ls` of `at` (a paused clock
    /// resumes and stops at that instant).
    pub(crate) fn stop(
        &mut self,
        cal: &Calendar,
        at: &DateTime<FixedOffset>,
        ls: i64,
    ) -> Result<(), ClockError> {
        self.check_ls(at, ls)?;
        if self.is_stopped() {
            return Err(ClockError::BadState {
                op: "stop",
                state: "stopped",
            });
        }
        if self.is_paused() {
            self.resume_at(cal, ls)?;
        } else {
            self.refresh(cal);
        }
        self.stopped = ls;
        self.last = ls;
        Ok(())
    }

    /// The limit, with extensions.
    pub(crate) fn limit(&self) -> Limit {
        self.limit
    }

    /// The day-end policy.
    pub(crate) fn policy(&self) -> DayEnd {
        self.policy
    }

    /// Local second of the start.
    pub(crate) fn started_ls(&self) -> i64 {
        self.started
    }

    /// Local second of the stop, if stopped.
    pub(crate) fn stopped_ls(&self) -> Option<i64> {
        self.is_stopped().then_some(self.stopped)
    }

    /// The latest local second seen.
    pub(crate) fn last_ls(&self) -> i64 {
        self.last
    }

    /// Whether the clock is paused.
    pub(crate) fn is_paused(&self) -> bool {
        self.paused_from().is_some()
    }

    /// The pauses on the record, in order.
    pub(crate) fn pauses(&self) -> &[Pause] {
        self.pauses.as_deref().map_or(&[], Vec::as_slice)
    }

    /// The settled due time (while paused: as if resumed at the pause's start).
    ///
    /// # Errors
    /// [`CalendarError::NotCovered`] while pending the calendar.
    pub(crate) fn due_ls(&self, cal: &Calendar) -> Result<i64, CalendarError> {
        Ok(self.counted(cal)?.due_ls)
    }

    /// The due time as seen at local second `now`: for a paused clock, as
    /// if it resumed at `now`.
    pub(crate) fn due_ls_at(&self, cal: &Calendar, now: i64) -> Result<i64, CalendarError> {
        let c = self.counted(cal)?;
        match self.paused_from() {
            Some(from) if !self.is_stopped() => {
                let pos = |t: i64| -> Result<i64, CalendarError> {
                    Ok(cal.measure_pos(self.measure, t)?.max(c.origin))
                };
                let open = pos(now.max(from))? - pos(from)?;
                let target = c.origin + self.limit.span_secs() + c.paused_total + open;
                cal.measure_at(self.measure, target, self.origin_ls().div_euclid(DAY_SECS))
            }
            _ => Ok(c.due_ls),
        }
    }

    /// The status at `now` (local second `now_ls`), yellow from `warning`
    /// of the limit.
    ///
    /// # Errors
    /// [`ClockError::TimeBackwards`] before the latest instant seen;
    /// [`ClockError::Calendar`] if the calendar cannot count it.
    pub(crate) fn status(
        &self,
        cal: &Calendar,
        now: &DateTime<FixedOffset>,
        now_ls: i64,
        warning: f64,
    ) -> Result<ClockStatus, ClockError> {
        self.check_ls(now, now_ls)?;
        let c = self.counted(cal)?;
        let budget = self.limit.span_secs();
        let due_ls = self.due_ls_at(cal, now_ls)?;
        // The instant up to which time counts.
        let (end, paused) = match (self.stopped_ls(), self.paused_from()) {
            (Some(s), _) => (s, false),
            (None, Some(from)) => (from, true),
            _ => (now_ls, false),
        };
        let elapsed = cal.measure_pos(self.measure, end)?.max(c.origin) - c.origin - c.paused_total;
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
            due: cal.instant_at(due_ls)?,
            elapsed: Duration::seconds(elapsed),
            remaining: Duration::seconds((budget - elapsed).max(0)),
            fraction,
            overrun: Duration::seconds(overrun),
        })
    }
}
