//! The call: validate an event against the state, the actor's rights and the
//! clocks, then fold it in. A refused event changes nothing.

use std::borrow::Borrow;

use chrono::{DateTime, FixedOffset};

use super::policy::ix;
use super::{
    Actor, CallError, CallPolicy, Channel, Event, EventKind, EventType, Id, PendingExtension, Role,
    StageClock, State, StateKind,
};
use crate::calendar::Calendar;
use crate::catalog::Stage;
use crate::sla::{ClockPhase, Limit, SlaClock};

/// A call's stage clocks: most calls have three (dispatch, arrival, reply),
/// a return or a rework adds more.
pub(super) type Clocks = smallvec::SmallVec<[StageClock; 3]>;

/// One township call: its facts, its state, its stage clocks.
///
/// State = fold(events): build it with [`Call::raise`] and feed it events
/// with [`Call::apply`], or rebuild it from a log with [`Call::from_events`]
/// or [`Call::replay`]; both give equal calls (`==` compares everything on
/// the record, not the calendar handle).
///
/// Clocks (see [`StageClock`]):
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
/// Rights: the command centre acknowledges, dispatches, supervises, pauses
/// and resumes clocks, grants or denies extensions and closes; only the
/// department the call is dispatched to signs, returns, arrives, replies and
/// asks for extensions (on arrival or reply); only the raising township
/// evaluates and withdraws; the platform's system actor records reminders.
///
/// An event is checked in this order: its call id, whether the state accepts
/// its type, its instant (never before the latest event's), the actor's
/// right, then its facts and the stage's clock.
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
// Laid out for the replay of big logs, where a call is touched once per
// event, far apart in time: ten cache lines (640 bytes, aligned). The three
// inline clocks come first, two lines each; the word where the clock list
// keeps its length shares a line with the id and the state, which every
// event reads; the rest of the head follows.
#[derive(Clone)]
#[repr(C, align(64))]
pub struct Call {
    /// The stage clocks in the order started (three inline, then the heap).
    pub(super) clocks: Clocks,
    pub(super) id: Id,
    /// The state's kind; the unit it names (its department, or who
    /// returned the call) is `state_unit`, empty while it names none.
    pub(super) state: StateKind,
    pub(super) state_unit: Id,
    pub(super) events: u32,
    pub(super) channel: Channel,
    pub(super) last: DateTime<FixedOffset>,
    pub(super) policy: CallPolicy,
    /// Per stage (dispatch, arrival, reply): 1 + the index of its latest
    /// clock, or 0 before its first.
    pub(super) latest: [u32; 3],
    pub(super) township: Id,
    pub(super) matter: Id,
    pub(super) raised: DateTime<FixedOffset>,
    pub(super) limits: [Limit; 3],
    pub(super) command_centre: Option<Id>,
    pub(super) supporting: super::id::Ids,
    pub(super) pending: Option<Box<PendingExtension>>,
}

impl std::fmt::Debug for Call {
    /// Everything on the record; the calendar by name and data version only.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call")
            .field("id", &self.id)
            .field("township", &self.township)
            .field("matter", &self.matter)
            .field("channel", &self.channel)
            .field("raised", &self.raised)
            .field("limits", &self.limits)
            .field("state", &self.state())
            .field("last", &self.last)
            .field("events", &self.events)
            .field("command_centre", &self.command_centre)
            .field("supporting", &self.supporting)
            .field("clocks", &self.clocks)
            .field("pending", &self.pending)
            .field(
                "calendar",
                &format_args!("{} ({})", self.cal().name(), self.cal().data_version()),
            )
            .finish_non_exhaustive()
    }
}

impl PartialEq for Call {
    fn eq(&self, o: &Call) -> bool {
        self.id == o.id
            && self.township == o.township
            && self.matter == o.matter
            && self.channel == o.channel
            && self.raised == o.raised
            && self.limits == o.limits
            && self.state == o.state
            && self.state_unit == o.state_unit
            && self.last == o.last
            && self.events == o.events
            && self.command_centre == o.command_centre
            && self.supporting == o.supporting
            && self.clocks == o.clocks
            && self.pending == o.pending
            && self.policy == o.policy
    }
}

fn no_clock_calendar() -> &'static Calendar {
    static CHINA: std::sync::OnceLock<Calendar> = std::sync::OnceLock::new();
    CHINA.get_or_init(Calendar::china)
}

#[cold]
fn refuse(actor: &Actor, action: EventType, reason: &'static str) -> CallError {
    CallError::NotAuthorized {
        actor: actor.clone(),
        action,
        reason,
    }
}

#[cold]
fn stage_err(stage: Stage, problem: &'static str) -> CallError {
    CallError::Stage { stage, problem }
}

/// Refuses an instant within a day of the ends of chrono's range, as
/// [`crate::time::check_instant`] does, by its UTC date alone (one compare on
/// the hot path; the precise check only names the error).
#[inline]
fn check_at(t: &DateTime<FixedOffset>) -> Result<(), CallError> {
    let d = t.naive_utc().date();
    if d > chrono::NaiveDate::MIN && d < chrono::NaiveDate::MAX {
        return Ok(());
    }
    crate::time::check_instant(t).map_err(crate::sla::ClockError::from)?;
    Ok(())
}

fn same_unit(a: Limit, b: Limit) -> bool {
    std::mem::discriminant(&a) == std::mem::discriminant(&b)
}

/// A `raised` event checked, and what the call it raises starts from.
struct Raise<'e> {
    township: &'e Id,
    matter: &'e Id,
    channel: Channel,
    limits: [Limit; 3],
    clock: SlaClock,
}

impl<'e> Raise<'e> {
    /// Every check of [`Call::raise`], and the dispatch clock started at
    /// `ls`, the local second of the event's instant.
    fn check(
        cal: &Calendar,
        policy: &CallPolicy,
        e: &'e Event,
        ls: i64,
    ) -> Result<Raise<'e>, CallError> {
        let EventKind::Raised {
            township,
            matter,
            channel,
        } = &e.kind
        else {
            return Err(CallError::NotRaised {
                got: e.event_type(),
            });
        };
        let bad = |problem| CallError::BadPayload {
            event: EventType::Raised,
            problem,
        };
        if e.call.is_empty() {
            return Err(bad("the call id is empty"));
        }
        if township.is_empty() {
            return Err(bad("the township is empty"));
        }
        if matter.is_empty() {
            return Err(bad("the matter is empty"));
        }
        if e.actor.role != Role::Township {
            return Err(refuse(
                &e.actor,
                EventType::Raised,
                "only a township raises a call",
            ));
        }
        if e.actor.unit != *township {
            return Err(refuse(
                &e.actor,
                EventType::Raised,
                "a township raises calls in its own name",
            ));
        }
        policy.check_raise(township, matter, &e.at, ls)?;
        let limits = policy.limits_for(matter);
        check_at(&e.at)?;
        let clock = SlaClock::start_ls(cal, limits[0], policy.day_end(), ls)?;
        Ok(Raise {
            township,
            matter,
            channel: *channel,
            limits,
            clock,
        })
    }
}

/// The first dispatch clock of a call, the command centre's.
fn first_clock(policy: &CallPolicy, clock: SlaClock) -> StageClock {
    StageClock::new(Stage::Dispatch, 1, policy.command_centre().cloned(), clock)
}

impl Call {
    /// A new call from its `raised` event. The dispatch clock starts; the
    /// limits for the matter are fixed from the policy.
    ///
    /// # Errors
    /// [`CallError::NotRaised`] for another event; [`CallError::NotAuthorized`]
    /// unless a township raises in its own name; [`CallError::BadPayload`] for
    /// an empty call, township or matter id; a clock error if the calendar
    /// does not cover the instant.
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
        Call::raise_at(cal, policy, e, crate::time::local_secs(&e.at))
    }

    /// [`Call::raise`] with the event's local second `ls` known
    /// ([`crate::time::local_secs`] of its instant).
    #[inline]
    pub(crate) fn raise_at(
        cal: &Calendar,
        policy: &CallPolicy,
        e: &Event,
        ls: i64,
    ) -> Result<Call, CallError> {
        let r = Raise::check(cal, policy, e, ls)?;
        let mut clocks = Clocks::new();
        clocks.push(first_clock(policy, r.clock));
        Ok(Call {
            policy: policy.clone(),
            id: e.call.clone(),
            township: r.township.clone(),
            matter: r.matter.clone(),
            channel: r.channel,
            raised: e.at,
            limits: r.limits,
            state: StateKind::Raised,
            state_unit: Id::default(),
            last: e.at,
            events: 1,
            command_centre: None,
            supporting: super::id::Ids::None,
            clocks,
            latest: [1, 0, 0],
            pending: None,
        })
    }

    /// Makes this call (any call: the replay reuses the place of one that
    /// has closed) the call `e` raises, as [`Call::raise`] makes it, reusing
    /// its storage. On an error the call is unchanged.
    pub(crate) fn raise_into(
        &mut self,
        cal: &Calendar,
        policy: &CallPolicy,
        e: &Event,
        ls: i64,
    ) -> Result<(), CallError> {
        let r = Raise::check(cal, policy, e, ls)?;
        // Every field, by name: a field added to `Call` and not set here
        // does not compile.
        let Call {
            clocks,
            id,
            state,
            state_unit,
            events,
            latest,
            last,
            policy: own_policy,
            township,
            matter,
            raised,
            limits,
            channel,
            command_centre,
            supporting,
            pending,
        } = self;
        // A list grown to the heap goes back inline, where a raised call
        // keeps its clocks (a slot reused by call after call would
        // otherwise keep the heap list of the longest one).
        if clocks.spilled() {
            *clocks = Clocks::new();
        } else {
            clocks.clear();
        }
        clocks.push(first_clock(policy, r.clock));
        if !own_policy.same(policy) {
            *own_policy = policy.clone();
        }
        id.clone_from(&e.call);
        township.clone_from(r.township);
        matter.clone_from(r.matter);
        *channel = r.channel;
        *raised = e.at;
        *limits = r.limits;
        *state = StateKind::Raised;
        *state_unit = Id::default();
        *last = e.at;
        *events = 1;
        *command_centre = None;
        *supporting = super::id::Ids::None;
        *latest = [1, 0, 0];
        *pending = None;
        Ok(())
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
    /// [`CallError::WrongCall`], [`CallError::InvalidTransition`],
    /// [`CallError::TimeBackwards`], [`CallError::NotAuthorized`],
    /// [`CallError::BadPayload`], [`CallError::Stage`],
    /// [`CallError::Extension`], [`CallError::Reminder`], or a clock error.
    /// On any error the call is unchanged.
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
        if e.call != self.id {
            return Err(CallError::WrongCall {
                expected: self.id.clone(),
                got: e.call.clone(),
            });
        }
        self.apply_own(e)
    }

    /// [`Call::apply`] for an event the caller has already matched to this
    /// call by its id (the replay finds the call by comparing the ids).
    #[inline]
    pub(crate) fn apply_own(&mut self, e: &Event) -> Result<(), CallError> {
        self.apply_own_at(e, crate::time::local_secs(&e.at))
    }

    /// [`Call::apply_own`] with the event's instant as local seconds
    /// ([`crate::time::local_secs`]), which the replay keeps by the day.
    #[inline]
    pub(crate) fn apply_own_at(&mut self, e: &Event, ls: i64) -> Result<(), CallError> {
        let t = e.event_type();
        let kind = self.state;
        if !kind.accepts(t) {
            return Err(CallError::InvalidTransition {
                state: kind,
                event: t,
                expected: kind.expected(),
            });
        }
        check_at(&e.at)?;
        if e.at < self.last {
            return Err(CallError::TimeBackwards {
                at: e.at,
                last: self.last,
            });
        }
        self.authorize(e, t)?;
        let at = e.at;
        let lifecycle = match &e.kind {
            EventKind::Raised { .. } => return Err(CallError::NotRaised { got: t }),
            EventKind::Acknowledged => {
                self.acknowledge(&e.actor);
                true
            }
            EventKind::Dispatched {
                department,
                supporting,
            } => {
                self.dispatch(at, ls, &e.actor, department, supporting)?;
                true
            }
            EventKind::Signed => true,
            EventKind::Returned { reason } => {
                self.give_back(at, ls, reason)?;
                true
            }
            EventKind::Arrived => {
                self.finish(Stage::Arrival, at, ls)?;
                true
            }
            EventKind::Replied { .. } => {
                self.finish(Stage::Reply, at, ls)?;
                true
            }
            EventKind::Evaluated { satisfied, .. } => {
                if !satisfied {
                    self.rework(ls)?;
                }
                true
            }
            EventKind::Closed => true,
            EventKind::Withdrawn { .. } => {
                self.withdraw(at, ls)?;
                true
            }
            EventKind::Supervised { stage, .. } => {
                let c = self.running_mut(*stage)?;
                c.supervised = c.supervised.saturating_add(1);
                false
            }
            EventKind::ExtensionRequested {
                stage,
                extra,
                reason,
            } => {
                self.request_extension(e, *stage, *extra, reason)?;
                false
            }
            EventKind::ExtensionGranted { stage, extra } => {
                self.grant_extension(*stage, *extra)?;
                false
            }
            EventKind::ExtensionDenied { stage, .. } => {
                self.pending_for(*stage)?;
                self.pending = None;
                false
            }
            EventKind::Paused { stage, reason } => {
                if reason.trim().is_empty() {
                    return Err(CallError::BadPayload {
                        event: t,
                        problem: "a pause needs a reason",
                    });
                }
                let c = self.running_mut(*stage)?;
                if c.clock.is_paused() {
                    return Err(stage_err(*stage, "is already paused"));
                }
                c.clock.pause(at, reason)?;
                false
            }
            EventKind::Resumed { stage } => {
                let c = self.running_mut(*stage)?;
                if !c.clock.is_paused() {
                    return Err(stage_err(*stage, "is not paused"));
                }
                c.clock.resume(at)?;
                false
            }
            EventKind::ReminderSent { stage, round, mark } => {
                let warning = self.policy.warning();
                let c = self.running_mut(*stage)?;
                let err = |problem| CallError::Reminder {
                    stage: *stage,
                    round: *round,
                    mark: *mark,
                    problem,
                };
                if c.round != *round {
                    return Err(err("is not for the stage's running clock"));
                }
                if c.reminded.is_some_and(|r| r >= *mark) {
                    return Err(err("was already sent"));
                }
                let s = c.clock.status_with(at, warning)?;
                if !c.reached(&s, *mark) {
                    return Err(err("is not due yet"));
                }
                c.reminded = Some(*mark);
                // A reminder does not move the call's time forward.
                self.events = self.events.saturating_add(1);
                return Ok(());
            }
        };
        if lifecycle {
            if let Some((kind, unit)) = self.state.after(&e.kind) {
                self.state = kind;
                unit.apply(&mut self.state_unit, &e.actor.unit);
            }
        }
        self.last = at;
        self.events = self.events.saturating_add(1);
        Ok(())
    }

    fn authorize(&self, e: &Event, t: EventType) -> Result<(), CallError> {
        let a = &e.actor;
        match t.role() {
            Role::CommandCentre => {
                if a.role != Role::CommandCentre {
                    return Err(refuse(a, t, "only the command centre may do this"));
                }
                if !self.policy.knows_command_centre() {
                    return Err(refuse(
                        a,
                        t,
                        "the list names no command centre, so no unit may act as one",
                    ));
                }
                if self.policy.command_centre().is_some_and(|cc| *cc != a.unit) {
                    return Err(refuse(
                        a,
                        t,
                        "the policy names another unit as the command centre",
                    ));
                }
            }
            Role::Department => {
                if a.role != Role::Department {
                    return Err(refuse(
                        a,
                        t,
                        "only the department the call is dispatched to may do this",
                    ));
                }
                if self.department() != Some(&a.unit) {
                    return Err(refuse(a, t, "the call is not dispatched to this unit"));
                }
            }
            Role::Township => {
                if a.role != Role::Township {
                    return Err(refuse(
                        a,
                        t,
                        "only the township that raised the call may do this",
                    ));
                }
                if a.unit != self.township {
                    return Err(refuse(a, t, "the call was raised by another township"));
                }
            }
            Role::System => {
                if a.role != Role::System {
                    return Err(refuse(a, t, "only the platform records reminders"));
                }
            }
        }
        Ok(())
    }

    fn current_ix(&self, stage: Stage) -> Option<usize> {
        self.latest
            .get(ix(stage))
            .and_then(|&n| (n as usize).checked_sub(1))
    }

    fn running_ix(&self, stage: Stage) -> Result<usize, CallError> {
        self.current_ix(stage)
            .filter(|&i| self.clocks.get(i).is_some_and(StageClock::is_running))
            .ok_or_else(|| stage_err(stage, "is not running"))
    }

    fn running_mut(&mut self, stage: Stage) -> Result<&mut StageClock, CallError> {
        let i = self.running_ix(stage)?;
        self.clocks
            .get_mut(i)
            .ok_or_else(|| stage_err(stage, "is not running"))
    }

    fn next_round(&self, stage: Stage) -> u16 {
        self.current_ix(stage)
            .and_then(|i| self.clocks.get(i))
            .map_or(1, |c| c.round.saturating_add(1))
    }

    fn limit(&self, stage: Stage) -> Limit {
        self.limits
            .get(ix(stage))
            .copied()
            .unwrap_or_else(|| stage.default_limit())
    }

    /// The SLA clock of a new round of `stage`, started at local second
    /// `ls` of a checked instant: the fallible step of starting a round
    /// ([`Call::push_round`] adds it).
    fn start(&self, stage: Stage, ls: i64) -> Result<SlaClock, CallError> {
        Ok(SlaClock::start_ls(
            self.cal(),
            self.limit(stage),
            self.policy.day_end(),
            ls,
        )?)
    }

    /// Adds a new round of `stage` counted by `clock`, as its latest.
    #[inline(always)]
    fn push_round(&mut self, stage: Stage, unit: Option<Id>, clock: SlaClock) {
        let round = self.next_round(stage);
        self.push_clock(StageClock::new(stage, round, unit, clock));
    }

    /// The running clock of `stage`, ended at `at`, as a new value (the call
    /// is not touched until every fallible step has succeeded).
    fn ended(
        &self,
        stage: Stage,
        at: DateTime<FixedOffset>,
        ls: i64,
        cancelled: bool,
    ) -> Result<(usize, StageClock), CallError> {
        let i = self.running_ix(stage)?;
        let mut c = self
            .clocks
            .get(i)
            .cloned()
            .ok_or_else(|| stage_err(stage, "is not running"))?;
        c.end(&at, ls, cancelled)?;
        Ok((i, c))
    }

    /// Ends the running clock of `stage` in place (all or nothing).
    fn end_in_place(
        &mut self,
        stage: Stage,
        at: DateTime<FixedOffset>,
        ls: i64,
    ) -> Result<&mut StageClock, CallError> {
        let c = self.running_mut(stage)?;
        c.end(&at, ls, false)?;
        Ok(c)
    }

    /// Adds a clock as its stage's latest.
    #[inline(always)]
    fn push_clock(&mut self, c: StageClock) {
        // A call would need billions of events to saturate this.
        let n = u32::try_from(self.clocks.len() + 1).unwrap_or(u32::MAX);
        if let Some(slot) = self.latest.get_mut(ix(c.stage)) {
            *slot = n;
        }
        self.clocks.push(c);
    }

    fn put(&mut self, (i, c): (usize, StageClock)) {
        if let Some(slot) = self.clocks.get_mut(i) {
            *slot = c;
        }
    }

    fn acknowledge(&mut self, actor: &Actor) {
        self.command_centre = Some(actor.unit.clone());
        if let Some(c) = self
            .current_ix(Stage::Dispatch)
            .and_then(|i| self.clocks.get_mut(i))
        {
            if c.unit.is_none() {
                c.unit = Some(actor.unit.clone());
            }
        }
    }

    fn dispatch(
        &mut self,
        at: DateTime<FixedOffset>,
        ls: i64,
        actor: &Actor,
        department: &Id,
        supporting: &[Id],
    ) -> Result<(), CallError> {
        if department.is_empty() {
            return Err(CallError::BadPayload {
                event: EventType::Dispatched,
                problem: "the department is empty",
            });
        }
        self.policy
            .check_dispatch(department, supporting, &self.township, &self.matter, ls)?;
        let arrival = self.start(Stage::Arrival, ls)?;
        let reply = self.start(Stage::Reply, ls)?;
        // The last fallible step: nothing is changed before it.
        let d = self.end_in_place(Stage::Dispatch, at, ls)?;
        if d.unit.as_ref() != Some(&actor.unit) {
            d.unit = Some(actor.unit.clone());
        }
        self.push_round(Stage::Arrival, Some(department.clone()), arrival);
        self.push_round(Stage::Reply, Some(department.clone()), reply);
        self.supporting.set(supporting);
        if self.command_centre.as_ref() != Some(&actor.unit) {
            self.command_centre = Some(actor.unit.clone());
        }
        Ok(())
    }

    fn give_back(
        &mut self,
        at: DateTime<FixedOffset>,
        ls: i64,
        reason: &str,
    ) -> Result<(), CallError> {
        if reason.trim().is_empty() {
            return Err(CallError::BadPayload {
                event: EventType::Returned,
                problem: "a return needs a reason",
            });
        }
        let cc = self
            .policy
            .command_centre()
            .or(self.command_centre.as_ref())
            .cloned();
        let dispatch = self.start(Stage::Dispatch, ls)?;
        let arrival = self.ended(Stage::Arrival, at, ls, true)?;
        let reply = self.ended(Stage::Reply, at, ls, true)?;
        self.put(arrival);
        self.put(reply);
        self.push_round(Stage::Dispatch, cc, dispatch);
        self.pending = None;
        Ok(())
    }

    fn finish(
        &mut self,
        stage: Stage,
        at: DateTime<FixedOffset>,
        ls: i64,
    ) -> Result<(), CallError> {
        self.end_in_place(stage, at, ls)?;
        if self.pending.as_ref().is_some_and(|p| p.stage == stage) {
            self.pending = None;
        }
        Ok(())
    }

    fn rework(&mut self, ls: i64) -> Result<(), CallError> {
        let reply = self.start(Stage::Reply, ls)?;
        self.push_round(Stage::Reply, self.department().cloned(), reply);
        Ok(())
    }

    fn withdraw(&mut self, at: DateTime<FixedOffset>, ls: i64) -> Result<(), CallError> {
        let mut ended = Vec::with_capacity(3);
        for stage in Stage::ALL {
            if self.running_ix(stage).is_ok() {
                ended.push(self.ended(stage, at, ls, true)?);
            }
        }
        for e in ended {
            self.put(e);
        }
        self.pending = None;
        Ok(())
    }

    fn request_extension(
        &mut self,
        e: &Event,
        stage: Stage,
        extra: Limit,
        reason: &str,
    ) -> Result<(), CallError> {
        if stage == Stage::Dispatch {
            return Err(refuse(
                &e.actor,
                EventType::ExtensionRequested,
                "the dispatch stage is the command centre's: a department asks for time on arrival or reply",
            ));
        }
        if reason.trim().is_empty() {
            return Err(CallError::BadPayload {
                event: EventType::ExtensionRequested,
                problem: "an extension request needs a reason",
            });
        }
        if self.pending.is_some() {
            return Err(CallError::Extension {
                problem: "an extension is already pending",
            });
        }
        let c = self
            .clocks
            .get(self.running_ix(stage)?)
            .ok_or_else(|| stage_err(stage, "is not running"))?;
        if !same_unit(c.clock.limit(), extra) {
            return Err(stage_err(
                stage,
                "counts in another unit than the extension asked for",
            ));
        }
        if c.clock.status_with(e.at, self.policy.warning())?.phase == ClockPhase::Breached {
            return Err(stage_err(
                stage,
                "is already past due: an extension is asked for before the due time",
            ));
        }
        self.pending = Some(Box::new(PendingExtension {
            stage,
            round: c.round,
            extra,
            reason: reason.to_string(),
            asked: e.at,
        }));
        Ok(())
    }

    fn pending_for(&self, stage: Stage) -> Result<&PendingExtension, CallError> {
        self.pending
            .as_deref()
            .filter(|p| p.stage == stage)
            .ok_or(CallError::Extension {
                problem: "no extension is pending for this stage",
            })
    }

    fn grant_extension(&mut self, stage: Stage, extra: Option<Limit>) -> Result<(), CallError> {
        let asked = self.pending_for(stage)?.extra;
        let grant = extra.unwrap_or(asked);
        let i = self.running_ix(stage)?;
        let mut c = self
            .clocks
            .get(i)
            .cloned()
            .ok_or_else(|| stage_err(stage, "is not running"))?;
        if !same_unit(c.clock.limit(), grant) {
            return Err(stage_err(
                stage,
                "counts in another unit than the extension granted",
            ));
        }
        c.clock.extend(grant)?;
        c.extended = true;
        self.put((i, c));
        self.pending = None;
        Ok(())
    }

    /// Asks the processor to bring the call's lines other than its clocks
    /// into cache (its id, state, instants, rights, pending extension, and
    /// where its clock list keeps its length) before an event for it
    /// arrives: a hint, not a load; it reads nothing.
    #[inline(always)]
    pub(crate) fn prefetch_head(&self) {
        crate::hint::prefetch(&self.id);
        crate::hint::prefetch(&self.last);
        crate::hint::prefetch(&self.matter);
        crate::hint::prefetch(&self.pending);
    }

    /// Asks for the lines of the call's clocks. It reads where the clocks
    /// are (the head of the clock list): call it once
    /// [`Call::prefetch_head`] has had time to bring that line in.
    #[inline(always)]
    pub(crate) fn prefetch_clocks(&self) {
        for c in self.clocks.iter().take(3) {
            c.prefetch();
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
        &self.id
    }

    /// The raising township.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.township(), "U068");
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn township(&self) -> &Id {
        &self.township
    }

    /// The matter.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.matter(), "M001");
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn matter(&self) -> &Id {
        &self.matter
    }

    /// How the township called.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.channel(), huying::call::Channel::Video);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn channel(&self) -> Channel {
        self.channel
    }

    /// When the call was raised.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.raised_at().to_rfc3339(), "2025-06-03T09:00:00+08:00");
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn raised_at(&self) -> DateTime<FixedOffset> {
        self.raised
    }

    /// The state (built from the call's record: a call keeps the state's
    /// kind and the unit it names apart; [`Call::kind`] and
    /// [`Call::department`] read them without building it).
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.state(), huying::call::State::Closed { department: "U010".into() });
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn state(&self) -> State {
        State::from_parts(self.state, &self.state_unit)
    }

    /// Whether the call is still open (neither closed nor withdrawn).
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert!(!call.is_open());
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn is_open(&self) -> bool {
        !self.state.is_final()
    }

    /// Whether the alarm rings (raised or returned, not yet acknowledged or
    /// dispatched).
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert!(!call.alarm());
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn alarm(&self) -> bool {
        self.state.alarm()
    }

    /// The unit the call is dispatched to, if it is.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.department().map(|d| d.as_str()), Some("U010"));
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn department(&self) -> Option<&Id> {
        self.state.names_department().then_some(&self.state_unit)
    }

    /// The supporting units named at the latest dispatch (to be notified).
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.supporting(), &["U068"]);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn supporting(&self) -> &[Id] {
        self.supporting.as_slice()
    }

    /// The command centre unit that acted last on the call, if any.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.command_centre().map(|u| u.as_str()), Some("U008"));
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn command_centre(&self) -> Option<&Id> {
        self.command_centre.as_ref()
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
        self.limit(stage)
    }

    /// Every stage clock, in the order they started.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.clocks().len(), 3);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn clocks(&self) -> &[StageClock] {
        &self.clocks
    }

    /// The latest clock of a stage (running or ended), if the stage started.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.clock(huying::catalog::Stage::Reply).unwrap().round(), 1);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn clock(&self, stage: Stage) -> Option<&StageClock> {
        self.current_ix(stage).and_then(|i| self.clocks.get(i))
    }

    /// The pending extension request, if any.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert!(call.pending_extension().is_none());
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn pending_extension(&self) -> Option<&PendingExtension> {
        self.pending.as_deref()
    }

    /// The instant of the latest event (reminders aside): later events must
    /// not be earlier.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.last_event_at().to_rfc3339(), "2025-06-06T09:30:00+08:00");
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn last_event_at(&self) -> DateTime<FixedOffset> {
        self.last
    }

    /// How many events the call has accepted.
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.event_count(), 8);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn event_count(&self) -> usize {
        self.events as usize
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
        self.cal()
    }

    /// The calendar, kept by the clocks: a call has its dispatch clock from
    /// the moment it is raised, and clocks are never removed, so the
    /// calendar is not stored twice (a call fits one cache line fewer).
    fn cal(&self) -> &Calendar {
        match self.clocks.first() {
            Some(c) => c.clock.calendar(),
            // Not reached (see above); the default calendar rather than a panic.
            None => no_clock_calendar(),
        }
    }

    /// The kind of the call's state (shorthand for `state().kind()`).
    ///
    /// ```
    /// # let call = huying::call::Call::replay(&huying::calendar::Calendar::china(), &huying::call::CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// assert_eq!(call.kind(), huying::call::StateKind::Closed);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn kind(&self) -> StateKind {
        self.state
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::compliance::generate::{Generator, GeneratorConfig};
    use std::collections::BTreeMap;

    /// The calls of a generated log, each with its events in order.
    fn generated(calls: u64) -> Vec<Vec<Event>> {
        let g = Generator::new(
            &Catalog::sample(),
            &Calendar::china(),
            GeneratorConfig {
                calls,
                ..GeneratorConfig::default()
            },
        )
        .unwrap();
        let mut by_call: BTreeMap<Id, Vec<Event>> = BTreeMap::new();
        for e in g.events() {
            by_call.entry(e.call.clone()).or_default().push(e);
        }
        by_call.into_values().collect()
    }

    /// A call made new in place is the call `raise` makes, whatever the call
    /// was before (any point of any generated history, under the same or
    /// another policy); a refused raise leaves it as it was.
    #[test]
    fn raising_in_place_is_raising() {
        let cal = Calendar::china();
        let policies = [
            CallPolicy::new("U008"),
            CallPolicy::new("U008").with_limit(Stage::Reply, Limit::WorkingDays(5)),
        ];
        let calls = generated(300);
        let (mut checked, mut spilled) = (0, 0);
        for (i, pair) in calls.windows(2).enumerate() {
            let [before, next] = pair else { continue };
            let policy = &policies[i % 2];
            // The call before, at some point of its history.
            let upto = 1 + i % before.len();
            let Ok(mut call) = Call::from_events(&cal, &policies[(i / 2) % 2], &before[..upto])
            else {
                continue;
            };
            let raised = &next[0];
            let mut in_place = call.clone();
            spilled += usize::from(call.clocks.spilled());
            in_place
                .raise_into(&cal, policy, raised, crate::time::local_secs(&raised.at))
                .unwrap();
            assert_eq!(in_place, Call::raise(&cal, policy, raised).unwrap());
            // Its clocks are inline again, as a raised call's are.
            assert!(!in_place.clocks.spilled());
            // Then its history applies alike.
            let mut fresh = Call::raise(&cal, policy, raised).unwrap();
            for e in &next[1..] {
                assert_eq!(in_place.apply(e).is_ok(), fresh.apply(e).is_ok());
            }
            assert_eq!(in_place, fresh);
            // A refused raise: the same error, the call unchanged.
            let bad = next.get(1).unwrap_or(raised);
            if !matches!(bad.kind, EventKind::Raised { .. }) {
                let kept = call.clone();
                let err = call
                    .raise_into(&cal, policy, bad, crate::time::local_secs(&bad.at))
                    .unwrap_err();
                assert_eq!(err, Call::raise(&cal, policy, bad).unwrap_err());
                assert_eq!(call, kept);
            }
            checked += 1;
        }
        assert!(checked > 250, "{checked}");
        assert!(spilled > 0, "no call before had its clocks on the heap");
    }

    /// A call's state, kept as a kind and a unit, is at every step the
    /// state `State::next` gives for the events it accepted; a refused event
    /// changes neither (generated histories, and each with its events
    /// shuffled so that many are refused).
    #[test]
    fn the_call_state_is_state_next() {
        let cal = Calendar::china();
        let policy = CallPolicy::new("U008");
        let (mut steps, mut refused, mut kinds) = (0, 0, std::collections::BTreeSet::new());
        for (i, history) in generated(400).iter().enumerate() {
            let mut events = history.clone();
            if i % 2 == 1 {
                // A fixed shuffle of all but the raise.
                let n = events.len();
                for k in 1..n {
                    events.swap(k, 1 + (k * 7 + i) % (n - 1).max(1));
                }
            }
            let Ok(mut call) = Call::raise(&cal, &policy, &events[0]) else {
                continue;
            };
            let mut state = State::Raised;
            for e in &events[1..] {
                match call.apply(e) {
                    Ok(()) => state = state.next(&e.kind, &e.actor.unit),
                    Err(_) => refused += 1,
                }
                assert_eq!(call.state(), state, "{e:?}");
                assert_eq!(call.kind(), state.kind());
                assert_eq!(call.department(), state.department());
                kinds.insert(state.kind());
                steps += 1;
            }
        }
        assert!(steps > 2000 && refused > 200, "{steps} {refused}");
        assert!(kinds.len() >= 9, "{kinds:?}");
    }
}
