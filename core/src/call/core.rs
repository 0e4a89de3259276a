//! The call's core: its state, clocks and facts, and the one implementation
//! of the lifecycle rules — validate an event against the state, the
//! actor's rights and the clocks, then fold it in.
//!
//! Sans-I/O, in the manner of quinn-proto: the core owns no calendar, no
//! policy and no name table; the caller passes the calendar and the policy
//! to each step ([`Context`]) and owns the [`Names`] the core's units are
//! numbered in. [`Call`](super::Call) is the core with its own calendar,
//! policy and names; the compliance replay keeps a million cores with one
//! name table for the log.

use chrono::{DateTime, FixedOffset};

use super::policy::ix;
use super::state::UnitStep;
use super::{
    Actor, CallError, CallFacts, CallPolicy, Channel, Event, EventKind, EventType, Name, Names,
    PendingExtension, Role, StageClock, StateKind,
};
use crate::Id;
use crate::calendar::Calendar;
use crate::catalog::Stage;
use crate::sla::core::ClockCore;
use crate::sla::{ClockPhase, Limit};

/// A call's stage clocks: most calls have three (dispatch, arrival, reply),
/// a return or a rework adds more.
pub(super) type Clocks = smallvec::SmallVec<[StageClock; 3]>;

/// The supporting units named at dispatch: mostly one (the township).
type Supporting = smallvec::SmallVec<[Name; 2]>;

/// What every step of a call is judged by: the calendar its clocks count on
/// and the policy it was raised under (its command centre, identity checks,
/// warning fraction, reminder marks, day-end rule). Pass the same policy to
/// every step of a call; pass a calendar with more years to count clocks
/// that wait for a year.
///
/// ```
/// use huying::{calendar::Calendar, call::{CallPolicy, Context}};
/// let (cal, policy) = (Calendar::china(), CallPolicy::new("U008"));
/// let cx = Context::new(&cal, &policy);
/// assert_eq!(cx.calendar.name(), "mainland China");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The calendar the call's clocks count on.
    pub calendar: &'a Calendar,
    /// The call's policy.
    pub policy: &'a CallPolicy,
}

impl<'a> Context<'a> {
    /// The context of a calendar and a policy.
    pub fn new(calendar: &'a Calendar, policy: &'a CallPolicy) -> Context<'a> {
        Context { calendar, policy }
    }
}

/// The core of one township call: its facts, state, stage clocks and
/// counts, with its units numbered in the caller's [`Names`].
///
/// ```
/// use huying::calendar::Calendar;
/// use huying::call::{Actor, CallCore, CallPolicy, Channel, Context, Event, EventKind, Names, StateKind};
/// let t = |s| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let (cal, policy) = (Calendar::china(), CallPolicy::new("U008"));
/// let cx = Context::new(&cal, &policy);
/// let mut names = Names::default();
/// let raised = Event::new("C1", t("2025-06-03T09:00:00+08:00"), Actor::township("U068"),
///     EventKind::Raised { township: "U068".into(), matter: "M001".into(), channel: Channel::Video });
/// let mut core = CallCore::raise(cx, &mut names, &raised, huying::local_secs(&raised.at))?;
/// let e = Event::new("C1", t("2025-06-03T09:05:00+08:00"), Actor::command_centre("U008"),
///     EventKind::Dispatched { department: "U010".into(), supporting: vec![] });
/// core.apply(cx, &mut names, &e, huying::local_secs(&e.at))?;
/// assert_eq!(core.kind(), StateKind::Dispatched);
/// assert_eq!(names.get(core.department().unwrap()).as_str(), "U010");
/// # Ok::<(), huying::call::CallError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct CallCore {
    /// The stage clocks in the order started (three inline, then the heap).
    pub(super) clocks: Clocks,
    pub(super) id: Id,
    /// The state's kind; the unit it names (its department, or who
    /// returned the call) is `state_unit`.
    pub(super) state: StateKind,
    pub(super) state_unit: Option<Name>,
    pub(super) events: u32,
    pub(super) channel: Channel,
    pub(super) last: DateTime<FixedOffset>,
    /// Per stage (dispatch, arrival, reply): 1 + the index of its latest
    /// clock, or 0 before its first.
    pub(super) latest: [u32; 3],
    pub(super) township: Name,
    pub(super) matter: Name,
    pub(super) raised: DateTime<FixedOffset>,
    pub(super) limits: [Limit; 3],
    pub(super) command_centre: Option<Name>,
    pub(super) supporting: Supporting,
    pub(super) pending: Option<Box<PendingExtension>>,
    pub(super) facts: CallFacts,
}

/// The name of `id`: a `known` name when it is that one (most events name
/// a unit the call already holds: one compare instead of a lookup), else
/// interned.
#[inline]
fn name_among<const N: usize>(names: &mut Names, id: &Id, known: [Option<Name>; N]) -> Name {
    for k in known.into_iter().flatten() {
        if names.get(k) == id {
            return k;
        }
    }
    names.intern(id)
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

impl CallCore {
    /// A new call from its `raised` event at local second `ls`
    /// ([`crate::local_secs`] of its instant): the dispatch clock starts,
    /// the limits for the matter are fixed from the policy.
    ///
    /// # Errors
    /// [`CallError::NotRaised`] for another event; [`CallError::NotAuthorized`]
    /// unless a township raises in its own name; the policy's identity
    /// checks ([`CallError::WrongRole`], [`CallError::UnknownUnit`],
    /// [`CallError::UnknownMatter`]); [`CallError::BadPayload`] for an empty
    /// call, township or matter id.
    pub fn raise(
        cx: Context<'_>,
        names: &mut Names,
        e: &Event,
        ls: i64,
    ) -> Result<CallCore, CallError> {
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
        let policy = cx.policy;
        policy.check_raise(township, matter, &e.at, ls)?;
        let limits = policy.limits_for(matter);
        check_at(&e.at)?;
        let clock = ClockCore::start(cx.calendar, limits[0], policy.day_end(), ls)
            .map_err(crate::sla::ClockError::from)?;
        let cc = policy.command_centre().map(|u| names.intern(u));
        let mut clocks = Clocks::new();
        clocks.push(StageClock::new(Stage::Dispatch, 1, cc, clock));
        Ok(CallCore {
            clocks,
            id: e.call.clone(),
            state: StateKind::Raised,
            state_unit: None,
            events: 1,
            channel: *channel,
            last: e.at,
            latest: [1, 0, 0],
            township: names.intern(township),
            matter: names.intern(matter),
            raised: e.at,
            limits,
            command_centre: None,
            supporting: Supporting::new(),
            pending: None,
            facts: CallFacts::default(),
        })
    }

    /// Applies one event of this call at local second `ls`
    /// ([`crate::local_secs`] of its instant): validates it, then folds it
    /// in. An event is checked in this order: whether the state accepts its
    /// type, its instant (never before the latest event's), the actor's
    /// right, then its facts and the stage's clock. The caller has matched
    /// the event to the call by its id.
    ///
    /// # Errors
    /// [`CallError::InvalidTransition`], [`CallError::TimeBackwards`],
    /// [`CallError::NotAuthorized`], the policy's identity checks,
    /// [`CallError::BadPayload`], [`CallError::Stage`],
    /// [`CallError::Extension`], [`CallError::Reminder`], or a clock error.
    /// On any error the call is unchanged.
    pub fn apply(
        &mut self,
        cx: Context<'_>,
        names: &mut Names,
        e: &Event,
        ls: i64,
    ) -> Result<(), CallError> {
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
        self.authorize(cx.policy, names, e, t)?;
        let cal = cx.calendar;
        let at = e.at;
        let lifecycle = match &e.kind {
            EventKind::Raised { .. } => return Err(CallError::NotRaised { got: t }),
            EventKind::Acknowledged => {
                self.acknowledge(names, &e.actor);
                true
            }
            EventKind::Dispatched {
                department,
                supporting,
            } => {
                self.dispatch(cx, names, at, ls, &e.actor, department, supporting)?;
                true
            }
            EventKind::Signed => true,
            EventKind::Returned { reason } => {
                self.give_back(cx, names, at, ls, reason)?;
                true
            }
            EventKind::Arrived => {
                self.finish(cal, Stage::Arrival, at, ls)?;
                true
            }
            EventKind::Replied { .. } => {
                self.finish(cal, Stage::Reply, at, ls)?;
                true
            }
            EventKind::Evaluated { satisfied, .. } => {
                if !satisfied {
                    self.rework(cx, ls)?;
                }
                true
            }
            EventKind::Closed => true,
            EventKind::Withdrawn { .. } => {
                self.withdraw(cal, at, ls)?;
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
                self.request_extension(cx, e, ls, *stage, *extra, reason)?;
                false
            }
            EventKind::ExtensionGranted { stage, extra } => {
                self.grant_extension(cal, *stage, *extra)?;
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
                c.clock.pause(&at, ls, reason)?;
                false
            }
            EventKind::Resumed { stage } => {
                let c = self.running_mut(*stage)?;
                if !c.clock.is_paused() {
                    return Err(stage_err(*stage, "is not paused"));
                }
                c.clock.resume(cal, &at, ls)?;
                false
            }
            EventKind::ReminderSent { stage, round, mark } => {
                let warning = cx.policy.warning();
                let c = self.running(*stage)?;
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
                if c.pending_on(cal).is_some() {
                    return Err(err(
                        "cannot be due: the calendar does not cover its due time yet",
                    ));
                }
                let s = c.status(cal, &at, ls, warning)?;
                if !c.reached(&s, *mark) {
                    return Err(err("is not due yet"));
                }
                if let Ok(c) = self.running_mut(*stage) {
                    c.reminded = Some(*mark);
                }
                // A reminder does not move the call's time forward.
                self.events = self.events.saturating_add(1);
                return Ok(());
            }
        };
        if lifecycle {
            if let Some((kind, unit)) = self.state.after(&e.kind) {
                self.state = kind;
                self.state_unit = match unit {
                    UnitStep::Keep => self.state_unit,
                    // The dispatch just named its department on the reply
                    // clock; who returns a call is its department.
                    UnitStep::Department(d) => {
                        Some(name_among(names, d, [self.stage_unit(Stage::Reply)]))
                    }
                    UnitStep::Actor => Some(name_among(names, &e.actor.unit, [self.state_unit])),
                    UnitStep::Clear => None,
                };
            }
        }
        self.facts.observe(&e.kind);
        self.last = at;
        self.events = self.events.saturating_add(1);
        Ok(())
    }

    /// Counts again, on `cx`'s calendar, every clock that waited for a year
    /// the calendar did not cover (call it after loading a year; the steps
    /// do it for the clocks they touch).
    pub fn refresh(&mut self, cx: Context<'_>) {
        for c in &mut self.clocks {
            c.refresh(cx.calendar);
        }
    }

    fn authorize(
        &self,
        policy: &CallPolicy,
        names: &Names,
        e: &Event,
        t: EventType,
    ) -> Result<(), CallError> {
        let a = &e.actor;
        match t.role() {
            Role::CommandCentre => {
                if a.role != Role::CommandCentre {
                    return Err(refuse(a, t, "only the command centre may do this"));
                }
                if !policy.knows_command_centre() {
                    return Err(refuse(
                        a,
                        t,
                        "the list names no command centre, so no unit may act as one",
                    ));
                }
                if policy.command_centre().is_some_and(|cc| *cc != a.unit) {
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
                if self.department().map(|d| names.get(d)) != Some(&a.unit) {
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
                if *names.get(self.township) != a.unit {
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

    /// The unit that answers for the latest clock of `stage`.
    fn stage_unit(&self, stage: Stage) -> Option<Name> {
        self.current_ix(stage)
            .and_then(|i| self.clocks.get(i))
            .and_then(|c| c.unit)
    }

    fn current_ix(&self, stage: Stage) -> Option<usize> {
        self.latest
            .get(ix(stage))
            .and_then(|&n| usize::try_from(n).ok()?.checked_sub(1))
    }

    fn running_ix(&self, stage: Stage) -> Result<usize, CallError> {
        self.current_ix(stage)
            .filter(|&i| self.clocks.get(i).is_some_and(StageClock::is_running))
            .ok_or_else(|| stage_err(stage, "is not running"))
    }

    fn running(&self, stage: Stage) -> Result<&StageClock, CallError> {
        let i = self.running_ix(stage)?;
        self.clocks
            .get(i)
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

    /// The limit of a stage, fixed when the call was raised.
    pub fn limit_of(&self, stage: Stage) -> Limit {
        self.limits
            .get(ix(stage))
            .copied()
            .unwrap_or_else(|| stage.default_limit())
    }

    /// The clock of a new round of `stage`, started at local second `ls`
    /// (pending the calendar if its limit runs into a year not covered).
    fn start(&self, cx: Context<'_>, stage: Stage, ls: i64) -> Result<ClockCore, CallError> {
        ClockCore::start(cx.calendar, self.limit_of(stage), cx.policy.day_end(), ls)
            .map_err(|e| crate::sla::ClockError::from(e).into())
    }

    /// Adds a new round of `stage` counted by `clock`, as its latest.
    fn push_round(&mut self, stage: Stage, unit: Option<Name>, clock: ClockCore) {
        let round = self.next_round(stage);
        let c = StageClock::new(stage, round, unit, clock);
        // A call would need billions of events to saturate this.
        let n = u32::try_from(self.clocks.len() + 1).unwrap_or(u32::MAX);
        if let Some(slot) = self.latest.get_mut(ix(stage)) {
            *slot = n;
        }
        self.clocks.push(c);
    }

    /// The running clock of `stage`, ended at `at`, as a new value (the call
    /// is not touched until every fallible step has succeeded).
    fn ended(
        &self,
        cal: &Calendar,
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
        c.end(cal, &at, ls, cancelled)?;
        Ok((i, c))
    }

    fn put(&mut self, (i, c): (usize, StageClock)) {
        if let Some(slot) = self.clocks.get_mut(i) {
            *slot = c;
        }
    }

    fn acknowledge(&mut self, names: &mut Names, actor: &Actor) {
        let unit = name_among(names, &actor.unit, [self.stage_unit(Stage::Dispatch)]);
        self.command_centre = Some(unit);
        if let Some(c) = self
            .current_ix(Stage::Dispatch)
            .and_then(|i| self.clocks.get_mut(i))
        {
            if c.unit.is_none() {
                c.unit = Some(unit);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn dispatch(
        &mut self,
        cx: Context<'_>,
        names: &mut Names,
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
        cx.policy.check_dispatch(
            department,
            supporting,
            names.get(self.township),
            names.get(self.matter),
            ls,
        )?;
        let arrival = self.start(cx, Stage::Arrival, ls)?;
        let reply = self.start(cx, Stage::Reply, ls)?;
        // The one fallible step (all or nothing): nothing is changed before it.
        let d = self.running_mut(Stage::Dispatch)?;
        d.end(cx.calendar, &at, ls, false)?;
        let by = name_among(
            names,
            &actor.unit,
            [self.command_centre, self.stage_unit(Stage::Dispatch)],
        );
        let to = name_among(names, department, [self.state_unit]);
        if let Ok(d) = self
            .current_ix(Stage::Dispatch)
            .ok_or(())
            .and_then(|i| self.clocks.get_mut(i).ok_or(()))
        {
            d.unit = Some(by);
        }
        self.push_round(Stage::Arrival, Some(to), arrival);
        self.push_round(Stage::Reply, Some(to), reply);
        let township = self.township;
        self.supporting = supporting
            .iter()
            .map(|s| name_among(names, s, [Some(township)]))
            .collect();
        self.command_centre = Some(by);
        Ok(())
    }

    fn give_back(
        &mut self,
        cx: Context<'_>,
        names: &mut Names,
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
        let arrival = self.ended(cx.calendar, Stage::Arrival, at, ls, true)?;
        let reply = self.ended(cx.calendar, Stage::Reply, at, ls, true)?;
        let cc = match cx.policy.command_centre() {
            Some(u) => Some(name_among(names, u, [self.command_centre])),
            None => self.command_centre,
        };
        let dispatch = self.start(cx, Stage::Dispatch, ls)?;
        self.put(arrival);
        self.put(reply);
        self.push_round(Stage::Dispatch, cc, dispatch);
        self.pending = None;
        Ok(())
    }

    fn finish(
        &mut self,
        cal: &Calendar,
        stage: Stage,
        at: DateTime<FixedOffset>,
        ls: i64,
    ) -> Result<(), CallError> {
        // All or nothing: a clock's end changes nothing when it fails.
        self.running_mut(stage)?.end(cal, &at, ls, false)?;
        if self.pending.as_ref().is_some_and(|p| p.stage == stage) {
            self.pending = None;
        }
        Ok(())
    }

    fn rework(&mut self, cx: Context<'_>, ls: i64) -> Result<(), CallError> {
        let reply = self.start(cx, Stage::Reply, ls)?;
        self.push_round(Stage::Reply, self.department(), reply);
        Ok(())
    }

    fn withdraw(
        &mut self,
        cal: &Calendar,
        at: DateTime<FixedOffset>,
        ls: i64,
    ) -> Result<(), CallError> {
        let mut ended = Vec::with_capacity(3);
        for stage in Stage::ALL {
            if self.running_ix(stage).is_ok() {
                ended.push(self.ended(cal, stage, at, ls, true)?);
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
        cx: Context<'_>,
        e: &Event,
        ls: i64,
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
        let c = self.running(stage)?;
        if !same_unit(c.limit(), extra) {
            return Err(stage_err(
                stage,
                "counts in another unit than the extension asked for",
            ));
        }
        // Past due: refused. A clock pending the calendar cannot be past a
        // due time that is in a year not covered yet.
        if c.pending_on(cx.calendar).is_none()
            && c.status(cx.calendar, &e.at, ls, cx.policy.warning())?.phase == ClockPhase::Breached
        {
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

    fn grant_extension(
        &mut self,
        cal: &Calendar,
        stage: Stage,
        extra: Option<Limit>,
    ) -> Result<(), CallError> {
        let asked = self.pending_for(stage)?.extra;
        let grant = extra.unwrap_or(asked);
        let i = self.running_ix(stage)?;
        let mut c = self
            .clocks
            .get(i)
            .cloned()
            .ok_or_else(|| stage_err(stage, "is not running"))?;
        if !same_unit(c.limit(), grant) {
            return Err(stage_err(
                stage,
                "counts in another unit than the extension granted",
            ));
        }
        c.clock.extend(cal, grant)?;
        c.extended = true;
        self.put((i, c));
        self.pending = None;
        Ok(())
    }

    // ----- what the core holds -----

    /// The call id.
    pub fn id(&self) -> &Id {
        &self.id
    }

    /// The raising township's number.
    pub fn township(&self) -> Name {
        self.township
    }

    /// The matter's number.
    pub fn matter(&self) -> Name {
        self.matter
    }

    /// How the call was raised.
    pub fn channel(&self) -> Channel {
        self.channel
    }

    /// When the call was raised.
    pub fn raised_at(&self) -> DateTime<FixedOffset> {
        self.raised
    }

    /// The kind of the call's state.
    pub fn kind(&self) -> StateKind {
        self.state
    }

    /// The unit the state names: the department it is dispatched to, or
    /// who returned it.
    pub fn state_unit(&self) -> Option<Name> {
        self.state_unit
    }

    /// Whether the call is still open (not closed or withdrawn).
    pub fn is_open(&self) -> bool {
        !self.state.is_final()
    }

    /// The department the call is dispatched to (while its state names one).
    pub fn department(&self) -> Option<Name> {
        self.state_unit.filter(|_| self.state.names_department())
    }

    /// The supporting units named at the latest dispatch.
    pub fn supporting(&self) -> &[Name] {
        &self.supporting
    }

    /// The command centre unit that acted on the call last, if one did.
    pub fn command_centre(&self) -> Option<Name> {
        self.command_centre
    }

    /// The stage clocks, in the order started.
    pub fn clocks(&self) -> &[StageClock] {
        &self.clocks
    }

    /// The latest clock of a stage.
    pub fn clock(&self, stage: Stage) -> Option<&StageClock> {
        self.current_ix(stage).and_then(|i| self.clocks.get(i))
    }

    /// The extension asked for and not yet answered.
    pub fn pending_extension(&self) -> Option<&PendingExtension> {
        self.pending.as_deref()
    }

    /// The instant of the latest event (reminders do not count).
    pub fn last_event_at(&self) -> DateTime<FixedOffset> {
        self.last
    }

    /// How many events the call took, reminders included.
    pub fn event_count(&self) -> usize {
        self.events as usize
    }

    /// What the call's events say that its clocks do not hold.
    pub fn facts(&self) -> &CallFacts {
        &self.facts
    }

    /// The year the calendar must cover for a running clock of the call to
    /// count, if one waits for it.
    pub fn pending_calendar(&self, cx: Context<'_>) -> Option<i32> {
        self.clocks
            .iter()
            .filter(|c| c.is_running())
            .filter_map(|c| c.pending_on(cx.calendar))
            .min()
    }
}
