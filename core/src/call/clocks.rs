//! The stage clocks of a call and what they mean at an instant: countdowns
//! with lights, reminders due, stages to supervise, and when to look again.
//!
//! Nothing here reads the clock: every question takes `now`.

use chrono::{DateTime, Duration, FixedOffset};
use serde::{Deserialize, Serialize};

use super::{Actor, Call, CallError, Event, EventKind, EventType, Id, Mark, Role, StateKind};
use crate::catalog::Stage;
use crate::sla::{ClockPhase, ClockStatus, Limit, SlaClock};

/// The clock of one stage of a call, in one round.
///
/// A stage gets a new clock (the next round) when it starts again: dispatch
/// after a return, arrival and reply after a re-dispatch, reply after an
/// unsatisfied evaluation. A clock ends stopped (the stage was done) or
/// cancelled (a return or withdrawal ended it).
///
/// ```
/// use huying::{calendar::Calendar, call::{Call, CallPolicy}, catalog::Stage};
/// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
/// let arrival = call.clock(Stage::Arrival).unwrap();
/// assert_eq!(arrival.round(), 1);
/// assert_eq!(arrival.unit().map(|u| u.as_str()), Some("U010"));
/// assert_eq!(arrival.sla().stopped().unwrap().to_rfc3339(), "2025-06-03T11:40:00+08:00");
/// assert!(!arrival.is_running() && !arrival.is_cancelled());
/// # Ok::<(), huying::call::CallError>(())
/// ```
#[derive(Clone)]
pub struct StageClock {
    pub(super) stage: Stage,
    pub(super) round: u16,
    pub(super) unit: Option<Id>,
    pub(super) clock: SlaClock,
    pub(super) end: Option<End>,
    pub(super) supervised: u16,
    pub(super) reminded: Option<Mark>,
    pub(super) extended: bool,
}

/// How a clock ended (when, and the due time then in force, are on the
/// SLA clock itself: its stop instant and its settled due time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct End {
    pub(super) cancelled: bool,
}

impl std::fmt::Debug for StageClock {
    /// The record of the clock, without its calendar's tables.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StageClock")
            .field("stage", &self.stage)
            .field("round", &self.round)
            .field("unit", &self.unit)
            .field("limit", &self.clock.limit())
            .field("started", &self.clock.started())
            .field("due", &self.clock.due().ok())
            .field("pauses", &self.clock.pauses())
            .field("end", &self.end)
            .field("supervised", &self.supervised)
            .field("reminded", &self.reminded)
            .field("extended", &self.extended)
            .finish()
    }
}

impl PartialEq for StageClock {
    /// Equal when everything on the record is: stage, round, unit, limit,
    /// day-end rule, start, pauses, stop, due time, supervision and reminders.
    fn eq(&self, o: &StageClock) -> bool {
        self.stage == o.stage
            && self.round == o.round
            && self.unit == o.unit
            && self.end == o.end
            && self.supervised == o.supervised
            && self.reminded == o.reminded
            && self.extended == o.extended
            && self.clock.limit() == o.clock.limit()
            && self.clock.policy() == o.clock.policy()
            && self.clock.started() == o.clock.started()
            && self.clock.stopped() == o.clock.stopped()
            && self.clock.last_instant() == o.clock.last_instant()
            && self.clock.pauses() == o.clock.pauses()
            && self.clock.due().ok() == o.clock.due().ok()
    }
}

impl StageClock {
    /// Asks the processor for the clock's lines (a hint; reads nothing).
    #[inline(always)]
    pub(crate) fn prefetch(&self) {
        crate::hint::prefetch(&self.clock);
        crate::hint::prefetch(&self.unit);
        crate::hint::prefetch(&self.end);
    }

    #[inline]
    pub(super) fn new(stage: Stage, round: u16, unit: Option<Id>, clock: SlaClock) -> StageClock {
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

    /// Stops (or cancels) the clock at `at`. All or nothing: an SLA clock's
    /// `stop` changes nothing when it fails.
    pub(super) fn end(
        &mut self,
        at: &DateTime<FixedOffset>,
        ls: i64,
        cancelled: bool,
    ) -> Result<(), CallError> {
        self.clock.stop_ls(at, ls)?;
        self.end = Some(End { cancelled });
        Ok(())
    }

    /// The stage.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.clocks()[0].stage(), huying::catalog::Stage::Dispatch);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// The round: 1 for the stage's first clock, 2 for the next, …
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.clocks()[0].round(), 1);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn round(&self) -> u16 {
        self.round
    }

    /// The unit that answers for the stage: the department for arrival and
    /// reply; for dispatch, the command centre unit that dispatched (or the
    /// policy's command centre, or the one that acknowledged, until then).
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.clocks()[0].unit().map(|u| u.as_str()), Some("U008"));
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn unit(&self) -> Option<&Id> {
        self.unit.as_ref()
    }

    /// The SLA clock itself: limit (with extensions), start, pauses, stop, due.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.clocks()[0].sla().limit(), huying::sla::Limit::Minutes(30));
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn sla(&self) -> &SlaClock {
        &self.clock
    }

    /// Whether the clock still runs (or is paused): not stopped, not cancelled.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert!(call.clocks().iter().all(|c| !c.is_running()));
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn is_running(&self) -> bool {
        self.end.is_none()
    }

    /// Whether a return or a withdrawal ended the clock.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert!(!call.clocks()[0].is_cancelled());
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn is_cancelled(&self) -> bool {
        self.end.is_some_and(|e| e.cancelled)
    }

    /// How often the command centre supervised the stage.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.clocks()[0].supervised(), 0);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn supervised(&self) -> u16 {
        self.supervised
    }

    /// The latest reminder mark sent (earlier marks count as sent).
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.clocks()[0].reminded(), None);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn reminded(&self) -> Option<Mark> {
        self.reminded
    }

    /// The instant the clock stopped or was cancelled, and the due time then.
    pub(super) fn ended(&self) -> Option<End> {
        self.end
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
    fn first_instant(
        &self,
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
            Ok((t, self.clock.status_with(t, warning)?))
        };
        let mut lo = now.timestamp();
        let mut hi = self.clock.due()?.timestamp().saturating_add(1);
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

/// A countdown's colour: green below the warning fraction of the limit,
/// yellow from it to the due time, red past it.
///
/// ```
/// assert_eq!(huying::call::Light::Yellow.code(), "yellow");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Light {
    /// On track.
    Green,
    /// Past the warning fraction, not yet due.
    Yellow,
    /// Past the due time.
    Red,
}

impl Light {
    /// The stable code: `green`, `yellow`, `red`.
    ///
    /// ```
    /// assert_eq!(huying::call::Light::Red.code(), "red");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Light::Green => "green",
            Light::Yellow => "yellow",
            Light::Red => "red",
        }
    }

    fn of(phase: ClockPhase) -> Light {
        match phase {
            ClockPhase::OnTrack | ClockPhase::Met => Light::Green,
            ClockPhase::Warning => Light::Yellow,
            ClockPhase::Breached | ClockPhase::Missed => Light::Red,
        }
    }
}

/// A running countdown, as the platform shows it.
///
/// ```
/// use huying::{calendar::Calendar, call::{Call, CallPolicy, Light}, catalog::Stage};
/// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), &huying::call::log::EXAMPLE.lines().next().unwrap())?;
/// let now = chrono::DateTime::parse_from_rfc3339("2025-06-03T09:25:00+08:00").unwrap();
/// let board = call.at(now)?;
/// let c = &board.countdowns[0];
/// assert_eq!((c.stage, c.light), (Stage::Dispatch, Light::Yellow)); // 25 of 30 minutes
/// assert_eq!(c.remaining, chrono::Duration::minutes(5));
/// # Ok::<(), huying::call::CallError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Countdown {
    /// The stage.
    pub stage: Stage,
    /// The round of the stage's clock.
    pub round: u16,
    /// The unit that answers for it (see [`StageClock::unit`]).
    pub unit: Option<Id>,
    /// The limit, with extensions.
    pub limit: Limit,
    /// When the clock started.
    pub started: DateTime<FixedOffset>,
    /// When it is due (for a paused clock: as if it resumed now).
    pub due: DateTime<FixedOffset>,
    /// Time counted so far, in the limit's measure.
    pub elapsed: Duration,
    /// Time left, in the limit's measure (zero once due).
    pub remaining: Duration,
    /// Natural time past the due time (zero before it).
    pub overrun: Duration,
    /// The share of the limit used (may exceed 1).
    pub fraction: f64,
    /// The light.
    pub light: Light,
    /// Whether the clock is paused.
    pub paused: bool,
    /// How often the stage was supervised.
    pub supervised: u16,
}

/// Who a reminder goes to: a role and, where known, the unit.
///
/// ```
/// use huying::call::{Recipient, Role};
/// let r = Recipient { role: Role::Department, unit: Some("U010".into()) };
/// assert_eq!(r.role.code(), "department");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Recipient {
    /// The role.
    pub role: Role,
    /// The unit, if known (the command centre's is known once it acted or
    /// when the policy names it).
    pub unit: Option<Id>,
}

/// A reminder (an SMS) the platform must send, once.
///
/// The `id` is stable — `{call}/{stage}/{round}/{mark}` — so a platform can
/// de-duplicate on it too. [`Call::poll_reminders`] returns each reminder
/// once and records it with a `reminder_sent` event, to be appended to the
/// call's log.
///
/// ```
/// use huying::{calendar::Calendar, call::{Call, CallPolicy, Mark}};
/// let mut call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), &huying::call::log::EXAMPLE.lines().next().unwrap())?;
/// let now = chrono::DateTime::parse_from_rfc3339("2025-06-03T09:16:00+08:00").unwrap();
/// let sent = call.poll_reminders(now)?;
/// assert_eq!(sent.len(), 1);
/// assert_eq!(sent[0].id, "C2025-0001/dispatch/1/50%");
/// assert_eq!(sent[0].mark, Mark::Percent(50));
/// assert!(call.poll_reminders(now)?.is_empty()); // never twice
/// # Ok::<(), huying::call::CallError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reminder {
    /// Stable id: `{call}/{stage}/{round}/{mark}`.
    pub id: String,
    /// The call.
    pub call: Id,
    /// The stage.
    pub stage: Stage,
    /// The round of the stage's clock.
    pub round: u16,
    /// The mark reached (the latest one: earlier marks not yet sent are
    /// folded into it).
    pub mark: Mark,
    /// The stage's due time.
    pub due: DateTime<FixedOffset>,
    /// Who to send it to: the unit answering for the stage, and at breach of
    /// a department's stage the command centre as well.
    pub to: Vec<Recipient>,
    /// The `reminder_sent` event that records it (by the platform's system
    /// actor, at the instant asked about): append it to the call's log.
    pub event: Event,
}

/// A stage past its due time and still running: the command centre should
/// supervise it (督办).
///
/// ```
/// use huying::{calendar::Calendar, call::{Call, CallPolicy}, catalog::Stage};
/// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), &huying::call::log::EXAMPLE.lines().next().unwrap())?;
/// let board = call.at(chrono::DateTime::parse_from_rfc3339("2025-06-03T10:00:00+08:00").unwrap())?;
/// assert_eq!(board.supervise[0].stage, Stage::Dispatch);
/// assert_eq!(board.supervise[0].overrun, chrono::Duration::minutes(30));
/// # Ok::<(), huying::call::CallError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overdue {
    /// The stage.
    pub stage: Stage,
    /// The round.
    pub round: u16,
    /// The unit that answers for it.
    pub unit: Option<Id>,
    /// The due time.
    pub due: DateTime<FixedOffset>,
    /// Natural time past it.
    pub overrun: Duration,
    /// How often it was supervised already.
    pub supervised: u16,
}

/// An extension asked for and not yet granted or denied.
///
/// ```
/// let p = huying::call::PendingExtension {
///     stage: huying::catalog::Stage::Reply, round: 1,
///     extra: huying::sla::Limit::WorkingDays(2), reason: "等待检测".into(),
///     asked: chrono::DateTime::parse_from_rfc3339("2025-06-04T10:00:00+08:00").unwrap(),
/// };
/// assert_eq!(p.extra.to_string(), "2wd");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingExtension {
    /// The stage.
    pub stage: Stage,
    /// The round of the stage's clock.
    pub round: u16,
    /// The time asked for.
    pub extra: Limit,
    /// Why.
    pub reason: String,
    /// When it was asked for.
    pub asked: DateTime<FixedOffset>,
}

/// What the platform must show and do for a call at an instant.
///
/// ```
/// use huying::{calendar::Calendar, call::{Call, CallPolicy}};
/// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), &huying::call::log::EXAMPLE.lines().next().unwrap())?;
/// let now = chrono::DateTime::parse_from_rfc3339("2025-06-03T09:05:00+08:00").unwrap();
/// let b = call.at(now)?;
/// assert!(b.alarm);
/// assert_eq!(b.countdowns.len(), 1);
/// assert!(b.reminders.is_empty());
/// assert_eq!(b.next_wakeup.unwrap().to_rfc3339(), "2025-06-03T09:15:00+08:00"); // the 50% reminder
/// # Ok::<(), huying::call::CallError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Board {
    /// The instant asked about.
    pub now: DateTime<FixedOffset>,
    /// The call's state.
    pub state: StateKind,
    /// Whether the alarm rings (raised or returned, not yet acknowledged).
    pub alarm: bool,
    /// Each running (or paused) countdown.
    pub countdowns: Vec<Countdown>,
    /// Reminders due and not yet sent (what [`Call::poll_reminders`] would send).
    pub reminders: Vec<Reminder>,
    /// Stages past due and still running.
    pub supervise: Vec<Overdue>,
    /// The pending extension request, if any.
    pub extension: Option<PendingExtension>,
    /// The events the state accepts.
    pub expected: &'static [EventType],
    /// The next instant anything shown changes (a light, a reminder, a
    /// breach); `None` when nothing will change without a new event.
    pub next_wakeup: Option<DateTime<FixedOffset>>,
}

impl Call {
    fn check_now(&self, now: DateTime<FixedOffset>) -> Result<(), CallError> {
        crate::time::check_instant(&now).map_err(crate::sla::ClockError::from)?;
        if now < self.last {
            return Err(CallError::TimeBackwards {
                at: now,
                last: self.last,
            });
        }
        Ok(())
    }

    fn command_centre_recipient(&self) -> Recipient {
        Recipient {
            role: Role::CommandCentre,
            unit: self
                .policy
                .command_centre()
                .or(self.command_centre.as_ref())
                .cloned(),
        }
    }

    fn reminder(
        &self,
        c: &StageClock,
        mark: Mark,
        due: DateTime<FixedOffset>,
        now: DateTime<FixedOffset>,
    ) -> Reminder {
        let accountable = Recipient {
            role: if c.stage == Stage::Dispatch {
                Role::CommandCentre
            } else {
                Role::Department
            },
            unit: c.unit.clone(),
        };
        let mut to = vec![accountable];
        if mark == Mark::Breach && c.stage != Stage::Dispatch {
            to.push(self.command_centre_recipient());
        }
        Reminder {
            id: format!("{}/{}/{}/{}", self.id, c.stage.code(), c.round, mark),
            call: self.id.clone(),
            stage: c.stage,
            round: c.round,
            mark,
            due,
            to,
            event: self.reminder_event(c.stage, c.round, mark, now),
        }
    }

    /// The latest reminder mark of a clock that is due at status `s` and not
    /// yet sent.
    fn due_mark(&self, c: &StageClock, s: &ClockStatus) -> Option<Mark> {
        self.policy
            .marks()
            .rev()
            .find(|&m| c.reached(s, m))
            .filter(|&m| c.reminded.is_none_or(|r| m > r))
    }

    /// What the platform must show and do at `now`: the alarm, the running
    /// countdowns with their lights, the reminders due, the stages to
    /// supervise, the pending extension, and the next wake-up.
    ///
    /// # Errors
    /// [`CallError::TimeBackwards`] if `now` is before the call's latest
    /// event; a clock error if `now` is outside the calendar.
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::{Call, CallPolicy, Light, StateKind}};
    /// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// let b = call.at(chrono::DateTime::parse_from_rfc3339("2025-06-07T00:00:00+08:00").unwrap())?;
    /// assert_eq!(b.state, StateKind::Closed);
    /// assert!(!b.alarm && b.countdowns.is_empty() && b.next_wakeup.is_none());
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn at(&self, now: DateTime<FixedOffset>) -> Result<Board, CallError> {
        self.check_now(now)?;
        let now = crate::to_china(now);
        let warning = self.policy.warning();
        let mut board = Board {
            now,
            state: self.state,
            alarm: self.state.alarm(),
            countdowns: Vec::new(),
            reminders: Vec::new(),
            supervise: Vec::new(),
            extension: self.pending.as_deref().cloned(),
            expected: self.state.expected(),
            next_wakeup: self.next_wakeup(now)?,
        };
        for c in self.clocks.iter().filter(|c| c.is_running()) {
            let s = c.clock.status_with(now, warning)?;
            if let Some(m) = self.due_mark(c, &s) {
                board.reminders.push(self.reminder(c, m, s.due, now));
            }
            if s.phase == ClockPhase::Breached {
                board.supervise.push(Overdue {
                    stage: c.stage,
                    round: c.round,
                    unit: c.unit.clone(),
                    due: s.due,
                    overrun: s.overrun,
                    supervised: c.supervised,
                });
            }
            board.countdowns.push(Countdown {
                stage: c.stage,
                round: c.round,
                unit: c.unit.clone(),
                limit: c.clock.limit(),
                started: c.clock.started(),
                due: s.due,
                elapsed: s.elapsed,
                remaining: s.remaining,
                overrun: s.overrun,
                fraction: s.fraction,
                light: Light::of(s.phase),
                paused: s.paused,
                supervised: c.supervised,
            });
        }
        Ok(board)
    }

    /// The next instant after `now` at which anything [`Call::at`] shows
    /// changes: a light turns yellow or red, a reminder falls due, a stage
    /// breaches. `Some(now)` if reminders are due now and not yet sent;
    /// `None` if nothing changes without a new event (no running clock, or
    /// all paused with nothing to send). A scheduler can sleep until then.
    ///
    /// # Errors
    /// As [`Call::at`].
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::{Call, CallPolicy}};
    /// let mut call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), &huying::call::log::EXAMPLE.lines().next().unwrap())?;
    /// let t = |s| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    /// assert_eq!(call.next_wakeup(t("2025-06-03T09:00:00+08:00"))?, Some(t("2025-06-03T09:15:00+08:00"))); // 50%
    /// call.poll_reminders(t("2025-06-03T09:15:00+08:00"))?;
    /// assert_eq!(call.next_wakeup(t("2025-06-03T09:15:00+08:00"))?, Some(t("2025-06-03T09:24:00+08:00"))); // 80%, yellow
    /// call.poll_reminders(t("2025-06-03T09:24:00+08:00"))?;
    /// assert_eq!(call.next_wakeup(t("2025-06-03T09:24:00+08:00"))?, Some(t("2025-06-03T09:30:01+08:00"))); // breach, red
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn next_wakeup(
        &self,
        now: DateTime<FixedOffset>,
    ) -> Result<Option<DateTime<FixedOffset>>, CallError> {
        self.check_now(now)?;
        let now = crate::to_china(now);
        let warning = self.policy.warning();
        let mut next: Option<DateTime<FixedOffset>> = None;
        let mut consider = |t: Option<DateTime<FixedOffset>>| {
            if let Some(t) = t {
                next = Some(next.map_or(t, |n| n.min(t)));
            }
        };
        for c in self.clocks.iter().filter(|c| c.is_running()) {
            let s = c.clock.status_with(now, warning)?;
            if self.due_mark(c, &s).is_some() {
                return Ok(Some(now));
            }
            if s.paused {
                continue;
            }
            // The light.
            match s.phase {
                ClockPhase::OnTrack => {
                    consider(c.first_instant(now, warning, |_, s| s.phase != ClockPhase::OnTrack)?);
                }
                ClockPhase::Warning => {
                    consider(
                        c.first_instant(now, warning, |_, s| s.phase == ClockPhase::Breached)?,
                    );
                }
                _ => {}
            }
            // The next reminder not yet reached.
            if let Some(m) = self
                .policy
                .marks()
                .find(|&m| c.reminded.is_none_or(|r| m > r) && !c.reached(&s, m))
            {
                consider(c.first_instant(now, warning, |c, s| c.reached(s, m))?);
            }
        }
        Ok(next)
    }

    /// The reminders due at `now` and not sent before, at most one per
    /// running clock (its latest mark reached; earlier marks not yet sent are
    /// folded into it). Each is recorded as a `reminder_sent` event by the
    /// platform's system actor, so no reminder is returned twice, and a
    /// replay of the log (with those events) gives the same call: append
    /// each reminder's [`event`](Reminder::event) to the log.
    ///
    /// A reminder event records `now` but does not move the call's own time
    /// forward: events stamped a little before a poll still apply.
    ///
    /// # Errors
    /// As [`Call::at`]. Nothing is recorded on error.
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::{Call, CallPolicy, Mark, Role}};
    /// let mut call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), &huying::call::log::EXAMPLE.lines().next().unwrap())?;
    /// let now = chrono::DateTime::parse_from_rfc3339("2025-06-03T09:40:00+08:00").unwrap();
    /// let sent = call.poll_reminders(now)?;
    /// assert_eq!(sent.len(), 1);
    /// assert_eq!(sent[0].mark, Mark::Breach); // 50% and 80% folded into it
    /// assert_eq!(sent[0].to[0].role, Role::CommandCentre);
    /// assert_eq!(sent[0].event.kind, huying::call::EventKind::ReminderSent { stage: sent[0].stage, round: 1, mark: Mark::Breach });
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn poll_reminders(
        &mut self,
        now: DateTime<FixedOffset>,
    ) -> Result<Vec<Reminder>, CallError> {
        let due = self.at(now)?.reminders;
        // Validate every reminder first, on a copy: nothing is recorded on error.
        let mut next = self.clone();
        for r in &due {
            next.apply(&r.event)?;
        }
        *self = next;
        Ok(due)
    }

    fn reminder_event(
        &self,
        stage: Stage,
        round: u16,
        mark: Mark,
        now: DateTime<FixedOffset>,
    ) -> Event {
        Event::new(
            self.id.clone(),
            now,
            Actor::system(super::SYSTEM_UNIT),
            EventKind::ReminderSent { stage, round, mark },
        )
    }
}
