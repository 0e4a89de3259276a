//! [`Call`]: a call's core with its own calendar, policy and name table —
//! what platforms and the bindings hold.

use std::borrow::Borrow;

use chrono::{DateTime, FixedOffset};

use super::core::{CallCore, Context};
use super::verdict::Verdict;
use super::{
    CallError, CallFacts, CallPolicy, CallView, Channel, Event, Names, PendingExtension, Reminder,
    StageClock, State, StateKind,
};
use crate::Id;
use crate::calendar::Calendar;
use crate::catalog::Stage;
use crate::sla::{DayEnd, Limit, Pause};

/// One township call: its facts, its state, its stage clocks.
///
/// State = fold(events): build it with [`Call::raise`] and feed it events
/// with [`Call::apply`], or rebuild it from a log with [`Call::from_events`]
/// or [`Call::replay`]; both give equal calls (`==` compares everything on
/// the record, not the calendar).
///
/// A `Call` is a [`CallCore`] (the lifecycle rules, sans-I/O) with the
/// calendar and policy it passes to each step and the table its units are
/// numbered in. Clocks (see [`StageClock`]):
///
/// - **dispatch** starts when the call is raised and stops when it is
///   dispatched; a return starts a new dispatch clock (round 2, …) at the
///   return;
/// - **arrival** and **reply** start at dispatch — not at signature, so a slow
///   signature eats into the department's time — and stop at arrival and at
///   reply; a return cancels them; an unsatisfied evaluation starts a new
///   reply clock at the evaluation;
/// - a withdrawal cancels every running clock.
///
/// A clock whose due time falls in a year the calendar does not cover yet
/// is *pending the calendar*: the event that started it is accepted (it
/// happened), the countdown is grey and names the year
/// ([`CallView::pending_calendar`]), and the clock counts once the call is
/// given a calendar with that year ([`Call::set_calendar`]).
///
/// Rights: the command centre acknowledges, dispatches, supervises, pauses
/// and resumes clocks, grants or denies extensions and closes; only the
/// department the call is dispatched to signs, returns, arrives, replies and
/// asks for extensions (on arrival or reply); only the raising township
/// evaluates and withdraws; the platform's system actor records reminders.
/// The platform authenticates who sent an event; the policy decides how far
/// Huying checks what that identity may do (see [`CallPolicy`]).
///
/// ```
/// use huying::{calendar::Calendar, call::{Actor, Call, CallPolicy, Channel, Event, EventKind, StateKind}};
/// let t = |s| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let cal = Calendar::china();
/// let policy = CallPolicy::new("U008");
/// let raised = Event::new("C1", t("2025-06-03T09:00:00+08:00"), Actor::township("U068"),
///     EventKind::Raised { township: "U068".into(), matter: "M001".into(), channel: Channel::Video });
/// let mut call = Call::raise(&cal, &policy, &raised)?;
/// let mut log = vec![raised];
/// for e in [
///     Event::new("C1", t("2025-06-03T09:05:00+08:00"), Actor::command_centre("U008"),
///         EventKind::Dispatched { department: "U010".into(), supporting: vec![] }),
///     Event::new("C1", t("2025-06-03T09:30:00+08:00"), Actor::department("U010"), EventKind::Signed),
/// ] {
///     call.apply(&e)?;
///     log.push(e);
/// }
/// assert_eq!(call.state().kind(), StateKind::Signed);
/// assert_eq!(Call::from_events(&cal, &policy, &log)?, call);
/// # Ok::<(), huying::call::CallError>(())
/// ```
#[derive(Clone)]
pub struct Call {
    core: CallCore,
    names: Names,
    cal: Calendar,
    policy: CallPolicy,
}

impl std::fmt::Debug for Call {
    /// The call on the record, with its names; the calendar by name and
    /// data version only.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call")
            .field("core", &self.core)
            .field("names", &self.names)
            .field("policy", &self.policy)
            .field(
                "calendar",
                &format_args!("{} ({})", self.cal.name(), self.cal.data_version()),
            )
            .finish()
    }
}

impl PartialEq for Call {
    /// Equal when everything on the record is (the calendar is not compared).
    fn eq(&self, o: &Call) -> bool {
        self.core == o.core && self.names == o.names && self.policy == o.policy
    }
}

impl Call {
    fn cx(&self) -> Context<'_> {
        Context::new(&self.cal, &self.policy)
    }

    /// A new call from its `raised` event. The dispatch clock starts; the
    /// limits for the matter are fixed from the policy.
    ///
    /// # Errors
    /// [`CallError::NotRaised`] for another event; [`CallError::NotAuthorized`]
    /// unless a township raises in its own name; the policy's identity
    /// checks; [`CallError::BadPayload`] for an empty call, township or
    /// matter id.
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::{Actor, Call, CallPolicy, Channel, Event, EventKind}};
    /// let at = chrono::DateTime::parse_from_rfc3339("2025-06-03T09:00:00+08:00").unwrap();
    /// let e = Event::new("C1", at, Actor::township("U068"),
    ///     EventKind::Raised { township: "U068".into(), matter: "M001".into(), channel: Channel::Text });
    /// let call = Call::raise(&Calendar::china(), &CallPolicy::new("U008"), &e)?;
    /// assert!(call.alarm());
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn raise(cal: &Calendar, policy: &CallPolicy, e: &Event) -> Result<Call, CallError> {
        let mut names = Names::default();
        let core = CallCore::raise(
            Context::new(cal, policy),
            &mut names,
            e,
            crate::time::local_secs(&e.at),
        )?;
        Ok(Call {
            core,
            names,
            cal: cal.clone(),
            policy: policy.clone(),
        })
    }

    /// The call rebuilt from its events, the first being `raised`.
    ///
    /// # Errors
    /// [`CallError::Empty`] for no events; the first refusal otherwise.
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::{Call, CallPolicy, log}};
    /// let events = log::read(log::EXAMPLE)?;
    /// let call = Call::from_events(&Calendar::china(), &CallPolicy::new("U008"), &events)?;
    /// assert_eq!(call.event_count(), events.len());
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn from_events<I>(cal: &Calendar, policy: &CallPolicy, events: I) -> Result<Call, CallError>
    where
        I: IntoIterator,
        I::Item: Borrow<Event>,
    {
        let mut it = events.into_iter();
        let first = it.next().ok_or(CallError::Empty)?;
        let mut call = Call::raise(cal, policy, first.borrow())?;
        for e in it {
            call.apply(e.borrow())?;
        }
        Ok(call)
    }

    /// Applies one event: validates it, then folds it into the call.
    ///
    /// # Errors
    /// [`CallError::WrongCall`] for another call's event; otherwise as
    /// [`CallCore::apply`]. On any error the call is unchanged.
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::{Actor, Call, CallPolicy, Event, EventKind}};
    /// let mut call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), &huying::call::log::EXAMPLE.lines().next().unwrap())?;
    /// let before = call.clone();
    /// let at = chrono::DateTime::parse_from_rfc3339("2025-06-03T09:05:00+08:00").unwrap();
    /// let e = Event::new("C2025-0001", at, Actor::department("U010"), EventKind::Signed);
    /// assert_eq!(call.apply(&e).unwrap_err().code(), "call.invalid_transition");
    /// assert_eq!(call, before);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn apply(&mut self, e: &Event) -> Result<(), CallError> {
        if e.call != self.core.id {
            return Err(CallError::WrongCall {
                expected: self.core.id.clone(),
                got: e.call.clone(),
            });
        }
        let cx = Context::new(&self.cal, &self.policy);
        self.core
            .apply(cx, &mut self.names, e, crate::time::local_secs(&e.at))
    }

    /// Gives the call another calendar — the same with a year added (a new
    /// State Council notice) — and counts its clocks that waited for it.
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::{Call, CallPolicy}};
    /// let mut call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// call.set_calendar(&Calendar::china());
    /// assert_eq!(call.calendar().name(), "mainland China");
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn set_calendar(&mut self, cal: &Calendar) {
        self.cal = cal.clone();
        let cx = Context::new(&self.cal, &self.policy);
        self.core.refresh(cx);
    }

    /// Everything the platform shows and does at `now`: the alarm, the
    /// countdowns with their lights, the reminders due, the stages to
    /// supervise, the pending extension, when to look again, and the year a
    /// clock waits for, if one does.
    ///
    /// # Errors
    /// [`CallError::TimeBackwards`] if `now` is before the call's latest
    /// event; a clock error if the instant cannot be counted.
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::{Call, CallPolicy, Light}};
    /// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), &huying::call::log::EXAMPLE.lines().next().unwrap())?;
    /// let view = call.at(chrono::DateTime::parse_from_rfc3339("2025-06-03T09:25:00+08:00").unwrap())?;
    /// assert_eq!(view.countdowns[0].light, Light::Yellow);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn at(&self, now: DateTime<FixedOffset>) -> Result<CallView, CallError> {
        self.core.at(self.cx(), &self.names, now)
    }

    /// When to look at the call again (see [`CallCore::next_wakeup`]).
    ///
    /// # Errors
    /// As [`Call::at`].
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::{Call, CallPolicy}};
    /// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), &huying::call::log::EXAMPLE.lines().next().unwrap())?;
    /// let now = chrono::DateTime::parse_from_rfc3339("2025-06-03T09:00:00+08:00").unwrap();
    /// // The 50 % reminder of the 30-minute dispatch.
    /// assert_eq!(call.next_wakeup(now)?.unwrap().to_rfc3339(), "2025-06-03T09:15:00+08:00");
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn next_wakeup(
        &self,
        now: DateTime<FixedOffset>,
    ) -> Result<Option<DateTime<FixedOffset>>, CallError> {
        self.core.next_wakeup(self.cx(), now)
    }

    /// The reminders due at `now`, each once: they are recorded as
    /// `reminder_sent` events (in each reminder's `event`, to be appended to
    /// the call's log).
    ///
    /// # Errors
    /// As [`Call::at`]; nothing is recorded on error.
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::{Call, CallPolicy}};
    /// let mut call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), &huying::call::log::EXAMPLE.lines().next().unwrap())?;
    /// let now = chrono::DateTime::parse_from_rfc3339("2025-06-03T09:25:00+08:00").unwrap();
    /// assert_eq!(call.poll_reminders(now)?.len(), 1);
    /// assert!(call.poll_reminders(now)?.is_empty());
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

    /// The verdict of every clock that ended with one, in the order started.
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::{Call, CallPolicy, Outcome}};
    /// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert!(call.verdicts().all(|v| v.outcome == Outcome::Met));
    /// assert_eq!(call.verdicts().count(), 3);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn verdicts(&self) -> impl Iterator<Item = Verdict> + '_ {
        self.core
            .clocks()
            .iter()
            .filter_map(|c| self.view(c).verdict())
    }

    /// The stage clocks, in the order started, each with the call's names
    /// and calendar.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.clocks().len(), 3);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn clocks(&self) -> Vec<ClockView<'_>> {
        self.core.clocks().iter().map(|c| self.view(c)).collect()
    }

    /// The latest clock of a stage.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.clock(huying::catalog::Stage::Reply).unwrap().round(), 1);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn clock(&self, stage: Stage) -> Option<ClockView<'_>> {
        self.core.clock(stage).map(|c| self.view(c))
    }

    fn view<'a>(&'a self, clock: &'a StageClock) -> ClockView<'a> {
        ClockView {
            clock,
            names: &self.names,
            cal: &self.cal,
        }
    }

    /// The call id.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.id(), "C2025-0001");
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn id(&self) -> &Id {
        self.core.id()
    }

    /// The raising township.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.township(), "U068");
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn township(&self) -> &Id {
        self.names.get(self.core.township())
    }

    /// The matter.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.matter(), "M001");
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn matter(&self) -> &Id {
        self.names.get(self.core.matter())
    }

    /// How the call was raised.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.channel(), huying::call::Channel::Video);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn channel(&self) -> Channel {
        self.core.channel()
    }

    /// When the call was raised.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.raised_at().to_rfc3339(), "2025-06-03T09:00:00+08:00");
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn raised_at(&self) -> DateTime<FixedOffset> {
        self.core.raised_at()
    }

    /// The call's state, naming its department (or who returned it).
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.state(), huying::call::State::Closed { department: "U010".into() });
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn state(&self) -> State {
        let unit = self
            .core
            .state_unit()
            .map_or_else(Id::default, |n| self.names.get(n).clone());
        State::from_parts(self.core.kind(), &unit)
    }

    /// The kind of the call's state (shorthand for `state().kind()`).
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.kind(), huying::call::StateKind::Closed);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn kind(&self) -> StateKind {
        self.core.kind()
    }

    /// Whether the call is still open (neither closed nor withdrawn).
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert!(!call.is_open());
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn is_open(&self) -> bool {
        self.core.is_open()
    }

    /// Whether the alarm rings: raised or returned, not yet acknowledged.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert!(!call.alarm());
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn alarm(&self) -> bool {
        self.core.kind().alarm()
    }

    /// The department the call is dispatched to (while its state names one).
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.department().map(|u| u.as_str()), Some("U010"));
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn department(&self) -> Option<&Id> {
        self.core.department().map(|n| self.names.get(n))
    }

    /// The supporting units named at the latest dispatch (to be notified).
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.supporting(), ["U068"]);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn supporting(&self) -> Vec<&Id> {
        self.core
            .supporting()
            .iter()
            .map(|&n| self.names.get(n))
            .collect()
    }

    /// The command centre unit that acted last on the call, if any.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.command_centre().map(|u| u.as_str()), Some("U008"));
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn command_centre(&self) -> Option<&Id> {
        self.core.command_centre().map(|n| self.names.get(n))
    }

    /// The limit of a stage for this call (fixed at raise; extensions are on
    /// the stage's clock).
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.limit_of(huying::catalog::Stage::Arrival), huying::sla::Limit::Hours(3));
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn limit_of(&self, stage: Stage) -> Limit {
        self.core.limit_of(stage)
    }

    /// The extension asked for and not yet answered.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert!(call.pending_extension().is_none());
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn pending_extension(&self) -> Option<&PendingExtension> {
        self.core.pending_extension()
    }

    /// The instant of the latest event (reminders do not count).
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.last_event_at().to_rfc3339(), "2025-06-06T09:30:00+08:00");
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn last_event_at(&self) -> DateTime<FixedOffset> {
        self.core.last_event_at()
    }

    /// How many events the call took, reminders included.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.event_count(), 8);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn event_count(&self) -> usize {
        self.core.event_count()
    }

    /// What the call's events say that its clocks do not hold: signature,
    /// arrival, evaluations, returns, pauses, extensions, supervision.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert!(call.facts().signed && call.facts().closed);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn facts(&self) -> &CallFacts {
        self.core.facts()
    }

    /// The year the calendar must cover for a running clock to count, if
    /// one waits for it.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.pending_calendar(), None);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn pending_calendar(&self) -> Option<i32> {
        self.core.pending_calendar(self.cx())
    }

    /// The policy the call runs under.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.policy().warning(), 0.8);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn policy(&self) -> &CallPolicy {
        &self.policy
    }

    /// The calendar the call's clocks count on.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.calendar().name(), "mainland China");
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn calendar(&self) -> &Calendar {
        &self.cal
    }

    /// The call's core (the lifecycle state and clocks, its units as
    /// numbers of [`Call::names`]).
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.names().get(call.core().township()), "U068");
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn core(&self) -> &CallCore {
        &self.core
    }

    /// The table the core's units are numbered in.
    pub fn names(&self) -> &Names {
        &self.names
    }
}

/// A stage clock of a [`Call`], with the call's names and calendar: its
/// unit by id, its instants, its due time and verdict.
///
/// ```
/// use huying::{calendar::Calendar, call::{Call, CallPolicy}, catalog::Stage};
/// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
/// let reply = call.clock(Stage::Reply).unwrap();
/// assert_eq!(reply.due().unwrap().to_rfc3339(), "2025-06-07T00:00:00+08:00");
/// assert_eq!(reply.limit(), huying::sla::Limit::WorkingDays(3));
/// # Ok::<(), huying::call::CallError>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ClockView<'a> {
    clock: &'a StageClock,
    names: &'a Names,
    cal: &'a Calendar,
}

impl<'a> ClockView<'a> {
    /// The clock itself.
    pub fn clock(&self) -> &'a StageClock {
        self.clock
    }

    /// The stage.
    pub fn stage(&self) -> Stage {
        self.clock.stage()
    }

    /// The clock as an [`SlaClock`](crate::sla::SlaClock) on the call's
    /// calendar (a copy): its limit, start, pauses, stop, due time, status.
    pub fn sla(&self) -> crate::sla::SlaClock {
        crate::sla::SlaClock::from_core(self.cal, self.clock.core().clone())
    }

    /// The round: 1 for the stage's first clock, 2 for the next, …
    pub fn round(&self) -> u16 {
        self.clock.round()
    }

    /// The unit that answers for the stage (see [`StageClock::unit`]).
    pub fn unit(&self) -> Option<&'a Id> {
        self.clock.unit().map(|n| self.names.get(n))
    }

    /// The limit, with extensions.
    pub fn limit(&self) -> Limit {
        self.clock.limit()
    }

    /// The day-end rule of day limits.
    pub fn day_end(&self) -> DayEnd {
        self.clock.day_end()
    }

    /// When the clock started.
    pub fn started(&self) -> DateTime<FixedOffset> {
        instant(self.cal, self.clock.started_ls())
    }

    /// When it stopped (or was cancelled), if it did.
    pub fn stopped(&self) -> Option<DateTime<FixedOffset>> {
        self.clock.stopped_ls().map(|s| instant(self.cal, s))
    }

    /// The settled due time (for a paused clock: as if it resumed at the
    /// pause's start); `None` while the calendar does not cover it.
    pub fn due(&self) -> Option<DateTime<FixedOffset>> {
        let ls = self.clock.due_ls(self.cal).ok()?;
        self.cal.instant_at(ls).ok()
    }

    /// The year the calendar must cover before the due time is known.
    pub fn pending_calendar(&self) -> Option<i32> {
        self.clock.pending_on(self.cal)
    }

    /// The pauses on the record, in order.
    pub fn pauses(&self) -> &'a [Pause] {
        self.clock.pauses()
    }

    /// Whether the clock is paused.
    pub fn is_paused(&self) -> bool {
        self.clock.is_paused()
    }

    /// Whether the clock still runs (or is paused).
    pub fn is_running(&self) -> bool {
        self.clock.is_running()
    }

    /// Whether a return or a withdrawal ended the clock.
    pub fn is_cancelled(&self) -> bool {
        self.clock.is_cancelled()
    }

    /// Whether an extension was granted.
    pub fn is_extended(&self) -> bool {
        self.clock.is_extended()
    }

    /// How often the command centre supervised the stage.
    pub fn supervised(&self) -> u16 {
        self.clock.supervised()
    }

    /// The latest reminder mark sent.
    pub fn reminded(&self) -> Option<super::Mark> {
        self.clock.reminded()
    }

    /// The clock's verdict: `None` while it runs, if it was cancelled
    /// before its due time, or while its due time is not yet counted.
    pub fn verdict(&self) -> Option<Verdict> {
        let v = self.clock.settled(self.cal)?;
        Some(Verdict {
            stage: self.stage(),
            round: self.round(),
            unit: self.unit().cloned(),
            limit: self.limit(),
            started: instant(self.cal, v.started),
            due: instant(self.cal, v.due),
            stopped: instant(self.cal, v.stopped),
            outcome: v.outcome,
            overrun: chrono::Duration::seconds(v.overrun),
            cancelled: v.cancelled,
            extended: self.clock.is_extended(),
            supervised: self.clock.supervised(),
        })
    }
}

/// The instant of a local second a clock stored.
fn instant(cal: &Calendar, ls: i64) -> DateTime<FixedOffset> {
    cal.instant_at(ls)
        .ok()
        .or_else(|| crate::time::from_local_secs(ls))
        .unwrap_or_default()
}
