//! Per call and stage: when each clock started, how long it was paused,
//! when it was due and stopped, whether it was met, by how much it was
//! missed, and who answers for a miss by the list.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::Id;
use crate::calendar::Calendar;
use crate::call::{Call, CallCore, CallFacts, Names, Outcome, StageClock, StateKind};
use crate::catalog::{Catalog, Stage, UnitKind};
use crate::compliance::{PerStage, StageStatus};
use crate::sla::Limit;
use crate::time::local_secs;

/// A call as the tally judges it: its core, the names its units are
/// numbered in, and the calendar its clocks count on.
#[derive(Clone, Copy)]
pub(crate) struct Judged<'a> {
    pub(crate) core: &'a CallCore,
    pub(crate) names: &'a Names,
    pub(crate) cal: &'a Calendar,
}

impl<'a> Judged<'a> {
    pub(crate) fn of(call: &'a Call) -> Judged<'a> {
        Judged {
            core: call.core(),
            names: call.names(),
            cal: call.calendar(),
        }
    }

    pub(crate) fn id(&self) -> &'a Id {
        self.core.id()
    }

    pub(crate) fn township(&self) -> &'a Id {
        self.names.get(self.core.township())
    }

    pub(crate) fn matter(&self) -> &'a Id {
        self.names.get(self.core.matter())
    }

    pub(crate) fn raised_at(&self) -> DateTime<FixedOffset> {
        self.core.raised_at()
    }

    pub(crate) fn last_event_at(&self) -> DateTime<FixedOffset> {
        self.core.last_event_at()
    }

    pub(crate) fn clocks(&self) -> &'a [StageClock] {
        self.core.clocks()
    }

    pub(crate) fn facts(&self) -> &'a CallFacts {
        self.core.facts()
    }

    pub(crate) fn unit(&self, c: &StageClock) -> Option<&'a Id> {
        c.unit().map(|n| self.names.get(n))
    }

    pub(crate) fn kind(&self) -> StateKind {
        self.core.kind()
    }

    pub(crate) fn is_open(&self) -> bool {
        self.core.is_open()
    }
}

/// How one stage stands, and the clock that decides it.
#[derive(Clone, Copy)]
pub(crate) struct StageEval<'a> {
    pub(crate) status: StageStatus,
    /// The deciding clock: the latest missed round, else the latest round.
    pub(crate) clock: Option<&'a StageClock>,
    /// Its due time in local seconds (for a running clock: at `as_of`).
    pub(crate) due: Option<i64>,
    /// Natural seconds past the due time (missed: when it ended; open: at `as_of`).
    pub(crate) overrun: i64,
    /// The stage's times ([`stage_times`]): none, the one, or several.
    pub(crate) times: Times,
}

/// A stage's times ([`stage_times`]) as one pass over the clocks finds
/// them: most stages have one round.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Times {
    /// No round stopped by its event.
    #[default]
    None,
    /// One, this long.
    One(u32),
    /// Several ([`stage_times`] lists them).
    Many,
}

impl Times {
    #[inline]
    fn and(self, t: u32) -> Times {
        match self {
            Times::None => Times::One(t),
            Times::One(_) | Times::Many => Times::Many,
        }
    }
}

/// The times of a stage of a call: the natural seconds from start to stop
/// of each of its rounds stopped by its event (not cancelled), in order.
#[inline]
pub(crate) fn stage_times(call: Judged<'_>, stage: Stage) -> impl Iterator<Item = u32> + '_ {
    call.clocks()
        .iter()
        .filter(move |c| c.stage() == stage)
        .filter_map(move |c| c.settled(call.cal))
        .filter(|v| !v.cancelled)
        .map(|v| v.time())
}

/// The due time of a running clock at `as_of` (a paused clock: as if
/// resumed then), in local seconds.
fn running_due(cal: &Calendar, c: &StageClock, as_of: i64) -> Option<i64> {
    if !c.is_paused() {
        return c.due_ls(cal).ok();
    }
    c.due_ls_at(cal, as_of).or_else(|_| c.due_ls(cal)).ok()
}

/// A local second as an instant (it came from a clock, so it converts).
fn instant(ls: i64) -> Option<DateTime<FixedOffset>> {
    crate::time::from_local_secs(ls)
}

/// What one pass over a stage's clocks gathers to decide it.
#[derive(Default)]
struct Scan<'a> {
    latest: Option<&'a StageClock>,
    /// The latest clock that missed (its verdict is read again to decide).
    missed: Option<&'a StageClock>,
    met: bool,
    /// A clock whose due time waits for a year the calendar lacks.
    pending: Option<&'a StageClock>,
    times: Times,
}

/// The status of each stage of a call at `as_of` (in local seconds; see
/// [`StageStatus`]), in one pass over its clocks.
#[inline(always)]
pub(crate) fn eval_stages<'a>(call: Judged<'a>, as_of: i64) -> PerStage<StageEval<'a>> {
    let cal = call.cal;
    let mut scans: PerStage<Scan<'a>> = PerStage::default();
    for c in call.clocks() {
        let scan = scans.get_mut(c.stage());
        scan.latest = Some(c);
        if let Some(v) = c.settled(cal) {
            if !v.cancelled {
                scan.times = scan.times.and(v.time());
            }
            match v.outcome {
                Outcome::Missed => scan.missed = Some(c),
                Outcome::Met => scan.met = true,
            }
        } else if c.pending_on(cal).is_some() {
            scan.pending = Some(c);
        }
    }
    PerStage {
        dispatch: decide(cal, &scans.dispatch, as_of),
        arrival: decide(cal, &scans.arrival, as_of),
        reply: decide(cal, &scans.reply, as_of),
    }
}

/// The status, deciding clock, due time and overrun of a stage.
#[inline]
fn decide<'a>(cal: &Calendar, scan: &Scan<'a>, as_of: i64) -> StageEval<'a> {
    if let Some((c, v)) = scan.missed.and_then(|c| Some((c, c.settled(cal)?))) {
        return StageEval {
            status: StageStatus::Missed,
            clock: Some(c),
            due: Some(v.due),
            overrun: v.overrun,
            times: scan.times,
        };
    }
    // A round that waits for the calendar: nothing can be said yet.
    if let Some(c) = scan.pending {
        return StageEval {
            status: StageStatus::Undetermined,
            clock: Some(c),
            due: None,
            overrun: 0,
            times: scan.times,
        };
    }
    // Not started: not due.
    let Some(c) = scan.latest else {
        return StageEval {
            status: StageStatus::NotDue,
            clock: None,
            due: None,
            overrun: 0,
            times: scan.times,
        };
    };
    if c.is_running() {
        let due = running_due(cal, c, as_of);
        let over = due.map_or(0, |d| as_of - d);
        return StageEval {
            status: if over > 0 {
                StageStatus::OpenOverdue
            } else {
                StageStatus::OpenOnTrack
            },
            clock: Some(c),
            due,
            overrun: over.max(0),
            times: scan.times,
        };
    }
    StageEval {
        status: if scan.met {
            StageStatus::Met
        } else {
            StageStatus::NotDue
        },
        clock: Some(c),
        // The due time it ended with, verdict or not.
        due: c.due_ls(cal).ok(),
        overrun: 0,
        times: scan.times,
    }
}

/// The status of the call as a whole (see [`StageStatus`]).
pub(crate) fn call_status(call: Judged<'_>, stages: &PerStage<StageStatus>) -> StageStatus {
    let any = |s: StageStatus| stages.iter().any(|(_, x)| *x == s);
    if any(StageStatus::Missed) {
        StageStatus::Missed
    } else if any(StageStatus::OpenOverdue) {
        StageStatus::OpenOverdue
    } else if any(StageStatus::Undetermined) {
        StageStatus::Undetermined
    } else if stages.reply == StageStatus::Met {
        StageStatus::Met
    } else if call.is_open() {
        StageStatus::OpenOnTrack
    } else {
        StageStatus::NotDue
    }
}

/// The county department of a unit: a stationed agency's department per the
/// list, else the unit itself.
pub(crate) fn department_of<'a>(catalog: Option<&'a Catalog>, unit: &'a str) -> &'a str {
    catalog
        .and_then(|c| c.unit(unit))
        .filter(|u| u.kind == UnitKind::StationedAgency)
        .and_then(|u| u.department.as_deref())
        .unwrap_or(unit)
}

/// Natural seconds a clock was paused, open pauses counted up to `end`.
fn paused_secs(c: &StageClock, end: DateTime<FixedOffset>) -> i64 {
    c.pauses()
        .iter()
        .map(|p| (p.to.unwrap_or(end).timestamp() - p.from.timestamp()).max(0))
        .sum()
}

/// Who answers for a missed (or overdue) stage, by the list in force when
/// the call was raised ([`Catalog::accountable`]).
///
/// ```
/// use huying::compliance::Accountable;
/// let a = Accountable::Unit { unit: "U053@U068".into(), name_zh: "夏津县南城镇自然资源所".into(),
///     department: Some("U010".into()), edition: "XJ-2025".into() };
/// assert_eq!(serde_json::to_value(&a)?["kind"], "unit");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Accountable {
    /// The unit the list names.
    Unit {
        /// Its id.
        unit: String,
        /// Its Chinese name.
        name_zh: String,
        /// For a stationed agency: the department the list names.
        department: Option<String>,
        /// The edition of the list consulted.
        edition: String,
    },
    /// The list cannot say (the call is before the list, its matter or
    /// township is not on it, or no list was given).
    Unknown {
        /// The catalog's error code (e.g. `catalog.before_list`), or
        /// `compliance.no_list`.
        code: String,
        /// Why, in words.
        reason: String,
    },
}

impl Accountable {
    /// The accountable unit for a stage of a call, per the list in force at
    /// `raised`.
    ///
    /// ```
    /// use huying::{catalog::{Catalog, Stage}, compliance::Accountable};
    /// let at = chrono::DateTime::parse_from_rfc3339("2025-10-09T10:00:00+08:00")?;
    /// let c = Catalog::sample();
    /// match Accountable::of(Some(&c), "M001", "U068", Stage::Reply, &at) {
    ///     Accountable::Unit { unit, department, .. } => {
    ///         assert_eq!(unit, "U053@U068");
    ///         assert_eq!(department.as_deref(), Some("U010"));
    ///     }
    ///     other => panic!("{other:?}"),
    /// }
    /// let before = chrono::DateTime::parse_from_rfc3339("2025-03-01T10:00:00+08:00")?;
    /// assert!(matches!(Accountable::of(Some(&c), "M001", "U068", Stage::Reply, &before),
    ///     Accountable::Unknown { code, .. } if code == "catalog.before_list"));
    /// # Ok::<(), chrono::ParseError>(())
    /// ```
    pub fn of(
        catalog: Option<&Catalog>,
        matter: &str,
        township: &str,
        stage: Stage,
        raised: &DateTime<FixedOffset>,
    ) -> Accountable {
        let Some(catalog) = catalog else {
            return Accountable::Unknown {
                code: "compliance.no_list".into(),
                reason: "no responsibility list was given".into(),
            };
        };
        match catalog.accountable(matter, township, stage.into(), raised) {
            Ok(a) => match a.units.first() {
                Some(u) => Accountable::Unit {
                    unit: u.id.clone(),
                    name_zh: u.name_zh.clone(),
                    department: a.department.map(|d| d.id.clone()),
                    edition: a.edition.id().to_string(),
                },
                None => Accountable::Unknown {
                    code: "compliance.no_unit".into(),
                    reason: "the list names no unit".into(),
                },
            },
            Err(e) => Accountable::Unknown {
                code: e.code().to_string(),
                reason: e.to_string(),
            },
        }
    }
}

/// One round (clock) of a stage: a stage gets a new round when it starts
/// again (dispatch after a return; arrival and reply after a re-dispatch;
/// reply after an unsatisfied evaluation).
///
/// ```
/// use huying::{calendar::Calendar, call::{log, Call, CallPolicy}, compliance::{CallRecord, StageStatus}};
/// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), log::EXAMPLE)?;
/// let as_of = chrono::DateTime::parse_from_rfc3339("2025-07-01T00:00:00+08:00").unwrap();
/// let r = CallRecord::new(&call, as_of, None);
/// let round = &r.stages.arrival.rounds[0];
/// assert_eq!(round.status, StageStatus::Met);
/// assert_eq!(round.stopped.unwrap().to_rfc3339(), "2025-06-03T11:40:00+08:00");
/// # Ok::<(), huying::call::CallError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundRecord {
    /// 1 for the stage's first clock, 2 for the next, …
    pub round: u16,
    /// The unit answering for it (the command centre for dispatch).
    pub unit: Option<String>,
    /// The limit, with extensions.
    pub limit: Limit,
    /// When the clock started.
    pub started: DateTime<FixedOffset>,
    /// Natural seconds it was paused (an open pause up to `as_of`).
    pub paused_secs: i64,
    /// The due time (pauses and extensions included; for a running, paused
    /// clock: as if it resumed at `as_of`).
    pub due: Option<DateTime<FixedOffset>>,
    /// When it stopped or was cancelled.
    pub stopped: Option<DateTime<FixedOffset>>,
    /// Whether a return or withdrawal cancelled it.
    pub cancelled: bool,
    /// Whether the limit was extended.
    pub extended: bool,
    /// How often it was supervised.
    pub supervised: u16,
    /// Met, missed, open (overdue or on track), or not due (cancelled in time).
    pub status: StageStatus,
    /// Natural seconds past the due time (when it ended, or at `as_of`).
    pub overrun_secs: i64,
}

/// One stage of a call, over its rounds (see [`StageStatus`] for how the
/// rounds decide the stage).
///
/// ```
/// use huying::{calendar::Calendar, call::{log, Call, CallPolicy}, compliance::{CallRecord, StageStatus}};
/// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), log::EXAMPLE)?;
/// let as_of = chrono::DateTime::parse_from_rfc3339("2025-07-01T00:00:00+08:00").unwrap();
/// let r = CallRecord::new(&call, as_of, None);
/// assert_eq!(r.stages.reply.status, StageStatus::Met);
/// assert_eq!(r.stages.reply.due.unwrap().to_rfc3339(), "2025-06-07T00:00:00+08:00");
/// assert!(r.stages.reply.accountable.is_none());
/// # Ok::<(), huying::call::CallError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageRecord {
    /// How the stage stands at `as_of`.
    pub status: StageStatus,
    /// The unit answering for the deciding round (the latest missed one, else
    /// the latest).
    pub unit: Option<String>,
    /// That unit's county department (a stationed agency rolled up).
    pub department: Option<String>,
    /// When the stage's first round started.
    pub started: Option<DateTime<FixedOffset>>,
    /// Natural seconds paused over all rounds.
    pub paused_secs: i64,
    /// The deciding round's due time.
    pub due: Option<DateTime<FixedOffset>>,
    /// When the latest round was stopped by its event (not cancelled).
    pub stopped: Option<DateTime<FixedOffset>>,
    /// Natural seconds past the due time: for a missed stage, by how much
    /// the deciding round missed; for an open-overdue one, at `as_of`.
    pub overrun_secs: i64,
    /// For a missed or open-overdue stage: who answers for it by the list
    /// in force when the call was raised.
    pub accountable: Option<Accountable>,
    /// Every round, in order.
    pub rounds: Vec<RoundRecord>,
}

/// Everything compliance knows about one call at `as_of`: its facts, its
/// status, and each stage with its rounds. For per-call output (JSON lines)
/// and audits; the aggregate report does not need to build these.
///
/// ```
/// use huying::{calendar::Calendar, call::{log, Call, CallPolicy}, catalog::Catalog};
/// use huying::compliance::{CallRecord, StageStatus};
/// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), log::EXAMPLE)?;
/// let as_of = chrono::DateTime::parse_from_rfc3339("2025-07-01T00:00:00+08:00").unwrap();
/// let r = CallRecord::new(&call, as_of, Some(&Catalog::sample()));
/// assert_eq!(r.status, StageStatus::Met);
/// assert_eq!(r.holder.as_deref(), Some("U010"));
/// assert!(serde_json::to_string(&r).unwrap().contains("\"status\":\"met\""));
/// # Ok::<(), huying::call::CallError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CallRecord {
    /// The call id.
    pub call: String,
    /// The calling township.
    pub township: String,
    /// The matter.
    pub matter: String,
    /// The matter's domain per the list in force when raised, if known.
    pub domain: Option<String>,
    /// When it was raised.
    pub raised: DateTime<FixedOffset>,
    /// Its state at `as_of`.
    pub state: StateKind,
    /// Its status as a whole.
    pub status: StageStatus,
    /// The unit that last held it (reply's, else arrival's, else dispatch's).
    pub holder: Option<String>,
    /// Facts from its events.
    pub facts: CallFacts,
    /// Each stage.
    pub stages: PerStage<StageRecord>,
}

impl CallRecord {
    /// The record of a call at `as_of` (events after `as_of` must not have
    /// been applied). With a list, missed and overdue stages name who
    /// answers for them and stationed agencies roll up to their department.
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::{log, Call, CallPolicy}, compliance::{CallRecord, StageStatus}};
    /// // Only the first line: raised at 09:00, dispatch due 09:30.
    /// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), log::EXAMPLE.lines().next().unwrap())?;
    /// let t = |s| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    /// let r = CallRecord::new(&call, t("2025-06-03T10:00:00+08:00"), None);
    /// assert_eq!(r.stages.dispatch.status, StageStatus::OpenOverdue);
    /// assert_eq!(r.stages.dispatch.overrun_secs, 1800);
    /// assert_eq!(r.stages.arrival.status, StageStatus::NotDue); // not started
    /// assert_eq!(r.status, StageStatus::OpenOverdue);
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn new(call: &Call, as_of: DateTime<FixedOffset>, catalog: Option<&Catalog>) -> CallRecord {
        CallRecord::of(Judged::of(call), as_of, catalog)
    }

    /// [`CallRecord::new`] of a call as the tally judges it.
    pub(crate) fn of(
        call: Judged<'_>,
        as_of: DateTime<FixedOffset>,
        catalog: Option<&Catalog>,
    ) -> CallRecord {
        let evals = eval_stages(call, local_secs(&as_of));
        let statuses = PerStage::from_fn(|s| evals.get(s).status);
        let status = call_status(call, &statuses);
        let holder = [Stage::Reply, Stage::Arrival, Stage::Dispatch]
            .into_iter()
            .find_map(|s| evals.get(s).clock.and_then(|c| call.unit(c)))
            .map(|u| u.to_string());
        let raised = call.raised_at();
        let stages = PerStage::from_fn(|stage| {
            let ev = evals.get(stage);
            let unit = ev.clock.and_then(|c| call.unit(c)).map(|u| u.to_string());
            let department = unit
                .as_deref()
                .map(|u| department_of(catalog, u).to_string());
            let rounds: Vec<RoundRecord> = call
                .clocks()
                .iter()
                .filter(|c| c.stage() == stage)
                .map(|c| round_record(call, c, call.core.limit_of(stage), as_of))
                .collect();
            let latest = call.clocks().iter().rev().find(|c| c.stage() == stage);
            StageRecord {
                status: ev.status,
                unit,
                department,
                started: rounds.first().map(|r| r.started),
                paused_secs: rounds.iter().map(|r| r.paused_secs).sum(),
                due: ev.due.and_then(instant),
                stopped: latest
                    .filter(|c| !c.is_running() && !c.is_cancelled())
                    .and_then(|c| c.stopped_ls())
                    .and_then(instant),
                overrun_secs: ev.overrun,
                accountable: matches!(ev.status, StageStatus::Missed | StageStatus::OpenOverdue)
                    .then(|| {
                        Accountable::of(catalog, call.matter(), call.township(), stage, &raised)
                    }),
                rounds,
            }
        });
        let domain = catalog
            .and_then(|c| c.as_of(&raised).ok())
            .and_then(|e| e.matter(call.matter()))
            .map(|m| m.domain.clone());
        CallRecord {
            call: call.id().to_string(),
            township: call.township().to_string(),
            matter: call.matter().to_string(),
            domain,
            raised,
            state: call.kind(),
            status,
            holder,
            facts: call.facts().clone(),
            stages,
        }
    }
}

/// A round's record; `base` is the stage's limit before extensions.
fn round_record(
    call: Judged<'_>,
    c: &StageClock,
    base: Limit,
    as_of: DateTime<FixedOffset>,
) -> RoundRecord {
    let cal = call.cal;
    let stopped = c.stopped_ls().and_then(instant);
    let as_of_ls = local_secs(&as_of);
    let (status, due, overrun) = match c.settled(cal) {
        Some(v) => (
            match v.outcome {
                Outcome::Met => StageStatus::Met,
                Outcome::Missed => StageStatus::Missed,
            },
            instant(v.due),
            v.overrun,
        ),
        None if c.pending_on(cal).is_some() => (StageStatus::Undetermined, None, 0),
        None if c.is_running() => {
            let due = running_due(cal, c, as_of_ls);
            let over = due.map_or(0, |d| as_of_ls - d);
            let status = if over > 0 {
                StageStatus::OpenOverdue
            } else {
                StageStatus::OpenOnTrack
            };
            (status, due.and_then(instant), over.max(0))
        }
        None => (StageStatus::NotDue, c.due_ls(cal).ok().and_then(instant), 0),
    };
    RoundRecord {
        round: c.round(),
        unit: call.unit(c).map(|u| u.to_string()),
        limit: c.limit(),
        started: instant(c.started_ls()).unwrap_or(as_of),
        paused_secs: paused_secs(c, stopped.unwrap_or(as_of)),
        due,
        stopped,
        cancelled: c.is_cancelled(),
        extended: c.limit() != base,
        supervised: c.supervised(),
        status,
        overrun_secs: overrun,
    }
}
