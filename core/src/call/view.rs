//! What a call means at an instant: its countdowns with lights, the
//! reminders due, the stages to supervise, and when to look again
//! ([`CallView`]). Nothing here reads the clock: every question takes `now`.

use chrono::{DateTime, Duration, FixedOffset};
use serde::{Deserialize, Serialize};

use super::core::{CallCore, Context};
use super::{
    Actor, CallError, Event, EventKind, EventType, Id, Mark, Names, Role, StageClock, StateKind,
};
use crate::catalog::Stage;
use crate::sla::{ClockPhase, ClockStatus, Limit};

/// A countdown's colour: green below the warning fraction of the limit,
/// yellow from it to the due time, red past it; grey while the calendar
/// does not cover the due time yet.
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
    /// The due time is in a year the calendar does not cover yet
    /// ([`Countdown::pending_calendar`] names it).
    Grey,
}

impl Light {
    /// The stable code: `green`, `yellow`, `red`, `grey`.
    ///
    /// ```
    /// assert_eq!(huying::call::Light::Red.code(), "red");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Light::Green => "green",
            Light::Yellow => "yellow",
            Light::Red => "red",
            Light::Grey => "grey",
        }
    }

    pub(crate) fn of(phase: ClockPhase) -> Light {
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
/// let view = call.at(now)?;
/// let c = &view.countdowns[0];
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
    /// When it is due (for a paused clock: as if it resumed now); `None`
    /// while the calendar does not cover the due time.
    pub due: Option<DateTime<FixedOffset>>,
    /// Time counted so far, in the limit's measure (zero while pending the calendar).
    pub elapsed: Duration,
    /// Time left, in the limit's measure (zero once due, or while pending).
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
    /// The year the calendar must cover before the due time is known
    /// (load that year's notice), if it does not yet.
    pub pending_calendar: Option<i32>,
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
/// de-duplicate on it too. [`Call::poll_reminders`](super::Call::poll_reminders)
/// returns each reminder once and records it with a `reminder_sent` event,
/// to be appended to the call's log.
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
/// let view = call.at(chrono::DateTime::parse_from_rfc3339("2025-06-03T10:00:00+08:00").unwrap())?;
/// assert_eq!(view.supervise[0].stage, Stage::Dispatch);
/// assert_eq!(view.supervise[0].overrun, chrono::Duration::minutes(30));
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
/// use huying::{calendar::Calendar, call::{Call, CallPolicy}};
/// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
/// assert!(call.pending_extension().is_none());
/// # Ok::<(), huying::call::CallError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingExtension {
    /// The stage.
    pub stage: Stage,
    /// The round of the stage's clock.
    pub round: u16,
    /// The extra time asked for, in the limit's unit.
    pub extra: Limit,
    /// Why.
    pub reason: String,
    /// When it was asked for.
    pub asked: DateTime<FixedOffset>,
}

/// Everything about a call at one instant: what to ring, show and send.
///
/// ```
/// use huying::{calendar::Calendar, call::{Call, CallPolicy, StateKind}};
/// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), &huying::call::log::EXAMPLE.lines().next().unwrap())?;
/// let view = call.at(chrono::DateTime::parse_from_rfc3339("2025-06-03T09:05:00+08:00").unwrap())?;
/// assert_eq!(view.state, StateKind::Raised);
/// assert!(view.alarm);
/// assert_eq!(view.countdowns.len(), 1);
/// assert!(view.pending_calendar.is_none());
/// # Ok::<(), huying::call::CallError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CallView {
    /// The instant asked about (China time).
    pub now: DateTime<FixedOffset>,
    /// The call's state.
    pub state: StateKind,
    /// Whether the alarm rings (a new call, or a returned one, not yet acknowledged).
    pub alarm: bool,
    /// The running countdowns.
    pub countdowns: Vec<Countdown>,
    /// The reminders due now and not yet sent.
    pub reminders: Vec<Reminder>,
    /// The stages past due, to supervise.
    pub supervise: Vec<Overdue>,
    /// The extension pending, if any.
    pub extension: Option<PendingExtension>,
    /// The events the state accepts next.
    pub expected: &'static [EventType],
    /// When to ask again (the next light change or reminder); clocks
    /// pending the calendar are left out until the year is loaded.
    pub next_wakeup: Option<DateTime<FixedOffset>>,
    /// The year the calendar must cover for a running clock to count, if
    /// one waits for it (load that year's notice and give the call the
    /// calendar).
    pub pending_calendar: Option<i32>,
}

impl CallCore {
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

    fn command_centre_recipient(&self, cx: Context<'_>, names: &Names) -> Recipient {
        Recipient {
            role: Role::CommandCentre,
            unit: cx
                .policy
                .command_centre()
                .cloned()
                .or_else(|| self.command_centre.map(|n| names.get(n).clone())),
        }
    }

    fn reminder(
        &self,
        cx: Context<'_>,
        names: &Names,
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
            unit: c.unit.map(|n| names.get(n).clone()),
        };
        let mut to = vec![accountable];
        if mark == Mark::Breach && c.stage != Stage::Dispatch {
            to.push(self.command_centre_recipient(cx, names));
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

    fn due_mark(&self, cx: Context<'_>, c: &StageClock, s: &ClockStatus) -> Option<Mark> {
        cx.policy
            .marks()
            .rev()
            .find(|&m| c.reached(s, m))
            .filter(|&m| c.reminded.is_none_or(|r| m > r))
    }

    /// The countdown of a running clock at `now`; a clock pending the
    /// calendar gives a grey countdown naming the year.
    pub(super) fn countdown(
        &self,
        cx: Context<'_>,
        names: &Names,
        c: &StageClock,
        now: &DateTime<FixedOffset>,
        ls: i64,
    ) -> Result<(Countdown, Option<ClockStatus>), CallError> {
        let base = |due, light, pending| Countdown {
            stage: c.stage,
            round: c.round,
            unit: c.unit.map(|n| names.get(n).clone()),
            limit: c.limit(),
            started: crate::time::from_local_secs(c.started_ls()).unwrap_or(*now),
            due,
            elapsed: Duration::zero(),
            remaining: Duration::zero(),
            overrun: Duration::zero(),
            fraction: 0.0,
            light,
            paused: c.is_paused(),
            supervised: c.supervised,
            pending_calendar: pending,
        };
        if let Some(year) = c.pending_on(cx.calendar) {
            return Ok((base(None, Light::Grey, Some(year)), None));
        }
        let s = c.status(cx.calendar, now, ls, cx.policy.warning())?;
        let countdown = Countdown {
            elapsed: s.elapsed,
            remaining: s.remaining,
            overrun: s.overrun,
            fraction: s.fraction,
            paused: s.paused,
            ..base(Some(s.due), Light::of(s.phase), None)
        };
        Ok((countdown, Some(s)))
    }

    /// Everything about the call at `now`: alarm, countdowns with lights,
    /// reminders due, stages to supervise, the pending extension, when to
    /// look again, and the year a clock waits for, if one does.
    ///
    /// # Errors
    /// [`CallError::TimeBackwards`] if `now` is before the call's latest
    /// event; a clock error if the instant cannot be counted.
    pub fn at(
        &self,
        cx: Context<'_>,
        names: &Names,
        now: DateTime<FixedOffset>,
    ) -> Result<CallView, CallError> {
        self.check_now(now)?;
        let now = crate::to_china(now);
        let ls = crate::time::local_secs(&now);
        let mut view = CallView {
            now,
            state: self.state,
            alarm: self.state.alarm(),
            countdowns: Vec::new(),
            reminders: Vec::new(),
            supervise: Vec::new(),
            extension: self.pending.as_deref().cloned(),
            expected: self.state.expected(),
            next_wakeup: self.next_wakeup(cx, now)?,
            pending_calendar: None,
        };
        for c in self.clocks.iter().filter(|c| c.is_running()) {
            let (countdown, status) = self.countdown(cx, names, c, &now, ls)?;
            if let Some(year) = countdown.pending_calendar {
                view.pending_calendar = Some(view.pending_calendar.map_or(year, |y| y.min(year)));
            }
            if let Some(s) = status {
                if let Some(m) = self.due_mark(cx, c, &s) {
                    view.reminders
                        .push(self.reminder(cx, names, c, m, s.due, now));
                }
                if s.phase == ClockPhase::Breached {
                    view.supervise.push(Overdue {
                        stage: c.stage,
                        round: c.round,
                        unit: c.unit.map(|n| names.get(n).clone()),
                        due: s.due,
                        overrun: s.overrun,
                        supervised: c.supervised,
                    });
                }
            }
            view.countdowns.push(countdown);
        }
        Ok(view)
    }

    /// When to ask again: the first instant after `now` at which a light
    /// changes or a reminder falls due (`now` itself if one is due). Clocks
    /// pending the calendar are left out: they count once the year is loaded.
    ///
    /// # Errors
    /// As [`CallCore::at`].
    pub fn next_wakeup(
        &self,
        cx: Context<'_>,
        now: DateTime<FixedOffset>,
    ) -> Result<Option<DateTime<FixedOffset>>, CallError> {
        self.check_now(now)?;
        let now = crate::to_china(now);
        let ls = crate::time::local_secs(&now);
        let cal = cx.calendar;
        let warning = cx.policy.warning();
        let mut next: Option<DateTime<FixedOffset>> = None;
        let mut consider = |t: Option<DateTime<FixedOffset>>| {
            if let Some(t) = t {
                next = Some(next.map_or(t, |n| n.min(t)));
            }
        };
        for c in self.clocks.iter().filter(|c| c.is_running()) {
            if c.pending_on(cal).is_some() {
                continue;
            }
            let s = c.status(cal, &now, ls, warning)?;
            if self.due_mark(cx, c, &s).is_some() {
                return Ok(Some(now));
            }
            if s.paused {
                continue;
            }
            // The light.
            match s.phase {
                ClockPhase::OnTrack => {
                    consider(
                        c.first_instant(cal, now, warning, |_, s| s.phase != ClockPhase::OnTrack)?,
                    );
                }
                ClockPhase::Warning => {
                    consider(c.first_instant(cal, now, warning, |_, s| {
                        s.phase == ClockPhase::Breached
                    })?);
                }
                _ => {}
            }
            // The next reminder not yet reached.
            if let Some(m) = cx
                .policy
                .marks()
                .find(|&m| c.reminded.is_none_or(|r| m > r) && !c.reached(&s, m))
            {
                consider(c.first_instant(cal, now, warning, |c, s| c.reached(s, m))?);
            }
        }
        Ok(next)
    }

    /// The `reminder_sent` event of a reminder, by the platform's system actor.
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
